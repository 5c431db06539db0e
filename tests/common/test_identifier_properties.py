"""Properties of the normal forms: every spelling of one identifier gives one value, whoever
asks (cases, claims, the registry); a normal form is its own normal form; bad input raises
IdentifierError and nothing else."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from weiquan.accounts.service import claim_key
from weiquan.common import identifiers
from weiquan.common.identifiers import IdentifierError, Kind, normalize
from weiquan.merchants import identifiers as registry
from weiquan.merchants.facts import claimant_key

# The machine is shared: time is no property of a normal form.
settings.register_profile(
    "identifiers", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
SETTINGS = settings.get_profile("identifiers")
FULL_WIDTH = {str(d): chr(0xFF10 + d) for d in range(10)} | {"+": "＋"}
SEPARATORS = ["", " ", "-", ".", "\u3000", "\u2014", "\u2013", "－", "/"]


def _mobile() -> st.SearchStrategy[str]:
    return st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)


@st.composite
def _landline(draw: st.DrawFn) -> tuple[str, str]:
    """(area code without trunk 0, local number)."""
    area = draw(st.sampled_from(["10", "21", "22", "571", "379", "755", "898"]))
    size = 8 if len(area) == 2 else draw(st.sampled_from([7, 8]))
    local = draw(st.from_regex(rf"[2-8][0-9]{{{size - 1}}}", fullmatch=True))
    return area, local


@st.composite
def _spelled(draw: st.DrawFn, groups: list[str], prefix: str) -> str:
    """groups of digits joined by separators, some characters full-width, prefix in front."""
    sep = draw(st.sampled_from(SEPARATORS))
    text = prefix + draw(st.sampled_from(["", " ", "-"])) + sep.join(groups)
    wide = draw(st.booleans())
    return "".join(FULL_WIDTH.get(c, c) if wide else c for c in text)


def _groups(digits: str, cuts: list[int]) -> list[str]:
    points = sorted({c % len(digits) for c in cuts} - {0})
    return [digits[a:b] for a, b in zip([0, *points], [*points, len(digits)], strict=True)]


@st.composite
def mobile_spellings(draw: st.DrawFn) -> tuple[str, str]:
    number = draw(_mobile())
    prefix = draw(st.sampled_from(["", "+86", "0086", "86", "(+86)", "+86 0", "0"]))
    cuts = draw(st.lists(st.integers(1, 10), max_size=4))
    return draw(_spelled(_groups(number, cuts), prefix)), number


@st.composite
def landline_spellings(draw: st.DrawFn) -> tuple[str, str]:
    area, local = draw(_landline())
    prefix = draw(st.sampled_from(["", "+86", "0086", "86", "+86 (0)", "+86 0"]))
    trunk = "0" if prefix == "" else ""
    area_part = draw(st.sampled_from([trunk + area, f"({trunk}{area})"]))
    cuts = draw(st.lists(st.integers(1, 7), max_size=2))
    return draw(_spelled([area_part, *_groups(local, cuts)], prefix)), "0" + area + local


@SETTINGS
@given(mobile_spellings())
@example(("0086 138 0013 8001", "13800138001"))
@example(("＋８６ １３８－００１３－８００１", "13800138001"))
def test_every_spelling_of_a_mobile_is_one_number(case: tuple[str, str]) -> None:
    typed, number = case
    assert identifiers.normalize_phone(typed) == number


@SETTINGS
@given(landline_spellings())
@example(("+86 (0)21 6666 8888", "02166668888"))
@example(("861012345678", "01012345678"))
def test_every_spelling_of_a_landline_is_one_number(case: tuple[str, str]) -> None:
    typed, number = case
    assert identifiers.normalize_phone(typed) == number


@SETTINGS
@given(st.one_of(mobile_spellings(), landline_spellings()))
def test_cases_claims_and_the_registry_see_one_phone(case: tuple[str, str]) -> None:
    typed, number = case
    assert dict(
        identifiers.of_case(name=None, wechat_id=None, phone=typed, shop=None, live_room=None)
    ) == {"phone": number}
    assert claim_key("phone", typed, None) == ("phone", number, "")
    assert registry.make(Kind.phone, typed).value == number
    assert claimant_key(typed) == number
    # An old WeChat ID is the owner's phone number: it matches however it is written.
    assert normalize(Kind.wechat_id, typed) == normalize(Kind.wechat, typed) == number


@st.composite
def wechat_spellings(draw: st.DrawFn) -> tuple[str, str]:
    wechat = draw(st.from_regex(r"[a-z][-_a-z0-9]{5,19}", fullmatch=True))
    cased = "".join(c.upper() if draw(st.booleans()) else c for c in wechat)
    wide = "".join(chr(ord(c) + 0xFEE0) if draw(st.booleans()) else c for c in cased)
    pad = draw(st.sampled_from(["", " ", "\u3000", "\t"]))
    return pad + wide + pad, wechat


@SETTINGS
@given(wechat_spellings())
@example((" XiaoMei_Lux88 ", "xiaomei_lux88"))
def test_a_wechat_id_in_any_case_or_width_is_one_id(case: tuple[str, str]) -> None:
    typed, wechat = case
    assert normalize(Kind.wechat_id, typed) == normalize(Kind.wechat, typed) == wechat
    assert dict(
        identifiers.of_case(name=None, wechat_id=typed, phone=None, shop=None, live_room=None)
    ) == {"wechat_id": wechat}
    assert claim_key("wechat_id", typed, None) == ("wechat_id", wechat, "")
    assert registry.make(Kind.wechat, typed).value == wechat


@SETTINGS
@given(st.sampled_from(list(Kind)), st.text(max_size=60))
@example(Kind.shop, "https://https://www.x.cn/ /")
@example(Kind.phone, "+86")
@example(Kind.shop_url, "http://[x")
@example(Kind.store_id, "A\u00b4")  # NFKC makes a lone accent, which then composes
@example(Kind.shop_url, "WWW.")
def test_normal_forms_are_their_own_and_bad_input_raises_identifier_error(
    kind: Kind, raw: str
) -> None:
    try:
        value = normalize(kind, raw)
    except IdentifierError as exc:
        assert exc.text("zh_CN") and exc.text("en")  # a message in both languages
        return
    assert value and normalize(kind, value) == value


@SETTINGS
@given(st.sampled_from(list(Kind)), st.from_regex(r"[+0-9 ()\-.]{0,24}", fullmatch=True))
def test_phone_shaped_input_never_escapes_as_another_error(kind: Kind, raw: str) -> None:
    try:
        value = normalize(kind, raw)
    except IdentifierError:
        return
    assert normalize(kind, value) == value


@SETTINGS
@given(st.text(max_size=20))
def test_an_unknown_kind_is_an_identifier_error(kind: str) -> None:
    if kind.strip().lower() in {k.value for k in Kind}:
        return
    try:
        normalize(kind, "13800138001")
    except IdentifierError as exc:
        assert "KIND:VALUE" in exc.message
    else:
        raise AssertionError(f"{kind!r} was taken for a kind")
