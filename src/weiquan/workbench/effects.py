"""The case flows' effects as the app hands them down (cases.effects): filing's, and the
clerk's word on a complaint's admissibility, which the workbench keeps (it sits above the
flows, so they get it as an argument), and the ladder's step flow that uses them."""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import Final

from weiquan.cases.effects import CaseEffects
from weiquan.filing import flows
from weiquan.filing.effects import EFFECTS as FILING
from weiquan.workbench import admissibility

EFFECTS: Final[CaseEffects] = replace(FILING, admissibility=admissibility.refresh)
# The step flow every entry point above the workbench uses (the app, bulk steps, the demo).
take_step: Final = partial(flows.take_step, effects=EFFECTS)
