"""Inbox and endpoint flows: each owns its transaction."""

from __future__ import annotations

from sqlalchemy.orm import Session

from weiquan.accounts import service as accounts
from weiquan.accounts.models import Account
from weiquan.common.i18n import N_
from weiquan.notifications import service
from weiquan.notifications.models import Delivery, DeliveryStatus, Notification, WebhookEndpoint

NO_AGENCY = N_("Only staff of an agency can add endpoints for it.")
ALREADY_DELIVERED = N_("Delivery {id} was delivered; it is not sent twice.")


class NotificationError(Exception):
    """A refused request; the message is an English msgid, formatted with `values`."""

    def __init__(self, message: str, **values: object) -> None:
        super().__init__(message)
        self.message = message
        self.values = values


def read(*, session: Session, account: Account, notification_id: int) -> Notification | None:
    """Mark one of account's notifications read; None when account has no such notification."""
    with session.begin():
        note = service.get(session=session, account=account, notification_id=notification_id)
        if note is not None:
            service.mark_read(session=session, notification=note)
    return note


def read_all(*, session: Session, account: Account) -> int:
    with session.begin():
        return service.mark_all_read(session=session, account=account)


def add_endpoint(
    *, session: Session, account: Account, url: str, events: list[str], for_agency: bool
) -> WebhookEndpoint:
    """An endpoint for account, or for its agency when account is staff there."""
    if for_agency and not service.can_manage_agency(account):
        raise NotificationError(NO_AGENCY)
    with session.begin():
        return service.create_endpoint(
            session=session,
            url=url,
            events=events,
            account_id=None if for_agency else account.id,
            agency_id=account.agency_id if for_agency else None,
        )


def add_endpoint_for(
    *, session: Session, url: str, events: list[str], agency: str | None, email: str | None
) -> WebhookEndpoint | None:
    """The CLI's: an endpoint for the agency named, or the account with email; None if unknown."""
    with session.begin():
        if agency is not None:
            found = accounts.get_agency(session=session, name=agency)
            if found is None:
                return None
            return service.create_endpoint(
                session=session, url=url, events=events, agency_id=found.id
            )
        owner = accounts.get_by_email(session=session, email=email or "")
        if owner is None:
            return None
        return service.create_endpoint(session=session, url=url, events=events, account_id=owner.id)


def disable_endpoint(
    *, session: Session, endpoint_id: int, account: Account | None = None
) -> WebhookEndpoint | None:
    """Stop an endpoint (account's own unless account is None); None when not found."""
    with session.begin():
        endpoint = service.get_endpoint(session=session, endpoint_id=endpoint_id, account=account)
        if endpoint is not None:
            service.disable_endpoint(session=session, endpoint=endpoint)
    return endpoint


def retry_delivery(
    *, session: Session, delivery_id: int, account: Account | None = None
) -> Delivery | None:
    """Queue a failed (or waiting) delivery to be sent at the worker's next run.

    With account, only a delivery to one of account's endpoints. None when not found.
    """
    with session.begin():
        delivery = service.get_delivery(session=session, delivery_id=delivery_id)
        if delivery is None:
            return None
        if account is not None and (
            delivery.endpoint_id is None
            or service.get_endpoint(
                session=session, endpoint_id=delivery.endpoint_id, account=account
            )
            is None
        ):
            return None
        if delivery.status == DeliveryStatus.delivered:
            raise NotificationError(ALREADY_DELIVERED, id=delivery.id)
        service.retry(session=session, delivery=delivery)
    return delivery
