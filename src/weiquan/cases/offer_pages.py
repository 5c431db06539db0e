"""The negotiation's cards as forms on the case page: accept, reject or counter the proposal on
the table, answer a demand, record the money received. Each is a ladder step through the one
write path (app.state.take_step); refused, the case page comes back with what was typed and
the reason beside the field."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from weiquan.accounts.auth import CheckedForm, CurrentAccount
from weiquan.cases import access
from weiquan.cases.actions import INPUTS
from weiquan.cases.errors import StepInputError, StepRefused, refusal
from weiquan.cases.ladder import Action, Party
from weiquan.cases.pages import case_page
from weiquan.cases.views import NOT_FOUND, case_and_parties
from weiquan.common.errors import field_errors
from weiquan.common.i18n import N_, gettext
from weiquan.common.web import SessionDep

router = APIRouter(prefix="/cases", include_in_schema=False)

REGION = frozenset({Party.region_agency})
NOT_A_CARD_STEP = N_("This step is not taken on a card of the negotiation.")

CARD_ACTIONS = frozenset(
    {
        Action.consumer_accept,
        Action.consumer_reject,
        Action.merchant_answer,
        Action.record_received,
    }
)
FIELDS = ("answer", "amount", "note", "card", "received_on")
# Where each refusal shows: beside the field it is about; "card" is the card as a whole.
FIELD_OF = {
    "offer_amount": "amount",
    "refuse_reasons": "note",
    "reasons": "note",
    "received_in_future": "received_on",
    "received_before_filing": "received_on",
    "date_in_future": "received_on",
}


@router.post("/{number}/negotiation/{action}", response_model=None)
def act_on_card(
    request: Request,
    number: str,
    action: Action,
    session: SessionDep,
    account: CurrentAccount,
    form: CheckedForm,
) -> Response:
    # Strangers get the 404 of the case page, fellow complainants and region agencies (who
    # read but never act) the reason, before anything about the step.
    _, parties = case_and_parties(session, account, number, "negotiation")
    session.rollback()
    if access.group_only(parties) or parties == REGION:
        raise HTTPException(status.HTTP_403_FORBIDDEN, refusal(parties)[1])
    if action not in CARD_ACTIONS:  # the others have their forms under /steps
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, gettext(NOT_A_CARD_STEP))
    typed = {name: str(form.get(name) or "").strip() for name in FIELDS}
    data = {k: v for k, v in typed.items() if v and k in INPUTS[action].model_fields}
    errors: dict[str, str] = {}
    try:
        case = request.app.state.take_step(
            session=session, number=number, action=action, actor=account, data=data
        )
    except ValidationError as exc:
        for e in field_errors(exc.errors()):
            field = e["field"].split(".")[0] or FIELD_OF.get(e["type"], "card")
            errors.setdefault(field, e["msg"])
    except StepInputError as exc:
        errors[FIELD_OF.get(exc.code, "card")] = exc.message
    except StepRefused as exc:
        if exc.code != "not_now":  # not this party's step: no form of its own to keep
            raise HTTPException(status.HTTP_403_FORBIDDEN, exc.message) from None
        errors["card"] = exc.message  # the case moved on since the page was drawn
    else:
        if case is None:  # not a case of the account's: 404, as its page answers
            raise HTTPException(status.HTTP_404_NOT_FOUND, gettext(NOT_FOUND).format(number=number))
        return RedirectResponse(f"/cases/{case.number}#thread", status_code=303)
    session.rollback()
    key = f"{action.value}:{typed['answer']}" if action == Action.merchant_answer else action.value
    return case_page(
        request,
        number,
        session,
        account,
        status_code=422,
        offer_form={"key": key, **typed},
        offer_errors=errors,
    )
