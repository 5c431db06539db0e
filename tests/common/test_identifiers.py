"""Identifier normal forms and the GB 32100 check digit, without a database."""

from __future__ import annotations

import pytest

from weiquan.common import identifiers as ids
from weiquan.common.identifiers import IdentifierError

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


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("0086 138 0013 8001", "13800138001"),  # cases once kept this as 008613800138001
        ("(+86) 138.0013.8001", "13800138001"),
        ("＋８６ １３８—００１３—８００１", "13800138001"),
        ("013800138001", "13800138001"),  # a trunk 0 before a mobile
        ("+86 10 1234 5678", "01012345678"),  # the trunk 0 put back after +86
        ("+86 (0)21 6666 8888", "02166668888"),
        ("86 571 8888 8888", "057188888888"),
        ("(0571) 888-8888", "05718888888"),
        ("400-123-4567", "4001234567"),
        ("+852 9123 4567", "+85291234567"),  # another country keeps its +
        ("00852 9123 4567", "+85291234567"),
        ("2125551234", "2125551234"),  # no country code: not guessed at
        ("8888 6666", "88886666"),  # a local number without its area code
    ],
)
def test_accepted_phone_spellings(typed: str, number: str) -> None:
    assert ids.normalize_phone(typed) == number


def test_errors_are_bilingual_and_of_one_type() -> None:
    for kind, raw in (("phone", "call me"), ("wechat_id", "has space"), ("uscc", "123")):
        with pytest.raises(IdentifierError) as caught:
            ids.normalize(kind, raw)
        zh, en = caught.value.text("zh_CN"), caught.value.text("en")
        assert zh != en and zh and en
    with pytest.raises(IdentifierError) as caught:
        ids.normalize("fax", "123")
    assert "KIND:VALUE" in caught.value.text("en")


def test_one_enum_keeps_the_stored_spellings() -> None:
    # Rows and the claims API store these strings: changing one loses every row that has it.
    assert {k.value for k in ids.Kind} == {
        *("name", "wechat_id", "phone", "shop", "live_room"),  # case index, claims
        *("wechat", "real_name", "shop_name", "shop_url", "store_id", "uscc", "licence"),
    }
    assert ids.normalize("wechat_id", "XiaoMei_88") == ids.normalize("wechat", "XiaoMei_88")
    assert ids.normalize("shop", "https://www.Shop.cn/x/") == "shop.cn/x"
