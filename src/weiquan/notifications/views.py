"""The inbox and webhook endpoint API: signed-in accounts see and change only their own."""

from __future__ import annotations

from math import ceil
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request, Response, status

from weiquan.accounts.auth import CurrentAccount
from weiquan.common.i18n import N_, gettext
from weiquan.common.types import PageNumber, RowId
from weiquan.common.web import SessionDep
from weiquan.notifications import flows, service
from weiquan.notifications.models import DeliveryStatus
from weiquan.notifications.present import to_public
from weiquan.notifications.schemas import (
    DeliveryPublic,
    NotificationPage,
    NotificationPublic,
    ReadAll,
    WebhookEndpointCreate,
    WebhookEndpointCreated,
    WebhookEndpointPublic,
)

router = APIRouter(tags=["notifications"])

NOT_FOUND = N_("No such notification.")
NO_ENDPOINT = N_("No such webhook endpoint.")
NO_DELIVERY = N_("No such delivery.")
HTTPS_ONLY = N_("Enter an address starting with https://: other addresses are not called here.")


def _missing(message: str) -> HTTPException:
    return HTTPException(status.HTTP_404_NOT_FOUND, gettext(message))


@router.get("/notifications", response_model=NotificationPage)
def list_notifications(
    account: CurrentAccount,
    session: SessionDep,
    unread: bool = False,
    page: Annotated[PageNumber, Query()] = 1,
    page_size: Annotated[int, Query(ge=1, le=100)] = 20,
) -> NotificationPage:
    """Your notifications, newest first; `unread=true` for the unread ones only."""
    rows, total = service.get_all(
        session=session, account=account, unread_only=unread, page=page, page_size=page_size
    )
    return NotificationPage(
        items=[to_public(note, number) for note, number in rows],
        total=total,
        unread=service.unread_count(session, account),
        page=page,
        page_size=page_size,
        pages=max(1, ceil(total / page_size)),
    )


@router.post("/notifications/read-all", response_model=ReadAll)
def read_all(account: CurrentAccount, session: SessionDep) -> ReadAll:
    """Mark all your notifications read."""
    return ReadAll(marked=flows.read_all(session=session, account=account))


@router.post("/notifications/{notification_id}/read", response_model=NotificationPublic)
def read(
    notification_id: RowId, account: CurrentAccount, session: SessionDep
) -> NotificationPublic:
    """Mark one of your notifications read (404 for anyone else's)."""
    note = flows.read(session=session, account=account, notification_id=notification_id)
    if note is None:
        raise _missing(NOT_FOUND)
    return to_public(note, service.number_of(session=session, notification=note))


@router.get("/webhooks", response_model=list[WebhookEndpointPublic])
def list_endpoints(account: CurrentAccount, session: SessionDep) -> list[WebhookEndpointPublic]:
    """Your webhook endpoints and, for agency staff, your agency's (secrets are not shown)."""
    return [
        WebhookEndpointPublic.model_validate(e)
        for e in service.get_endpoints(session=session, account=account)
    ]


@router.post(
    "/webhooks", status_code=status.HTTP_201_CREATED, response_model=WebhookEndpointCreated
)
def add_endpoint(
    endpoint_in: WebhookEndpointCreate,
    request: Request,
    account: CurrentAccount,
    session: SessionDep,
) -> WebhookEndpointCreated:
    """Add an endpoint; the answer carries its signing secret, shown this one time."""
    production = request.app.state.settings.environment == "production"
    if production and not endpoint_in.url.lower().startswith("https://"):
        # Payloads carry case details: in production they travel encrypted or not at all.
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, gettext(HTTPS_ONLY))
    try:
        endpoint = flows.add_endpoint(
            session=session,
            account=account,
            url=endpoint_in.url,
            events=endpoint_in.events,
            for_agency=endpoint_in.agency,
        )
    except flows.NotificationError as exc:
        raise HTTPException(status.HTTP_403_FORBIDDEN, gettext(exc.message)) from None
    return WebhookEndpointCreated.model_validate(endpoint)


@router.delete("/webhooks/{endpoint_id}", status_code=status.HTTP_204_NO_CONTENT)
def disable_endpoint(endpoint_id: RowId, account: CurrentAccount, session: SessionDep) -> Response:
    """Stop sending to one of your endpoints (its deliveries stay listed)."""
    if flows.disable_endpoint(session=session, endpoint_id=endpoint_id, account=account) is None:
        raise _missing(NO_ENDPOINT)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/webhooks/{endpoint_id}/deliveries", response_model=list[DeliveryPublic])
def list_deliveries(
    endpoint_id: RowId,
    account: CurrentAccount,
    session: SessionDep,
    failed: bool = False,
) -> list[DeliveryPublic]:
    """The latest 100 deliveries to one of your endpoints; `failed=true` for failed ones."""
    if service.get_endpoint(session=session, endpoint_id=endpoint_id, account=account) is None:
        raise _missing(NO_ENDPOINT)
    rows = service.get_deliveries(
        session=session,
        endpoint_id=endpoint_id,
        status=DeliveryStatus.failed if failed else None,
    )
    return [DeliveryPublic.model_validate(d) for d in rows]


@router.post("/webhooks/deliveries/{delivery_id}/retry", response_model=DeliveryPublic)
def retry_delivery(
    delivery_id: RowId, account: CurrentAccount, session: SessionDep
) -> DeliveryPublic:
    """Send a failed delivery to one of your endpoints again."""
    try:
        delivery = flows.retry_delivery(session=session, delivery_id=delivery_id, account=account)
    except flows.NotificationError as exc:
        raise HTTPException(
            status.HTTP_409_CONFLICT, gettext(exc.message).format(**exc.values)
        ) from None
    if delivery is None:
        raise _missing(NO_DELIVERY)
    return DeliveryPublic.model_validate(delivery)
