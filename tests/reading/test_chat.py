"""The chat layout rules on lines placed where WeChat puts them (no OCR: the rules alone)."""

from __future__ import annotations

from datetime import date, datetime

from weiquan.common.dates import SHANGHAI
from weiquan.reading.chat import Message, kind_of, messages, stitch, title
from weiquan.reading.ocr import Line, Page
from weiquan.reading.stamps import parse_time

W, H = 1080, 2340
LEFT, RIGHT = 205, 875  # where left bubbles' text starts and right bubbles' text ends
ROW = 58  # text height of a 17-point line on a 1080 px phone


def left(text: str, y: int, width: int | None = None) -> Line:
    return Line(text, (LEFT, y, width or 40 * len(text), ROW), 0.99)


def right(text: str, y: int, width: int | None = None, start: int | None = None) -> Line:
    w = width or 40 * len(text)
    return Line(text, (start if start is not None else RIGHT - w, y, w, ROW), 0.99)


def centred(text: str, y: int) -> Line:
    w = 24 * len(text)
    return Line(text, ((W - w) // 2, y, w, 40), 0.99)


def page(*lines: Line, width: int = W, height: int = H) -> Page:
    return Page(width, height, list(lines), 1)


CHROME = (Line("9:41", (80, 50, 80, 45), 0.99), centred("Coco名品代购", 165))
BAR = Line("按住 说话", (400, 2190, 280, 50), 0.9)  # the input bar in voice mode


def test_sides_give_speakers_and_centred_lines_are_the_system() -> None:
    read = messages(
        page(
            *CHROME,
            centred("昨天 21:14", 320),
            right("在吗？", 420),
            left("亲，这款是专柜正品，假一赔十", 580),
            centred('"Coco名品代购"撤回了一条消息', 760),
            right("好", 860),
            BAR,
        ),
        as_of=date(2026, 11, 21),
    )
    assert [(m.speaker, m.text) for m in read] == [
        ("system", "昨天 21:14"),
        ("self", "在吗？"),
        ("other", "亲，这款是专柜正品，假一赔十"),
        ("system", '"Coco名品代购"撤回了一条消息'),
        ("self", "好"),
    ]
    stamp = datetime(2026, 11, 20, 21, 14, tzinfo=SHANGHAI)
    assert read[0].time == stamp and read[1].time == stamp and read[4].time == stamp


def test_the_title_is_the_other_partys_name_and_the_bars_are_not_messages() -> None:
    shot = page(*CHROME, left("你好", 400), BAR)
    assert title(shot) == "Coco名品代购"
    assert [m.text for m in messages(shot)] == ["你好"]
    group = page(CHROME[0], centred("代购群(3)", 165))
    assert title(group) == "代购群"


def test_wrapped_lines_of_one_bubble_are_joined_and_an_id_is_read_whole() -> None:
    # A full-width left bubble ends near the right column; a full-width right one starts near
    # the left column: the side is the column its text touches exactly.
    read = messages(
        page(
            *CHROME,
            Line("加我微信coco_mi", (LEFT, 400, 640, ROW), 0.99),
            Line("ngpin2026，电话1381234", (LEFT, 468, 640, ROW), 0.99),
            Line("5678", (LEFT, 536, 120, ROW), 0.99),
            Line("好的我加你了，你的电话是", (236, 700, 639, ROW), 0.99),
            Line("多少", (236, 768, 90, ROW), 0.99),
        )
    )
    assert [(m.speaker, m.text) for m in read] == [
        ("other", "加我微信coco_mingpin2026，电话13812345678"),
        ("self", "好的我加你了，你的电话是多少"),
    ]
    assert read[0].box == (LEFT, 400, 640, 536 + ROW - 400)


def test_english_words_that_wrap_keep_their_space() -> None:
    read = messages(
        page(*CHROME, left("please send the", 400, 600), left("tracking number", 468, 600))
    )
    assert read[0].text == "please send the tracking number"


def test_two_bubbles_of_one_speaker_stay_two_messages() -> None:
    read = messages(page(*CHROME, left("售出不退", 400), left("再闹就曝光你的电话", 560)))
    assert [m.text for m in read] == ["售出不退", "再闹就曝光你的电话"]


def test_a_transfer_card_is_its_senders_message() -> None:
    mine = [
        Line("O", (300, 1210, 80, 80), 0.6),  # the card's round symbol, read as a letter
        Line("¥2,680.00", (400, 1200, 250, ROW), 0.99),
        Line("请收款", (400, 1268, 120, 40), 0.99),
        Line("微信转账", (279, 1343, 120, 34), 0.99),
    ]
    theirs = [
        Line("¥2,680.00", (328, 1600, 250, ROW), 0.99),
        Line("已收款", (328, 1668, 120, 40), 0.99),
        Line("微信转账", (207, 1743, 120, 34), 0.99),
    ]
    read = messages(page(*CHROME, *mine, *theirs, centred("对方已收款", 1900)))
    assert [(m.speaker, m.text) for m in read] == [
        ("self", "¥2,680.00请收款微信转账"),
        ("other", "¥2,680.00已收款微信转账"),
        ("system", "对方已收款"),
    ]


def test_the_blocked_notice_is_the_system() -> None:
    notice = "消息已发出，但被对方拒收了。"
    read = messages(page(*CHROME, right("？", 400), centred(notice, 520)))
    assert read[-1] == Message("system", notice, None, read[-1].box)


def test_times_in_every_form_wechat_writes_them() -> None:
    today = date(2026, 11, 23)  # a Monday
    at = lambda *a: datetime(*a, tzinfo=SHANGHAI)  # noqa: E731
    assert parse_time("21:14", today) == at(2026, 11, 23, 21, 14)
    assert parse_time("昨天 21:14", today) == at(2026, 11, 22, 21, 14)
    assert parse_time("星期五 21:14", today) == at(2026, 11, 20, 21, 14)
    assert parse_time("2026年11月20日 21:14") == at(2026, 11, 20, 21, 14)
    assert parse_time("11月20日 下午9:14", today) == at(2026, 11, 20, 21, 14)
    assert parse_time("12月30日 上午9:05", today) == at(2025, 12, 30, 9, 5)  # not yet this year
    assert parse_time("星期五21:14", today) == at(2026, 11, 20, 21, 14)  # OCR drops the space
    assert parse_time("昨天 21:14") is None  # relative days need the day of the screenshot
    assert parse_time("2026年2月30日 21:14") is None
    assert parse_time("多少钱？") is None


def _said(*texts: tuple[str, str]) -> list[Message]:
    return [Message(s, t, None, (0, 0, 1, 1)) for s, t in texts]  # type: ignore[arg-type]


def test_stitching_keeps_each_message_of_an_overlap_once() -> None:
    first = _said(
        ("system", "昨天 21:14"),
        ("self", "在吗"),
        ("other", "专柜正品，假一赔十"),
        ("self", "多少钱？"),
        ("other", "2680元，包"),
    )  # cut by the screen's edge
    second = _said(
        ("other", "柜正品，假一赔十"),
        ("self", "多少钱？"),
        ("other", "2680元，包邮"),
        ("other", "加我微信coco_mingpin2026"),
    )
    joined = stitch([first, second])
    assert [m.text for m in joined] == [
        "昨天 21:14",
        "在吗",
        "专柜正品，假一赔十",
        "多少钱？",
        "2680元，包邮",
        "加我微信coco_mingpin2026",
    ]


def test_stitching_without_overlap_keeps_everything_and_a_lone_short_echo_is_no_overlap() -> None:
    first = _said(("self", "好的"), ("other", "发货了"))
    second = _said(("other", "好的"), ("other", "单号晚点发你"))
    assert len(stitch([first, second])) == 4
    assert len(stitch([_said(("self", "在吗")), _said(("other", "在的"))])) == 2


def test_kind_of_a_picture_by_its_layout_and_words() -> None:
    chat = page(
        *CHROME,
        right("在吗？", 400),
        left("亲，在的", 560),
        right("多少钱？", 720),
        left("2680元", 880),
    )
    assert kind_of(chat) == "chat_screenshot"
    bill = page(
        centred("账单详情", 160),
        centred("-2,680.00", 400),
        Line("转账时间", (70, 700, 200, 40), 1),
        Line("转账单号", (70, 800, 200, 40), 1),
        Line("支付方式", (70, 900, 200, 40), 1),
    )
    assert kind_of(bill) == "transfer_record"
    order = page(
        centred("订单详情", 160),
        Line("实付款", (70, 700, 200, 40), 1),
        Line("订单编号", (70, 800, 200, 40), 1),
        Line("下单时间", (70, 900, 200, 40), 1),
    )
    assert kind_of(order) == "order_page"
    shop = page(
        Line("立即购买", (700, 2200, 200, 40), 1),
        Line("加入购物车", (400, 2200, 200, 40), 1),
        Line("月销 2000+", (70, 900, 200, 40), 1),
    )
    assert kind_of(shop) == "product_page"
    assert kind_of(page(centred("风景", 600))) == "other_image"
    assert kind_of(page()) == "other_image"


def test_stitching_skips_slivers_read_at_the_screens_edges() -> None:
    # Half a line above the input bar, and a transfer card cut in two by the title bar.
    first = _said(
        ("other", "原单货，跟正品一样的"),
        ("self", "你说过假一赔十的"),
        ("other", "再烦我找人收拾你"),
        ("other", "鸿自口出山"),
        ("self", "合斌计柜收了"),
    )
    second = _said(
        ("self", "请收款"),
        ("other", "微信转账"),
        ("self", "你说过假一赔十的"),
        ("other", "再烦我找人收拾你"),
        ("self", "消息已发出，但被对方拒收了。"),
    )
    assert [m.text for m in stitch([first, second])] == [
        "原单货，跟正品一样的",
        "你说过假一赔十的",
        "再烦我找人收拾你",
        "消息已发出，但被对方拒收了。",
    ]
