"""What is derived from a case (its queue key, its merchant facts and cached figures) is kept
by explicit calls in the flows that write it, never by a session hook: a process that imports
only the flow it runs keeps it, and no hook is left to keep it behind a flow's back."""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys
from typing import Any

from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session, sessionmaker

import weiquan
from tests.factories import case_document
from weiquan.cases.queuekeys import NO_CLOCK
from weiquan.merchants import facts
from weiquan.merchants.models import MerchantCase

# Runs in a process of its own that imports the filing flows and nothing else of weiquan's
# (no app, no command line): python -c RUN url phase [number].
RUN = """
import json, sys
from datetime import UTC, datetime, timedelta
from weiquan import db
from weiquan.cases.ladder import Action
from weiquan.cases.schemas import CaseCreate
from weiquan.filing import flows

url, phase = sys.argv[1], sys.argv[2]
sessions = db.make_sessionmaker(db.make_engine(url))
out = {}
if phase == "file":
    with sessions() as session:
        case_in = CaseCreate.model_validate(json.loads(sys.argv[3]))
        case = flows.file_case(session=session, case_in=case_in, actor="t", language="zh_CN")
        out["number"] = case.number
elif phase == "step":
    with sessions() as session:
        flows.take_step(
            session=session, number=sys.argv[3], action=Action.send_demand, actor=None, data={}
        )
        # The merchant's clock starts once the demand reached the seller.
        flows.take_step(
            session=session, number=sys.argv[3], action=Action.record_delivery, actor=None,
            data={"channel": "wechat", "sent_at": datetime.now(UTC).isoformat()},
        )
else:
    out["counts"] = flows.scan_clocks(sessions, datetime.now(UTC) + timedelta(days=60))
out["modules"] = sorted(m for m in sys.modules if m.startswith("weiquan"))
print(json.dumps(out))
"""
SESSION_EVENTS = (
    "after_begin",
    "before_flush",
    "after_flush",
    "after_flush_postexec",
    "before_commit",
    "after_commit",
    "after_rollback",
    "after_soft_rollback",
)


def run(url: str, *args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", RUN, url, *args], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    out: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    assert "weiquan.app" not in out["modules"] and "weiquan.cli" not in out["modules"]
    return out


def derived(engine: Engine, number: str) -> dict[str, Any]:
    """The case's stored queue keys and merchant facts beside what a recount gives."""
    with engine.connect() as conn:
        case_id, key = conn.execute(
            text("SELECT id, queue_key FROM cases WHERE number = :n"), {"n": number}
        ).one()
        nearest = conn.execute(
            text("SELECT min(due_on) FROM case_deadlines WHERE case_id = :c AND status = 'open'"),
            {"c": case_id},
        ).scalar()
        identifier_keys = set(
            conn.execute(
                text("SELECT queue_key FROM case_identifiers WHERE case_id = :c"), {"c": case_id}
            ).scalars()
        )
        stored = conn.execute(select(MerchantCase).where(MerchantCase.case_id == case_id)).one()
        recount = facts.read(conn, case_id)
        stats = conn.execute(
            text("SELECT stats FROM merchants WHERE id = :m"), {"m": stored.merchant_id}
        ).scalar()
    return {
        "key": str(key),
        "expected key": str(nearest) if nearest else NO_CLOCK,
        "identifier keys": identifier_keys,
        "facts": {k: getattr(stored, k) for k in recount},
        "recount": recount,
        "stats": stats,
    }


def cache_figures(engine: Engine) -> None:
    """As the worker would leave them: every merchant's figures cached."""
    with engine.begin() as conn:
        conn.execute(text("UPDATE merchants SET stats = '{\"v\": 0}'"))


def test_the_flows_keep_what_is_derived_in_a_process_that_imports_only_them(
    db_url: str, engine: Engine
) -> None:
    number = run(db_url, "file", json.dumps(case_document()))["number"]
    filed = derived(engine, number)
    assert filed["key"] == NO_CLOCK and filed["identifier keys"] == {NO_CLOCK}
    assert filed["facts"] == filed["recount"] and filed["stats"] is None

    cache_figures(engine)
    run(db_url, "step", number)  # the demand opens the merchant's clock
    sent = derived(engine, number)
    assert sent["key"] == sent["expected key"] != NO_CLOCK
    assert sent["identifier keys"] == {sent["key"]}
    assert sent["facts"]["demanded"] is True
    assert sent["facts"] == sent["recount"] and sent["stats"] is None

    cache_figures(engine)
    assert run(db_url, "scan")["counts"]["missed"] == 1  # the merchant never answered
    missed = derived(engine, number)
    assert missed["key"] == missed["expected key"] == NO_CLOCK
    assert missed["identifier keys"] == {NO_CLOCK}
    # The merchant's figures were dropped for the worker to count the missed answer.
    assert missed["facts"] == missed["recount"] and missed["stats"] is None


def test_no_session_hook_is_left(sessions: sessionmaker[Session]) -> None:
    for module in pkgutil.walk_packages(weiquan.__path__, "weiquan."):
        if ".migrations." not in module.name:
            importlib.import_module(module.name)
    with sessions() as session:
        hooks = {name: list(getattr(session.dispatch, name)) for name in SESSION_EVENTS}
    assert hooks == {name: [] for name in SESSION_EVENTS}
