"""`weiquan evidence ...`: add, list, show, checklist, verify, export, verify-bundle, redact."""

from __future__ import annotations

import getpass
import json
import socket
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.table import Table

from weiquan import __version__
from weiquan.cases import service as cases
from weiquan.common import i18n
from weiquan.common.cli import err, out
from weiquan.common.i18n import N_, gettext
from weiquan.config import get_settings
from weiquan.db import configured_sessions
from weiquan.evidence import bundle, checklist, flows, integrity, redaction_flows, service, verifier
from weiquan.evidence.errors import Refused
from weiquan.evidence.http import item_custody
from weiquan.evidence.labels import human_size, kind_label
from weiquan.evidence.present import OPERATOR, checklist_public, entry_public, to_public
from weiquan.evidence.redaction import parse_regions
from weiquan.evidence.staging import TooLarge
from weiquan.evidence.upload import TOO_LARGE
from weiquan.evidence.vault import Vault

evidence_app = typer.Typer(no_args_is_help=True)

CANNOT_READ = N_("Cannot read {file}: {reason}")
ADDED = N_("Added {label}: {name} ({kind}, {size}, SHA-256 {sha256}).")
DUPLICATE = N_("{name} is already kept as {label}; not added again.")
NOTHING_ADDED = N_("Nothing was added.")
INTACT = N_("All evidence and the custody log are intact.")
EXPORTED = N_(
    "Wrote {path}: {items} items, {entries} custody entries, checkpoint of {size} entries{ts}."
)
WITH_TIMESTAMP = N_(", with a trusted timestamp")
KEY = N_("Signing key fingerprint: {fingerprint}")
REDACTED = N_("Redacted copy {id} of {label} made (SHA-256 {sha256}).")
CHECKPOINTED = N_("Checkpoint {id}: {size} entries, root {root}{ts}.")
EMPTY_LOG = N_("The custody log is empty; nothing to sign.")
BAD_ITEM = N_("{item} is not an evidence number such as E3.")

Format = Annotated[str, typer.Option(help="输出格式 text 或 json。 Output: text or json.")]
Number = Annotated[str, typer.Argument(help="案件编号，如 WQ-2026-000123。 Case number.")]
Item = Annotated[str, typer.Argument(help="证据编号，如 E3。 Evidence number, e.g. E3.")]


def _fail(message: str, code: int = 2) -> NoReturn:
    err.print(message, markup=False, highlight=False)
    raise typer.Exit(code)


def _context() -> tuple[Any, Vault]:
    return configured_sessions(), Vault.from_settings(get_settings())


def _origin() -> flows.Origin:
    return flows.Origin(
        actor=f"cli:{getpass.getuser()}",
        source="cli",
        user_agent=f"weiquan-cli/{__version__} ({socket.gethostname()})",
    )


def _seq(item: str) -> int:
    text = item.strip().upper().removeprefix("E")
    if not text.isdigit():
        _fail(gettext(BAD_ITEM).format(item=item))
    return int(text)


@evidence_app.command("add")
def add(
    number: Number,
    files: Annotated[list[Path], typer.Argument(help="文件。 Files to add.")],
    kind: Annotated[
        str, typer.Option(help="证据内容，如 chat、goods_photo。 What it shows, e.g. chat.")
    ] = "other",
    description: Annotated[str, typer.Option(help="说明。 Description.")] = "",
) -> None:
    """把文件加入案件证据（全部成功或全部不加）。 Add files to a case's evidence, all or nothing."""
    factory, vault = _context()
    prepared: list[flows.Prepared] = []
    try:
        results = flows.prepare_local(vault, files)
        prepared = [r for r in results if isinstance(r, flows.Prepared)]
        for path, r in zip(files, results, strict=True):
            if isinstance(r, OSError):
                _fail(gettext(CANNOT_READ).format(file=path, reason=r.strerror or r))
            if isinstance(r, TooLarge):
                _fail(gettext(TOO_LARGE).format(name=path.name, limit=human_size(r.limit)))
            if isinstance(r, Exception):  # Refused (a bad image, say): reported below
                raise r
        with factory() as session:
            result = flows.add(
                session=session,
                vault=vault,
                number=number,
                files=prepared,
                kind=kind,
                description=description,
                origin=_origin(),
            )
    except Refused as exc:
        _fail(exc.text() + "\n" + gettext(NOTHING_ADDED), 1 if exc.status == 404 else 2)
    finally:
        flows.discard(prepared)
    for item in result.items:
        out.print(
            gettext(ADDED).format(
                label=item.label,
                name=item.original_name,
                kind=kind_label(item.kind),
                size=human_size(item.size),
                sha256=item.sha256,
            ),
            markup=False,
            highlight=False,
        )
    for item in result.duplicates:
        out.print(
            gettext(DUPLICATE).format(name=item.original_name, label=item.label), markup=False
        )


