"""WeChat Pay and Alipay bill details, and shop order pages, drawn with their truth."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from PIL import Image, ImageDraw

from .chats import Drawn, Style, _box, font
from .scripts import GOODS, NICKNAMES, phone

SHOPS = ("Coco名品旗舰店", "优品数码专营店", "小雅轻奢馆", "潮鞋集合店", "国际美妆直营")


def _page(style: Style) -> tuple[Drawn, ImageDraw.ImageDraw]:
    bg = (25, 25, 25) if style.dark else (255, 255, 255)
    drawn = Drawn(Image.new("RGB", (style.width, style.height), bg))
    return drawn, ImageDraw.Draw(drawn.image)


def _text(
    drawn: Drawn,
    draw: ImageDraw.ImageDraw,
    at: tuple[float, float],
    text: str,
    px: int,
    style: Style,
    *,
    grey: bool = False,
    centre: bool = False,
) -> None:
    face = font(style.font, px)
    x, y = at
    if centre:
        x = (style.width - face.getlength(text)) / 2
    ink = (150, 150, 150) if grey else ((220, 220, 220) if style.dark else (20, 20, 20))
    draw.text((x, y), text, font=face, fill=ink)
    drawn.lines.append((text, _box(draw, (x, y), text, face), "record"))


def transfer(seed: int, style: Style, *, alipay: bool) -> tuple[Drawn, dict[str, object]]:
    """A bill's details page after paying a seller; truth: amount, payee, masked name, time."""
    rng = random.Random(seed)
    s = style.scale
    nick = rng.choice(NICKNAMES)
    yuan = rng.randint(150, 26800)
    when = datetime(2026, 11, 1) + timedelta(days=rng.randint(0, 40), minutes=rng.randint(0, 1439))
    real = rng.choice("王李张刘陈杨黄赵") + rng.choice(("明", "小雅", "杰", "丽娜", "伟"))
    masked = "*" + real[1:] if len(real) == 2 else "**" + real[-1]
    drawn, draw = _page(style)
    y = (60 if style.notch else 30) * s
    _text(drawn, draw, (0, y), "账单详情", round(17 * s), style, centre=True)
    y += 80 * s
    name = f"{nick}({masked})" if alipay else f"转账-转给{nick}"
    _text(drawn, draw, (0, y), name, round(16 * s), style, centre=True)
    y += 40 * s
    _text(drawn, draw, (0, y), f"-{yuan:,}.00", round(34 * s), style, centre=True)
    y += 70 * s
    time_text = (
        when.strftime("%Y-%m-%d %H:%M:%S")
        if alipay
        else (f"{when.year}年{when.month}月{when.day}日 {when:%H:%M:%S}")
    )
    if alipay:
        rows = [
            ("交易成功", ""),
            ("付款方式", rng.choice(("余额宝", "花呗", "招商银行储蓄卡(1234)"))),
            ("对方账户", f"{phone(rng)[:3]}******{rng.randint(10, 99)}"),
            ("创建时间", time_text),
            ("订单号", f"2026{rng.randint(10**20, 10**21 - 1)}"),
            ("账单分类", "转账红包"),
        ]
    else:
        rows = [
            ("当前状态", "对方已收钱"),
            ("转账说明", rng.choice(GOODS)[1]),
            ("转账时间", time_text),
            ("收款时间", time_text),
            ("支付方式", rng.choice(("零钱", "零钱通", "建设银行(8866)"))),
            ("转账单号", f"1000050001{rng.randint(10**17, 10**18 - 1)}"),
        ]
    for label, value in rows:
        _text(drawn, draw, (24 * s, y), label, round(14 * s), style, grey=True)
        if value:
            _text(drawn, draw, (120 * s, y), value, round(14 * s), style)
        y += 40 * s
    truth = {
        "amount": f"{yuan}.00",
        "name": nick,
        "masked_name": masked if alipay else None,
        "time": when,
        "kind": "transfer_record",
    }
    return drawn, truth


def order(seed: int, style: Style) -> tuple[Drawn, dict[str, object]]:
    """A shop's order details page; truth: amount paid, shop, goods, order time."""
    rng = random.Random(seed)
    s = style.scale
    brand, item = rng.choice(GOODS)
    yuan = rng.randint(99, 26800)
    freight = rng.choice((0, 0, 8, 12))
    when = datetime(2026, 11, 1) + timedelta(days=rng.randint(0, 40), minutes=rng.randint(0, 1439))
    shop = rng.choice(SHOPS)
    drawn, draw = _page(style)
    y = (60 if style.notch else 30) * s
    _text(drawn, draw, (0, y), "订单详情", round(17 * s), style, centre=True)
    y += 70 * s
    _text(
        drawn, draw, (24 * s, y), rng.choice(("交易成功", "已签收", "待收货")), round(20 * s), style
    )
    y += 60 * s
    _text(drawn, draw, (24 * s, y), shop, round(15 * s), style)
    y += 44 * s
    draw.rectangle((24 * s, y, 100 * s, y + 76 * s), fill=(200, 190, 180))
    _text(drawn, draw, (112 * s, y), f"{brand} {item}", round(14 * s), style)
    _text(drawn, draw, (112 * s, y + 30 * s), f"¥{yuan}.00 x1", round(14 * s), style, grey=True)
    y += 110 * s
    rows = [
        ("商品总价", f"¥{yuan}.00"),
        ("运费", f"¥{freight}.00"),
        ("实付款", f"¥{yuan + freight:,}.00"),
        ("订单编号", str(rng.randint(10**17, 10**18 - 1))),
        ("下单时间", when.strftime("%Y-%m-%d %H:%M:%S")),
        ("付款时间", (when + timedelta(minutes=1)).strftime("%Y-%m-%d %H:%M:%S")),
    ]
    for label, value in rows:
        _text(drawn, draw, (24 * s, y), label, round(14 * s), style, grey=True)
        _text(drawn, draw, (120 * s, y), value, round(14 * s), style)
        y += 40 * s
    for x, label in ((60, "申请售后"), (160, "确认收货"), (260, "联系客服")):
        _text(drawn, draw, (x * s, style.height - 60 * s), label, round(14 * s), style)
    truth = {"amount": f"{yuan + freight}.00", "name": shop, "time": when, "kind": "order_page"}
    return drawn, truth
