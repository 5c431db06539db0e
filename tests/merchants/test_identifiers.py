"""Identifier normal forms and the GB 32100 check digit, without a database."""

from __future__ import annotations

import pytest

from weiquan.merchants import identifiers as ids
from weiquan.merchants.identifiers import IdentifierError, Kind

# Real-format codes: the standard's own example and codes published on business licences.
REAL_CODES = [
    "91350100M000100Y43",  # GB 32100-2015, Appendix example
    "9144030071526726XG",
    "914403001922038216",
    "91330100799655058B",
    "91110000802100433B",
]


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_codes_pass_their_check_digit(code: str) -> None:
    assert ids.uscc_check_digit(code[:17]) == code[17]
    assert ids.normalize_uscc(code) == code
    assert ids.normalize_uscc(" " + code.lower()[:9] + " " + code.lower()[9:]) == code


@pytest.mark.parametrize("code", REAL_CODES)
def test_one_wrong_character_is_caught(code: str) -> None:
    wrong = code[:5] + ("1" if code[5] != "1" else "2") + code[6:]
    with pytest.raises(IdentifierError) as caught:
        ids.normalize_uscc(wrong)
    assert "check digit" in caught.value.message
    assert caught.value.params == {"code": wrong}


def test_codes_with_letters_the_standard_excludes_or_wrong_length() -> None:
    for bad in ("91350100M000100I43", "91350100M000100O43", "9135010", "91350100M000100Y4333"):
        with pytest.raises(IdentifierError) as caught:
            ids.normalize_uscc(bad)
        assert "18 characters" in caught.value.message


def test_phone_normal_forms() -> None:
    for typed in ("+86 138-0013-8001", "0086 13800138001", "138 0013 8001", "８６13800138001"):
        assert ids.normalize_phone(typed) == "13800138001"
    assert ids.normalize_phone("021-6666 8888") == "02166668888"
    for bad in ("12", "call me", "138001380011234567"):
        with pytest.raises(IdentifierError):
            ids.normalize_phone(bad)


def test_wechat_urls_and_names() -> None:
    assert ids.normalize_wechat(" XiaoMei_Lux88 ") == "xiaomei_lux88"
    assert ids.normalize_wechat("138 0013 8001") == "13800138001"  # old IDs are phone numbers
    with pytest.raises(IdentifierError):
        ids.normalize_wechat("has space")
    assert ids.normalize_url("WWW.Shop.Example.com/abc/") == "https://shop.example.com/abc"
    assert ids.normalize_url("http://shop.example.com/abc#top") == "https://shop.example.com/abc"
    assert ids.normalize_text("  诚品　运动  ") == "诚品 运动"


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
