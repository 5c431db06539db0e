"""Who decides a merchant claim (issue 17, hole 2): one owner per identifier, staff only within
their jurisdiction, rejection with a reason the merchant reads, and then no code verifies it."""

from __future__ import annotations

import re
from collections.abc import Callable

from sqlalchemy.orm import Session, sessionmaker

from tests.accounts.helpers import claim, file, issue, place, row
from tests.conftest import User
from weiquan.accounts.models import ClaimStatus

WECHAT = "mingpin_888"  # the WeChat ID of the case document


def test_a_rejected_claim_cannot_be_verified_and_the_merchant_reads_why(
    make_user: Callable[..., User], sessions: sessionmaker[Session]
) -> None:
    merchant = make_user("merchant")
    admin = make_user("admin")
    c = claim(merchant, "wechat_id", WECHAT)
    code = issue(sessions, c["id"])
    r = admin.client.post(f"/api/claims/{c['id']}/reject", json={"reason": "营业执照与微信不符"})
    assert r.status_code == 200 and r.json()["status"] == "rejected"
    assert r.json()["reason"] == "营业执照与微信不符"
    assert row(sessions, c["id"]).code_hash is None  # rejection clears the code
    r = merchant.client.post(f"/api/me/claims/{c['id']}/verify", json={"code": code})
    assert r.status_code == 409 and "已被驳回" in r.json()["detail"]
    mine = merchant.client.get("/api/me").json()["claims"]
    assert mine[0]["status"] == "rejected" and mine[0]["reason"] == "营业执照与微信不符"
    page = merchant.client.get("/me").text
    assert "营业执照与微信不符" in page and "已驳回" in page
    blank = admin.client.post(f"/api/claims/{c['id']}/reject", json={"reason": ""})
    assert blank.status_code == 422


def test_a_second_claimant_goes_to_review_and_is_never_a_second_owner(
    make_user: Callable[..., User], sessions: sessionmaker[Session]
) -> None:
    first, second, third = (make_user("merchant") for _ in range(3))
    admin = make_user("admin")
    consumer = make_user("consumer")
    number = file(consumer)
    a = claim(first, "wechat_id", WECHAT)
    # Two pending claims may race with codes: the later proof goes to review, not to an owner.
    c = claim(third, "wechat_id", "MingPin_888")  # the same ID, typed differently
    late_code = issue(sessions, c["id"])
    code = issue(sessions, a["id"])
    ok = first.client.post(f"/api/me/claims/{a['id']}/verify", json={"code": code})
    assert ok.status_code == 200 and ok.json()["status"] == "verified"
    r = third.client.post(f"/api/me/claims/{c['id']}/verify", json={"code": late_code})
    assert r.status_code == 409 and "另一个账户" in r.json()["detail"]
    assert row(sessions, c["id"]).status == ClaimStatus.review
    # A claim made after the first was verified starts in review: no code is issued for it.
    b = claim(second, "wechat_id", WECHAT)
    assert b["status"] == "review"
    r = second.client.post(f"/api/me/claims/{b['id']}/verify", json={"code": "ABCDEFGHJK"})
    assert r.status_code == 409
    assert second.client.get(f"/api/cases/{number}").status_code == 404
    assert third.client.get(f"/api/cases/{number}").status_code == 404
    # Staff may not make a second owner: they revoke the first claim, then approve.
    r = admin.client.post(f"/api/claims/{b['id']}/approve")
    assert r.status_code == 409 and "请先驳回或撤销" in r.json()["detail"]
    assert second.client.get(f"/api/cases/{number}").status_code == 404
    revoked = admin.client.post(f"/api/claims/{a['id']}/reject", json={"reason": "已转让店铺"})
    assert revoked.status_code == 200
    assert first.client.get(f"/api/cases/{number}").status_code == 404
    assert admin.client.post(f"/api/claims/{b['id']}/approve").json()["status"] == "verified"
    assert second.client.get(f"/api/cases/{number}").status_code == 200


