"""The delivery kit's share image: the demand and a QR code of the reply link, as one PNG.

Made on the server (Pillow, qrcode) so that it needs nothing of the phone's browser, and served
inline: WeChat's browser blocks downloads, and a long press saves a picture. Chinese needs a
CJK font, which the system provides (Debian's fonts-noto-cjk, as the PDFs use).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import qrcode
from PIL import Image, ImageDraw, ImageFont
from qrcode.constants import ERROR_CORRECT_M

from weiquan.common.i18n import N_, gettext
from weiquan.common.money import format_yuan
from weiquan.replies import kit

# Where Debian and most Linux systems keep Noto CJK (fonts-noto-cjk); the first found is used.
FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
FONT_NAMES = ("NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.otf", "NotoSansSC-Regular.otf")
WIDTH = 750
MARGIN = 48
QR_BOX = 8  # pixels per module: a phone camera reads it off another screen
QR_BORDER = 4
INK = (34, 34, 34)
ACCENT = (192, 57, 43)
MUTED = (110, 110, 110)

TITLE = N_("Consumer's demand")
SCAN = N_("Scan to read the demand and answer (no account needed)")
ASKED = N_("Asked: ¥{amount}")
ABOUT = N_("{goods}, bought {order_date}, paid ¥{price}")
WRONG = N_("What is wrong: {problems}")
BASIS = N_("{ask} (under the {basis})")
ANSWER = N_("Please answer {deadline}.")
BUYER = N_("Buyer {name} · {phone} · case {number}")


class NoFont(RuntimeError):
    """No CJK font on this system: the image cannot show Chinese."""


@dataclass(frozen=True)
class Share:
    png: bytes
    qr_at: tuple[int, int]  # the QR code's top-left corner, border included
    qr_box: int = QR_BOX
    qr_border: int = QR_BORDER


@cache
def font_file() -> Path:
    """The system's Noto CJK font file."""
    for folder in FONT_DIRS:
        for name in FONT_NAMES:
            found = next(iter(sorted(folder.rglob(name))), None) if folder.is_dir() else None
            if found is not None:
                return found
    raise NoFont("no Noto CJK font found (Debian: apt install fonts-noto-cjk)")


@cache
def font(size: int) -> ImageFont.FreeTypeFont:
    """The simplified Chinese face of the collection (a .ttc holds JP, KR, SC, TC ...)."""
    path = font_file()
    for index in range(10):
        try:
            face = ImageFont.truetype(str(path), size, index=index)
        except OSError:
            break
        if " SC" in " ".join(n or "" for n in face.getname()):
            return face
    return ImageFont.truetype(str(path), size)


def _wrap(
    draw: ImageDraw.ImageDraw, text: str, face: ImageFont.FreeTypeFont, width: int
) -> list[str]:
    """Lines of text no wider than width, broken between any two characters (Chinese has no
    spaces to break at)."""
    lines: list[str] = []
    line = ""
    for char in text:
        if draw.textlength(line + char, font=face) > width and line:
            lines.append(line)
            line = char.lstrip()
        else:
            line += char
    return [*lines, line] if line else lines


def qr_matrix(link: str) -> list[list[bool]]:
    """The QR code of the link, module by module (True is dark), border excluded."""
    return [row[QR_BORDER:-QR_BORDER] for row in _qr(link).get_matrix()[QR_BORDER:-QR_BORDER]]


def _qr(link: str) -> qrcode.QRCode:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=QR_BOX, border=QR_BORDER)
    code.add_data(link)
    code.make(fit=True)
    return code


def render(demand: kit.Demand, link: str, lang: str = kit.SELLER_LANGUAGE) -> Share:
    """The share image of the demand, as PNG bytes."""
    text_width = WIDTH - 2 * MARGIN
    blocks: list[tuple[str, int, tuple[int, int, int]]] = [
        (gettext(TITLE, lang), 44, ACCENT),
        (
            gettext(ABOUT, lang).format(
                goods="「" + kit.short(demand.goods, kit.GOODS_LIMIT) + "」",
                order_date=demand.order_date.isoformat(),
                price=format_yuan(demand.price_fen),
            ),
            28,
            INK,
        ),
        (gettext(WRONG, lang).format(problems=kit.problems_text(demand, lang) or "-"), 28, INK),
        (gettext(ASKED, lang).format(amount=format_yuan(demand.amount_fen)), 40, ACCENT),
        (
            gettext(BASIS, lang).format(
                ask=gettext(demand.ask, lang), basis=gettext(demand.basis, lang)
            ),
            26,
            INK,
        ),
        (gettext(ANSWER, lang).format(deadline=kit.deadline_text(demand, lang)), 28, INK),
    ]
    scratch = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    laid: list[tuple[str, ImageFont.FreeTypeFont, tuple[int, int, int], int]] = []
    for text, size, colour in blocks:
        face = font(size)
        for line in _wrap(scratch, text, face, text_width):
            laid.append((line, face, colour, int(size * 1.45)))
        laid.append(("", face, colour, 14))  # space between blocks
    qr_image = _qr(link).make_image(fill_color="black", back_color="white").get_image()
    qr_image = qr_image.convert("RGB")
    footer = [
        (gettext(SCAN, lang), font(26), INK),
        (
            gettext(BUYER, lang).format(
                name=demand.consumer_name, phone=demand.consumer_phone, number=demand.number
            ),
            font(22),
            MUTED,
        ),
    ]
    height = MARGIN + sum(step for *_, step in laid) + qr_image.height + 24 + 2 * 40 + MARGIN
    image = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 10), fill=ACCENT)
    y = MARGIN
    for line, face, colour, step in laid:
        if line:
            draw.text((MARGIN, y), line, font=face, fill=colour)
        y += step
    qr_at = ((WIDTH - qr_image.width) // 2, y)
    image.paste(qr_image, qr_at)
    y += qr_image.height + 12
    for line, face, colour in footer:
        width = draw.textlength(line, font=face)
        draw.text(((WIDTH - width) / 2, y), line, font=face, fill=colour)
        y += 40
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return Share(out.getvalue(), qr_at)
