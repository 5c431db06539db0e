"""The registry's identifiers: strong and weak, parsing, what a query may be, a case's."""

from __future__ import annotations

import pytest

from weiquan.common.identifiers import IdentifierError, Kind
from weiquan.merchants import identifiers as ids


def test_strong_and_weak() -> None:
    assert ids.make(Kind.wechat, "abc123").strong
    assert ids.make(Kind.shop_name, "潮流女装馆", "拼多多").strong
    assert not ids.make(Kind.shop_name, "潮流女装馆").strong  # no platform: a name only
    assert not ids.make(Kind.name, "小美").strong
    assert not ids.make(Kind.real_name, "王伟").strong  # thousands of people share it
    a = ids.make(Kind.shop_name, "潮流女装馆", "拼多多")
    b = ids.make(Kind.shop_name, "潮流女装馆", "淘宝")
    assert a.key != b.key  # one name on two platforms: two shops


def test_parse_and_candidates() -> None:
    shop = ids.parse("shop_name:诚品运动专营店@淘宝")
    assert (shop.kind, shop.value, shop.scope) == (Kind.shop_name, "诚品运动专营店", "淘宝")
    assert ids.parse("phone:+86 138 0013 8001").value == "13800138001"
    with pytest.raises(IdentifierError):
        ids.parse("fax:123")
    kinds = [c.kind for c in ids.candidates("13800138001")]
    assert kinds[:2] == [Kind.phone, Kind.wechat]
    assert [c.kind for c in ids.candidates("91350100M000100Y43")] == [Kind.uscc]
    with pytest.raises(IdentifierError):
        ids.candidates("91350100M000100Y44")  # looks like a code, fails the check: say so
    assert ids.candidates("xiaomei_lux88")[0].kind == Kind.wechat
    assert ids.candidates("https://shop.example.com/x")[0].kind == Kind.shop_url


def test_from_case_skips_what_cannot_be_an_identifier() -> None:
    found = ids.from_case(
        name="小美奢品",
        wechat_id="has space",
        phone="+86 139 1234 5670",
        shop="https://shop.example.com/x",
        platform="微信视频号",
        live_room="小美奢品直播间",
    )
    assert [i.kind for i in found] == [Kind.phone, Kind.shop_url, Kind.live_room, Kind.name]
