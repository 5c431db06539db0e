"""False advertising: AD Art. 55(1) (the fee-based ranges, and the fixed ones when the fee is
unknown or low)."""

from __future__ import annotations

from .. import parameters
from ..parameters import yuan_en, zh_times, zh_wan
from ..provision import cite, implements
from ..provisions.ad import AD
from .common import _Inputs, _range, _t, _version_note
from .models import AdministrativeExposure

AD_55_1 = AD(
    "AD-55-1",
    "55",
    "1",
    "发布虚假广告的，处广告费用三至五倍罚款，费用无法计算或明显偏低的处二十万至一百万元；两年内三次以上或情节严重的，处五至十倍或一百万至二百万元，可吊销执照。",
    "False ads: a fine of 3-5 times the ad fee, or 200,000-1,000,000 yuan if the fee cannot be "
    "calculated or is obviously low; three violations in 2 years or serious cases, 5-10 times "
    "or 1,000,000-2,000,000 yuan, and the licence may be revoked.",
)


def _p(name: str) -> parameters.Parameter:
    return parameters.get(f"ad55.{name}")


# The fines, dated and cited in parameters/fines.yaml.
_AD_MIN = _p("fee_multiplier_min").int_under(AD_55_1)
_AD_MAX = _p("fee_multiplier_max").int_under(AD_55_1)
_AD_FIXED = (_p("fixed_min").fen_under(AD_55_1), _p("fixed_max").fen_under(AD_55_1))
_AD_SERIOUS_MIN = _p("serious_fee_multiplier_min").int_under(AD_55_1)
_AD_SERIOUS_MAX = _p("serious_fee_multiplier_max").int_under(AD_55_1)
_AD_SERIOUS_FIXED = (
    _p("serious_fixed_min").fen_under(AD_55_1),
    _p("serious_fixed_max").fen_under(AD_55_1),
)


@implements(AD_55_1)
def _ad55(inp: _Inputs) -> AdministrativeExposure:
    unknown = "广告费用未知", "the ad fee is not known"
    return AdministrativeExposure(
        article=AD_55_1.id,
        conduct=_t(
            "发布虚假广告（直播、商品页面构成商业广告的）。",
            "Publishing a false ad (where a live stream or product page is a commercial ad).",
        ),
        ranges=[
            _range(
                "一般情形，广告费用可计算",
                "ordinary case, ad fee known",
                None,
                None,
                None,
                f"广告费用{zh_times(_AD_MIN)}以上{zh_times(_AD_MAX)}以下；" + unknown[0],
                f"{_AD_MIN} to {_AD_MAX} times the ad fee; " + unknown[1],
            ),
            _range(
                "一般情形，广告费用无法计算或明显偏低",
                "ordinary case, fee not calculable or obviously low",
                None,
                _AD_FIXED[0],
                _AD_FIXED[1],
                f"{zh_wan(_AD_FIXED[0])}以上{zh_wan(_AD_FIXED[1])}以下",
                f"{yuan_en(_AD_FIXED[0])} to {yuan_en(_AD_FIXED[1])} yuan",
            ),
            _range(
                "两年内三次以上或情节严重，广告费用可计算",
                "3 violations in 2 years or serious, fee known",
                None,
                None,
                None,
                f"广告费用{zh_times(_AD_SERIOUS_MIN)}以上{zh_times(_AD_SERIOUS_MAX)}以下；"
                + unknown[0],
                f"{_AD_SERIOUS_MIN} to {_AD_SERIOUS_MAX} times the ad fee; " + unknown[1],
            ),
            _range(
                "两年内三次以上或情节严重，费用无法计算或明显偏低",
                "3 violations in 2 years or serious, fee not calculable or obviously low",
                None,
                _AD_SERIOUS_FIXED[0],
                _AD_SERIOUS_FIXED[1],
                f"{zh_wan(_AD_SERIOUS_FIXED[0])}以上{zh_wan(_AD_SERIOUS_FIXED[1])}以下",
                f"{yuan_en(_AD_SERIOUS_FIXED[0])} to {yuan_en(_AD_SERIOUS_FIXED[1])} yuan",
            ),
        ],
        other_measures=_t(
            "责令停止发布、在相应范围内消除影响；情节严重的可吊销营业执照。",
            "Order to stop publishing and to undo the effect; licence revocation in serious cases.",
        ),
        notes=[
            *_version_note(AD_55_1, inp),
            _t(
                "宣传不构成广告的，按消费者权益保护法第56条或反不正当竞争法（未建模）处罚。",
                "Publicity that is not an ad falls under CRPL Art. 56 or the Anti-Unfair "
                "Competition Law (not modelled).",
            ),
        ],
        citations=cite(AD_55_1),
    )
