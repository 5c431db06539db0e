"""`weiquan merchants ...` and `weiquan export complaints`."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from pydantic import ValidationError
from rich.table import Table

from weiquan.common.cli import describe_errors, err, out
from weiquan.common.i18n import N_, gettext
from weiquan.db import configured_sessions
from weiquan.merchants import claimants as cl
from weiquan.merchants import export, flows, service
from weiquan.merchants import identifiers as ids
from weiquan.merchants.facts import claimant_key
from weiquan.merchants.resolution import ResolutionError
from weiquan.merchants.returns import ImageError
from weiquan.merchants.schemas import AgencyRecordIn
from weiquan.merchants.views import claimant_public, resolutions_of, run_lookup, scan_claimants

merchants_app = typer.Typer(no_args_is_help=True)
export_app = typer.Typer(no_args_is_help=True)
ACTOR = "cli"

FormatOption = Annotated[str, typer.Option(help="输出格式 text 或 json。 Output: text or json.")]
IdsOption = Annotated[
    list[str],
    typer.Option(
        "--id",
        help="标识 KIND:VALUE，如 wechat:abc123、phone:13800138000、shop_name:某店@淘宝。"
        " An identifier KIND:VALUE.",
    ),
]
ReasonOption = Annotated[str, typer.Option(help="理由（记入审计）。 Why (kept in the audit).")]


def fail(message: str, **params: object) -> NoReturn:
    err.print(gettext(message).format(**params), markup=False, highlight=False)
    raise typer.Exit(2)


def _identifiers(specs: list[str]) -> list[ids.Identifier]:
    try:
        return [ids.parse(s) for s in specs]
    except ids.IdentifierError as exc:
        fail(exc.message, **exc.params)


@merchants_app.command("lookup")
def lookup(
    identifier: Annotated[
        str, typer.Argument(help="微信号、手机号、店铺、直播间或信用代码。 Any identifier.")
    ],
    format: FormatOption = "text",
) -> None:
    """购买前查询商家档案（个人信息已遮蔽）。 Check a merchant before buying (masked)."""
    with configured_sessions()() as session:
        try:
            result = run_lookup(session=session, query=identifier)
        except ids.IdentifierError as exc:
            fail(exc.message, **exc.params)
    if format == "json":
        out.print_json(result.model_dump_json())
        return
    if result.notice:
        out.print(result.notice)
    for p in result.matches:
        _print_profile(p)
    for line in result.advice:
        out.print(f"· {line}")


def _print_profile(p: Any) -> None:
    out.rule(f"{p.name}  ({gettext('Merchant')} #{p.id})")
    out.print(f"{gettext('Score')}: {p.score.value}/100 · {p.score.band_label}", markup=False)
    table = Table(show_header=False)
    table.add_column(justify="right")
    table.add_column()
    for line in p.score.lines:
        table.add_row(f"{line.points:+d}", line.text)
    out.print(table)
    for w in p.warnings:
        out.print(f"! {w.text}", markup=False)
    s = p.stats
    out.print(
        gettext(
            "Complaints: {n}; answered {a} of {d} demands; settled {s}; paid back ¥{r}."
        ).format(n=s.complaints, a=s.answered, d=s.demands, s=s.settled, r=s.recovered),
        markup=False,
    )
    out.print(
        " · ".join(
            f"{i.kind_label}: {i.shown}" + (f"@{i.platform}" if i.platform else "")
            for i in p.identifiers
        ),
        markup=False,
    )
    for r in p.records:
        out.print(f"{r.decided_on} {r.record_label} {r.authority} {r.reference}", markup=False)
    if p.reply:
        out.print(f"{gettext('Reply from the merchant')}: {p.reply.text}", markup=False)


@merchants_app.command("issue-code")
def issue_code(
    identifier: Annotated[str, typer.Argument(help="商家的任一标识。 Any of its identifiers.")],
) -> None:
    """（机构/管理员）为商家签发验证码，用于查看自己的档案并回复。 Issue a merchant's code."""
    with configured_sessions()() as session:
        try:
            merchant, code = flows.issue_code(session=session, query=identifier)
        except (ResolutionError, ids.IdentifierError) as exc:
            fail(exc.message, **exc.params)
    out.print(
        gettext(
            "Code for merchant {id}: {code}. Give it to the merchant in person or by a verified"
            " channel; it is shown only once."
        ).format(id=merchant.id, code=code),
        markup=False,
    )


def _record(payload: dict[str, Any]) -> None:
    try:
        record_in = AgencyRecordIn.model_validate(payload)
    except ValidationError as exc:
        err.print(describe_errors(exc), markup=False, highlight=False)
        raise typer.Exit(2) from None
    with configured_sessions()() as session:
        try:
            record = flows.record(session=session, record_in=record_in, actor=ACTOR)
        except ResolutionError as exc:
            fail(exc.message, **exc.params)
        out.print(
            gettext("Record {id} stored for merchant {merchant}.").format(
                id=record.id, merchant=record.merchant_id
            )
        )


