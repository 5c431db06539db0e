"""A WeChat chat screenshot for the reading tests, drawn by the project's own synthetic renderer
(bench/readingset: WeChat's layout, status and title bars, avatars, bubbles, the input bar)
from a scripted conversation; `simple_png` is a bare drawing of bubbles, kept for comparison."""

from __future__ import annotations

import io
from datetime import date
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from bench.readingset import chats, png, scripts

FONT = "NotoSansCJK-Regular.ttc"


@cache
def font(size: int) -> ImageFont.FreeTypeFont:
    path = next(Path("/usr/share/fonts").rglob(FONT))
    for index in range(10):
        face = ImageFont.truetype(str(path), size, index=index)
        if "SC" in face.getname()[0]:
            return face
    return ImageFont.truetype(str(path), size)


def chat_png(turns: list[tuple[str, str]], width: int = 1080) -> bytes:
    """turns: (who, text) with who "other", "self" or "time"; a PNG of the chat screen."""
    script = scripts.Script(
        title="Coco名品代购",
        turns=[
            scripts.Turn("system", text, kind="time")
            if who == "time"
            else scripts.Turn("self" if who == "self" else "other", text)
            for who, text in turns
        ],
        amount="2680.00",
        wechat_id=None,
        phone=None,
        as_of=date(2026, 11, 27),
    )
    look = chats.Style(width, round(width * 1334 / 750), notch=False)
    strip = chats.conversation(script, look, 7)
    return png(chats.screen(strip, script.title, look, 0))


def simple_png(turns: list[tuple[str, str]], width: int = 750, size: int = 30) -> bytes:
    """turns: (who, text) with who "other", "self" or "time"; a PNG of the chat."""
    face = font(size)
    small = font(int(size * 0.75))
    row, pad, avatar = int(size * 2.6), int(size * 0.5), int(size * 1.6)
    height = 160 + row * len(turns) + 120
    img = Image.new("RGB", (width, height), (237, 237, 237))
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, 0, width, 110], fill=(237, 237, 237))
    draw.text((width // 2 - size * 3, 40), "Coco名品代购", font=face, fill=(0, 0, 0))
    y = 160
    for who, text in turns:
        if who == "time":
            w = draw.textlength(text, font=small)
            draw.text(((width - w) / 2, y + pad), text, font=small, fill=(150, 150, 150))
        else:
            w = draw.textlength(text, font=face)
            if who == "other":
                draw.rectangle([20, y, 20 + avatar, y + avatar], fill=(120, 160, 200))
                x0 = 40 + avatar
                fill = (255, 255, 255)
            else:
                draw.rectangle(
                    [width - 20 - avatar, y, width - 20, y + avatar], fill=(200, 150, 90)
                )
                x0 = width - 40 - avatar - w - 2 * pad
                fill = (149, 236, 105)
            draw.rounded_rectangle([x0, y, x0 + w + 2 * pad, y + size + 2 * pad], 8, fill=fill)
            draw.text((x0 + pad, y + pad * 0.7), text, font=face, fill=(0, 0, 0))
        y += row
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


SELLER_CHAT = [
    ("time", "2026年11月20日 21:14"),
    ("other", "亲，这款是专柜正品，假一赔十"),
    ("self", "多少钱？"),
    ("other", "2680元，包邮"),
    ("other", "微信号 coco_mingpin2026"),
    ("other", "电话 13812345678"),
    ("self", "收到是假的，我要退货"),
    ("other", "售出不退"),
]
