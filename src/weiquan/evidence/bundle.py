"""Export a case's evidence as a bundle a court can check offline (see verifier.py).

bundle.zip
  manifest.json, manifest.sig   what is in the bundle, signed (Ed25519)
  public-key.pem                the installation's signing key
  checkpoint.json/.sig          the signed state of the custody log the entries are proven in
  checkpoint.tsr, tsa-ca.pem    the RFC 3161 token over checkpoint.json (when a TSA is set)
  files/E01.jpg ...             the originals, byte for byte
  evidence-list.pdf             the evidence list (证据目录), CJK font embedded
  verify_bundle.py, README.txt  the offline verifier and how to run it
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from weiquan.cases.present import merchant_display
from weiquan.common.dates import format_local
from weiquan.common.i18n import N_, current_language
from weiquan.common.pdf import html_to_pdf
from weiquan.common.templating import make_templates
from weiquan.db import utcnow
from weiquan.evidence import custody, flows, merkle, verifier
from weiquan.evidence.errors import Refused
from weiquan.evidence.labels import human_size, kind_label
from weiquan.evidence.present import Viewer, sees_connection
from weiquan.evidence.staging import CHUNK
from weiquan.evidence.vault import Vault

LOG_DAMAGED = N_(
    "The custody log does not match its checkpoint; nothing was exported. "
    "Run `weiquan evidence verify` to see what is wrong."
)
BLOB_DAMAGED = N_(
    "Item {label} no longer matches its recorded hash; nothing was exported. "
    "Run `weiquan evidence verify` to see what is wrong."
)
README = """weiquan 证据包 / evidence bundle — {number}

检验方法（无需联网，也不需要 weiquan）：
  pip install cryptography asn1crypto
  python3 verify_bundle.py {name}
结果为 0 表示未发现问题；否则逐条列出被改动之处。请用 --key 指定从平台另行获得的公钥指纹，
否则只能证明证据包与其中所附公钥一致，不能证明签名者是谁。

To check it (offline, without weiquan):
  pip install cryptography asn1crypto
  python3 verify_bundle.py {name}
Exit code 0 means no problem was found; otherwise every problem is listed. Pass --key with the
signing key fingerprint you obtained from the platform by another channel to pin the signer:
without it the bundle is only shown to match the key inside it, not who signed it.

