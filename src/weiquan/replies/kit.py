"""The delivery kit's demand: what a seller who is not on weiquan reads, in one WeChat message.

The same facts feed the text to copy, the share image and the seller's page. The seller is in
China and reads Chinese, so the text and the image are in Chinese whatever the consumer's page
language; the consumer's page says so. The consumer's name and phone are masked: the seller
knows the buyer, and a forwarded message must not carry a stranger's number.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from weiquan.cases.models import Case, CaseDeadline, DeadlineKind, DeadlineStatus
from weiquan.common.i18n import N_, gettext
from weiquan.common.labels import PROBLEMS
from weiquan.common.money import format_yuan
from weiquan.common.privacy import mask_name, mask_phone
from weiquan.config import get_settings
from weiquan.events.models import CaseEvent, EventKind

SELLER_LANGUAGE = "zh_CN"
# One WeChat message that reads whole on a phone without "show more".
TEXT_LIMIT = 500
GOODS_LIMIT = 40

REFUND = N_("a refund of the price")
PUNITIVE_CRPL = N_("a refund and three times the price in damages (at least ¥500)")
PUNITIVE_FOOD = N_("a refund and ten times the price in damages (at least ¥1,000)")
# The articles the asks rest on, in words (the law's own names, paraphrased in a few words).
BASIS_REFUND = N_("Consumer Rights Protection Law, Art. 24")
BASIS_CRPL = N_("Consumer Rights Protection Law, Art. 55")
BASIS_FOOD = N_("Food Safety Law, Art. 148")
FOODS = frozenset({"food", "health_food", "fresh_perishable"})

TEXT = N_(
    "[Consumer's demand] To {seller}:\n"
    "On {order_date} I bought {goods} from you and paid ¥{price}. What is wrong: {problems}.\n"
    "I ask for {ask}: ¥{amount} in all (under the {basis}).\n"
    "Please answer {deadline}.\n"
    "Read the demand and answer here (no account needed): {link}\n"
    "Buyer: {name}, phone {phone} (case {number})"
)
DUE_BY = N_("by {due}")
DUE_AFTER = N_("within {days} working days of receiving this")
SELLER = N_("the seller")


@dataclass(frozen=True)
class Demand:
    """The demand as the seller reads it (nothing here is the consumer's unmasked)."""

    number: str
    seller: str
    goods: str
    order_date: date
    price_fen: int
    problems: list[str]
    amount_fen: int
    ask: str
    basis: str
    due: date | None
    consumer_name: str
    consumer_phone: str


def _ask(case: Case, amount_fen: int, total_fen: int) -> tuple[str, str]:
    if amount_fen <= total_fen:
        return REFUND, BASIS_REFUND
    if case.category in FOODS:
        return PUNITIVE_FOOD, BASIS_FOOD
    return PUNITIVE_CRPL, BASIS_CRPL


def demand_of(session: Session, case: Case) -> Demand | None:
    """The case's demand, or None before the consumer made one."""
    asked = session.execute(
        select(CaseEvent.data)
        .where(CaseEvent.case_id == case.id, CaseEvent.kind == EventKind.demand_sent)
        .order_by(CaseEvent.seq.desc())
        .limit(1)
    ).scalar_one_or_none()
    if asked is None:
        return None
    due = session.execute(
        select(CaseDeadline.due_on).where(
            CaseDeadline.case_id == case.id,
            CaseDeadline.kind == DeadlineKind.merchant_answer,
            CaseDeadline.status == DeadlineStatus.open,
        )
    ).scalar_one_or_none()
    total = case.price_paid_fen * max(case.quantity, 1)
    amount = asked.get("amount_fen") if isinstance(asked.get("amount_fen"), int) else total
    ask, basis = _ask(case, amount, total)
    return Demand(
        number=case.number,
        seller=case.merchant_name or "",
        goods=case.goods,
        order_date=case.order_date,
        price_fen=total,
        problems=list(case.problems or []),
        amount_fen=amount,
        ask=ask,
        basis=basis,
        due=due,
        consumer_name=mask_name(case.consumer_name),
        consumer_phone=mask_phone(case.consumer_phone),
    )


def short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def problems_text(demand: Demand, lang: str) -> str:
    labels = [gettext(PROBLEMS[p], lang) for p in demand.problems if p in PROBLEMS]
    return "、".join(labels[:3]) if lang == "zh_CN" else ", ".join(labels[:3])


def deadline_text(demand: Demand, lang: str) -> str:
    if demand.due is not None:
        return gettext(DUE_BY, lang).format(due=demand.due.isoformat())
    days = get_settings().merchant_answer_working_days
    return gettext(DUE_AFTER, lang).format(days=days)


def text(demand: Demand, link: str, lang: str = SELLER_LANGUAGE) -> str:
    """The demand as one message, under TEXT_LIMIT characters (the goods shortened if need be)."""
    values = {
        "seller": short(demand.seller, 30) or gettext(SELLER, lang),
        "order_date": demand.order_date.isoformat(),
        "goods": "「" + short(demand.goods, GOODS_LIMIT) + "」",
        "price": format_yuan(demand.price_fen),
        "problems": problems_text(demand, lang) or "-",
        "ask": gettext(demand.ask, lang),
        "amount": format_yuan(demand.amount_fen),
        "basis": gettext(demand.basis, lang),
        "deadline": deadline_text(demand, lang),
        "link": link,
        "name": demand.consumer_name,
        "phone": demand.consumer_phone,
        "number": demand.number,
    }
    message = gettext(TEXT, lang).format(**values)
    if len(message) > TEXT_LIMIT:  # a very long link or seller name: shorten the goods more
        values["goods"] = "「" + short(demand.goods, 12) + "」"
        values["seller"] = short(demand.seller, 12) or gettext(SELLER, lang)
        message = gettext(TEXT, lang).format(**values)
    return message
