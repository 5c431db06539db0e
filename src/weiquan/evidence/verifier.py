#!/usr/bin/env python3
"""Check a weiquan evidence bundle offline, with nothing but the bundle.

    python3 verify_bundle.py bundle.zip [--key FINGERPRINT] [--tsa-ca CA.pem]

Needs Python 3.9+ and two packages: `pip install cryptography asn1crypto`. Exit code 0 when
everything checks out, 1 otherwise, with one line per problem (Chinese, then English).

What it checks, and why (SPC Civil Evidence Provisions Arts. 93-94; Internet Court Provisions
Art. 11; Online Litigation Rules Arts. 16-19 — hash verification, trusted timestamps and
tamper-evident logs are what lets a court presume electronic data unaltered):
1. manifest.json is signed (Ed25519) by the key in public-key.pem, written exactly as the signer
   writes it (a file that reads as the same key but differs in a byte is refused, as is a
   signature written in another base64 form of the same bytes). Pass --key with the key's
   fingerprint, obtained from the platform by another channel, to be sure the bundle comes from
   the installation you think it does; without it the fingerprint is printed for you to compare.
2. Every file in the bundle has the SHA-256 the manifest gives; no file is missing or added.
3. Every evidence file's hash is the one recorded when it was added to the custody log.
4. Every custody log entry hashes to its recorded value and is included (RFC 6962 Merkle
   inclusion proof) in the tree whose root and size the signed checkpoint states.
5. The checkpoint is signed by the same key and, when the bundle has one, carries an RFC 3161
   timestamp token from a timestamp authority over exactly the checkpoint's bytes: proof that
   the log, and so every file in it, existed unchanged at that time.

This file depends on nothing else in weiquan on purpose: it travels inside every bundle, so a
court or the other party can read all of it and run it themselves. Its messages are data (both
languages here) rather than catalog entries for the same reason.
"""

# One file past the 400 lines of weiquan's modules, by design: bundles ship it verbatim as
# verify_bundle.py, a program a court runs with nothing else of weiquan. For the same reason it
# imports cryptography and asn1crypto where it uses them: a missing package gets a message.
from __future__ import annotations

import base64
import hashlib
import json
import sys
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

FORMAT = "weiquan.evidence-bundle/1"
LOG_ID = "weiquan.evidence-log/1"