Signing key fingerprint / 签名公钥指纹: {fingerprint}
"""


@dataclass(frozen=True)
class Exported:
    path: Path
    items: int
    entries: int
    checkpoint_size: int
    timestamped: bool
    fingerprint: str


def export(
    *,
    session: Session,
    vault: Vault,
    number: str,
    out: Path,
    origin: flows.Origin,
    viewer: Viewer,
) -> Exported:
    """Write the bundle of case `number` for viewer to `out` (atomically: complete or absent).

    Addresses and browsers go only where viewer may see them (present.sees_connection): a
    bundle for a party carries none of the other side's, and still verifies (see _custody).
    """
    case, items, checkpoint = flows.record_export(
        session=session, vault=vault, number=number, origin=origin
    )
    with session.begin():
        stamp = custody.get_timestamp(session=session, checkpoint=checkpoint)
        entries = [
            e for e in custody.get_all(session=session, case_id=case.id) if e.seq <= checkpoint.size
        ]
        tree = merkle.levels(custody.leaf_hashes(session=session, size=checkpoint.size))
    if len(tree[0]) != checkpoint.size or (tree[-1][0] if tree[0] else "") != checkpoint.root:
        raise Refused(LOG_DAMAGED, status=409)
    key = vault.key
    out.parent.mkdir(parents=True, exist_ok=True)
    temp = out.with_name(f".{out.name}.{os.getpid()}.part")
    members: dict[str, str] = {}
    try:
        with zipfile.ZipFile(temp, "w", allowZip64=True) as zf:

            def put(name: str, data: bytes, deflate: bool = True) -> None:
                zf.writestr(name, data, zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED)
                members[name] = hashlib.sha256(data).hexdigest()

            listed = []
            for item in items:
                name = f"files/E{item.seq:02d}.{item.extension}"
                digest = _copy_blob(vault, zf, item.sha256, name)
                if digest != item.sha256:
                    raise Refused(BLOB_DAMAGED, status=409, label=item.label)
                members[name] = digest
                listed.append(_item(item, name, viewer))
            put("checkpoint.json", checkpoint.statement.encode())
            put("checkpoint.sig", checkpoint.signature.encode())
            files: dict[str, Any] = {
                "file": "checkpoint.json",
                "signature_file": "checkpoint.sig",
                "timestamp_file": None,
            }
            if stamp is not None:
                put("checkpoint.tsr", base64.b64decode(stamp.token))
                files |= {"timestamp_file": "checkpoint.tsr", "tsa_url": stamp.tsa_url}
                if vault.tsa_ca:
                    put("tsa-ca.pem", vault.tsa_ca)
                    files["tsa_ca_file"] = "tsa-ca.pem"
            custody_records = [_custody(e, tree, viewer) for e in entries]
            put("evidence-list.pdf", _catalogue(vault, case, listed, checkpoint, stamp))
            put("verify_bundle.py", Path(verifier.__file__).read_bytes())
            put(
                "README.txt",
                README.format(
                    number=case.number, name=out.name, fingerprint=key.fingerprint
                ).encode(),
            )
            manifest = {
                "format": verifier.FORMAT,
                "created_at": utcnow().isoformat(),
                "case": {
                    "number": case.number,
                    "goods": case.goods,
                    "merchant": merchant_display(case),
                    "problems": list(case.problems or []),
                },
                "items": listed,
                "custody": custody_records,
                "checkpoint": files,
                "public_key": {"file": "public-key.pem", "fingerprint": key.fingerprint},
                "members": members,
            }
            raw = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
            zf.writestr("manifest.json", raw, zipfile.ZIP_DEFLATED)
            zf.writestr("manifest.sig", key.sign(raw), zipfile.ZIP_STORED)
            zf.writestr("public-key.pem", key.public_pem, zipfile.ZIP_STORED)
        os.replace(temp, out)
    finally:
        temp.unlink(missing_ok=True)
    return Exported(
        out, len(items), len(entries), checkpoint.size, stamp is not None, key.fingerprint
    )


def _copy_blob(vault: Vault, zf: zipfile.ZipFile, digest: str, name: str) -> str:
    """Stream a blob into the zip (stored as is: media files do not compress), hashing it."""
    h = hashlib.sha256()
    info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_STORED
    with vault.store.open(digest) as blob, zf.open(info, "w", force_zip64=True) as dest:
        while chunk := blob.read(CHUNK):
            h.update(chunk)
            dest.write(chunk)
    return h.hexdigest()


def _custody(entry: Any, tree: list[list[str]], viewer: Viewer) -> dict[str, Any]:
    """One custody record: the entry, its hash and proof; its connection data only for those
    who may see it. A format-2 entry commits to that data by a salted hash, opened here for
    them; a format-1 entry holds it in clear, so for the others only its hash goes (still
    proven in the signed log)."""
    record: dict[str, Any] = {
        "seq": entry.seq,
        "hash": entry.entry_hash,
        "proof": merkle.inclusion_proof(tree, entry.seq - 1),
    }
    shown = sees_connection(viewer, entry.actor)
    opening = custody.meta_opening(entry)
    if opening is None and not shown and (entry.client_ip or entry.user_agent):
        return record | {"withheld": True, "item_seq": entry.item_seq}
    record["entry"] = verifier.canonical(custody.entry_document(entry)).decode()
    if opening is not None and shown:
        record["meta"] = opening
    return record


def _item(item: Any, name: str, viewer: Viewer) -> dict[str, Any]:
    shown = sees_connection(viewer, item.uploaded_by)
    return {
        "label": item.label,
        "seq": item.seq,
        "file": name,
        "sha256": item.sha256,
        "size": item.size,
        "media_type": item.media_type,
        "original_name": item.original_name,
        "kind": item.kind,
        "description": item.description,
        "captured_at": item.captured_at.isoformat() if item.captured_at else None,
        "device": item.device,
        "details": item.details,
        "uploaded_by": item.uploaded_by,
        "uploaded_at": item.uploaded_at.isoformat(),
        "client_ip": item.client_ip if shown else None,
        "user_agent": item.user_agent if shown else None,
        "source": item.source,
    }


def _catalogue(vault: Vault, case: Any, items: list[dict[str, Any]], cp: Any, stamp: Any) -> bytes:
    html = (
        make_templates()
        .get_template("evidence/catalogue.html")
        .render(
            case=case,
            merchant=merchant_display(case),
            items=items,
            checkpoint=cp,
            stamp=stamp,
            fingerprint=vault.key.fingerprint,
            kind_label=kind_label,
            human_size=human_size,
            local=lambda iso: format_local(_parse(iso)) if iso else "",
            now=format_local(utcnow()),
            lang=current_language.get(),
        )
    )
    return html_to_pdf(html)


def _parse(iso: str) -> Any:
    from datetime import datetime

    return datetime.fromisoformat(iso)