@evidence_app.command("list")
def list_(number: Number, format: Format = "text") -> None:
    """列出案件的证据及清单。 List a case's evidence and its checklist."""
    factory, _ = _context()
    with factory() as session, session.begin():
        if not _exists(session, number):
            _fail(gettext(flows.CASE_NOT_FOUND).format(number=number), 1)
        case = flows.get_case(session, number)
        items = service.get_all(session=session, case=case)
        public = [to_public(i, case.number, viewer=OPERATOR) for i in items]
        check = checklist_public(checklist.build(case, items))
    if format == "json":
        doc = {
            "number": case.number,
            "items": [p.model_dump(mode="json") for p in public],
            "checklist": check.model_dump(mode="json"),
        }
        out.print_json(json.dumps(doc, ensure_ascii=False))
        return
    table = Table(title=case.number)
    for header in (N_("No."), N_("What it shows"), N_("File"), N_("Size"), N_("Added")):
        table.add_column(gettext(header))
    table.add_column("SHA-256")
    for p in public:
        table.add_row(
            p.label, p.kind_label, p.original_name, human_size(p.size), p.uploaded_at_local,
            p.sha256[:16],
        )  # fmt: skip
    out.print(table)
    _print_checklist(check)


def _exists(session: Any, number: str) -> bool:
    return cases.get(session=session, number=number) is not None


def _print_checklist(check: Any) -> None:
    for title, lines in ((N_("Checklist"), check.claim), (N_("Seller's defence"), check.defence)):
        if not lines:
            continue
        out.print(gettext(title), style="bold")
        for line in lines:
            mark = "✓" if line.present else "✗"
            state = ", ".join(line.items) if line.present else gettext("Missing")
            out.print(f"  {mark} {line.label}: {state}", markup=False, highlight=False)


@evidence_app.command("show")
def show(number: Number, item: Item, format: Format = "text") -> None:
    """显示一份证据及其保管记录。 Show one item and its custody log."""
    seq = _seq(item)
    factory, _ = _context()
    with factory() as session, session.begin():
        if not _exists(session, number):
            _fail(gettext(flows.CASE_NOT_FOUND).format(number=number), 1)
        case = flows.get_case(session, number)
        row = service.get(session=session, case=case, seq=seq)
        if row is None:
            _fail(gettext(flows.ITEM_NOT_FOUND).format(number=case.number, seq=seq), 1)
        public = to_public(row, case.number, viewer=OPERATOR)
        custody = [entry_public(e, viewer=OPERATOR) for e in item_custody(session, case, seq)]
    if format == "json":
        doc = {
            **public.model_dump(mode="json"),
            "custody": [c.model_dump(mode="json") for c in custody],
        }
        out.print_json(json.dumps(doc, ensure_ascii=False))
        return
    rows = [
        (N_("What it shows"), public.kind_label),
        (N_("Description"), public.description),
        (N_("File"), public.original_name),
        (N_("Type (from the content)"), public.media_type),
        (N_("Size"), f"{human_size(public.size)} ({public.size} B)"),
        ("SHA-256", public.sha256),
        (N_("Taken"), public.captured_at.isoformat() if public.captured_at else ""),
        (N_("Device"), public.device or ""),
        (N_("Added"), public.uploaded_at_local),
        (N_("Added by"), public.uploaded_by),
        (N_("From"), public.client_ip or public.user_agent or ""),
    ]
    table = Table(title=f"{case.number} {public.label}", show_header=False)
    table.add_column()
    table.add_column()
    for key, value in rows:
        table.add_row(gettext(key) if key != "SHA-256" else key, value)
    out.print(table)
    for c in custody:
        out.print(f"#{c.seq} {c.at_local}  {c.action_label}  {c.actor}", markup=False)


@evidence_app.command("checklist")
def checklist_cmd(number: Number) -> None:
    """按法律评估列出该案需要的证据和缺失项。 What evidence the claim needs, and what is missing."""
    factory, _ = _context()
    with factory() as session, session.begin():
        if not _exists(session, number):
            _fail(gettext(flows.CASE_NOT_FOUND).format(number=number), 1)
        case = flows.get_case(session, number)
        check = checklist_public(checklist.build(case, service.get_all(session=session, case=case)))
    _print_checklist(check)