TEXTS: dict[str, tuple[str, str]] = {
    "ok": (
        "证据包完整：{items} 份证据、{entries} 条保管记录均与签名一致。",
        "The bundle is intact: {items} items and {entries} custody entries match the signatures.",
    ),
    "ok_unpinned": (
        "证据包与其中所附公钥的签名一致：{items} 份证据、{entries} 条保管记录。但签名者未经确认："
        "所附公钥可由任何人生成，这不能证明证据包来自哪个平台。"
        "请用 --key 指定从平台另行获得的公钥指纹。",
        "The bundle matches the signatures of the key inside it: {items} items and {entries} "
        "custody entries. The signer is not pinned: anyone can make such a key, so this proves "
        "nothing about who signed it. Pass --key with the fingerprint obtained from the "
        "platform by another channel.",
    ),
    "too_many_members": (
        "证据包有 {count} 个文件，超过上限 {limit}，未读取。",
        "The bundle has {count} files, more than the limit of {limit}; nothing was read.",
    ),
    "member_too_large": (
        "文件 {name} 声明的大小（{size} 字节）或压缩比（{ratio}:1）不合理，未读取。",
        "The file {name} declares an absurd size ({size} bytes) or compression ratio "
        "({ratio}:1); it was not read.",
    ),
    "bundle_too_large": (
        "证据包解压后共 {size} 字节，超过上限 {limit}，未读取。",
        "The bundle would unpack to {size} bytes, more than the limit of {limit}; nothing "
        "was read.",
    ),
    "entry_meta": (
        "保管记录第 {seq} 条的连接信息（地址、浏览器）与其承诺值不符。",
        "Custody entry {seq}: its connection data (address, browser) does not match what "
        "the entry commits to.",
    ),
    "entry_withheld": (
        "保管记录第 {seq} 条含有对方的连接信息，内容未附；仅证明它在检查点所签的日志中。",
        "Custody entry {seq} holds the other party's connection data and is withheld; only "
        "its place in the log the checkpoint signs is proven.",
    ),
    "item_withheld": (
        "证据 {label} 的“添加”记录未附（含有对方的连接信息），其详情未与保管日志比对。",
        "Item {label}: its 'added' entry is withheld (it holds the other party's connection "
        "data), so its details were not compared with the custody log.",
    ),
    "not_zip": (
        "{path} 不是可读取的 ZIP 文件：{reason}",
        "{path} is not a readable ZIP file: {reason}",
    ),
    "missing_member": ("缺少文件 {name}。", "The file {name} is missing."),
    "damaged_member": (
        "文件 {name} 已损坏（ZIP 校验失败）。",
        "The file {name} is damaged (ZIP check failed).",
    ),
    "extra_member": (
        "文件 {name} 不在清单中（被添加）。",
        "The file {name} is not in the manifest (it was added).",
    ),
    "member_hash": (
        "文件 {name} 的内容已被改动：SHA-256 应为 {expected}，实际为 {actual}。",
        "The file {name} has been changed: its SHA-256 should be {expected} but is {actual}.",
    ),
    "bad_key": (
        "public-key.pem 不是有效的 Ed25519 公钥。",
        "public-key.pem is not a valid Ed25519 public key.",
    ),
    "key_pin": (
        "签名公钥指纹为 {actual}，不是指定的 {expected}。",
        "The signing key's fingerprint is {actual}, not the expected {expected}.",
    ),
    "manifest_sig": (
        "manifest.json 的签名无效：清单或签名已被改动。",
        "The signature of manifest.json does not verify: the manifest or its signature "
        "was changed.",
    ),
    "manifest_json": (
        "manifest.json 不是有效的清单：{reason}",
        "manifest.json is not a valid manifest: {reason}",
    ),
    "checkpoint_sig": (
        "检查点签名无效：checkpoint.json 或其签名已被改动。",
        "The checkpoint's signature does not verify: checkpoint.json or its signature was changed.",
    ),
    "checkpoint_json": ("checkpoint.json 无效：{reason}", "checkpoint.json is not valid: {reason}"),
    "checkpoint_key": (
        "检查点由另一把密钥签署（{actual}）。",
        "The checkpoint was signed by another key ({actual}).",
    ),
    "entry_hash": (
        "保管记录第 {seq} 条已被改动：哈希不符。",
        "Custody entry {seq} has been changed: its hash does not match.",
    ),
    "entry_proof": (
        "保管记录第 {seq} 条不在检查点所签的日志中（默克尔证明不成立）。",
        "Custody entry {seq} is not in the log the checkpoint signs (its Merkle proof fails).",
    ),
    "entry_case": (
        "保管记录第 {seq} 条属于另一案件 {case}。",
        "Custody entry {seq} belongs to another case, {case}.",
    ),
    "item_not_logged": (
        "证据 {label} 没有“添加”保管记录。",
        "Item {label} has no 'added' entry in the custody log.",
    ),
    "item_mismatch": (
        "证据 {label} 的 {field} 与保管记录不符。",
        "Item {label}: {field} differs from its custody log entry.",
    ),
    "item_file": (
        "证据 {label} 的文件 {name} 与其记录的哈希不符。",
        "Item {label}: the file {name} does not have its recorded hash.",
    ),
    "tsa_invalid": ("可信时间戳无效：{reason}", "The trusted timestamp is not valid: {reason}"),
    "tsa_ok": (
        "可信时间戳：{time}（UTC），签发者 {tsa}。",
        "Trusted timestamp: {time} (UTC), issued by {tsa}.",
    ),
    "tsa_untrusted": (
        "时间戳：{time}（UTC），签发者 {tsa}。签名与所签数据一致，但未用你信任的 CA 证书检验签发者"
        "（{why}），这不能证明它来自可信时间戳机构。请用 --tsa-ca 指定该机构的 CA 证书。",
        "Timestamp: {time} (UTC), issued by {tsa}. Its signature matches the data, but the "
        "issuer was not checked against a CA you trust ({why}), so this does not prove it comes "
        "from a trusted timestamp authority. Pass --tsa-ca with that authority's CA "
        "certificate.",
    ),
    "tsa_ca_bundled": ("只有证据包自带的 CA 证书", "only the CA certificate inside the bundle"),
    "tsa_ca_none": ("没有 CA 证书", "no CA certificate"),
    "tsa_none": (
        "此证据包没有可信时间戳（未配置时间戳服务）。",
        "This bundle has no trusted timestamp (no timestamp authority was configured).",
    ),
    "key_info": ("签名公钥指纹：{fingerprint}", "Signing key fingerprint: {fingerprint}"),
    "checkpoint_info": (
        "检查点：日志共 {size} 条，根哈希 {root}，签署于 {at}。",
        "Checkpoint: log of {size} entries, root {root}, signed at {at}.",
    ),
}


