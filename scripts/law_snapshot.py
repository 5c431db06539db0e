"""A canonical dump of everything the law engine outputs, to prove a refactor changed nothing.

Runs the engine over every input the tests know: each YAML scenario in tests/law, the facts
of the CLI and API tests, the facts example of the assessment contract, and a fixed set of
generated facts (a seeded generator, the same on every run). For each it records the contract
JSON (the bytes `weiquan assess` and `POST /api/assessments` write), the text rendering in both
languages and the reasons behind the recommended steps; then the provision registry, the
questions the engine can ask, the facts JSON Schema and what `weiquan assess` prints.

    python scripts/law_snapshot.py > before.json                  # on the untouched code
    python scripts/law_snapshot.py --compare before.json          # after each refactor step

Keep the dump outside the repository. `--compare` exits 1 and names the first differences.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import random
import re
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml
from fastapi import FastAPI
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from weiquan.law import engine, path, questions  # noqa: E402
from weiquan.law import facts as facts_module  # noqa: E402
from weiquan.law.assessment import Assessment  # noqa: E402
from weiquan.law.cli import assess as assess_command  # noqa: E402
from weiquan.law.facts import Facts  # noqa: E402
from weiquan.law.provision import INSTRUMENTS, MissingFact, all_provisions  # noqa: E402
from weiquan.law.serialise import dump_json  # noqa: E402
from weiquan.law.text import render  # noqa: E402
from weiquan.law.views import router  # noqa: E402

GENERATED = 1500
SEED = 18


def _scenarios() -> Iterator[tuple[str, dict[str, Any], date]]:
    for file in sorted((ROOT / "tests" / "law").glob("*.yaml")):
        doc = yaml.safe_load(file.read_text(encoding="utf-8"))
        for i, item in enumerate(doc if isinstance(doc, list) else [doc]):
            as_of = item["as_of"]
            day = as_of if isinstance(as_of, date) else date.fromisoformat(str(as_of))
            yield f"{file.name}[{i}] {item['name']}", item["facts"], day


# The shared contracts sit beside the checkouts (../shared/contracts from the main one).
CONTRACTS = ROOT.parent.parent / "shared" / "contracts"


def _contract_examples() -> Iterator[tuple[str, dict[str, Any], date | None]]:
    """Facts documents in the contracts' ```jsonc blocks (comments stripped), if any parse."""
    for doc in sorted(CONTRACTS.glob("*.md")):
        blocks = re.findall(r"```jsonc?\n(.*?)```", doc.read_text(encoding="utf-8"), re.S)
        for i, block in enumerate(blocks):
            try:
                data = json.loads(re.sub(r"//[^\n]*", "", block))
                Facts.model_validate(data)
            except ValueError:
                continue
            yield f"{doc.name}#{i}", data, None


def _test_inputs() -> Iterator[tuple[str, dict[str, Any], date | None]]:
    """The facts the CLI and API tests post (tests/law/test_cli_api.py GOOD)."""
    source = (ROOT / "tests" / "law" / "test_cli_api.py").read_text(encoding="utf-8")
    match = re.search(r"^GOOD: dict\[str, Any\] = (\{.*?^\})", source, re.S | re.M)
    if match:
        yield "test_cli_api.GOOD", ast.literal_eval(match.group(1)), None


def _enum(rng: random.Random, name: str) -> str:
    return rng.choice([e.value for e in getattr(facts_module, name)])


def _maybe(rng: random.Random, value: Any) -> Any:
    return None if rng.random() < 0.35 else value


def _yuan(rng: random.Random) -> str:
    pick = rng.random()
    if pick < 0.1:
        return "0"
    if pick < 0.4:
        return f"{rng.randint(1, 300)}.{rng.randint(0, 99):02d}"
    return f"{rng.randint(1, 500000)}.{rng.randint(0, 99):02d}"


