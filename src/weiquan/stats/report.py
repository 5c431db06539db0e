"""The quarterly complaint analysis an agency publishes (as the consumer associations do).

`build` gathers everything the report says, in the reader's language, from `figures.compute`
for the quarter and the one before it, plus what only a report needs: example narratives of
the hot problems (only from consumers who agreed to publication, scrubbed) and the merchants
with the most unresolved complaints (named only when the name is a business's).
`report_pdf.render` and `report_docx.render` lay the same Report out; neither queries.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from weiquan.accounts.models import Agency
from weiquan.common import i18n
from weiquan.common.dates import format_local
from weiquan.common.i18n import gettext
from weiquan.common.labels import CATEGORIES, CHANNELS, PROBLEMS, label
from weiquan.common.money import format_yuan
from weiquan.db import utcnow
from weiquan.stats import charts
from weiquan.stats import report_docx as docx_layout
from weiquan.stats import report_pdf as pdf_layout
from weiquan.stats import report_texts as texts
from weiquan.stats.figures import Figures, Scope, compute
from weiquan.stats.report_cases import Example, MerchantLine, consented, unresolved_merchants
from weiquan.stats.report_model import Breakdown, Hot, Quarter, Report, ReportError, Table

HOT = 3  # hot problems and hot categories shown
EXAMPLES = 2  # example narratives under each
# Consented narratives read to find examples: enough for every hot group in practice, and a
# bound on the work at a million cases.
EXAMPLE_POOL = 600
MERCHANTS = 10


def agency_named(session: Session, name: str) -> Agency:
    agency = session.execute(select(Agency).where(Agency.name == name.strip())).scalar_one_or_none()
    if agency is None:
        raise ReportError(gettext(texts.UNKNOWN_AGENCY).format(name=name))
    return agency


def build(session: Session, agency_id: int, quarter: str | Quarter, lang: str) -> Report:
    """The report of one agency's quarter, in lang ("zh" or "en")."""
    lang = i18n.normalize(lang) or i18n.DEFAULT
    q = quarter if isinstance(quarter, Quarter) else Quarter.parse(quarter)
    agency = session.get(Agency, agency_id)
    if agency is None:
        raise ReportError(gettext(texts.UNKNOWN_AGENCY, lang).format(name=agency_id))
    undo = i18n.bind(lang)
    try:
        return _build(session, agency, q, lang)
    finally:
        undo()


def _build(session: Session, agency: Agency, q: Quarter, lang: str) -> Report:
    scope = Scope(agency_id=agency.id, start=q.start, end=q.end)
    now, before = (
        compute(session, scope),
        compute(
            session, Scope(agency_id=agency.id, start=q.previous().start, end=q.previous().end)
        ),
    )
    period = gettext(texts.PERIOD).format(
        start=q.start.isoformat(), end=(q.end - timedelta(days=1)).isoformat()
    )
    summary = gettext(texts.SUMMARY).format(
        quarter=q.label(),
        agency=agency.name,
        total=f"{now.total:,}",
        previous=f"{before.total:,}",
        change=change(now.total, before.total),
        amount=format_yuan(now.recovered_fen),
        cases=f"{now.recovered_cases:,}",
    )
    pool = consented(session, scope, EXAMPLE_POOL)
    problems = tuple(
        hot(label(PROBLEMS, code), n, now.total, [e for e in pool if code in e.problems])
        for code, n in now.by_problem[:HOT]
    )
    used = {narrative for h in problems for narrative in h.narratives}
    return Report(
        lang=lang,
        agency_id=agency.id,
        agency=agency.name,
        quarter=q,
        title=gettext(texts.TITLE).format(agency=agency.name, quarter=q.label()),
        period=period,
        summary=summary,
        totals=_totals(now, before),
        breakdowns=_breakdowns(now),
        hot_problems=problems,
        # An example shown under a hot problem is not shown again under its category.
        hot_goods=tuple(
            hot(
                label(CATEGORIES, code),
                n,
                now.total,
                [e for e in pool if e.category == code and e.narrative not in used],
            )
            for code, n in now.by_category[:HOT]
        ),
        merchants=merchants_table(unresolved_merchants(session, scope, MERCHANTS)),
        outcomes=_outcomes(now, before),
        method=tuple((gettext(term), gettext(text)) for term, text in texts.METHOD),
        made=gettext(texts.MADE).format(when=format_local(utcnow())),
        figures=now,
        previous=before,
    )


def change(now: float, before: float, *, points: bool = False) -> str:
    """上升 12.5% / 下降 3.0% / 持平 against the previous quarter (percentage points for rates)."""
    if points:
        diff = (now - before) * 100
        if abs(diff) < 0.05:
            return gettext(texts.UNCHANGED)
        text = gettext(texts.POINTS).format(n=f"{abs(diff):.1f}")
    else:
        if before == 0:
            return gettext(texts.NO_BASE) if now else gettext(texts.UNCHANGED)
        diff = (now - before) / before * 100
        if abs(diff) < 0.05:
            return gettext(texts.UNCHANGED)
        text = f"{abs(diff):.1f}%"
    return gettext(texts.UP if diff > 0 else texts.DOWN).format(by=text)


def share(n: int, total: int) -> str:
    return f"{n / total * 100:.1f}%" if total else "—"


