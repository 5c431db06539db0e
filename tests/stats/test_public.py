"""Public statistics: only complaints lodged 15 days ago or more, no count under 5 (nor one a
total gives away), private sellers never named; the page, the API and the open-data export
say the same."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tests.stats.cases import BUSINESS, PERSON, SHOP, Spec, lodge_all
from tests.stats.conftest import World
from weiquan.cli import app as cli
from weiquan.common.dates import local_today


def _scenario(world: World) -> None:
    today = local_today()

    def ago(days: int) -> str:
        return f"{today - timedelta(days=days)} 10:00"

    lodge_all(
        world,
        [
            *(Spec(ago(20), BUSINESS) for _ in range(6)),
            Spec(ago(15), BUSINESS),  # exactly 15 days: the merchant's window has passed
            *(Spec(ago(20), SHOP, channel="platform_store") for _ in range(6)),
            *(Spec(ago(20), PERSON, channel="second_hand_platform") for _ in range(5)),
            *(Spec(ago(20), BUSINESS, channel="wechat_moments") for _ in range(2)),
            Spec(ago(14), BUSINESS),  # 14 days: not yet
            *(Spec(ago(3), BUSINESS, channel="wechat_moments") for _ in range(4)),
        ],
    )


def _page_cells(html: str, table_id: str) -> dict[str, str]:
    body = html.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<th scope="row">(.*?)</th><td class="n"[^>]*>(.*?)</td>', body)
    return {re.sub(r"<[^>]+>", "", name): shown for name, shown in rows}


def test_public_rules_on_page_api_and_export(
    world: World, anon: TestClient, cli_env: dict[str, str]
) -> None:
    _scenario(world)
    data = anon.get("/api/statistics").json()
    # 7 + 6 + 5 + 2 complaints are 15 days old or more; the 1 + 4 younger ones wait.
    assert data["total"] == {"count": 20, "shown": "20"}
    channels = {c["key"]: c["shown"] for c in data["by_channel"]}
    # Two WeChat Moments complaints are under 5: pooled as "others", shown as "<5"; 20 - 7 - 6
    # - 5 would then give them away, so the smallest shown figure (5) is hidden too.
    assert channels == {"live_stream": "7", "platform_store": "6", "second_hand_platform": "—",
                        "other": "<5"}  # fmt: skip
    assert all(c["count"] is None for c in data["by_channel"] if c["shown"] in ("<5", "—"))
    assert sum(c["count"] for c in data["by_month"] if c["count"]) <= 20
    names = [m["name"] for m in data["merchants"]]
    assert names == ["广州名品贸易有限公司", "海淘优选店"]
    assert [m["complaints"] for m in data["merchants"]] == [9, 6]
    assert "王" not in str(data)  # the private seller, though it has 5 public complaints

    page = anon.get("/statistics")
    assert page.status_code == 200
    html = page.text
    assert "王小明" not in html and "wxm_secondhand9" not in html
    assert re.search(r'data-testid="public-total">20<', html)
    shown = _page_cells(html, "t-channel")
    assert shown == {c["label"]: c["shown"].replace("<", "&lt;") for c in data["by_channel"]}
    assert shown["其他（各少于5件）"] == "&lt;5" and shown["直播间"] == "7"
    months = _page_cells(html, "t-month")
    assert months == {c["label"]: c["shown"].replace("<", "&lt;") for c in data["by_month"]}
    assert "/merchants/records" in html

    download = anon.get("/statistics/download?format=csv")
    assert download.headers["content-type"].startswith("text/csv")
    exported = CliRunner().invoke(cli, ["export", "statistics"])
    assert exported.exit_code == 0, exported.output
    for text in (download.content.decode("utf-8-sig"), exported.stdout.lstrip("\ufeff")):
        rows = list(csv.reader(io.StringIO(text)))
        by_label = {r[2]: r[3] for r in rows[1:]}
        assert by_label["直播间"] == "7" and by_label["其他（各少于5件）"] == "<5"
        assert by_label["二手平台"] == "—" and by_label["广州名品贸易有限公司"] == "9"
        assert "王小明" not in text


def test_nothing_under_five_in_all(world: World, anon: TestClient) -> None:
    lodge_all(world, [Spec(f"{local_today() - timedelta(days=30)} 10:00", BUSINESS)] * 3)
    data = anon.get("/api/statistics").json()
    assert data["total"] == {"count": None, "shown": "<5"}
    assert data["by_channel"] == [] and data["merchants"] == []
    assert all(c["shown"] == "<5" for c in data["by_month"])
    assert "投诉数量尚不足以公开" in anon.get("/statistics").text
