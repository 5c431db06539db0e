"""Values a machine read from screenshots on the complaint form (issue 22): filed only once the
person confirmed them.

The form carries each value read as `proposed.<field>` (hidden) beside its field, with a box
`confirm.<field>` to tick. A field still holding the value read, its box not ticked, is filed
empty: an identifier read by OCR never reaches the case (nor the merchant registry, which links
what a filed complaint names) unless the person said it is right. Editing the field is saying
so too. Facts the form has no field for come as `extra.<path>` (their words) and the same box.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PROPOSED, CONFIRM, EXTRA = "proposed.", "confirm.", "extra."


@dataclass
class Proposals:
    """What the submitted form says of the values read."""

    values: dict[str, str] = field(default_factory=dict)  # field -> the value read
    confirmed: set[str] = field(default_factory=set)  # fields (or fact paths) confirmed
    extras: dict[str, str] = field(default_factory=dict)  # fact path -> its words

    def __bool__(self) -> bool:
        return bool(self.values or self.extras)


def of(form: dict[str, Any]) -> Proposals:
    found = Proposals()
    for key, value in form.items():
        if not isinstance(value, str):
            continue
        if key.startswith(PROPOSED):
            found.values[key[len(PROPOSED) :]] = value
        elif key.startswith(CONFIRM) and value == "on":
            found.confirmed.add(key[len(CONFIRM) :])
        elif key.startswith(EXTRA):
            found.extras[key[len(EXTRA) :]] = value
    return found


def joined(problems: list[str]) -> str:
    return ",".join(sorted(set(problems)))


def filed(
    values: dict[str, str], problems: list[str], found: Proposals
) -> tuple[dict[str, str], list[str]]:
    """The form's values as they are filed: a value read and not confirmed is left out; one
    the person changed counts as confirmed (added to found.confirmed)."""
    out = {k: v for k, v in values.items() if not k.startswith((PROPOSED, CONFIRM, EXTRA))}
    kept = list(problems)
    for name, proposal in found.values.items():
        current = joined(problems) if name == "problems" else out.get(name, "").strip()
        if current != proposal.strip():
            found.confirmed.add(name)
        elif name not in found.confirmed:
            if name == "problems":
                kept = []
            else:
                out[name] = ""
    return out, kept