def rate(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _totals(now: Figures, before: Figures) -> Table:
    rows = [
        (texts.TOTAL, f"{now.total:,}", f"{before.total:,}", change(now.total, before.total)),
        (
            texts.RECOVERED,
            format_yuan(now.recovered_fen),
            format_yuan(before.recovered_fen),
            change(now.recovered_fen, before.recovered_fen),
        ),
        (
            texts.RECOVERED_CASES,
            f"{now.recovered_cases:,}",
            f"{before.recovered_cases:,}",
            change(now.recovered_cases, before.recovered_cases),
        ),
    ]
    return _compared(rows)


def _counts(
    heading: str, column: str, rows: Sequence[tuple[str, int]], total: int, kind: charts.Kind
) -> Breakdown:
    labelled = [(name, n) for name, n in rows]
    chart = charts.Chart(
        heading, kind, tuple(n for n, _ in labelled), tuple(v for _, v in labelled)
    )
    table = Table(
        (column, gettext(texts.COMPLAINTS), gettext(texts.SHARE)),
        tuple((name, f"{n:,}", share(n, total)) for name, n in labelled),
    )
    return Breakdown(heading, chart, table)


def _breakdowns(f: Figures) -> tuple[Breakdown, ...]:
    top = 12  # the rest is in the CSV of the dashboard; a printed chart stays readable
    return (
        _counts(gettext(texts.BY_MONTH), gettext(texts.MONTH), f.by_month, f.total, "columns"),
        _counts(
            gettext(texts.BY_CHANNEL),
            gettext(texts.CHANNEL),
            [(label(CHANNELS, c), n) for c, n in f.by_channel[:top]],
            f.total,
            "bars",
        ),
        _counts(
            gettext(texts.BY_CATEGORY),
            gettext(texts.CATEGORY),
            [(label(CATEGORIES, c), n) for c, n in f.by_category[:top]],
            f.total,
            "bars",
        ),
        _counts(
            gettext(texts.BY_PROBLEM),
            gettext(texts.PROBLEM),
            [(label(PROBLEMS, c), n) for c, n in f.by_problem[:top]],
            f.total,
            "bars",
        ),
    )


def _outcomes(now: Figures, before: Figures) -> Breakdown:
    days = now.first_answer_days_median
    rows = [
        (texts.ACCEPTED, f"{now.accepted:,}", f"{before.accepted:,}",
         change(now.accepted, before.accepted)),
        (texts.REFUSED, f"{now.refused:,}", f"{before.refused:,}",
         change(now.refused, before.refused)),
        (texts.ACCEPTANCE_RATE, rate(now.acceptance_rate), rate(before.acceptance_rate),
         _rate_change(now.acceptance_rate, before.acceptance_rate)),
        (texts.MEDIATIONS_ENDED, f"{now.mediations_ended:,}", f"{before.mediations_ended:,}",
         change(now.mediations_ended, before.mediations_ended)),
        (texts.AGREEMENTS, f"{now.agreements:,}", f"{before.agreements:,}",
         change(now.agreements, before.agreements)),
        (texts.MEDIATION_SUCCESS, rate(now.mediation_success), rate(before.mediation_success),
         _rate_change(now.mediation_success, before.mediation_success)),
        (texts.OVERDUE_RATE, rate(now.overdue_rate), rate(before.overdue_rate),
         _rate_change(now.overdue_rate, before.overdue_rate)),
        (texts.FIRST_ANSWER, "—" if days is None else f"{days:.1f}",
         "—" if before.first_answer_days_median is None
         else f"{before.first_answer_days_median:.1f}", ""),
    ]  # fmt: skip
    shown = [
        (texts.ACCEPTANCE_RATE, now.acceptance_rate),
        (texts.MEDIATION_SUCCESS, now.mediation_success),
        (texts.OVERDUE_RATE, now.overdue_rate),
    ]
    chart = charts.Chart(
        gettext(texts.RATES),
        "percent",
        tuple(gettext(k) for k, v in shown if v is not None),
        tuple(float(v) for _, v in shown if v is not None),
    )
    table = _compared(rows)
    return Breakdown(gettext(texts.OUTCOMES), chart, table)


def _rate_change(now: float | None, before: float | None) -> str:
    return "—" if now is None or before is None else change(now, before, points=True)


def hot(name: str, n: int, total: int, pool: Sequence[Example]) -> Hot:
    heading = gettext(texts.HOT_LINE).format(name=name, n=f"{n:,}", share=share(n, total))
    return Hot(heading, tuple(e.narrative for e in pool[:EXAMPLES]))


def merchants_table(lines: Sequence[MerchantLine]) -> Table:
    return Table(
        (gettext(texts.MERCHANT), gettext(texts.UNRESOLVED), gettext(texts.COMPLAINTS)),
        tuple(
            (
                line.name or gettext(texts.PRIVATE_SELLER),
                f"{line.unresolved:,}",
                f"{line.complaints:,}",
            )
            for line in lines
        ),
    )


def _compared(rows: Sequence[tuple[str, str, str, str]]) -> Table:
    """A figure per row: this quarter, the previous one, the change."""
    header = (texts.FIGURE, texts.THIS_QUARTER, texts.LAST_QUARTER, texts.CHANGE)
    return Table(tuple(gettext(c) for c in header), tuple((gettext(r[0]), *r[1:]) for r in rows))


def report_pdf(report: Report) -> bytes:
    """The report as PDF (charts as SVG, Noto CJK embedded)."""
    return pdf_layout.render(report)


def report_docx(report: Report) -> bytes:
    """The report as DOCX (charts as PNG, tables as Word tables, East Asian font set)."""
    return docx_layout.render(report)


def file_stem(report: Report) -> str:
    """The files' name without suffix: ASCII, so every browser and disk takes it."""
    lang = "zh" if report.lang == "zh_CN" else "en"
    return f"weiquan-report-agency{report.agency_id}-{report.quarter}-{lang}"