def say(code: str, lang: str = "both", **params: Any) -> str:
    zh, en = TEXTS[code]
    if params.get("why") in TEXTS:  # a clause that is itself a message, in each language
        why_zh, why_en = TEXTS[params["why"]]
        zh, en = zh.replace("{why}", why_zh), en.replace("{why}", why_en)
    if lang == "zh":
        return zh.format(**params)
    if lang == "en":
        return en.format(**params)
    return zh.format(**params) + "  " + en.format(**params)


@dataclass
class Problem:
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: str = "both") -> str:
        return say(self.code, lang, **self.params)


class Invalid(Exception):
    """A check failed; carries the problem."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.problem = Problem(code, params)


# -- hashing: canonical JSON, RFC 6962 Merkle tree ------------------------------------------


def canonical(obj: Any) -> bytes:
    """The one byte form of a JSON value that is hashed and signed."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def meta_commitment(ip: str | None, ua: str | None, salt: str) -> str:
    """What a format-2 custody entry records of its address and browser: a salted hash, so the
    entry can travel to either party without them, and staff can still open it."""
    return sha256_hex(canonical({"ip": ip, "ua": ua, "salt": salt}))


def leaf_hash(entry: bytes) -> str:
    return hashlib.sha256(b"\x00" + entry).hexdigest()


def node_hash(left: str, right: str) -> str:
    return hashlib.sha256(b"\x01" + bytes.fromhex(left) + bytes.fromhex(right)).hexdigest()


def merkle_root(leaves: list[str]) -> str:
    """RFC 6962 Merkle tree hash over leaf hashes (hex); the empty tree hashes b''."""
    if not leaves:
        return sha256_hex(b"")
    if len(leaves) == 1:
        return leaves[0]
    split = 1 << ((len(leaves) - 1).bit_length() - 1)
    return node_hash(merkle_root(leaves[:split]), merkle_root(leaves[split:]))


def root_from_proof(index: int, size: int, leaf: str, proof: list[str]) -> str | None:
    """The root an inclusion proof leads to (RFC 9162 2.1.3.2), or None if it is malformed."""
    if index >= size:
        return None
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return None
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return r if sn == 0 else None


# -- signatures ----------------------------------------------------------------------------


def key_fingerprint(public_pem: bytes) -> str:
    """The SHA-256 of the raw Ed25519 public key; ValueError for anything else."""
    from cryptography.hazmat.primitives import serialization

    key = _load_public_key(public_pem)
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return sha256_hex(raw)


def _load_public_key(public_pem: bytes) -> Any:
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives import serialization

    try:
        key = serialization.load_pem_public_key(public_pem)
    except UnsupportedAlgorithm as exc:
        # A changed byte in the key's base64 can name an algorithm nobody knows: to the reader
        # of the report that is a bad key like any other, not a crash.
        raise ValueError(str(exc)) from exc
    # Only the one encoding the signer wrote: reading PEM passes over a changed line break and
    # anything after the END line, so such a change would otherwise leave the key "the same".
    pem = serialization.Encoding.PEM
    if key.public_bytes(pem, serialization.PublicFormat.SubjectPublicKeyInfo) != public_pem:
        raise ValueError("the key is not in the PEM form its signer writes")
    return key


