"""A WeChat chat screenshot for the reading tests, drawn by the project's own synthetic renderer
(bench/readingset: WeChat's layout, status and title bars, avatars, bubbles, the input bar)
from a scripted conversation."""

from __future__ import annotations

from datetime import date

from bench.readingset import chats, png, scripts


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
