"""RFC 3161 client: ask a timestamp authority to sign the hash of a checkpoint.

The request is built and the reply parsed with asn1crypto; the token is then checked with the
same code the offline bundle verifier runs (verifier.verify_timestamp).
"""

from __future__ import annotations

import hashlib
import secrets
import urllib.request
from datetime import datetime

from asn1crypto import algos, tsp

from weiquan.evidence.verifier import Invalid, verify_timestamp


class TimestampError(RuntimeError):
    pass


def request_bytes(message: bytes, nonce: int) -> bytes:
    """DER TimeStampReq for SHA-256(message), asking for the TSA's certificate."""
    return tsp.TimeStampReq(
        {
            "version": "v1",
            "message_imprint": {
                "hash_algorithm": algos.DigestAlgorithm({"algorithm": "sha256"}),
                "hashed_message": hashlib.sha256(message).digest(),
            },
            "nonce": nonce,
            "cert_req": True,
        }
    ).dump()


def timestamp(
    url: str, message: bytes, timeout: float, ca_pem: bytes | None = None
) -> tuple[bytes, datetime]:
    """(token DER, genTime) for message from the TSA at url; raises TimestampError."""
    nonce = secrets.randbits(63)
    req = urllib.request.Request(
        url,
        data=request_bytes(message, nonce),
        headers={"Content-Type": "application/timestamp-query"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            body = resp.read(1024 * 1024)
    except OSError as exc:
        raise TimestampError(f"timestamp authority unreachable: {exc}") from exc
    try:
        reply = tsp.TimeStampResp.load(body)
        status = reply["status"]["status"].native
        if status not in ("granted", "granted_with_mods"):
            raise TimestampError(f"timestamp refused: {status}")
        token = reply["time_stamp_token"]
        tst = token["content"]["encap_content_info"]["content"].parsed
        if tst["nonce"].native != nonce:
            raise TimestampError("timestamp reply does not answer our request (nonce)")
        der = token.dump()
    except TimestampError:
        raise
    except Exception as exc:  # a malformed reply
        raise TimestampError(f"unreadable timestamp reply: {exc}") from exc
    try:
        when, _ = verify_timestamp(der, message, ca_pem)
    except Invalid as exc:
        raise TimestampError(exc.problem.text("en")) from exc
    return der, when