def _id_payload(specs: list[str]) -> list[dict[str, Any]]:
    return [
        {"kind": i.kind.value, "value": i.display or i.value, "platform": i.scope or None}
        for i in _identifiers(specs)
    ]


@merchants_app.command("finding")
def finding(
    kind: Annotated[str, typer.Option(help="fraud、counterfeit 或 other。 What was found.")],
    authority: Annotated[str, typer.Option(help="作出认定的机关或法院。 Agency or court.")],
    decided_on: Annotated[str, typer.Option("--date", help="日期 YYYY-MM-DD。 Date.")],
    reference: Annotated[str, typer.Option(help="文书编号。 Reference number.")],
    identifier: IdsOption,
    by: Annotated[str, typer.Option(help="agency 或 court。 Decided by.")] = "agency",
    case: Annotated[str | None, typer.Option(help="关联案件编号。 Case number.")] = None,
    reason: Annotated[str | None, typer.Option(help="摘要。 Summary.")] = None,
) -> None:
    """（机构）记录欺诈或售假认定，并关联其中的标识。 Record a finding."""
    _record(
        {
            "record_type": "finding",
            "finding_kind": kind,
            "decided_by": by,
            "authority": authority,
            "decided_on": decided_on,
            "reference": reference,
            "case_number": case,
            "reason": reason,
            "identifiers": _id_payload(identifier),
        }
    )


@merchants_app.command("list-entry")
def list_entry(
    which: Annotated[str, typer.Option("--list", help="red 或 black。 Red or black list.")],
    authority: Annotated[str, typer.Option(help="公布名单的机关。 Publishing agency.")],
    decided_on: Annotated[str, typer.Option("--date", help="日期 YYYY-MM-DD。 Date.")],
    reference: Annotated[str, typer.Option(help="文书编号。 Reference number.")],
    identifier: IdsOption,
    until: Annotated[str | None, typer.Option(help="有效期至。 Valid until.")] = None,
    reason: Annotated[str | None, typer.Option(help="理由。 Reason.")] = None,
) -> None:
    """（机构）记录红名单或黑名单条目。 Record a red or black list entry."""
    _record(
        {
            "record_type": f"{which}_list",
            "decided_by": "agency",
            "authority": authority,
            "decided_on": decided_on,
            "reference": reference,
            "valid_until": until,
            "reason": reason,
            "identifiers": _id_payload(identifier),
        }
    )


@merchants_app.command("link")
def link(identifier: IdsOption, reason: ReasonOption) -> None:
    """（机构）经审核确认多个标识属于同一商家。 Link identifiers as one merchant."""
    found = _identifiers(identifier)
    if len(found) < 2 or len(reason.strip()) < 5:
        fail(N_("Give at least two identifiers and a reason of five characters or more."))
    with configured_sessions()() as session:
        merchant = flows.link(
            session=session,
            identifiers=found,
            actor=ACTOR,
            reason=reason,
            ref=f"cli:{date.today()}",
        )
    out.print(gettext("Linked as merchant {id}.").format(id=merchant.id))


@merchants_app.command("unlink")
def unlink(
    link_id: Annotated[int, typer.Argument(help="关联编号。 Link number.")], reason: ReasonOption
) -> None:
    """撤销一条关联；若无其他证据相连则拆分商家。 Revoke a link, splitting if nothing else holds."""
    with configured_sessions()() as session:
        try:
            done = flows.unlink(session=session, link_id=link_id, actor=ACTOR, reason=reason)
        except ResolutionError as exc:
            fail(exc.message, **exc.params)
    if done is None:
        out.print(gettext("Link revoked; the merchant is still held together by other evidence."))
    else:
        out.print(
            gettext("Split {id}: merchants {merchants}.").format(
                id=done.id,
                merchants=", ".join(str(m) for m in [done.merchant_id, *done.other_merchant_ids]),
            )
        )


@merchants_app.command("undo")
def undo(
    resolution_id: Annotated[int, typer.Argument(help="合并或拆分的编号。 Merge or split number.")],
    reason: ReasonOption,
) -> None:
    """撤销一次错误的合并（或拆分）。 Undo a wrong merge (or split)."""
    with configured_sessions()() as session:
        try:
            done = flows.undo(
                session=session, resolution_id=resolution_id, actor=ACTOR, reason=reason
            )
        except ResolutionError as exc:
            fail(exc.message, **exc.params)
    out.print(gettext("Undone by {action} {id}.").format(action=done.action, id=done.id))


