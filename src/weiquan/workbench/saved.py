"""A clerk's saved views of the queue: only their owner lists, opens or deletes them."""

from __future__ import annotations

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from weiquan.accounts.models import Account
from weiquan.cases.errors import StepInputError
from weiquan.common.i18n import N_
from weiquan.workbench.models import SavedView
from weiquan.workbench.schemas import QueueFilters, SavedViewIn

# A list of links a clerk reads at a glance, not a store.
MAX_VIEWS = 30
TOO_MANY = N_("You have 30 saved views: delete one first.")
NAME_TAKEN = N_("You already have a view with this name.")


def get_all(*, session: Session, account: Account) -> list[SavedView]:
    """The reader's own views, by name."""
    return list(
        session.execute(
            select(SavedView)
            .where(SavedView.account_id == account.id)
            .order_by(SavedView.name, SavedView.id)
        ).scalars()
    )


def get(*, session: Session, account: Account, view_id: int) -> SavedView | None:
    """One of the reader's own views (None for anyone else's: it does not exist for them)."""
    view = session.get(SavedView, view_id)
    return view if view is not None and view.account_id == account.id else None


def filters_of(view: SavedView) -> QueueFilters:
    """The view's filters as they validate today (one no longer valid is dropped)."""
    try:
        return QueueFilters.model_validate(view.filters)
    except ValidationError:
        return QueueFilters()


def create(*, session: Session, account: Account, data: SavedViewIn) -> SavedView:
    mine = get_all(session=session, account=account)
    name = data.name.strip()
    if any(v.name == name for v in mine):
        raise StepInputError("name_taken", NAME_TAKEN)
    if len(mine) >= MAX_VIEWS:
        raise StepInputError("too_many", TOO_MANY)
    view = SavedView(account_id=account.id, name=name, filters=data.filters.args())
    session.add(view)
    session.flush()
    return view


def delete(*, session: Session, account: Account, view_id: int) -> bool:
    view = get(session=session, account=account, view_id=view_id)
    if view is None:
        return False
    session.delete(view)
    return True