def verify_signature(public_pem: bytes, message: bytes, signature_b64: str) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    text = signature_b64.strip()
    try:
        key = _load_public_key(public_pem)
        signature = base64.b64decode(text, validate=True)
    except (ValueError, TypeError):
        return False
    # Only the one encoding the signer wrote: the last character before the padding carries bits
    # that decoding ignores, so a change there would otherwise leave the signature "valid".
    if base64.b64encode(signature).decode() != text:
        return False
    if not isinstance(key, Ed25519PublicKey):
        return False
    try:
        key.verify(signature, message)
    except InvalidSignature:
        return False
    return True


# -- RFC 3161 timestamp tokens ---------------------------------------------------------------

_HASHES = {"sha256": "SHA256", "sha384": "SHA384", "sha512": "SHA512"}


def verify_timestamp(
    token_der: bytes, message: bytes, ca_pem: bytes | None = None
) -> tuple[datetime, str]:
    """Check an RFC 3161 TimeStampToken over message; returns (genTime, TSA subject).

    Checks the message imprint, the CMS signature over the signed attributes, the
    message-digest attribute over TSTInfo, the TSA certificate's timeStamping usage and
    validity at genTime and, when a CA certificate is given, that it issued the TSA's.
    """
    from asn1crypto import cms
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa

    try:
        info = cms.ContentInfo.load(token_der)
        if info["content_type"].native != "signed_data":
            raise Invalid("tsa_invalid", reason="not CMS SignedData")
        signed = info["content"]
        encap = signed["encap_content_info"]
        if encap["content_type"].native != "tst_info":
            raise Invalid("tsa_invalid", reason="content is not TSTInfo")
        tst_der = encap["content"].contents
        tst = encap["content"].parsed
        imprint = tst["message_imprint"]
        algorithm = imprint["hash_algorithm"]["algorithm"].native
        if algorithm not in _HASHES:
            raise Invalid("tsa_invalid", reason=f"unsupported imprint hash {algorithm}")
        expected = hashlib.new(algorithm, message).digest()
        if imprint["hashed_message"].native != expected:
            raise Invalid("tsa_invalid", reason="the token is for other data")
        gen_time: datetime = tst["gen_time"].native
        signer = signed["signer_infos"][0]
        certs = [c.chosen for c in signed["certificates"] or [] if c.name == "certificate"]
        sid = signer["sid"]
        cert = None
        for c in certs:
            if sid.name == "issuer_and_serial_number":
                if (
                    c.serial_number == sid.chosen["serial_number"].native
                    and c.issuer == sid.chosen["issuer"]
                ):
                    cert = c
            elif c.key_identifier == sid.chosen.native:
                cert = c
        if cert is None:
            raise Invalid("tsa_invalid", reason="the TSA certificate is not in the token")
        digest_name = signer["digest_algorithm"]["algorithm"].native
        if digest_name not in _HASHES:
            raise Invalid("tsa_invalid", reason=f"unsupported digest {digest_name}")
        attrs = signer["signed_attrs"]
        values = {a["type"].native: a["values"][0] for a in attrs}
        if values.get("content_type") is None or values["content_type"].native != "tst_info":
            raise Invalid("tsa_invalid", reason="content-type attribute missing")
        if values.get("message_digest") is None or (
            values["message_digest"].native != hashlib.new(digest_name, tst_der).digest()
        ):
            raise Invalid("tsa_invalid", reason="TSTInfo does not match its signed digest")
        # Signed attributes are signed as an explicit SET OF, not with their [0] tag.
        signed_bytes = b"\x31" + attrs.dump()[1:]
        signature = signer["signature"].native
        crypto_cert = x509.load_der_x509_certificate(cert.dump())
        key = crypto_cert.public_key()
        hash_alg = getattr(hashes, _HASHES[digest_name])()
        if isinstance(key, rsa.RSAPublicKey):
            if signer["signature_algorithm"].signature_algo == "rsassa_pss":
                pad: Any = padding.PSS(padding.MGF1(hash_alg), padding.PSS.AUTO)
            else:
                pad = padding.PKCS1v15()
            key.verify(signature, signed_bytes, pad, hash_alg)
        elif isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, signed_bytes, ec.ECDSA(hash_alg))
        elif isinstance(key, ed25519.Ed25519PublicKey):
            key.verify(signature, signed_bytes)
        else:
            raise Invalid("tsa_invalid", reason="unsupported TSA key type")
        try:
            usage = crypto_cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
        except x509.ExtensionNotFound:
            usage = None
        if usage is None or x509.ExtendedKeyUsageOID.TIME_STAMPING not in usage:
            raise Invalid("tsa_invalid", reason="the certificate is not for timestamping")
        if not (crypto_cert.not_valid_before_utc <= gen_time <= crypto_cert.not_valid_after_utc):
            raise Invalid("tsa_invalid", reason="the TSA certificate was not valid at that time")
        if ca_pem is not None:
            ca = x509.load_pem_x509_certificate(ca_pem)
            crypto_cert.verify_directly_issued_by(ca)
    except Invalid:
        raise
    except Exception as exc:  # any parse or signature failure is a bad token
        reason = type(exc).__name__ + (f": {exc}" if str(exc) else "")
        raise Invalid("tsa_invalid", reason=reason) from None
    return gen_time, crypto_cert.subject.rfc4514_string()


