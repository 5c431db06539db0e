"""The quarterly analysis: its numbers are the figures', its PDF and DOCX say them in Chinese
and English, and it names no private seller and shows no narrative without consent."""

from __future__ import annotations

import io
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from tests.conftest import User
from tests.stats.cases import (
    BUSINESS,
    PERSON,
    SHOP,
    Spec,
    agreed,
    closed_with_consent,
    lodge_all,
    refused,
)
from tests.stats.conftest import World
from weiquan.cli import app as cli
from weiquan.stats import report as reports
from weiquan.stats.figures import Scope, compute
from weiquan.stats.report import Quarter

AGENCY = "甲市市场监管局"  # agency "a" of tests/stats/conftest.World
SECRET = "只对机构说的细节：我的门牌号是幸福路88号"
CONSENTED = "直播间说是正品，收到是假货。我的电话13812345678，请联系。"


def _specs() -> list[Spec]:
    q4 = [
        # Six counterfeit complaints about a company in a live room, two resolved.
        *(Spec(f"2026-10-0{3 + i} 10:00", BUSINESS) for i in range(4)),
        Spec("2026-11-02 10:00", BUSINESS, steps=agreed("2026-11-05", "3999.50")),
        Spec(
            "2026-11-03 10:00",
            BUSINESS,
            steps=closed_with_consent("2026-11-06"),
            narrative=CONSENTED,
        ),
        # Three quality complaints about a private seller on a second-hand platform.
        *(
            Spec(
                f"2026-12-0{1 + i} 10:00",
                PERSON,
                channel="second_hand_platform",
                category="electronics",
                problems=("quality_defect",),
                narrative=SECRET,
            )
            for i in range(3)
        ),
        # One about a small shop, with two problems, refused by the agency.
        Spec(
            "2026-12-20 10:00",
            SHOP,
            channel="platform_store",
            category="cosmetics",
            problems=("counterfeit", "false_advertising"),
            steps=refused("2026-12-22"),
        ),
    ]
    q3 = [Spec(f"2026-08-0{1 + i} 10:00", BUSINESS) for i in range(8)]
    # Lodged at 00:30 on 1 January, Beijing time: the next quarter's.
    later = [Spec("2027-01-01 00:30", BUSINESS)]
    other = [Spec("2026-10-09 10:00", BUSINESS, agency="b")]  # another agency's
    return q4 + q3 + later + other


@pytest.fixture
def agency(world: World) -> int:
    lodge_all(world, _specs())
    return world.agencies["a"]


def pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "r.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_numbers_are_the_figures(sessions: sessionmaker[Session], agency: int) -> None:
    with sessions() as session:
        r = reports.build(session, agency, "2026Q4", "zh")
        q4 = compute(session, Scope(agency_id=agency, start=Quarter(2026, 4).start,
                                    end=Quarter(2026, 4).end))  # fmt: skip
    assert r.figures == q4
    # Counted independently from the specs: ten in Q4, eight in Q3.
    assert r.figures.total == 10 and r.previous.total == 8
    assert r.totals.rows[0] == ("投诉总量", "10", "8", "上升25.0%")
    assert "共收到投诉10件" in r.summary and "上升25.0%" in r.summary
    assert r.breakdowns[1].table.rows == (
        ("直播间", "6", "60.0%"),
        ("二手平台", "3", "30.0%"),
        ("电商平台店铺", "1", "10.0%"),
    )
    problems = {row[0]: row[1] for row in r.breakdowns[3].table.rows}
    assert problems == {"假冒商标、假货": "7", "质量问题": "3", "虚假宣传": "1"}
    assert r.hot_problems[0].heading == "假冒商标、假货：7件（70.0%）"
    assert r.hot_goods[0].heading == "奢侈品：6件（60.0%）"
    assert [row[1] for row in r.breakdowns[0].table.rows] == ["4", "2", "4"]  # Oct, Nov, Dec
    assert r.totals.rows[1] == ("挽回经济损失（元）", "3,999.50", "0.00", "上季度为零")
    outcomes = {row[0]: row[1:3] for row in r.outcomes.table.rows}
    assert outcomes["受理投诉"] == ("2", "0") and outcomes["不予受理"] == ("1", "0")
    assert outcomes["受理率"] == ("66.7%", "—")
    assert outcomes["调解成功率"] == ("50.0%", "—")  # one agreement, one mediation ended


def test_examples_only_with_consent_and_masked(
    sessions: sessionmaker[Session], agency: int
) -> None:
    with sessions() as session:
        r = reports.build(session, agency, "2026Q4", "zh")
    shown = [n for h in (*r.hot_problems, *r.hot_goods) for n in h.narratives]
    assert shown and all("13812345678" not in n and "XXXX" in n for n in shown)
    assert not any("幸福路" in n for n in shown)  # the private seller's cases never consented