def test_staff_decide_only_claims_within_their_jurisdiction(
    make_user: Callable[..., User],
    make_agency: Callable[..., int],
    sessions: sessionmaker[Session],
) -> None:
    make_agency("浦东市场监管局", regions=["310115"])
    make_agency("广州市场监管局", regions=["4401"])
    make_agency("抖音消费者服务", kind="platform", platforms=["抖音"])
    make_agency("淘宝纠纷中心", kind="platform", platforms=["淘宝"])
    pudong = make_user("agency_staff", agency="浦东市场监管局")
    guangzhou = make_user("agency_staff", agency="广州市场监管局")
    douyin = make_user("platform_staff", agency="抖音消费者服务")
    taobao = make_user("platform_staff", agency="淘宝纠纷中心")
    mediator = make_user("mediator")
    consumer = make_user("consumer")
    merchant = make_user("merchant")
    place(sessions, file(consumer), "310115")  # a case about mingpin_888 in Pudong
    wechat = claim(merchant, "wechat_id", WECHAT)
    phone = claim(merchant, "phone", "13700000000")  # no case names it: no agency's
    room = claim(merchant, "live_room", "名品小店直播间", platform=" 抖音 ")
    assert room["platform"] == "抖音"

    def listed(user: User) -> set[int]:
        r = user.client.get("/api/claims")
        assert r.status_code == 200, r.text
        return {c["id"] for c in r.json()}

    assert listed(pudong) == {wechat["id"], room["id"]}  # the room is named by the Pudong case
    assert listed(guangzhou) == set()
    assert listed(douyin) == {room["id"]} and listed(taobao) == set()
    for outsider, claim_id in ((guangzhou, wechat["id"]), (taobao, room["id"]),
                               (douyin, wechat["id"]), (pudong, phone["id"])):  # fmt: skip
        r = outsider.client.post(f"/api/claims/{claim_id}/approve")
        assert r.status_code == 404, (outsider.email, claim_id)
        r = outsider.client.post(f"/api/claims/{claim_id}/reject", json={"reason": "不是"})
        assert r.status_code == 404
        assert row(sessions, claim_id).status == ClaimStatus.pending
    for nobody in (mediator, consumer, merchant):
        assert nobody.client.post(f"/api/claims/{wechat['id']}/approve").status_code == 403
        assert nobody.client.get("/api/claims").status_code == 403
        assert nobody.client.get("/claims").status_code == 403
    assert pudong.client.post(f"/api/claims/{wechat['id']}/approve").json()["status"] == "verified"
    assert douyin.client.post(f"/api/claims/{room['id']}/approve").json()["status"] == "verified"
    assert make_user("admin").client.post(f"/api/claims/{phone['id']}/approve").status_code == 200
    huge = pudong.client.post("/api/claims/99999999999999999999999/approve")
    assert huge.status_code == 422


def test_the_staff_page_lists_approves_and_rejects(
    make_user: Callable[..., User],
    make_agency: Callable[..., int],
    sessions: sessionmaker[Session],
) -> None:
    make_agency("浦东市场监管局", regions=["310115"])
    staff = make_user("agency_staff", agency="浦东市场监管局")
    consumer = make_user("consumer")
    place(sessions, file(consumer), "310115")
    good, bad = make_user("merchant", name="名品小店"), make_user("merchant", name="冒名者")
    kept = claim(good, "wechat_id", WECHAT)
    page = staff.client.get("/claims")
    assert page.status_code == 200 and "名品小店" in page.text and WECHAT in page.text
    r = staff.client.post(
        f"/claims/{kept['id']}/approve", data=staff.form(), follow_redirects=False
    )
    assert r.status_code == 303 and row(sessions, kept["id"]).status == ClaimStatus.verified
    held = claim(bad, "wechat_id", WECHAT)
    assert held["status"] == "review"
    page = staff.client.get("/claims").text
    assert f'data-claim="{held["id"]}"' in page and "审核中" in page
    refused = staff.client.post(f"/claims/{held['id']}/approve", data=staff.form())
    assert "请先驳回或撤销" in refused.text  # back on the page, with the reason
    empty = staff.client.post(f"/claims/{held['id']}/reject", data=staff.form(reason=" "))
    assert "请说明驳回理由" in empty.text
    r = staff.client.post(
        f"/claims/{held['id']}/reject",
        data=staff.form(reason="微信号实名与账户不符"),
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert row(sessions, held["id"]).decision_reason == "微信号实名与账户不符"
    theirs = bad.client.get("/me").text
    assert re.search(r"data-reason>[^<]*微信号实名与账户不符", theirs)
    assert staff.client.post("/claims/1/approve", data={"csrf_token": "x"}).status_code in (
        400,
        403,
    )