# -- the bundle ----------------------------------------------------------------------------

FIXED = ("manifest.json", "manifest.sig", "public-key.pem")
ITEM_FIELDS = ("sha256", "size", "media_type", "original_name", "kind", "description")


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def fail(self, code: str, **params: Any) -> None:
        self.problems.append(Problem(code, params))

    def note(self, code: str, **params: Any) -> None:
        self.notes.append(Problem(code, params))


def verify_bundle(
    path: str, key_fingerprint_pin: str | None = None, tsa_ca: bytes | None = None
) -> Report:
    """Every check above; the report lists each problem found (empty when intact)."""
    report = Report()
    try:
        with zipfile.ZipFile(path) as zf:
            members, digests = _read_members(zf, report)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        report.fail("not_zip", path=path, reason=str(exc) or type(exc).__name__)
        return report
    if not report.ok:
        return report
    for name in FIXED:
        if name not in members:
            report.fail("missing_member", name=name)
    if not report.ok:
        return report
    manifest = _check_manifest(members, report, key_fingerprint_pin)
    if manifest is None:
        return report
    public_pem = members["public-key.pem"]
    _check_members(digests, manifest, report)
    checkpoint = _check_checkpoint(members, manifest, public_pem, report, tsa_ca)
    if checkpoint is not None:
        _check_custody(manifest, checkpoint, report)
    if report.ok:
        counts = {
            "items": len(manifest.get("items", [])),
            "entries": len(manifest.get("custody", [])),
        }
        # Without a pin the signatures only show the bundle is as the key inside it signed it.
        report.note("ok" if key_fingerprint_pin else "ok_unpinned", **counts)
    return report


# Checked on the zip's directory before a byte is inflated: a few kilobytes of zip can declare
# gigabytes (a zip bomb). Evidence files are stored, not deflated, so a real bundle never comes
# near the ratio; deflated members are JSON and text.
MAX_MEMBERS = 10_000
MAX_MEMBER_BYTES = 8 * 1024**3
MAX_TOTAL_BYTES = 64 * 1024**3
MAX_RATIO = 200
RATIO_FROM = 1024 * 1024  # small members may compress as well as they like


