"""Webhook calls: a signed JSON POST to the endpoint, 2xx means delivered."""

from __future__ import annotations

import ipaddress
import json
import socket
import time
from typing import Any
from urllib.parse import urlsplit

import httpx

from weiquan import __version__
from weiquan.notifications import signing


class DeliveryError(Exception):
    """A failed attempt; permanent ones are not tried again."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


def body_bytes(payload: dict[str, Any]) -> bytes:
    """The exact bytes that are signed and sent."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def check_destination(url: str, *, allow_private: bool) -> None:
    """Refuse loopback, private and link-local addresses unless the operator allows them.

    Anyone with an account may register an endpoint; without this the worker could be made to
    call services inside the network (cloud metadata, admin ports). A name that resolves
    differently later (DNS rebinding) is not covered; deployments that care add an egress proxy.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DeliveryError(f"not an http(s) URL: {url}", permanent=True)
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise DeliveryError(f"cannot resolve {parts.hostname}: {exc}") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise DeliveryError(
                f"{parts.hostname} resolves to a non-public address ({address}); "
                "set WEIQUAN_WEBHOOK_ALLOW_PRIVATE=true to allow it",
                permanent=True,
            )


def post(
    *,
    client: httpx.Client,
    url: str,
    secret: str,
    delivery_id: int,
    kind: str,
    payload: dict[str, Any],
    allow_private: bool,
) -> None:
    """POST payload to url, signed; raises DeliveryError unless the answer is 2xx."""
    check_destination(url, allow_private=allow_private)
    body = body_bytes(payload)
    # The wall clock, not the worker's notion of now: receivers compare it with theirs.
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": f"weiquan-webhooks/{__version__}",
        "X-Weiquan-Event": kind,
        "X-Weiquan-Delivery": str(delivery_id),
        "X-Weiquan-Timestamp": timestamp,
        "X-Weiquan-Signature": signing.sign(secret, timestamp, body),
    }
    try:
        # Redirects are not followed: the receiver signed up this URL, not another.
        response = client.post(url, content=body, headers=headers, follow_redirects=False)
    except httpx.HTTPError as exc:
        raise DeliveryError(f"{type(exc).__name__}: {exc}") from exc
    if not 200 <= response.status_code < 300:
        raise DeliveryError(f"HTTP {response.status_code}: {response.text[:200]}")
