"""The joint complaint's forms on the case page: add a complainant, choose the
representatives, leave (SAMR complaint measures Art. 11)."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from weiquan.accounts.auth import CheckedForm, CurrentAccount
from weiquan.cases import joint
from weiquan.cases.errors import StepInputError, StepRefused
from weiquan.cases.pages import back
from weiquan.cases.schemas import ComplainantIn, RepresentativesIn
from weiquan.cases.views import visible_case
from weiquan.common.errors import field_errors
from weiquan.common.i18n import N_, gettext
from weiquan.common.web import SessionDep

router = APIRouter(prefix="/cases", include_in_schema=False)

CONFIRM_LEAVE = N_("Tick the box to confirm that you leave this joint complaint.")


def attempt(number: str, section: str, action: Callable[[], object]) -> Response:
    """Run a form's action; back to its section of the case page, with the reason if refused."""
    try:
        action()
    except ValidationError as exc:
        return back(number, "; ".join(e["msg"] for e in field_errors(exc.errors())), section)
    except (StepRefused, StepInputError) as exc:
        return back(number, exc.message, section)
    return RedirectResponse(f"/cases/{number}#{section}", status_code=303)


@router.post("/{number}/complainants")
def add_complainant(
    number: str, session: SessionDep, account: CurrentAccount, form: CheckedForm
) -> Response:
    visible_case(session, account, number, "complainants")
    session.rollback()
    raw = {
        "name": str(form.get("name") or ""),
        "phone": str(form.get("phone") or ""),
        "email": str(form.get("email") or ""),
        "consented": form.get("consented") == "yes",
    }
    return attempt(
        number,
        "joint",
        lambda: joint.add(
            session=session, number=number, actor=account, data=ComplainantIn.model_validate(raw)
        ),
    )


@router.post("/{number}/representatives")
def set_representatives(
    number: str, session: SessionDep, account: CurrentAccount, form: CheckedForm
) -> Response:
    visible_case(session, account, number, "complainants")
    session.rollback()
    return attempt(
        number,
        "joint",
        lambda: joint.choose_representatives(
            session=session,
            number=number,
            actor=account,
            ids=RepresentativesIn.model_validate({"ids": form.getlist("representative")}).ids,
        ),
    )


@router.post("/{number}/leave")
def leave(number: str, session: SessionDep, account: CurrentAccount, form: CheckedForm) -> Response:
    """A co-complainant leaves the joint complaint, once they confirmed it on the form."""
    visible_case(session, account, number, "complainants")
    session.rollback()
    if form.get("confirm") != "yes":
        return back(number, gettext(CONFIRM_LEAVE), "joint")
    try:
        joint.leave(session=session, number=number, actor=account)
    except StepRefused as exc:
        return back(number, exc.message, "joint")
    return RedirectResponse("/cases", status_code=303)
