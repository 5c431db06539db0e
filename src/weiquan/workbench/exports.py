"""The queue as a CSV or XLSX file (weiquan.common.tabular), masked by the reader's rights.

Who sees a consumer's name and phone in full (docs/security.md, Masking): staff of the agency
the complaint went to, the case's mediator and admins, who handle it; staff of an agency that
only covers the merchant's region read the surname and the phone's last four digits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from weiquan.accounts.models import Account, Role
from weiquan.cases.models import Case
from weiquan.common import tabular
from weiquan.common.i18n import N_, gettext
from weiquan.common.privacy import mask_name, mask_phone
from weiquan.workbench import service
from weiquan.workbench.schemas import EXPORT_LIMIT, QueueFilters, QueueRow

COLUMNS = (
    ("number", N_("Number")),
    ("consumer", N_("Consumer")),
    ("phone", N_("Phone")),
    ("merchant", N_("Merchant")),
    ("goods", N_("Goods")),
    ("amount", N_("Amount (yuan)")),
    ("status", N_("Status")),
    ("days_left", N_("Working days left")),
    ("due_on", N_("Due")),
    ("assigned", N_("Assigned to")),
    ("admissibility", N_("Admissibility")),
    ("channel", N_("Channel")),
    ("category", N_("Category")),
    ("platform", N_("Platform")),
    ("region", N_("Region")),
    ("filed", N_("Filed")),
)
_CHUNK = 500


@dataclass
class Table:
    rows: list[dict[str, Any]] = field(default_factory=list)
    full: list[int] = field(default_factory=list)  # the cases shown unmasked (access log)


def in_full(account: Account, agency_id: int | None, mediator_id: int | None) -> bool:
    if account.role == Role.admin:
        return True
    if account.role == Role.mediator:
        return mediator_id == account.id
    return (
        account.role == Role.agency_staff
        and agency_id is not None
        and (agency_id == account.agency_id)
    )


def table(session: Session, account: Account, filters: QueueFilters) -> Table:
    """The first EXPORT_LIMIT rows of the reader's queue under filters, in its order."""
    out = Table()
    cursor: str | None = None
    while len(out.rows) < EXPORT_LIMIT:
        found = service.page(
            session, account, filters, cursor, min(_CHUNK, EXPORT_LIMIT - len(out.rows))
        )
        _add(session, account, found.items, out)
        if found.next is None:
            break
        cursor = found.next
    return out


def _add(session: Session, account: Account, items: list[QueueRow], out: Table) -> None:
    people = {
        row.id: row
        for row in session.execute(
            select(
                Case.id,
                Case.consumer_name,
                Case.consumer_phone,
                Case.agency_id,
                Case.mediator_account_id,
            ).where(Case.id.in_([i.id for i in items]))
        )
    }
    for item in items:
        who = people[item.id]
        full = in_full(account, who.agency_id, who.mediator_account_id)
        if full:
            out.full.append(item.id)
        out.rows.append(
            {
                "number": item.number,
                "consumer": who.consumer_name if full else mask_name(who.consumer_name),
                "phone": who.consumer_phone if full else mask_phone(who.consumer_phone),
                "merchant": item.merchant,
                "goods": item.goods,
                "amount": round(item.price_paid / 100, 2),
                "status": item.status_label,
                "days_left": item.days_left_label,
                "due_on": item.due_on,
                "assigned": item.assigned or "",
                "admissibility": item.admissibility_label or "",
                "channel": item.channel_label,
                "category": item.category_label,
                "platform": item.platform or "",
                "region": item.region or "",
                "filed": item.filed_at_local,
            }
        )


def render(fmt: str, found: Table) -> tuple[bytes, str]:
    columns = [tabular.Column(key, gettext(title)) for key, title in COLUMNS]
    return tabular.render(fmt, columns, found.rows, sheet=gettext(N_("Queue")))