def test_merchants_unresolved_and_private_sellers_unnamed(
    sessions: sessionmaker[Session], agency: int
) -> None:
    with sessions() as session:
        r = reports.build(session, agency, "2026Q4", "zh")
    rows = r.merchants.rows
    assert rows[0] == ("广州名品贸易有限公司", "4", "6")
    assert ("个人卖家或未具名店铺（不公开名称）", "3", "3") in rows
    assert not any("王" in row[0] for row in rows)
    # Refused by the agency is not resolved for the consumer; a shop's name is a business's.
    assert ("海淘优选店", "1", "1") in rows


def test_pdf_holds_totals_headings_and_fonts(
    sessions: sessionmaker[Session], agency: int, tmp_path: Path
) -> None:
    with sessions() as session:
        data = reports.report_pdf(reports.build(session, agency, "2026Q4", "zh"))
    text = pdf_text(data, tmp_path)
    for heading in ("投诉总量", "热点问题", "未解决投诉最多的经营者", "统计口径说明", "按问题类型"):
        assert heading in text
    assert "2026年第4季度" in text and "广州名品贸易有限公司" in text and "王小明" not in text
    fonts = subprocess.run(
        ["pdffonts", str(tmp_path / "r.pdf")], capture_output=True, text=True, check=True
    ).stdout
    cjk = [line.split() for line in fonts.splitlines() if "Noto-Sans-CJK-SC" in line]
    assert cjk and all(line[-5] == "yes" for line in cjk)  # the "emb" column


def test_docx_has_headings_tables_and_charts(sessions: sessionmaker[Session], agency: int) -> None:
    with sessions() as session:
        data = reports.report_docx(reports.build(session, agency, "2026Q4", "zh"))
    doc = Document(io.BytesIO(data))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert "总体情况" in headings and "热点问题" in headings
    assert len(doc.inline_shapes) == 5  # month, channel, category, problem, rates
    first = doc.tables[0]
    assert [c.text for c in first.rows[1].cells][:3] == ["投诉总量", "10", "8"]
    east_asian = doc.styles["Normal"].element.rPr.rFonts.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
    )
    assert east_asian


def test_english(sessions: sessionmaker[Session], agency: int, tmp_path: Path) -> None:
    with sessions() as session:
        r = reports.build(session, agency, "2026Q4", "en")
    text = pdf_text(reports.report_pdf(r), tmp_path)
    assert "Total complaints" in text and "Q4 2026" in text and "up 25.0%" in text
    doc = Document(io.BytesIO(reports.report_docx(r)))
    assert any(p.text == "Hot problems" for p in doc.paragraphs)


def test_cli_writes_both_and_says_what_is_wrong(
    agency: int, cli_env: dict[str, str], tmp_path: Path
) -> None:
    runner = CliRunner()
    out = tmp_path / "out"
    done = runner.invoke(cli, ["report", "--agency", AGENCY, "--quarter", "2026Q4", "--out",
                               str(out)])  # fmt: skip
    assert done.exit_code == 0, done.output
    assert sorted(p.suffix for p in out.iterdir()) == [".docx", ".pdf"]
    unknown = runner.invoke(cli, ["report", "--agency", "没有这个机构", "--quarter", "2026Q4"])
    assert unknown.exit_code == 2 and "没有这个机构" in unknown.output
    bad = runner.invoke(cli, ["report", "--agency", AGENCY, "--quarter", "2026-13"])
    assert bad.exit_code == 2 and "2026Q4" in bad.output


def test_reports_page_for_staff_of_their_own_agency(
    agency: int, make_user: Callable[..., User], world: World
) -> None:
    staff = make_user("agency_staff", agency=AGENCY)
    page = staff.client.get("/agency/reports")
    assert page.status_code == 200 and "本机构：甲市市场监管局" in page.text
    # Staff of agency a asking for agency b's report get their own agency's.
    other = world.agencies["b"]
    r = staff.client.get(
        f"/agency/reports/download?quarter=2026Q4&lang=en&format=docx&agency={other}"
    )
    assert r.status_code == 200
    assert f"agency{agency}-2026Q4-en.docx" in r.headers["content-disposition"]
    assert "Total complaints" in [
        p.text for p in Document(io.BytesIO(r.content)).tables[0].column_cells(0)
    ]
    bad = staff.client.get("/agency/reports/download?quarter=2026Q5&format=pdf")
    assert bad.status_code == 422 and "2026Q5 不是季度" in bad.text
    future = staff.client.get("/agency/reports/download?quarter=2099Q1&format=pdf")
    assert future.status_code == 422 and "2099年第1季度尚未开始" in future.text
    consumer = make_user("consumer")
    assert consumer.client.get("/agency/reports").status_code == 403
    mediator = make_user("mediator")
    assert mediator.client.get("/agency/reports/download?quarter=2026Q4").status_code == 403
