"""Webhook calls: a signed JSON POST to the endpoint, 2xx means delivered."""

from __future__ import annotations

import ipaddress
import json
import socket
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx

from weiquan import __version__
from weiquan.notifications import signing

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class DeliveryError(Exception):
    """A failed attempt; permanent ones are not tried again."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


def body_bytes(payload: dict[str, Any]) -> bytes:
    """The exact bytes that are signed and sent."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@dataclass(frozen=True)
class Destination:
    """Where a webhook goes: the URL with its host replaced by the address that was checked,
    and the name the receiver expects (Host header, TLS SNI and certificate check)."""

    urls: tuple[httpx.URL, ...]  # one per checked address, in the resolver's order
    host: str  # the Host header: the name (and port) the endpoint was registered with
    server_name: str | None  # TLS: the name sent as SNI and checked on the certificate


def refused_address(address: IPAddress) -> bool:
    """Whether an address is one a webhook must not reach: anything but a public unicast one.

    IPv4 inside IPv6 (mapped ::ffff:a.b.c.d, 6to4, Teredo) is judged by the IPv4 address it
    carries, since that is where the packets end up.
    """
    if isinstance(address, ipaddress.IPv6Address):
        inner = address.ipv4_mapped or address.sixtofour or (address.teredo or (None, None))[1]
        if inner is not None and refused_address(inner):
            return True
    return (
        not address.is_global
        or address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def resolve(url: str, *, allow_private: bool, require_https: bool) -> Destination:
    """Resolve the endpoint's name once, check every address it gave, and pin them.

    The call then goes to that very address: a name that answers a public address to the check
    and a private one to a second look (DNS rebinding) never gets the second look.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DeliveryError("not an http(s) URL", permanent=True)
    if require_https and parts.scheme != "https":
        raise DeliveryError(
            "refused: only https endpoints are called in production", permanent=True
        )
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise DeliveryError("not an http(s) URL", permanent=True) from None
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise DeliveryError(f"cannot resolve {parts.hostname} ({type(exc).__name__})") from exc
    addresses = list(
        dict.fromkeys(ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos)
    )
    if not addresses:
        raise DeliveryError(f"cannot resolve {parts.hostname}")
    if not allow_private and any(refused_address(a) for a in addresses):
        raise DeliveryError(
            f"{parts.hostname} resolves to a non-public address; "
            "set WEIQUAN_WEBHOOK_ALLOW_PRIVATE=true to allow it",
            permanent=True,
        )
    original = httpx.URL(url)
    return Destination(
        urls=tuple(original.copy_with(host=str(address)) for address in addresses),
        host=original.netloc.decode("ascii"),
        server_name=parts.hostname if parts.scheme == "https" else None,
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
    require_https: bool = False,
) -> None:
    """POST payload to url, signed; raises DeliveryError unless the answer is 2xx.

    The error names the status or the kind of failure, never what the receiver wrote back: it
    is shown to the endpoint's owner, who must not read an internal service's answers.
    """
    destination = resolve(url, allow_private=allow_private, require_https=require_https)
    body = body_bytes(payload)
    # The wall clock, not the worker's notion of now: receivers compare it with theirs.
    timestamp = str(int(time.time()))
    headers = {
        "Host": destination.host,
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": f"weiquan-webhooks/{__version__}",
        "X-Weiquan-Event": kind,
        "X-Weiquan-Delivery": str(delivery_id),
        "X-Weiquan-Timestamp": timestamp,
        "X-Weiquan-Signature": signing.sign(secret, timestamp, body),
        # One connection per call: the pool is keyed by address, and a kept connection, made
        # and certificate-checked for one name, must not carry a request for another.
        "Connection": "close",
    }
    extensions = {"sni_hostname": destination.server_name} if destination.server_name else {}
    for n, pinned in enumerate(destination.urls, 1):
        request = client.build_request(
            "POST", pinned, content=body, headers=headers, extensions=extensions
        )
        try:
            # Redirects are not followed: the receiver signed up this URL, not another.
            response = client.send(request, follow_redirects=False, stream=True)
            response.close()  # the body is never read: nothing of it is kept or shown
            break
        except httpx.ConnectError:
            # As a connection by name would: the next checked address, if there is one.
            if n == len(destination.urls):
                raise DeliveryError("ConnectError") from None
        except httpx.TimeoutException:
            raise DeliveryError("timeout") from None
        except httpx.HTTPError as exc:
            raise DeliveryError(type(exc).__name__) from None
    if not 200 <= response.status_code < 300:
        raise DeliveryError(f"HTTP {response.status_code}")