def _generated(n: int) -> Iterator[tuple[str, dict[str, Any], date | None]]:
    """Seeded facts over every field the engine reads (a fixed sequence: same on every run)."""
    rng = random.Random(SEED)
    b = lambda: _maybe(rng, rng.random() < 0.5)  # noqa: E731
    for k in range(n):
        bought = date(2009, 1, 1) + timedelta(days=rng.randint(0, 6400))
        received = bought + timedelta(days=rng.randint(0, 60))
        signals = [e.value for e in facts_module.KnowledgeSignal]
        sections: dict[str, dict[str, Any]] = {
            "purchase": {
                "date": bought.isoformat(),
                "received_date": _maybe(rng, received.isoformat()),
                "amount_paid": _yuan(rng),
                "quantity": _maybe(rng, rng.randint(1, 50)),
                "channel": _enum(rng, "Channel"),
                "payment": _maybe(rng, _enum(rng, "Payment")),
                "off_platform_payment_requested_by_seller": b(),
                "fair_or_lease_ended": b(),
            },
            "goods": {
                "category": _enum(rng, "Category"),
                "condition": _maybe(rng, _enum(rng, "Condition")),
                "consumer_confirmed_non_returnable": b(),
                "marked_as_seconds": b(),
            },
            "seller": {
                "kind": _maybe(rng, _enum(rng, "SellerKind")),
                "identified": b(),
                "disclosed_before_sale": b(),
                "knowledge_signals": _maybe(rng, rng.sample(signals, rng.randint(0, 3))),
                "promised_multiplier": _maybe(rng, rng.choice([2, 3, 10, 1.5, "5"])),
                "role_in_sale": _maybe(rng, _enum(rng, "RoleInSale")),
                "is_producer": b(),
                "made_the_counterfeits": b(),
                "total_sales_amount": _maybe(rng, _yuan(rng)),
                "illegal_gains": _maybe(rng, _yuan(rng)),
                "unsold_goods_value": _maybe(rng, _yuan(rng)),
                "uses_another_licence": b(),
                "business_split_or_merged": b(),
            },
            "platform": {
                k: b()
                for k in (
                    "involved",
                    "self_operated",
                    "can_identify_seller",
                    "knew_or_should_have_known",
                    "took_necessary_measures",
                    "promised_advance_compensation",
                )
            },
            "live_stream": {
                k: b()
                for k in (
                    "room_operator_is_seller",
                    "room_clearly_disclosed_actual_seller",
                    "room_operator_knew_or_should_have_known",
                    "streamer_recommended_in_own_name",
                    "streamer_knew_or_should_have_known",
                )
            },
            "harm": {
                "injury": _maybe(rng, _enum(rng, "Injury")),
                "losses": _maybe(rng, _yuan(rng)),
                "seller_knew_of_defect": b(),
            },
            "consumer": {
                "purpose": _maybe(rng, _enum(rng, "Purpose")),
                "knew_of_problem_when_buying": b(),
                "claims_in_last_12_months": _maybe(rng, rng.randint(0, 30)),
                "quantity_beyond_reasonable_needs": b(),
            },
            "history": {
                "first_knew_of_harm": _maybe(
                    rng, (bought + timedelta(days=rng.randint(0, 400))).isoformat()
                ),
                "negotiated_with_seller": b(),
                "seller_response": _maybe(rng, _enum(rng, "SellerResponse")),
                "platform_intervention": _maybe(rng, _enum(rng, "PlatformIntervention")),
                "already_handled_by": _maybe(rng, _enum(rng, "AlreadyHandledBy")),
                "mediation_agreement_performed": b(),
                "warranty_expired": b(),
                "damage_from_misuse": b(),
            },
        }
        problems = [e.value for e in facts_module.Problem]
        doc: dict[str, Any] = {
            "schema": "weiquan.facts/1",
            "as_of": (bought + timedelta(days=rng.randint(0, 2000))).isoformat(),
            "problems": rng.sample(problems, rng.randint(1, 4)),
        }
        for key, section in sections.items():
            kept = {k: v for k, v in section.items() if v is not None}
            if kept or key in ("purchase", "goods") or rng.random() < 0.5:
                doc[key] = kept
        for key in ("dispute_between_businesses", "respondent_identifiable"):
            if (value := b()) is not None:
                doc[key] = value
        yield f"generated[{k}]", doc, None


def _record(facts: dict[str, Any], as_of: date | None) -> dict[str, Any]:
    engine.cache_clear()
    try:
        validated = Facts.model_validate(facts)
    except ValueError as e:
        return {"invalid": str(e)}
    result = engine.assess(validated, as_of=as_of)
    available = any(r.status != "unavailable" for r in result.remedies)
    steps = path.steps(
        validated, result.as_of, remedies_available=available, admissibility=result.admissibility
    )
    return {
        "json": dump_json(result, indent=2).decode(),
        "text_zh": render(result, "zh"),
        "text_en": render(result, "en"),
        "steps": [s.model_dump(mode="json") for s in steps],
    }


