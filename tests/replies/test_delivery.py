"""Recording the delivery: the merchant's clock runs from the moment the demand reached the
seller, never from a time in the future or before the demand."""

from __future__ import annotations

import io
from datetime import datetime, timedelta

from PIL import Image
from sqlalchemy import select

from tests.replies.conftest import Filed
from weiquan.cases.models import CaseDeadline, DeadlineKind
from weiquan.common.dates import SHANGHAI
from weiquan.law import calendar


def _deadlines(filed: Filed) -> list[CaseDeadline]:
    with filed.sessions() as session:
        return list(
            session.execute(
                select(CaseDeadline).where(
                    CaseDeadline.case_id == filed.case().id,
                    CaseDeadline.kind == DeadlineKind.merchant_answer,
                )
            ).scalars()
        )


def _local(delta: timedelta) -> datetime:
    return (datetime.now(SHANGHAI) + delta).replace(second=0, microsecond=0, tzinfo=None)


def _record(filed: Filed, files: dict[str, tuple[str, bytes, str]] | None = None, **fields: str):  # type: ignore[no-untyped-def]
    return filed.consumer.client.post(
        f"/cases/{filed.number}/delivery",
        data={"csrf_token": filed.consumer.csrf, **fields},
        files=files or {"files": ("", b"", "application/octet-stream")},
        follow_redirects=False,
    )


def test_sending_the_demand_starts_no_clock_until_its_delivery(filed: Filed) -> None:
    assert _deadlines(filed) == []
    page = filed.consumer.client.get(f"/cases/{filed.number}")
    assert "要求书还没有送达卖家" in page.text
    assert "送达卖家后开始计算商家答复期限" in page.text


def test_the_clock_runs_from_the_recorded_delivery(filed: Filed) -> None:
    sent = _local(timedelta(0))
    r = _record(filed, channel="wechat", sent_at=sent.strftime("%Y-%m-%dT%H:%M"))
    assert r.status_code == 303, r.text
    [clock] = _deadlines(filed)
    assert clock.starts_on == sent.date()
    days = filed.app.state.settings.merchant_answer_working_days
    assert clock.due_on == calendar.add_working_days(sent.date(), days)
    [event] = [e for e in filed.events() if e.kind == "demand_delivered"]
    assert event.data["channel"] == "wechat" and event.data["due"] == clock.due_on.isoformat()
    page = filed.consumer.client.get(f"/cases/{filed.number}")
    assert "要求书已送达卖家：微信" in page.text
    assert f"商家应在 {clock.due_on.isoformat()} 前答复" in page.text
    assert "还没有送达卖家" not in page.text
    # A second delivery (by post, say) is recorded but gives the seller no more time.
    r = _record(filed, channel="post", sent_at=_local(timedelta(0)).strftime("%Y-%m-%dT%H:%M"))
    assert r.status_code == 303
    assert [d.due_on for d in _deadlines(filed)] == [clock.due_on]


def test_a_time_in_the_future_is_refused_and_the_form_keeps_its_input(filed: Filed) -> None:
    later = _local(timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
    r = _record(filed, channel="express", sent_at=later, tracking="SF1234567890", note="顺丰")
    assert r.status_code == 422
    assert "发出时间不能晚于现在" in r.text
    assert (
        "SF1234567890" in r.text
        and later in r.text
        and 'value="express" required checked' in r.text
    )
    assert _deadlines(filed) == []


def test_a_time_before_the_demand_is_refused(filed: Filed) -> None:
    earlier = _local(timedelta(days=-2)).strftime("%Y-%m-%dT%H:%M")
    r = _record(filed, channel="sms", sent_at=earlier)
    assert r.status_code == 422
    assert "发出时间不能早于要求书生成的时间" in r.text
    assert _deadlines(filed) == []


def test_express_needs_its_tracking_number(filed: Filed) -> None:
    now = _local(timedelta(0)).strftime("%Y-%m-%dT%H:%M")
    r = _record(filed, channel="express", sent_at=now)
    assert r.status_code == 422 and "快递寄送需要填写运单号" in r.text
    assert _deadlines(filed) == []


def test_the_proof_goes_into_the_vault(filed: Filed) -> None:
    picture = io.BytesIO()
    Image.new("RGB", (40, 60), "white").save(picture, format="PNG")
    now = _local(timedelta(0)).strftime("%Y-%m-%dT%H:%M")
    r = _record(
        filed,
        files={"files": ("sent.png", picture.getvalue(), "image/png")},
        channel="wechat",
        sent_at=now,
    )
    assert r.status_code == 303, r.text
    [event] = [e for e in filed.events() if e.kind == "demand_delivered"]
    assert len(event.data["evidence_ids"]) == 1
    assert "evidence_added" in filed.kinds()
    listing = filed.consumer.client.get(f"/cases/{filed.number}/evidence")
    assert "sent.png" in listing.text


def test_only_the_filer_records_it(filed: Filed, make_user) -> None:  # type: ignore[no-untyped-def]
    stranger = make_user("consumer")
    r = stranger.client.post(
        f"/cases/{filed.number}/delivery",
        data={"csrf_token": stranger.csrf, "channel": "wechat"},
        files={"files": ("", b"", "application/octet-stream")},
    )
    assert r.status_code == 404
    assert _deadlines(filed) == []