@merchants_app.command("history")
def history(
    identifier: Annotated[str, typer.Argument(help="商家的任一标识。 Any of its identifiers.")],
    format: FormatOption = "text",
) -> None:
    """商家身份合并与拆分的审计记录。 The merges and splits of a merchant."""
    with configured_sessions()() as session:
        try:
            merchant = service.require_one(session=session, query=identifier)
        except (ResolutionError, ids.IdentifierError) as exc:
            fail(exc.message, **exc.params)
        rows = resolutions_of(session=session, merchant_id=merchant.id)
    if format == "json":
        out.print_json(json.dumps([r.model_dump(mode="json") for r in rows], ensure_ascii=False))
        return
    for r in rows:
        undone = f" (undone by {r.undone_by_id})" if r.undone_by_id else ""
        out.print(
            f"#{r.id} {r.at:%Y-%m-%d %H:%M} {r.action} {r.merchant_id} {r.other_merchant_ids} "
            f"{r.evidence_kind}:{r.evidence_ref} {r.actor}: {r.reason}{undone}",
            markup=False,
        )


@merchants_app.command("backfill")
def backfill() -> None:
    """为已有案件关联商家（可重复运行）。 Link existing cases to merchants (idempotent)."""
    with configured_sessions()() as session:
        n = flows.backfill(session=session, actor=ACTOR)
    out.print(gettext("{n} cases linked to merchants.").format(n=n))


@merchants_app.command("claimants")
def claimants(format: FormatOption = "text") -> None:
    """（机构/商家）疑似批量索赔的投诉人及其依据。 Claimants with serial-claim flags."""
    with configured_sessions()() as session:
        found = [claimant_public(session, f) for f in scan_claimants(session=session)]
    if format == "json":
        out.print_json(json.dumps([f.model_dump(mode="json") for f in found], ensure_ascii=False))
        return
    for f in found:
        out.print(f"{f.claimant}: {f.claims} / {f.merchants}", markup=False)
        for flag in f.flags:
            cases = ", ".join(str(e.get("case")) for e in flag.evidence[:8])
            out.print(f"  - {flag.text} ({cases})", markup=False)
    out.print(gettext(cl.NOTE))


@merchants_app.command("claimant")
def claimant(
    phone: Annotated[str, typer.Argument(help="投诉人手机号。 The claimant's phone.")],
    format: FormatOption = "text",
) -> None:
    """一位投诉人的档案及标记（含证据）。 One claimant's flags with their evidence."""
    with configured_sessions()() as session:
        result = claimant_public(session, cl.profile(session=session, key=claimant_key(phone)))
    if format == "json":
        out.print_json(result.model_dump_json())
        return
    out.print(f"{result.claimant}: {result.claims} / {result.merchants}", markup=False)
    for flag in result.flags:
        out.print(f"  - {flag.text}", markup=False)
    out.print(result.note)


@merchants_app.command("inspect-return")
def inspect_return(
    case: Annotated[str, typer.Argument(help="案件编号。 Case number.")],
    listing: Annotated[list[Path], typer.Option(help="商品页图片。 A listing photo.")],
    returned: Annotated[list[Path], typer.Option(help="退回商品照片。 A photo of the return.")],
) -> None:
    """比对退回商品与商品页图片（感知哈希）。 Compare a returned item with the listing photos."""
    try:
        listing_bytes = [(p.name, p.read_bytes()) for p in listing]
        returned_bytes = [(p.name, p.read_bytes()) for p in returned]
    except OSError as exc:
        fail(N_("Cannot read {file}: {reason}"), file=exc.filename, reason=exc.strerror)
    with configured_sessions()() as session:
        try:
            inspection = flows.inspect_return(
                session=session,
                number=case,
                listing=listing_bytes,
                returned=returned_bytes,
                actor=ACTOR,
            )
        except (ImageError, ResolutionError) as exc:
            fail(exc.message, **exc.params)
    message = (
        N_("The returned item does not look like the listing ({bits} of 64 bits differ).")
        if inspection.mismatch
        else N_("The returned item looks like the listing ({bits} of 64 bits differ).")
    )
    out.print(gettext(message).format(bits=inspection.distance))


@export_app.command("complaints")
def export_complaints(
    format: Annotated[str, typer.Option(help="csv 或 parquet。 csv or parquet.")] = "csv",
    output: Annotated[
        Path | None, typer.Option(help="输出文件（csv 默认标准输出）。 Output file.")
    ] = None,
) -> None:
    """导出已结案投诉（去除个人信息）。 Export closed complaints, personal data scrubbed."""
    if format not in ("csv", "parquet"):
        fail(N_("Choose one of the listed options."))
    if format == "parquet" and output is None:
        fail(N_("Parquet needs an output file: --output complaints.parquet"))
    with configured_sessions()() as session:
        rows = export.rows(session=session)
        if format == "parquet":
            assert output is not None
            n = export.write_parquet(rows, output)
        elif output is None:
            n = export.write_csv(rows, sys.stdout)
        else:
            with output.open("w", encoding="utf-8", newline="") as f:
                n = export.write_csv(rows, f)
    err.print(gettext("{n} closed complaints exported.").format(n=n))