def _check_sizes(infos: list[zipfile.ZipInfo], report: Report) -> bool:
    if len(infos) > MAX_MEMBERS:
        report.fail("too_many_members", count=len(infos), limit=MAX_MEMBERS)
        return False
    for info in infos:
        ratio = info.file_size // max(info.compress_size, 1)
        stored_but_larger = (
            info.compress_type == zipfile.ZIP_STORED and info.file_size != info.compress_size
        )
        if (
            info.file_size > MAX_MEMBER_BYTES
            or (info.file_size > RATIO_FROM and ratio > MAX_RATIO)
            or stored_but_larger
        ):
            report.fail("member_too_large", name=info.filename, size=info.file_size, ratio=ratio)
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_BYTES:
        report.fail("bundle_too_large", size=total, limit=MAX_TOTAL_BYTES)
    return report.ok


def _read_members(zf: zipfile.ZipFile, report: Report) -> tuple[dict[str, bytes], dict[str, str]]:
    """The small members' bytes, and every member's SHA-256. Evidence files (files/...), up to
    gigabytes each, are hashed as they are read and never held in memory."""
    out: dict[str, bytes] = {}
    digests: dict[str, str] = {}
    if not _check_sizes(zf.infolist(), report):
        return out, digests
    for info in zf.infolist():
        try:
            if info.filename.startswith("files/"):
                h = hashlib.sha256()
                with zf.open(info) as member:
                    while chunk := member.read(1024 * 1024):
                        h.update(chunk)
                digests[info.filename] = h.hexdigest()
            else:
                out[info.filename] = zf.read(info)
                digests[info.filename] = sha256_hex(out[info.filename])
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            report.fail("damaged_member", name=info.filename)
    return out, digests


def _check_manifest(
    members: dict[str, bytes], report: Report, pin: str | None
) -> dict[str, Any] | None:
    public_pem = members["public-key.pem"]
    try:
        fingerprint = key_fingerprint(public_pem)
    except (ValueError, TypeError):
        report.fail("bad_key")
        return None
    report.note("key_info", fingerprint=fingerprint)
    if pin and pin.lower() != fingerprint:
        report.fail("key_pin", actual=fingerprint, expected=pin)
    raw = members["manifest.json"]
    if not verify_signature(public_pem, raw, members["manifest.sig"].decode("ascii", "replace")):
        report.fail("manifest_sig")
        return None
    try:
        manifest = json.loads(raw)
        if manifest.get("format") != FORMAT:
            raise ValueError(f"format is not {FORMAT}")
    except (ValueError, AttributeError) as exc:
        report.fail("manifest_json", reason=str(exc))
        return None
    return manifest


def _check_members(digests: dict[str, str], manifest: dict[str, Any], report: Report) -> None:
    listed: dict[str, str] = manifest.get("members", {})
    for name, expected in sorted(listed.items()):
        if name not in digests:
            report.fail("missing_member", name=name)
            continue
        actual = digests[name]
        if actual != expected:
            report.fail("member_hash", name=name, expected=expected, actual=actual)
    for name in sorted(set(digests) - set(listed) - set(FIXED)):
        if not name.endswith("/"):
            report.fail("extra_member", name=name)


def _check_checkpoint(
    members: dict[str, bytes],
    manifest: dict[str, Any],
    public_pem: bytes,
    report: Report,
    tsa_ca: bytes | None,
) -> dict[str, Any] | None:
    files = manifest.get("checkpoint", {})
    statement = members.get(files.get("file", ""), b"")
    signature = members.get(files.get("signature_file", ""), b"").decode("ascii", "replace")
    if not verify_signature(public_pem, statement, signature):
        report.fail("checkpoint_sig")
        return None
    try:
        checkpoint = json.loads(statement)
        if checkpoint.get("log") != LOG_ID:
            raise ValueError(f"log is not {LOG_ID}")
        size, root = int(checkpoint["size"]), str(checkpoint["root"])
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        report.fail("checkpoint_json", reason=str(exc))
        return None
    if checkpoint.get("key") != key_fingerprint(public_pem):
        report.fail("checkpoint_key", actual=checkpoint.get("key"))
    report.note("checkpoint_info", size=size, root=root, at=checkpoint.get("at"))
    token_name = files.get("timestamp_file")
    if not token_name:
        report.note("tsa_none")
    elif token_name in members:
        # A CA that came inside the bundle is checked (a mismatch is still a problem) but is no
        # more trusted than the bundle itself: only the reader's own --tsa-ca makes it trusted.
        bundled = members.get(files.get("tsa_ca_file") or "")
        ca = tsa_ca if tsa_ca is not None else bundled
        try:
            when, tsa = verify_timestamp(members[token_name], statement, ca)
            if tsa_ca is not None:
                report.note("tsa_ok", time=when.isoformat(), tsa=tsa)
            else:
                why = "tsa_ca_bundled" if bundled else "tsa_ca_none"
                report.note("tsa_untrusted", time=when.isoformat(), tsa=tsa, why=why)
        except Invalid as exc:
            report.problems.append(exc.problem)
    return checkpoint


