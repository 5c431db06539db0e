"""The project's own test set for reading pictures (issue 22): screenshots drawn with their truth.

Two splits made apart: `tuning` (Noto Sans CJK Regular, seeds from 1000) is what the rules were
tuned on; `measuring` (Noto Serif CJK, Bold weights, other text sizes, seeds from 5000) is what
the bench reports. Every picture is drawn here from a script, so its truth is known exactly:
the lines drawn (text and box), the messages with their speakers, the title's nickname, the
amount, the seller's WeChat ID and phone, the times and the findings said.

Used by bench/bench_reading.py and by tests/reading (a few pictures read for real).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from . import chats, records, scripts
from .chats import Drawn, Style

Split = Literal["tuning", "measuring"]
PHONES = ((1080, 2340, True), (750, 1334, False), (1170, 2532, True))
FONTS: dict[Split, tuple[str, ...]] = {
    "tuning": ("NotoSansCJK-Regular.ttc",),
    "measuring": ("NotoSerifCJK-Regular.ttc", "NotoSansCJK-Bold.ttc", "NotoSerifCJK-Bold.ttc"),
}
SIZES: dict[Split, tuple[float, ...]] = {"tuning": (16.0, 17.0), "measuring": (15.0, 18.0, 20.0)}
SEEDS: dict[Split, int] = {"tuning": 1000, "measuring": 5000}


@dataclass
class Sample:
    """One picture and what is true of it."""

    name: str
    kind: str  # chat_screenshot | transfer_record | order_page
    png: bytes
    style: Style
    lines: list[tuple[str, tuple[int, int, int, int], str]]
    messages: list[tuple[str, str]] = field(default_factory=list)
    title: str | None = None
    amount: str | None = None
    wechat_id: str | None = None
    phone: str | None = None
    times: list[datetime] = field(default_factory=list)
    findings: set[str] = field(default_factory=set)
    as_of: date | None = None
    perspective: str = "buyer"


def png(drawn: Drawn) -> bytes:
    out = io.BytesIO()
    drawn.image.save(out, "PNG", optimize=False, compress_level=1)
    return out.getvalue()


def style(split: Split, index: int) -> Style:
    """The phone, font, size and mode of the `index`-th picture of a split."""
    width, height, notch = PHONES[index % len(PHONES)]
    fonts, sizes = FONTS[split], SIZES[split]
    return Style(
        width,
        height,
        fonts[index % len(fonts)],
        sizes[(index // 3) % len(sizes)],
        dark=index % 2 == 1,
        notch=notch,
    )


def chat(split: Split, index: int, *, perspective: Literal["buyer", "seller"] = "buyer") -> Sample:
    """A chat screenshot: the start of the conversation, or (odd seeds) its end."""
    seed = SEEDS[split] + index
    script = scripts.script(seed, perspective=perspective)
    look = style(split, index)
    strip = chats.conversation(script, look, seed)
    area = chats.chat_area(look)
    top = 0 if seed % 3 else max(0, strip.image.height - area)
    shot = chats.screen(strip, script.title, look, top)
    said = " ".join(text for _, text in shot.messages)
    return Sample(
        name=f"{split}-chat-{index}",
        kind="chat_screenshot",
        png=png(shot),
        style=look,
        lines=shot.lines,
        messages=shot.messages,
        title=script.title,
        amount=script.amount
        if f"{int(float(script.amount)):,}" in said or script.amount[:-3] in said
        else None,
        wechat_id=script.wechat_id if script.wechat_id and script.wechat_id in said else None,
        phone=script.phone if script.phone and script.phone in said else None,
        times=script.times,
        findings={code for turn in shot.turns for code in turn.codes},
        as_of=script.as_of,
        perspective=perspective,
    )


def conversation_pages(
    split: Split, index: int, *, overlap: float = 0.3
) -> tuple[list[Sample], list[tuple[str, str]]]:
    """Screenshots scrolling through one conversation, each overlapping the last; and the whole."""
    seed = SEEDS[split] + 700 + index
    script = scripts.script(seed)
    script.turns.extend(scripts.script(seed + 1).turns[1:])  # long enough for several screens
    look = style(split, index)
    strip = chats.conversation(script, look, seed)
    area = chats.chat_area(look)
    pages, top = [], 0
    while True:
        shot = chats.screen(strip, script.title, look, top)
        pages.append(
            Sample(
                f"{split}-scroll-{index}-{len(pages)}",
                "chat_screenshot",
                png(shot),
                look,
                shot.lines,
                shot.messages,
                script.title,
                as_of=script.as_of,
            )
        )
        if top + area >= strip.image.height:
            return pages, strip.messages
        top = min(top + int(area * (1 - overlap)), strip.image.height - area)


def scroll_capture(split: Split, index: int, *, height: int = 30_000) -> Sample:
    """One very tall 'long screenshot' of a conversation (several scripts one after another)."""
    seed = SEEDS[split] + 900 + index
    look = style(split, index)
    script = scripts.script(seed)
    n = 1
    while True:
        strip = chats.conversation(script, look, seed)
        if strip.image.height >= height - 600:
            break
        script.turns.extend(scripts.script(seed + n).turns)
        n += 1
    status_h, nav_h, input_h = chats.bars(look)
    total = strip.image.height + status_h + nav_h + input_h
    shot = chats.screen(strip, script.title, look, 0, height=total)
    return Sample(
        f"{split}-long-{index}",
        "chat_screenshot",
        png(shot),
        look,
        shot.lines,
        shot.messages,
        script.title,
        as_of=script.as_of,
    )


def record(split: Split, index: int) -> Sample:
    """A WeChat Pay or Alipay transfer record (even, odd) or an order page (every third)."""
    seed = SEEDS[split] + 300 + index
    look = style(split, index)
    if index % 3 == 2:
        drawn, truth = records.order(seed, look)
    else:
        drawn, truth = records.transfer(seed, look, alipay=index % 2 == 1)
    return Sample(
        f"{split}-{truth['kind']}-{index}",
        str(truth["kind"]),
        png(drawn),
        look,
        drawn.lines,
        title=str(truth["name"]),
        amount=str(truth["amount"]),
    )


def samples(split: Split, *, chats_n: int = 24, records_n: int = 9) -> Iterator[Sample]:
    """The split's single pictures: chat screenshots (a quarter from the seller's side), records."""
    for index in range(chats_n):
        yield chat(split, index, perspective="seller" if index % 4 == 3 else "buyer")
    for index in range(records_n):
        yield record(split, index)


LONG = (
    "亲，这款是专柜正品，假一赔十，你放心买，我们做了八年代购从来没有出过问题，所有货都有小票",
    "我收到以后拿去专柜验了，柜姐说走线和五金都不对，这根本就不是正品，你当时明明说假一赔十的",
    "售出不退，你自己拆开用过了还想退？这个价你还想要正品？我劝你别浪费时间了",
    "我的微信号是coco_mingpin2026，电话13812345678，有事直接打电话，别在这里发长消息",
    "我已经把聊天记录和转账记录都截图了，如果你今天不给我退款，我就去市场监管局投诉你",
    "随便你去哪里投诉，我不怕，再闹就曝光你的电话和地址，让你的朋友都知道你是什么人",
)


def busy_screen(split: Split = "measuring") -> Sample:
    """A full 1080x2340 screen of long messages at a small text size: about 35 lines."""
    look = Style(1080, 2340, FONTS[split][0], 12.0, dark=False, notch=True)
    turns = [scripts.Turn("system", "昨天 21:14", "time")]
    for index, text in enumerate(LONG):
        # Two sentences to a message: long bubbles fill a screen with the most lines.
        more = LONG[(index + 3) % len(LONG)]
        turns.append(scripts.Turn("other" if index % 2 == 0 else "self", f"{text}。{more}"))
    script = scripts.Script("Coco名品代购", turns, "2680.00", None, None, date(2026, 11, 21))
    strip = chats.conversation(script, look, 7)
    shot = chats.screen(strip, script.title, look, 0)
    return Sample(
        "busy",
        "chat_screenshot",
        png(shot),
        look,
        shot.lines,
        shot.messages,
        script.title,
        as_of=script.as_of,
    )
