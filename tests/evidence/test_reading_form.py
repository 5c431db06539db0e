"""The complaint form's "read from screenshots and the story" (issue 22): what was read is
proposed, marked, filed only once confirmed; an identifier read never links a case to a
merchant before that; the screenshots become the case's evidence."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from html.parser import HTMLParser

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import User
from tests.evidence.chatpic import SELLER_CHAT, chat_png
from weiquan.accounts.models import ClaimStatus, MerchantClaim
from weiquan.evidence.models import EvidenceItem
from weiquan.merchants.models import MerchantCase, MerchantIdentifier

CHAT = chat_png(SELLER_CHAT)
STORY = "上周五在朋友圈找代购买了一个LV的包，收到后发现是假的，卖家说售出不退。"


class Fields(HTMLParser):
    """The fields a browser would send with the complaint form (ticked boxes only)."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self.boxes: dict[str, str] = {}
        self._select: str | None = None
        self._area: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        name = a.get("name")
        if tag == "input" and name and a.get("type") != "file":
            if a.get("type") == "checkbox":
                self.boxes[name] = a.get("value") or "on"
                if "checked" in a:
                    self.fields.append((name, a.get("value") or "on"))
            else:
                self.fields.append((name, a.get("value", "")))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append((self._select, a.get("value", "")))
        elif tag == "textarea" and name:
            self._area = name
            self.fields.append((name, ""))

    def handle_data(self, data: str) -> None:
        if self._area:
            name, text = self.fields[-1]
            self.fields[-1] = (name, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        if tag == "textarea":
            self._area = None


def fields_of(html: str) -> Fields:
    parser = Fields()
    parser.feed(html)
    return parser


def read_on_form(consumer: User, *, typed: dict[str, str] | None = None) -> str:
    data = consumer.form(**{"consumer.name": "王丽", "consumer.phone": "13900001111"})
    data |= {"narrative": STORY, **(typed or {})}
    r = consumer.client.post(
        "/cases/new/reading",
        data=data,
        files=[("files", ("聊天记录.png", CHAT, "image/png"))],
    )
    assert r.status_code == 200, r.text
    return r.text


def test_what_was_read_fills_the_form_marked_for_checking(consumer: User) -> None:
    page = read_on_form(consumer, typed={"order.goods": "LV Neverfull 手袋"})
    form = dict(fields_of(page).fields)
    assert form["merchant.wechat_id"] == "coco_mingpin2026"
    assert form["proposed.merchant.wechat_id"] == "coco_mingpin2026"
    assert form["merchant.phone"] == "13812345678"
    assert form["order.price_paid"] == "2680.00"
    assert form["order.goods"] == "LV Neverfull 手袋"  # what was typed stays
    assert "proposed.order.goods" not in form
    assert form["narrative"].strip() == STORY and form["draft"]
    boxes = fields_of(page).boxes
    assert "confirm.merchant.wechat_id" in boxes and "confirm.seller.promised_multiplier" in boxes
    assert page.count("从截图读取，请核对") >= 3
    assert "卖家承诺假一赔10" in page  # a fact the form has no field for, to tick
    assert "卖家承诺：“假一赔十”" in page and "卖家拒绝退货：“售出不退”" in page
    assert "已读取的截图：聊天记录.png" in page


def as_form(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for k, v in pairs:
        out.setdefault(k, []).append(v)
    return out


def submit(consumer: User, page: str, *, untick: set[str] = frozenset(), **more: str) -> str:
    """Submit the form as shown, every box ticked but those in untick; the case's number."""
    parsed = fields_of(page)
    data = [(k, v) for k, v in parsed.fields if not k.startswith("confirm.")]
    data += [(k, v) for k, v in parsed.boxes.items() if k.startswith("confirm.")]
    data = [(k, v) for k, v in data if k.removeprefix("confirm.") not in untick]
    data += [("order.category", "luxury_fashion"), ("order.channel", "wechat_moments")]
    data += [("problems", "counterfeit"), *more.items()]
    r = consumer.client.post("/cases", data=as_form(data), follow_redirects=False)
    assert r.status_code == 303, r.text
    return r.headers["location"].split("/cases/")[1].split("?")[0]


def test_an_identifier_read_links_nothing_until_confirmed(
    consumer: User, sessions: sessionmaker[Session], make_user: Callable[..., User]
) -> None:
    merchant = make_user("merchant")
    with sessions() as session, session.begin():
        session.add(
            MerchantClaim(
                account_id=merchant.id,
                kind="wechat_id",
                value="coco_mingpin2026",
                status=ClaimStatus.verified,
            )
        )
    # Read, shown, but the WeChat ID and the phone not ticked: the case has neither.
    page = read_on_form(consumer)
    number = submit(consumer, page, untick={"merchant.wechat_id", "merchant.phone"})
    case = consumer.client.get(f"/api/cases/{number}").json()
    assert not case["merchant"].get("wechat_id") and not case["merchant"].get("phone")
    assert case["merchant"]["name"].lower() == "coco名品代购"  # ticked: filed

    def linked_by_wechat() -> list[str]:
        with sessions() as session:
            rows = session.execute(
                select(MerchantIdentifier.value)
                .join(MerchantCase, MerchantCase.merchant_id == MerchantIdentifier.merchant_id)
                .where(MerchantIdentifier.kind == "wechat")
            )
            return list(rows.scalars())

    # The nickname ticked links the case as a nickname does; the WeChat ID read links nothing,
    # and the merchant who proved that WeChat ID does not get the case, even once demanded.
    assert linked_by_wechat() == []
    r = consumer.client.post(f"/api/cases/{number}/steps/send_demand", json={})
    assert r.status_code == 200, r.text
    assert merchant.client.get(f"/cases/{number}").status_code == 404

    # The same, ticked: the case names it, and the registry links it.
    other = read_on_form(consumer)
    number = submit(consumer, other)
    case = consumer.client.get(f"/api/cases/{number}").json()
    assert case["merchant"]["wechat_id"] == "coco_mingpin2026"
    assert linked_by_wechat() == ["coco_mingpin2026"]
    r = consumer.client.post(f"/api/cases/{number}/steps/send_demand", json={})
    assert r.status_code == 200, r.text
    assert merchant.client.get(f"/cases/{number}").status_code == 200


def test_a_value_edited_counts_as_confirmed_and_unticked_required_ones_are_asked_again(
    consumer: User,
) -> None:
    page = read_on_form(consumer)
    parsed = fields_of(page)
    chosen = [("order.category", "luxury_fashion"), ("order.channel", "wechat_moments")]
    chosen += [("problems", "counterfeit"), ("order.goods", "LV 手袋")]
    data = [(k, v) for k, v in parsed.fields if k not in dict(chosen)] + chosen
    r = consumer.client.post("/cases", data=as_form(data), follow_redirects=False)
    # Nothing ticked: the price and the date read are not filed, so they are missing, and the
    # form comes back with what was read still proposed.
    assert r.status_code == 422
    assert "从截图读取，请核对" in r.text and "coco_mingpin2026" in r.text
    assert 'data-error-for="order.price_paid"' in r.text
    boxes = [(k, "on") for k in parsed.boxes if k.startswith("confirm.")]
    boxes = [(k, v) for k, v in boxes if k not in ("confirm.merchant.wechat_id",)]
    data = [(k, v) for k, v in data if k != "order.price_paid"] + boxes
    data += [("order.price_paid", "2600.00")]
    r = consumer.client.post("/cases", data=as_form(data), follow_redirects=False)
    assert r.status_code == 303, r.text
    number = r.headers["location"].split("/cases/")[1].split("?")[0]
    case = consumer.client.get(f"/api/cases/{number}").json()
    assert case["order"]["price_paid"] == "2600.00"  # edited: the person's own
    assert not case["merchant"].get("wechat_id")  # read, never ticked
    assert case["merchant"]["phone"] == "13812345678"  # ticked


def test_the_promise_read_and_confirmed_reaches_the_assessment_and_the_pictures_the_vault(
    consumer: User, sessions: sessionmaker[Session]
) -> None:
    page = read_on_form(consumer)
    number = submit(consumer, page)
    latest = consumer.client.get(f"/api/cases/{number}/assessments/latest").json()
    assert latest["facts"]["seller"]["promised_multiplier"] == 10
    with sessions() as session:
        items = session.execute(select(EvidenceItem)).scalars().all()
        assert [(i.original_name, i.kind) for i in items] == [("聊天记录.png", "chat")]
        assert items[0].sha256 == hashlib.sha256(CHAT).hexdigest()
    listing = consumer.client.get(f"/cases/{number}/evidence").text
    assert "聊天记录.png" in listing and "正在读取…" in listing

    # Not ticked: the promise stays out of the case.
    page = read_on_form(consumer)
    number = submit(consumer, page, untick={"seller.promised_multiplier"})
    latest = consumer.client.get(f"/api/cases/{number}/assessments/latest").json()
    assert "promised_multiplier" not in (latest["facts"].get("seller") or {})


def test_the_form_reading_is_the_consumers_and_checks_its_token(
    consumer: User, make_user: Callable[..., User]
) -> None:
    merchant = make_user("merchant")
    r = merchant.client.post(
        "/cases/new/reading",
        data=merchant.form(narrative=STORY),
        files=[("files", ("a.png", CHAT, "image/png"))],
    )
    assert r.status_code == 403
    r = consumer.client.post(
        "/cases/new/reading",
        data={"csrf_token": "forged", "narrative": STORY},
        files=[("files", ("a.png", CHAT, "image/png"))],
    )
    assert r.status_code == 403
    r = consumer.client.post("/cases/new/reading", data=consumer.form(), files=[("x", (None, ""))])
    assert r.status_code == 422 and "请选择一张或几张截图" in r.text
