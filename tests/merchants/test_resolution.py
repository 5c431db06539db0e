"""Identity resolution on SQLite and PostgreSQL: merges on shared identifiers, never on a
platform or a name alone, every merge audited and reversible."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from tests.merchants.helpers import case_merchant, file, live_merchants, merchant_of
from weiquan.merchants import flows
from weiquan.merchants import identifiers as ids
from weiquan.merchants.models import MerchantLink, Resolution
from weiquan.merchants.resolution import ResolutionError
from weiquan.merchants.schemas import AgencyRecordIn


def test_cases_sharing_identifiers_make_one_merchant(sessions: sessionmaker[Session]) -> None:
    a = file(sessions, {"wechat_id": "Seller_A1", "phone": "138 0000 0001"})
    b = file(sessions, {"phone": "+86 13800000001", "wechat_id": "seller_a2"})
    c = file(sessions, {"wechat_id": "SELLER_A2", "live_room": "A 直播间", "platform": "抖音"})
    assert live_merchants(sessions) == 1  # each case grew the one merchant: no merge yet
    d = file(sessions, {"wechat_id": "other_seller", "shop": "A 小店", "platform": "淘宝"})
    assert live_merchants(sessions) == 2
    e = file(sessions, {"shop": "A 小店", "platform": "淘宝", "phone": "13800000001"})
    assert live_merchants(sessions) == 1
    m = merchant_of(sessions, "wechat:seller_a1")
    assert merchant_of(sessions, "live_room:A 直播间@抖音") == m
    assert merchant_of(sessions, "wechat:other_seller") == m
    assert {case_merchant(sessions, n) for n in (a, b, c, d, e)} == {m}
    with sessions() as session:
        merges = list(
            session.execute(select(Resolution).where(Resolution.action == "merge")).scalars()
        )
        assert [r.evidence_ref for r in merges] == [e]  # e joined the shop to a's phone
        assert merges[0].merchant_id == m and merges[0].identifier_ids


def test_a_shared_platform_or_name_alone_never_links(sessions: sessionmaker[Session]) -> None:
    file(sessions, {"name": "潮流女装馆", "shop": "潮流女装馆", "platform": "拼多多"})
    file(sessions, {"name": "潮流女装馆", "shop": "另一家店", "platform": "拼多多"})
    file(sessions, {"name": "潮流女装馆", "shop": "潮流女装馆", "platform": "淘宝"})
    file(sessions, {"name": "小美", "wechat_id": "meimei_01", "platform": "微信"})
    file(sessions, {"name": "小美", "wechat_id": "meimei_02", "platform": "微信"})
    file(sessions, {"name": "只有昵称"})
    file(sessions, {"name": "只有昵称"})
    assert live_merchants(sessions) == 7
    # The same shop on the same platform is one merchant, though.
    file(sessions, {"shop": "潮流女装馆", "platform": "拼多多", "phone": "13900000009"})
    assert live_merchants(sessions) == 7


def test_undo_a_wrong_merge(sessions: sessionmaker[Session]) -> None:
    good = file(sessions, {"wechat_id": "honest_shop1", "phone": "13900000001"})
    bad = file(sessions, {"wechat_id": "crook_2024", "phone": "13700000002"})
    honest, crook = case_merchant(sessions, good), case_merchant(sessions, bad)
    # A consumer mixed up two sellers: one case names the crook's WeChat and the honest phone.
    wrong = file(sessions, {"wechat_id": "crook_2024", "phone": "13900000001"})
    assert live_merchants(sessions) == 1
    with sessions() as session:
        merge = session.execute(select(Resolution).where(Resolution.action == "merge")).scalar_one()
        merge_id = merge.id
        assert merge.evidence_kind == "case" and merge.evidence_ref == wrong
    with sessions() as session:
        split = flows.undo(session=session, resolution_id=merge_id, actor="agency", reason="混淆")
        assert split.action == "split"
    assert live_merchants(sessions) == 2
    # Each side is back under its own number, with its cases.
    assert merchant_of(sessions, "wechat:honest_shop1") == honest
    assert merchant_of(sessions, "wechat:crook_2024") == crook
    assert case_merchant(sessions, good) == honest
    assert case_merchant(sessions, bad) == crook
    assert case_merchant(sessions, wrong) == crook  # the case follows its first identifier
    with sessions() as session:
        revoked = session.execute(
            select(MerchantLink).where(MerchantLink.evidence_ref == wrong)
        ).scalars()
        assert all(lk.revoked_at is not None and lk.revoke_reason == "混淆" for lk in revoked)
        session.rollback()
        with pytest.raises(ResolutionError, match="already undone"):
            flows.undo(session=session, resolution_id=merge_id, actor="agency", reason="again")
    # Undoing the split links them again (reversible both ways).
    with sessions() as session:
        flows.undo(session=session, resolution_id=split.id, actor="agency", reason="确认同一人")
    assert live_merchants(sessions) == 1


def test_undo_refused_while_other_evidence_links(sessions: sessionmaker[Session]) -> None:
    file(sessions, {"wechat_id": "aaa_111", "phone": "13900000011"})
    file(sessions, {"wechat_id": "bbb_222", "phone": "13900000022"})
    file(sessions, {"wechat_id": "aaa_111", "phone": "13900000022"})  # the merge
    file(sessions, {"wechat_id": "bbb_222", "phone": "13900000011"})  # more evidence
    with sessions() as session:
        merge_id = session.execute(
            select(Resolution.id).where(Resolution.action == "merge")
        ).scalar_one()
    with sessions() as session, pytest.raises(ResolutionError, match="still linked"):
        flows.undo(session=session, resolution_id=merge_id, actor="agency", reason="试试")
    assert live_merchants(sessions) == 1
    with sessions() as session:  # nothing was half-done: every link is still active
        assert all(lk.revoked_at is None for lk in session.execute(select(MerchantLink)).scalars())


def test_agency_records_link_their_identifiers(sessions: sessionmaker[Session]) -> None:
    file(sessions, {"wechat_id": "lux_one", "platform": "微信"})
    file(sessions, {"live_room": "奢品直播", "platform": "快手"})
    record = AgencyRecordIn.model_validate(
        {
            "record_type": "finding",
            "finding_kind": "counterfeit",
            "authority": "某市市场监督管理局",
            "decided_on": "2026-01-05",
            "reference": "市监处〔2026〕1号",
            "identifiers": [
                {"kind": "wechat", "value": "LUX_ONE"},
                {"kind": "live_room", "value": "奢品直播", "platform": "快手"},
                {"kind": "uscc", "value": "91350100M000100Y43"},
            ],
        }
    )
    with sessions() as session:
        flows.record(session=session, record_in=record, actor="agency")
    assert live_merchants(sessions) == 1
    assert merchant_of(sessions, "uscc:91350100m000100y43") == merchant_of(
        sessions, "wechat:lux_one"
    )


def test_invalid_credit_code_is_refused_with_its_reason() -> None:
    with pytest.raises(Exception) as caught:
        AgencyRecordIn.model_validate(
            {
                "record_type": "black_list",
                "authority": "某局",
                "decided_on": "2026-01-05",
                "reference": "x",
                "identifiers": [{"kind": "uscc", "value": "91350100M000100Y44"}],
            }
        )
    errors = caught.value.errors()  # type: ignore[attr-defined]
    assert errors[0]["ctx"]["zh"].startswith("统一社会信用代码")
    assert "check digit" in errors[0]["ctx"]["en"]
    assert ids.parse("uscc:91350100M000100Y43").strong