def _check_custody(manifest: dict[str, Any], checkpoint: dict[str, Any], report: Report) -> None:
    size, root = int(checkpoint["size"]), str(checkpoint["root"])
    case_number = manifest.get("case", {}).get("number")
    added: dict[int, dict[str, Any]] = {}
    withheld_items: set[Any] = set()
    for record in manifest.get("custody", []):
        seq = record.get("seq")
        proof = [str(p) for p in record.get("proof", [])]
        if record.get("withheld"):
            # A format-1 entry carries connection data in clear: a bundle for the other party
            # gives only its hash, which is still proven to sit in the signed log.
            stated = str(record.get("hash", ""))
            if not isinstance(seq, int) or root_from_proof(seq - 1, size, stated, proof) != root:
                report.fail("entry_proof", seq=seq)
                continue
            report.note("entry_withheld", seq=seq)
            withheld_items.add(record.get("item_seq"))
            continue
        raw = str(record.get("entry", "")).encode()
        if leaf_hash(raw) != record.get("hash"):
            report.fail("entry_hash", seq=seq)
            continue
        if not isinstance(seq, int) or root_from_proof(seq - 1, size, leaf_hash(raw), proof) != (
            root
        ):
            report.fail("entry_proof", seq=seq)
            continue
        entry = json.loads(raw)
        if entry.get("seq") != seq:
            report.fail("entry_hash", seq=seq)
            continue
        if entry.get("case") != case_number:
            report.fail("entry_case", seq=seq, case=entry.get("case"))
        opening = record.get("meta")
        if opening is not None and (
            not isinstance(opening, dict)
            or meta_commitment(opening.get("ip"), opening.get("ua"), str(opening.get("salt")))
            != entry.get("meta")
        ):
            report.fail("entry_meta", seq=seq)
        if entry.get("action") == "added" and entry.get("item"):
            added[int(entry["item"]["seq"])] = entry
    files = manifest.get("members", {})
    for item in manifest.get("items", []):
        label = item.get("label")
        entry = added.get(item.get("seq", -1))
        if entry is None and item.get("seq") in withheld_items:
            report.note("item_withheld", label=label)
        elif entry is None:
            report.fail("item_not_logged", label=label)
            continue
        else:
            recorded = {**entry["data"], "sha256": entry["item"]["sha256"]}
            for name in ITEM_FIELDS:
                if recorded.get(name) != item.get(name):
                    report.fail("item_mismatch", label=label, field=name)
        if files.get(item.get("file")) != item.get("sha256"):
            report.fail("item_file", label=label, name=item.get("file"))


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Check a weiquan evidence bundle offline.")
    parser.add_argument("bundle")
    parser.add_argument("--key", help="expected signing key fingerprint (hex)")
    parser.add_argument("--tsa-ca", help="CA certificate (PEM) to trust for the timestamp")
    parser.add_argument("--lang", choices=["zh", "en", "both"], default="both")
    args = parser.parse_args(argv)
    ca = open(args.tsa_ca, "rb").read() if args.tsa_ca else None  # noqa: SIM115
    report = verify_bundle(args.bundle, args.key, ca)
    for note in report.notes:
        print(note.text(args.lang))
    for problem in report.problems:
        print(problem.text(args.lang), file=sys.stderr)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
