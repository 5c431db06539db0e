"""Places as people write them, made comparable: "浙江" and "浙江省", "杭州" and "杭州市".

A place is named as a court only when it is precise enough: a district or county gives the
basic people's court of that district; a city alone gives "the basic court of the district
where ... is, in 杭州市". Nothing is guessed: a name the table does not know is kept as
written.
"""

from __future__ import annotations

from typing import NamedTuple

from ..facts import Place

__all__ = ["OUTSIDE_MAINLAND", "Where", "normalise"]

# Province-level divisions by their short names (what people often write).
_MUNICIPALITIES = ("北京", "天津", "上海", "重庆")
_PROVINCES = (
    "河北",
    "山西",
    "辽宁",
    "吉林",
    "黑龙江",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "海南",
    "四川",
    "贵州",
    "云南",
    "陕西",
    "甘肃",
    "青海",
)
_REGIONS = {
    "内蒙古": "内蒙古自治区",
    "广西": "广西壮族自治区",
    "西藏": "西藏自治区",
    "宁夏": "宁夏回族自治区",
    "新疆": "新疆维吾尔自治区",
}
_SPECIAL = {"香港": "香港特别行政区", "澳门": "澳门特别行政区", "台湾": "台湾地区"}
# Cases with a party there follow the foreign-related rules by reference (CPLI Art. 549).
OUTSIDE_MAINLAND = frozenset(_SPECIAL.values())

_FULL: dict[str, str] = {}
for _name in _MUNICIPALITIES:
    _FULL[_name] = _FULL[_name + "市"] = _name + "市"
for _name in _PROVINCES:
    _FULL[_name] = _FULL[_name + "省"] = _name + "省"
for _short, _long in (_REGIONS | _SPECIAL).items():
    _FULL[_short] = _FULL[_long] = _long


def _province(raw: str | None) -> str | None:
    if not raw:
        return None
    name = raw.strip()
    return _FULL.get(name, name) or None


# Prefecture-level units end in one of these; a bare name ("杭州") is a city (市).
_CITY_ENDINGS = ("市", "自治州", "盟", "地区")
# Districts, counties and county-level cities: only these endings are known to be one.
_DISTRICT_ENDINGS = ("区", "县", "市", "旗")


def _city(raw: str | None) -> str | None:
    if not raw:
        return None
    name = raw.strip()
    if not name:
        return None
    if name.endswith(_CITY_ENDINGS):
        return name
    return name + "市"


class Where(NamedTuple):
    """A place reduced to what the court depends on (hashable: cache keys use it)."""

    province: str | None
    city: str | None
    district: str | None

    @property
    def known(self) -> bool:
        """Precise enough to tell a court's city."""
        return self.city is not None

    @property
    def outside_mainland(self) -> bool:
        return self.province in OUTSIDE_MAINLAND

    def label(self) -> str:
        """As written in prose: 浙江省杭州市西湖区 (a municipality once: 北京市朝阳区)."""
        parts = [self.province, self.city, self.district]
        out: list[str] = []
        for part in parts:
            if part and part not in out:
                out.append(part)
        return "".join(out)

    def named_court(self) -> str | None:
        """The basic people's court's name when the district or county is known."""
        d = self.district
        if d is None or not d.endswith(_DISTRICT_ENDINGS) or self.city is None:
            return None
        if d.endswith("区"):
            return f"{self.city}{d}人民法院"
        # Counties and county-level cities: the court bears the province's name in front.
        return f"{self.province or ''}{d}人民法院"


def normalise(place: Place | None) -> Where | None:
    """The province, city and district of a place in full form; None when nothing is given."""
    if place is None:
        return None
    province = _province(place.province)
    city = _city(place.city)
    district = (place.district or "").strip() or None
    if city is None and province is not None and province[:2] in _MUNICIPALITIES:
        city = province  # a municipality is its own city
    if province is None and city is not None and city[:2] in _MUNICIPALITIES:
        province = city[:2] + "市"
    if province is None and city is None and district is None:
        return None
    return Where(province, city, district)