def _cli(facts: dict[str, Any], tmp: Path) -> dict[str, Any]:
    """What `weiquan assess FILE` prints (exit code, stdout, stderr) in every format."""
    tmp.write_text(json.dumps(facts, ensure_ascii=False, default=str), encoding="utf-8")
    cli = __import__("typer").Typer()
    cli.command("assess")(assess_command)
    cli.command("noop")(lambda: None)
    out = {}
    for args in ([], ["--format", "text"], ["--format", "text", "--lang", "en"]):
        engine.cache_clear()
        r = CliRunner().invoke(cli, ["assess", str(tmp), *args])
        out[" ".join(args) or "json"] = [r.exit_code, r.stdout, r.stderr]
    return out


def _openapi() -> Any:
    """The API's description of `POST /api/assessments` (the models' schemas included)."""
    api = FastAPI()
    api.include_router(router, prefix="/api")
    return api.openapi()


def snapshot() -> dict[str, Any]:
    inputs = [*_scenarios(), *_contract_examples(), *_test_inputs(), *_generated(GENERATED)]
    assessments = {name: _record(facts, day) for name, facts, day in inputs}
    tmp = Path(sys.argv[0]).resolve().parent / ".law_snapshot_facts.json"
    try:
        cli = {
            name: _cli(facts, tmp)
            for name, facts, _ in [*_contract_examples(), *_test_inputs(), *inputs[:40]]
        }
    finally:
        tmp.unlink(missing_ok=True)
    return {
        "assessments": assessments,
        "cli": cli,
        "provisions": [
            {
                "citation": p.citation(),
                "summary": p.summary.model_dump(),
                "valid_from": p.valid_from.isoformat(),
                "valid_to": p.valid_to and p.valid_to.isoformat(),
                "exception_to": list(p.exception_to),
            }
            for p in sorted(all_provisions(), key=lambda p: p.id)
        ],
        "instruments": {k: v.model_dump() for k, v in sorted(INSTRUMENTS.items())},
        "questions": {
            name: value.model_dump()
            for name, value in sorted(vars(questions).items())
            if isinstance(value, MissingFact)
        },
        "facts_schema": Facts.model_json_schema(by_alias=True),
        "assessment_schema": Assessment.model_json_schema(by_alias=True),
        "openapi": _openapi(),
    }


def _differences(before: Any, after: Any, where: str = "") -> Iterator[str]:
    if isinstance(before, dict) and isinstance(after, dict):
        for key in before.keys() | after.keys():
            if key not in after:
                yield f"{where}/{key}: gone"
            elif key not in before:
                yield f"{where}/{key}: new"
            else:
                yield from _differences(before[key], after[key], f"{where}/{key}")
    elif isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        for i, (x, y) in enumerate(zip(before, after, strict=True)):
            yield from _differences(x, y, f"{where}[{i}]")
    elif isinstance(before, str) and isinstance(after, str) and before != after:
        # Long texts (the contract JSON) differ somewhere inside: show where.
        pairs = enumerate(zip(before, after, strict=False))
        at = next((i for i, (x, y) in pairs if x != y), min(len(before), len(after)))
        lo = max(at - 60, 0)
        yield f"{where} at {at}: {before[lo : at + 80]!r} -> {after[lo : at + 80]!r}"
    elif before != after:
        yield f"{where}: {str(before)[:200]!r} -> {str(after)[:200]!r}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", type=Path, help="a dump to compare with (exit 1 if unequal)")
    parser.add_argument("--output", type=Path, help="write the dump here (default stdout)")
    parser.add_argument("--contracts", type=Path, help=f"the contracts (default {CONTRACTS})")
    args = parser.parse_args()
    if args.contracts:
        globals()["CONTRACTS"] = args.contracts
    text = json.dumps(snapshot(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    digest = hashlib.sha256(text.encode()).hexdigest()
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    if args.compare:
        before = args.compare.read_text(encoding="utf-8")
        if before == text:
            print(f"identical ({len(text)} bytes, sha256 {digest})", file=sys.stderr)
            return 0
        diffs = list(_differences(json.loads(before), json.loads(text)))
        for line in diffs[:40]:
            print(line, file=sys.stderr)
        print(f"DIFFERENT: {len(diffs)} difference(s)", file=sys.stderr)
        return 1
    if not args.output:
        sys.stdout.write(text)
    print(f"{len(text)} bytes, sha256 {digest}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
