"""WeChat chat screenshots drawn from scripts: the layout a phone shows, at any width and size.

Geometry is WeChat's in points (a 375-point-wide screen), scaled to the phone's pixels: status
bar, title bar with the other party's name, avatars, white (other) and green (self) bubbles with
their tails, centred grey times and notices, orange transfer cards, the input bar and the home
indicator. Dark mode swaps the colours only. Text wraps as the app wraps it: Chinese anywhere,
an ID or number mid-way when it does not fit, English at spaces.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .scripts import Script, Turn

FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))


@cache
def font_file(name: str) -> Path:
    """A system font file by name (Debian's fonts-noto-cjk)."""
    for folder in FONT_DIRS:
        found = next(iter(sorted(folder.rglob(name))), None) if folder.is_dir() else None
        if found is not None:
            return found
    raise FileNotFoundError(f"font {name} not found (Debian: apt install fonts-noto-cjk)")


@cache
def font(name: str, pixels: int) -> ImageFont.FreeTypeFont:
    """The simplified Chinese face of a Noto CJK collection at `pixels`."""
    path = str(font_file(name))
    for index in range(10):
        face = ImageFont.truetype(path, pixels, index=index)
        if " SC" in " ".join(face.getname()[0:1]):
            return face
    return ImageFont.truetype(path, pixels)


@dataclass(frozen=True)
class Style:
    width: int = 1080
    height: int = 2340
    font: str = "NotoSansCJK-Regular.ttc"
    size_pt: float = 17.0  # WeChat's text size setting: 15 (small) to 20 (large)
    dark: bool = False
    notch: bool = True  # a 44-point status bar and a home indicator (else 20 points, none)

    @property
    def scale(self) -> float:
        return self.width / 375


LIGHT = {
    "bg": (237, 237, 237),
    "bar": (237, 237, 237),
    "input": (247, 247, 247),
    "field": (255, 255, 255),
    "other": (255, 255, 255),
    "self": (149, 236, 105),
    "text": (17, 17, 17),
    "self_text": (17, 17, 17),
    "grey": (160, 160, 160),
    "transfer": (250, 157, 59),
    "transfer_done": (252, 206, 150),
    "title": (17, 17, 17),
}
DARK = {
    "bg": (17, 17, 17),
    "bar": (17, 17, 17),
    "input": (30, 30, 30),
    "field": (44, 44, 44),
    "other": (44, 44, 44),
    "self": (62, 181, 117),
    "text": (213, 213, 213),
    "self_text": (10, 20, 12),
    "grey": (110, 110, 110),
    "transfer": (205, 125, 40),
    "transfer_done": (120, 85, 45),
    "title": (213, 213, 213),
}


@dataclass
class Drawn:
    """A picture and its truth: each text line drawn (text, box, speaker) and each message."""

    image: Image.Image
    lines: list[tuple[str, tuple[int, int, int, int], str]] = field(default_factory=list)
    messages: list[tuple[str, str]] = field(default_factory=list)  # (speaker, text)
    spans: list[tuple[int, int]] = field(default_factory=list)  # each message's top and bottom
    avatars: dict[str, tuple[int, ...]] = field(default_factory=dict)
    turns: list[Turn] = field(default_factory=list)  # the turn each message draws


def _colour(rng: random.Random) -> tuple[int, ...]:
    return tuple(rng.randint(60, 220) for _ in range(3))


def wrap(text: str, face: ImageFont.FreeTypeFont, limit: float) -> list[str]:
    """Lines as the app wraps them: at spaces; Chinese and too-long tokens anywhere."""
    lines: list[str] = []
    current = ""
    words = text.split(" ")
    for position, word in enumerate(words):
        piece = word if position == 0 else " " + word
        if face.getlength(current + piece) <= limit:
            current += piece
            continue
        if current and " " in text and face.getlength(word) <= limit and word.isascii():
            lines.append(current)
            current = word
            continue
        for char in piece:
            if face.getlength(current + char) > limit and current:
                lines.append(current)
                current = char.lstrip()
            else:
                current += char
    if current:
        lines.append(current)
    return lines


@dataclass
class Block:
    """One turn laid out: its height and how to draw it at a given top."""

    turn: Turn
    height: int
    lines: list[str]


def layout(script: Script, style: Style) -> list[Block]:
    s = style.scale
    face = font(style.font, round(style.size_pt * s))
    small = font(style.font, round(13 * s))
    blocks = []
    for turn in script.turns:
        if turn.kind in ("time", "notice"):
            lines = wrap(turn.text, small, 300 * s)
            blocks.append(Block(turn, round((len(lines) * 20 + 20) * s), lines))
        elif turn.kind == "transfer":
            blocks.append(Block(turn, round(92 * s), [turn.text]))
        else:
            lines = wrap(turn.text, face, 222 * s)
            text_h = len(lines) * style.size_pt * 1.4
            blocks.append(Block(turn, round((max(text_h + 20, 40) + 16) * s), lines))
    return blocks


def _avatar(
    draw: ImageDraw.ImageDraw, x: float, y: float, s: float, colour: tuple[int, ...]
) -> None:
    draw.rounded_rectangle((x, y, x + 40 * s, y + 40 * s), radius=4 * s, fill=colour)
    draw.ellipse((x + 12 * s, y + 8 * s, x + 28 * s, y + 24 * s), fill=(250, 225, 200))


def draw_block(canvas: Drawn, block: Block, top: float, style: Style, rng: random.Random) -> None:
    """Draw one turn at `top` and note its lines and message."""
    s, w = style.scale, style.width
    c = DARK if style.dark else LIGHT
    draw = ImageDraw.Draw(canvas.image)
    turn = block.turn
    if turn.kind in ("time", "notice"):
        small = font(style.font, round(13 * s))
        y = top + 10 * s
        for text in block.lines:
            length = small.getlength(text)
            x = (w - length) / 2
            if turn.kind == "notice":
                draw.rounded_rectangle(
                    (x - 6 * s, y - 2 * s, x + length + 6 * s, y + 19 * s),
                    radius=3 * s,
                    fill=c["input"],
                )
            draw.text((x, y), text, font=small, fill=c["grey"])
            canvas.lines.append((text, _box(draw, (x, y), text, small), "system"))
            y += 20 * s
        canvas.messages.append(("system", "".join(block.lines)))
        return
    side = turn.speaker
    avatar_x = 12 * s if side == "other" else w - 52 * s
    _avatar(draw, avatar_x, top, s, canvas.avatars.setdefault(side, _colour(rng)))
    if turn.kind == "transfer":
        # The payer's card asks to be received; the receiver's, after it, says it was.
        done = bool(canvas.messages) and canvas.messages[-1][1].startswith("¥")
        card_w, card_h = 230 * s, 76 * s
        x0 = 60 * s if side == "other" else w - 60 * s - card_w
        draw.rounded_rectangle(
            (x0, top, x0 + card_w, top + card_h),
            radius=5 * s,
            fill=c["transfer_done"] if done else c["transfer"],
        )
        big = font(style.font, round(17 * s))
        small = font(style.font, round(12 * s))
        tiny = font(style.font, round(11 * s))
        status = "已收款" if done else "请收款"
        draw.text((x0 + 54 * s, top + 10 * s), turn.text, font=big, fill=(255, 255, 255))
        draw.text((x0 + 54 * s, top + 34 * s), status, font=small, fill=(255, 255, 255))
        draw.line(
            (x0 + 10 * s, top + 56 * s, x0 + card_w - 10 * s, top + 56 * s), fill=(255, 255, 255)
        )
        draw.text((x0 + 12 * s, top + 60 * s), "微信转账", font=tiny, fill=(255, 255, 255))
        draw.ellipse(
            (x0 + 12 * s, top + 12 * s, x0 + 44 * s, top + 44 * s),
            outline=(255, 255, 255),
            width=max(1, round(2 * s)),
        )
        for text, at, face in (
            (turn.text, (x0 + 54 * s, top + 10 * s), big),
            (status, (x0 + 54 * s, top + 34 * s), small),
            ("微信转账", (x0 + 12 * s, top + 60 * s), tiny),
        ):
            canvas.lines.append((text, _box(draw, at, text, face), side))
        canvas.messages.append((side, f"{turn.text}{status}微信转账"))
        return
    face = font(style.font, round(style.size_pt * s))
    pitch = style.size_pt * 1.4 * s
    text_w = max(face.getlength(t) for t in block.lines)
    pad_x, pad_y = 12 * s, 10 * s
    bubble_h = max(len(block.lines) * pitch + 2 * pad_y, 40 * s)
    x0 = 60 * s if side == "other" else w - 60 * s - text_w - 2 * pad_x
    x1 = x0 + text_w + 2 * pad_x
    draw.rounded_rectangle((x0, top, x1, top + bubble_h), radius=5 * s, fill=c[side])
    tip_y = top + 20 * s
    if side == "other":
        draw.polygon([(x0 - 6 * s, tip_y), (x0, tip_y - 6 * s), (x0, tip_y + 6 * s)], fill=c[side])
    else:
        draw.polygon([(x1 + 6 * s, tip_y), (x1, tip_y - 6 * s), (x1, tip_y + 6 * s)], fill=c[side])
    y = top + pad_y + (bubble_h - 2 * pad_y - len(block.lines) * pitch) / 2
    ink = c["text"] if side == "other" else c["self_text"]
    for text in block.lines:
        at = (x0 + pad_x, y + (pitch - style.size_pt * s * 1.2) / 2)
        draw.text(at, text, font=face, fill=ink)
        canvas.lines.append((text, _box(draw, at, text, face), side))
        y += pitch
    canvas.messages.append((side, turn.text))


def _box(
    draw: ImageDraw.ImageDraw, at: tuple[float, float], text: str, face: ImageFont.FreeTypeFont
) -> tuple[int, int, int, int]:
    x0, y0, x1, y1 = draw.textbbox(at, text, font=face)
    return (round(x0), round(y0), round(x1 - x0), round(y1 - y0))


def conversation(script: Script, style: Style, seed: int) -> Drawn:
    """The whole conversation drawn on one long strip (the chat area only)."""
    s = style.scale
    blocks = layout(script, style)
    total = round(16 * s) + sum(b.height for b in blocks)
    c = DARK if style.dark else LIGHT
    canvas = Drawn(Image.new("RGB", (style.width, total), c["bg"]))
    rng = random.Random(seed)
    top = round(8 * s)
    for block in blocks:
        before = len(canvas.messages)
        draw_block(canvas, block, top, style, rng)
        if len(canvas.messages) > before:
            canvas.spans.append((top, top + block.height))
            canvas.turns.append(block.turn)
        top += block.height
    return canvas


def bars(style: Style) -> tuple[int, int, int]:
    """Heights of the status bar, the title bar and the input bar (with the home indicator)."""
    s = style.scale
    status = round((44 if style.notch else 20) * s)
    return status, round(44 * s), round((56 + (34 if style.notch else 0)) * s)


def screen(strip: Drawn, title: str, style: Style, top: int, *, height: int | None = None) -> Drawn:
    """The phone's screen showing the strip from row `top`: bars drawn over, truth cut to it."""
    s, w = style.scale, style.width
    c = DARK if style.dark else LIGHT
    status_h, nav_h, input_h = bars(style)
    h = height or style.height
    area = h - status_h - nav_h - input_h
    shot = Drawn(Image.new("RGB", (w, h), c["bg"]))
    piece = strip.image.crop((0, top, w, min(top + area, strip.image.height)))
    shot.image.paste(piece, (0, status_h + nav_h))
    draw = ImageDraw.Draw(shot.image)
    draw.rectangle((0, 0, w, status_h + nav_h), fill=c["bar"])
    small = font(style.font, round(14 * s))
    if style.notch:
        draw.text((28 * s, 14 * s), "9:41", font=small, fill=c["title"])
    else:
        draw.text((6 * s, 3 * s), "中国移动", font=font(style.font, round(12 * s)), fill=c["title"])
        draw.text(((w - small.getlength("9:41")) / 2, 2 * s), "9:41", font=small, fill=c["title"])
    draw.rounded_rectangle(
        (w - 40 * s, status_h / 2 - 6 * s, w - 16 * s, status_h / 2 + 6 * s),
        radius=3 * s,
        outline=c["title"],
        width=max(1, round(s)),
    )
    head = font(style.font, round(17 * s))
    at = ((w - head.getlength(title)) / 2, status_h + 10 * s)
    draw.text(at, title, font=head, fill=c["title"])
    shot.lines.append((title, _box(draw, at, title, head), "title"))
    mid = status_h + nav_h / 2
    draw.line(
        [(22 * s, mid - 8 * s), (14 * s, mid), (22 * s, mid + 8 * s)],
        fill=c["title"],
        width=max(1, round(2 * s)),
    )
    for dx in (-10, 0, 10):
        x = w - 26 * s + dx * s
        draw.ellipse((x - 2 * s, mid - 2 * s, x + 2 * s, mid + 2 * s), fill=c["title"])
    bar_top = h - input_h
    draw.rectangle((0, bar_top, w, h), fill=c["input"])
    row = bar_top + 10 * s
    draw.ellipse(
        (10 * s, row + 4 * s, 38 * s, row + 32 * s), outline=c["title"], width=max(1, round(s))
    )
    draw.rounded_rectangle((46 * s, row, w - 86 * s, row + 36 * s), radius=4 * s, fill=c["field"])
    for x in (w - 78 * s, w - 42 * s):
        draw.ellipse(
            (x, row + 4 * s, x + 28 * s, row + 32 * s), outline=c["title"], width=max(1, round(s))
        )
    if style.notch:
        draw.rounded_rectangle(
            (w / 2 - 67 * s, h - 13 * s, w / 2 + 67 * s, h - 8 * s), radius=3 * s, fill=c["title"]
        )
    offset = status_h + nav_h - top
    for text, (x, y, bw, bh), who in strip.lines:
        if y >= top and y + bh <= top + area:
            shot.lines.append((text, (x, y + offset, bw, bh), who))
    for (who, text), (a, b), turn in zip(strip.messages, strip.spans, strip.turns, strict=True):
        if a >= top and b <= top + area:
            shot.messages.append((who, text))
            shot.turns.append(turn)
    return shot


def chat_area(style: Style) -> int:
    status_h, nav_h, input_h = bars(style)
    return style.height - status_h - nav_h - input_h
