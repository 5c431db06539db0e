"""Limitation has a shape (deadlines/periods.py): a later interruption never brings the last day
forward, the last day is the anniversary or the first working day after it, the General
Principles' short periods become 3 years exactly when still running on 2017-10-01, and a
period that has (or may have) run leaves no remedy simply "available"."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from test_properties import SETTINGS, facts_documents  # tests/law is on the path

from weiquan.law.calendar import add_years, next_working_day
from weiquan.law.deadlines import expiry
from weiquan.law.engine import assess
from weiquan.law.facts import Facts, InterruptionKind

GPL_FROM = date(2017, 10, 1)
KINDS = st.sampled_from(list(InterruptionKind))
# Calendars are published from 2004 to 2026; the limitation days stay inside them.
KNEW = st.dates(date(2004, 1, 1), date(2022, 12, 31))


def _facts(knew: date, interruptions: list[tuple[date, InterruptionKind]], **more: Any) -> Facts:
    problems = more.pop("problems", ["counterfeit"])
    harm = more.pop("harm", {})
    return Facts.model_validate(
        {
            "purchase": {
                "date": knew.isoformat(),
                "amount_paid": "100.00",
                "channel": "platform_store",
            },
            "goods": {"category": "clothing"},
            "problems": problems,
            "harm": harm,
            "history": {
                "first_knew_of_harm": knew.isoformat(),
                "limitation_interruptions": [
                    {"date": d.isoformat(), "kind": k.value} for d, k in interruptions
                ],
            },
            **more,
        }
    )


@st.composite
def _case(draw: st.DrawFn) -> tuple[date, list[tuple[date, InterruptionKind]], date, dict]:
    knew = draw(KNEW)
    n = draw(st.integers(0, 3))
    days = sorted(knew + timedelta(days=draw(st.integers(0, 1500))) for _ in range(n))
    events = [(d, draw(KINDS)) for d in days]
    as_of = knew + timedelta(days=draw(st.integers(0, 1800)))
    if days:
        as_of = max(as_of, days[-1])  # an interruption after the assessment day is refused
    more: dict[str, Any] = draw(
        st.sampled_from(
            [
                {},
                {"problems": ["quality_defect"]},
                {"harm": {"injury": "personal_injury"}},
                {"harm": {"injury": "property_damage"}},
            ]
        )
    )
    return knew, events, as_of, more


@SETTINGS
@given(_case(), st.integers(0, 1500), KINDS)
def test_a_later_interruption_never_brings_the_last_day_forward(
    case: tuple[date, list[tuple[date, InterruptionKind]], date, dict],
    offset: int,
    kind: InterruptionKind,
) -> None:
    knew, events, as_of, more = case
    last = events[-1][0] if events else knew
    later = last + timedelta(days=offset)
    day = max(as_of, later)
    # The assessment day is given: an interruption after today would be refused as a contradiction.
    on = {"as_of": day.isoformat(), **more}
    before = expiry.lapse(_facts(knew, events, **on), day)
    after = expiry.lapse(_facts(knew, [*events, (later, kind)], **on), day)
    assert before.end is not None and after.end is not None
    assert after.end >= before.end
    if before.pql_end is not None:
        assert after.pql_end is not None and after.pql_end >= before.pql_end


@SETTINGS
@given(_case())
def test_the_last_day_is_the_anniversary_or_the_next_working_day(
    case: tuple[date, list[tuple[date, InterruptionKind]], date, dict],
) -> None:
    knew, events, as_of, more = case
    found = expiry.lapse(_facts(knew, events, as_of=as_of.isoformat(), **more), as_of)
    assert found.since is not None and found.end is not None
    assert found.end == next_working_day(add_years(found.since, found.years))
    assert found.since >= knew and found.end > found.since
    if found.state == "run":
        assert as_of > found.end
    if as_of <= found.end:
        assert found.state == "running"


@SETTINGS
@given(KNEW, st.sampled_from([["counterfeit"], ["quality_defect"]]))
def test_the_2018_transition_turns_on_2017_10_01(knew: date, problems: list[str]) -> None:
    found = expiry.lapse(_facts(knew, [], problems=problems), date(2026, 1, 1))
    if knew >= GPL_FROM:
        assert found.years == 3 and not found.old
        return
    short = 1 if problems == ["quality_defect"] else 2
    old_end = next_working_day(add_years(knew, short))
    assert found.years == (3 if old_end >= GPL_FROM else short)


@SETTINGS
@given(st.dates(date(2015, 9, 1), date(2015, 10, 31)))
def test_two_year_periods_around_2017_10_01(knew: date) -> None:
    """The last GPCL day on or after 2017-10-01 (moved past National Day) means 3 years."""
    found = expiry.lapse(_facts(knew, []), date(2019, 1, 1))
    assert found.end is not None
    if knew <= date(2015, 9, 30):
        assert found.years == 2 and found.end < GPL_FROM and found.state == "run"
    else:
        assert found.years == 3 and found.end >= date(2018, 10, 1)


@SETTINGS
@given(facts_documents(), st.booleans())
def test_a_period_that_has_run_leaves_nothing_simply_available(
    doc: dict[str, Any], none_interrupted: bool
) -> None:
    if none_interrupted:  # interruptions asked and none given
        doc = {**doc, "history": {**doc.get("history", {}), "limitation_interruptions": []}}
    day = date.fromisoformat(doc["as_of"])
    result = assess(doc)
    found = expiry.lapse(Facts.model_validate(doc), day)
    if found.state in ("run", "uncertain"):
        assert all(r.status != "available" for r in result.remedies)
        codes = {f.code for f in result.flags}
        assert codes & {"limitation_run", "limitation_may_have_run"}
        punitive = [r for r in result.remedies if r.kind == "punitive" and r.recommended]
        assert len(punitive) <= 1
    if found.state == "run" and not found.ask:
        # Run on known facts: the seller need only raise it, so no suit is advised.
        assert "lawsuit" not in result.recommended_path or (
            doc["history"].get("already_handled_by") in ("court", "arbitration")
        )
    ends = [d for d in result.deadlines if d.name == "limitation_period_ends"]
    assert len(ends) == 1
    assert ends[0].date == found.end
