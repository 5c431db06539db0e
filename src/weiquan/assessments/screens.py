"""Which screen of the interview comes next, and its place in it ("Question 3 / 9").

Pure: given the answers so far (draft fields), the facts left unknown and the order in which
questions were answered, it runs the engine once the basics are known and picks the question.
The total is what the engine still needs given the answers so far, so it changes as they do.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import ValidationError

from weiquan.assessments import drafts, flows, interview
from weiquan.common.errors import field_errors


@dataclass(frozen=True)
class Screen:
    path: str | None  # the fact asked; None when nothing is left to ask
    n: int = 1
    total: int = 1
    previous: str | None = None  # where "back" goes
    value: list[str] = field(default_factory=list)  # what the form shows as answered
    missing: list[dict[str, Any]] = field(default_factory=list)  # the engine's questions
    result: dict[str, Any] | None = None  # the engine's answer, once the basics are known
    errors: dict[str, str] = field(default_factory=dict)  # facts the engine refuses
    more_may_follow: bool = False  # the basics are not all in: the engine cannot say yet

    def typed(self, path: str, raw: list[str]) -> Screen:
        """This screen showing what was typed (after an error) instead of what was kept."""
        return replace(self, path=path, value=raw)


def _answered(fields: dict[str, Any]) -> set[str]:
    """The facts answered ("none of these" is an answer, except to what went wrong)."""
    out = set()
    for path, item in fields.items():
        found = item.get("value") if isinstance(item, dict) else None
        if found is None or found == "" or (path in interview.BASICS and found == []):
            continue
        out.add(path)
    return out


def screen(
    *,
    answered: dict[str, Any],
    unknown: list[str],
    trail: list[str],
    wanted: str | None = None,
) -> Screen:
    """The screen to show for these answers (wanted: a question already answered, or the
    next one; anything else gives the next one)."""
    known = _answered(answered)
    missing: list[dict[str, Any]] | None = None
    result: dict[str, Any] | None = None
    errors: dict[str, str] = {}
    if all(p in known for p in interview.BASICS):
        try:
            result = flows.run(drafts.facts_of_fields(answered))
        except ValidationError as exc:
            errors = {e["field"]: e["msg"] for e in field_errors(exc.errors())}
        else:
            missing = list(result.get("missing_facts", []))
    rest = interview.remaining(known, set(unknown), missing)
    path = rest[0] if rest else None
    if errors:
        # Facts that contradict each other (a date after today): ask the first again.
        path = next((p for p in [*trail, *interview.BASICS] if p in errors), path)
        if path is None or path not in errors:
            path = next((p for p in errors if interview.askable(p)), path)
    if wanted and (wanted in trail or wanted == path):
        path = wanted
    if path is None:
        return Screen(None, missing=missing or [], result=result)
    n = trail.index(path) + 1 if path in trail else len(trail) + 1
    total = len(trail) + len([p for p in rest if p not in trail])
    before = trail[: n - 1]
    w = interview.widget(path)
    return Screen(
        path,
        n=n,
        total=max(total, n),
        previous=before[-1] if before else None,
        value=interview.shown_value(w, drafts.value_of(answered, path), path in unknown),
        missing=missing or [],
        result=result if not errors else None,
        errors={path: errors[path]} if path in errors else {},
        more_may_follow=missing is None and not errors,
    )