@evidence_app.command("verify")
def verify(
    case: Annotated[
        str | None, typer.Option("--case", help="只查此案的文件。 Only this case's files.")
    ] = None,
) -> None:
    """重新校验所有文件的哈希和保管日志的检查点。 Recheck every file's hash and the whole log."""
    factory, vault = _context()
    number = None
    with factory() as session:
        if case is not None:
            with session.begin():
                if not _exists(session, case):
                    _fail(gettext(flows.CASE_NOT_FOUND).format(number=case), 1)
                number = flows.get_case(session, case).number
        report = integrity.verify(session=session, vault=vault, number=number)
    for note in report.notes:
        out.print(note.text(), markup=False, highlight=False)
    for problem in report.problems:
        err.print(problem.text(), markup=False, highlight=False)
    if not report.ok:
        raise typer.Exit(1)
    out.print(gettext(INTACT))


@evidence_app.command("export")
def export(
    number: Number,
    output: Annotated[Path, typer.Option("-o", "--output", help="ZIP 文件。 The bundle file.")],
    staff: Annotated[
        bool,
        typer.Option(
            "--staff",
            help="包含上传者的地址和浏览器（仅供工作人员，勿交给当事人）。"
            " Include uploaders' addresses and browsers (for staff, never for a party).",
        ),
    ] = False,
) -> None:
    """导出证据包（原件、签名清单、证据目录 PDF、校验程序）。 Export the evidence bundle."""
    factory, vault = _context()
    try:
        with factory() as session:
            done = bundle.export(
                session=session,
                vault=vault,
                number=number,
                out=output,
                origin=_origin(),
                viewer=OPERATOR if staff else None,
            )
    except Refused as exc:
        _fail(exc.text(), 1)
    ts = gettext(WITH_TIMESTAMP) if done.timestamped else ""
    out.print(
        gettext(EXPORTED).format(
            path=done.path, items=done.items, entries=done.entries, size=done.checkpoint_size, ts=ts
        ),
        markup=False,
    )
    out.print(gettext(KEY).format(fingerprint=done.fingerprint), markup=False)


@evidence_app.command("verify-bundle")
def verify_bundle(
    path: Annotated[Path, typer.Argument(help="证据包 ZIP。 The bundle.")],
    key: Annotated[
        str | None, typer.Option(help="预期的公钥指纹。 Expected key fingerprint.")
    ] = None,
    tsa_ca: Annotated[
        Path | None, typer.Option(help="信任的时间戳 CA 证书。 TSA CA certificate to trust.")
    ] = None,
) -> None:
    """离线校验证据包，只需证据包本身。 Check a bundle offline, with nothing but the bundle."""
    lang = "zh" if i18n.current_language.get() == "zh_CN" else "en"
    ca = tsa_ca.read_bytes() if tsa_ca else None
    report = verifier.verify_bundle(str(path), key, ca)
    for note in report.notes:
        out.print(note.text(lang), markup=False, highlight=False)
    for problem in report.problems:
        err.print(problem.text(lang), markup=False, highlight=False)
    raise typer.Exit(0 if report.ok else 1)


@evidence_app.command("redact")
def redact(
    number: Number,
    item: Item,
    region: Annotated[
        list[str] | None,
        typer.Option(help="遮盖区域 x,y,宽,高（像素），可重复。 Region x,y,w,h to cover."),
    ] = None,
    mask_name: Annotated[
        list[str] | None, typer.Option(help="要遮盖的姓名，可重复。 A name to mask.")
    ] = None,
) -> None:
    """为公开披露制作遮盖副本，原件不变。 Make a redacted copy; the original stays as it is."""
    seq = _seq(item)
    factory, vault = _context()
    spec: dict[str, Any] = {"names": list(mask_name or [])}
    try:
        if region:
            spec["regions"] = parse_regions("\n".join(region))
        with factory() as session:
            row = redaction_flows.redact(
                session=session, vault=vault, number=number, seq=seq, spec=spec, origin=_origin()
            )
    except Refused as exc:
        _fail(exc.text(), 1 if exc.status == 404 else 2)
    out.print(gettext(REDACTED).format(id=row.id, label=f"E{seq}", sha256=row.sha256), markup=False)


@evidence_app.command("checkpoint")
def checkpoint() -> None:
    """签署保管日志的当前状态，并补取可信时间戳。 Sign the log now and fetch missing timestamps."""
    factory, vault = _context()
    with factory() as session:
        cp = flows.checkpoint_now(session=session, vault=vault)
        if cp is None:
            out.print(gettext(EMPTY_LOG))
            return
        with session.begin():
            stamped = flows.custody.get_timestamp(session=session, checkpoint=cp) is not None
    ts = gettext(WITH_TIMESTAMP) if stamped else ""
    out.print(gettext(CHECKPOINTED).format(id=cp.id, size=cp.size, root=cp.root, ts=ts))
