"""The law's numbers as dated parameters: every value cited, no overlaps, read once."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from weiquan.law import engine, parameters
from weiquan.law.parameters import ParameterError, load
from weiquan.law.provision import get, instrument_name
from weiquan.law.provisions import crpl, crpl2009

PARAMETERS = parameters.every()

GOOD = """\
x.floor:
  description: {zh: 最低额, en: the floor}
  unit: yuan
  values:
    - start: 2014-03-15
      value: 500
      reference: {provision: CRPL-55-1, article: "55", title: 消费者权益保护法}
"""


def _load(tmp_path: Path, text: str) -> dict[str, parameters.Parameter]:
    (tmp_path / "p.yaml").write_text(text, encoding="utf-8")
    return load(tmp_path)


def test_a_good_file_loads(tmp_path: Path) -> None:
    p = _load(tmp_path, GOOD)["x.floor"]
    assert p.at(date(2020, 1, 1)) == 50_000  # yuan read as fen
    assert p.under(crpl.A55_1) == 50_000
    with pytest.raises(KeyError):
        p.at(date(2014, 3, 14))
    with pytest.raises(KeyError):
        p.under(crpl2009.A49)


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("      reference: {provision: CRPL-55-1, ", "      x: {provision: CRPL-55-1, ", "keys"),
        ("reference: {provision: CRPL-55-1, ", "reference: {", "reference"),
        ("    - start: 2014-03-15\n      value", "    - value", "start"),
        ("  unit: yuan\n", "", "keys"),
    ],
)
def test_a_value_without_its_parts_is_refused(
    tmp_path: Path, old: str, new: str, problem: str
) -> None:
    assert old in GOOD
    with pytest.raises(ParameterError, match=problem):
        _load(tmp_path, GOOD.replace(old, new))


def test_overlapping_versions_are_refused(tmp_path: Path) -> None:
    second = """\
    - start: 2020-01-01
      value: 600
      reference: {provision: CRPL-55-1, article: "55", title: 消费者权益保护法}
"""
    with pytest.raises(ParameterError, match="overlap"):
        _load(tmp_path, GOOD + second)
    closed = GOOD.replace("      value: 500\n", "      end: 2019-12-31\n      value: 500\n")
    assert _load(tmp_path, closed + second)["x.floor"].at(date(2020, 1, 1)) == 60_000


def test_an_unknown_unit_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ParameterError, match="unit"):
        _load(tmp_path, GOOD.replace("unit: yuan", "unit: euro"))


def test_the_files_are_read_once() -> None:
    assert parameters.get("crpl_fraud.floor") is parameters.get("crpl_fraud.floor")


@pytest.mark.parametrize("parameter", PARAMETERS, ids=[p.name for p in PARAMETERS])
def test_every_value_cites_a_provision_in_force_over_it(parameter: parameters.Parameter) -> None:
    assert engine  # importing the engine registers every provision
    for v in parameter.versions:
        p = get(v.reference.provision)
        assert v.reference.article == p.article, f"{parameter.name}: article of {p.id}"
        assert v.reference.title == instrument_name(p.instrument).zh
        # The engine caches on the provisions in force, so a value may change only where the
        # provision it cites does.
        assert p.valid_from <= v.start and (p.valid_to is None or (v.end and v.end <= p.valid_to))
        assert isinstance(parameter.under(p), int | Decimal)


def test_prose_numbers() -> None:
    assert parameters.zh_times(3) == "三倍" and parameters.zh_times(10) == "十倍"
    assert parameters.yuan_zh(100_000) == "1000" and parameters.yuan_en(100_000) == "1,000"
    assert parameters.zh_date(date(2014, 3, 15)) == "2014年3月15日"
    with pytest.raises(ValueError):
        parameters.zh_times(Decimal("1.5"))
    assert [parameters.zh_wan(y * 100) for y in (10_000, 30_000, 100_000, 250_000, 500_000)] == [
        "一万元",
        "三万元",
        "十万元",
        "二十五万元",
        "五十万元",
    ]
    with pytest.raises(ValueError):
        parameters.zh_wan(1_234_500)
    assert [parameters.zh_int(n) for n in (1, 10, 15, 50, 100, 105, 200, 250)] == [
        "一",
        "十",
        "十五",
        "五十",
        "一百",
        "一百零五",
        "二百",
        "二百五十",
    ]
    assert parameters.zh_wan(100_000_000) == "一百万元"
    assert [parameters.zh_int(n) for n in (110, 500, 1000, 1005, 2030)] == [
        "一百一十",
        "五百",
        "一千",
        "一千零五",
        "二千零三十",
    ]


def test_amounts_and_multipliers_are_kept_apart() -> None:
    floor = parameters.get("crpl_fraud.floor")
    assert floor.fen_under(crpl.A55_1) == 50_000
    with pytest.raises(ValueError):
        floor.int_under(crpl.A55_1)
    times = parameters.get("crpl_fraud.multiplier")
    assert times.int_under(crpl.A55_1) == 3 and times.int_under(crpl2009.A49) == 1
    with pytest.raises(ValueError):
        times.fen_under(crpl.A55_1)
