"""Infringing consumer rights: CRPL Art. 56 (the penalty where no other law sets one) and the
SAMR Measures (PUN Arts. 12, 14, 15)."""

from __future__ import annotations

from .. import parameters
from ..facts import Problem
from ..parameters import yuan_en, zh_times, zh_wan
from ..provision import Text, cite, implements
from ..provisions import pun
from ..provisions.crpl import CRPL
from .common import ASK_GAINS, _Amounts, _Inputs, _range, _t, _version_note
from .findings import Findings
from .models import AdministrativeExposure

# --- provisions: administrative -----------------------------------------------------------------

CRPL_56 = CRPL(
    "CRPL-56",
    "56",
    "1",
    "经营者以假充真、销售失效商品、虚假宣传、故意拖延或无理拒绝消费者要求、侵害人格尊严或个人信息等，其他法律未规定处罚的，处违法所得一至十倍罚款，无违法所得的处五十万元以下罚款；情节严重的责令停业整顿、吊销执照。",
    "For passing off, selling expired goods, false publicity, deliberately delaying or refusing "
    "consumers' demands, infringing dignity or personal data and similar acts, where no other law "
    "sets the penalty: a fine of 1-10 times the illegal gains, or up to 500,000 yuan without "
    "gains; serious cases, suspension or licence revocation.",
)
PUN_12 = pun.PUN(
    "PUN-12",
    "12",
    None,
    "格式条款、通知、声明、店堂告示不得免除经营者责任、排除或限制消费者权利（如最终解释权、限制投诉诉讼）。",
    "Format clauses, notices and shop notices may not exclude the operator's liability or limit "
    "consumers' rights (for example a final right of interpretation, or barring complaints).",
)
PUN_14 = pun.PUN(
    "PUN-14",
    "14",
    None,
    "违反本办法第五条至第十一条，其他法律法规未规定的，依照消费者权益保护法第五十六条处罚。",
    "Breaches of Arts. 5-11 are penalised under CRPL Art. 56 unless another law provides.",
)
PUN_15 = pun.PUN(
    "PUN-15",
    "15",
    None,
    "违反第十二条、第十三条的，责令改正，可处警告、违法所得三倍以下但不超过三万元的罚款；无违法所得的，处一万元以下罚款。",
    "Breaches of Arts. 12-13: order to correct, warning, fine up to 3 times the illegal gains "
    "capped at 30,000 yuan; without gains, up to 10,000 yuan.",
)


# CRPL 56 items reached by a problem (where no other law sets the penalty).
# The fines, dated and cited in parameters/fines.yaml.
_C56_MIN = parameters.get("crpl56.gains_multiplier_min").int_under(CRPL_56)
_C56_MAX = parameters.get("crpl56.gains_multiplier_max").int_under(CRPL_56)
_C56_CAP = parameters.get("crpl56.cap_without_gains").fen_under(CRPL_56)
_P15_MAX = parameters.get("pun15.gains_multiplier_max").int_under(PUN_15)
_P15_CAP = parameters.get("pun15.cap_with_gains").fen_under(PUN_15)
_P15_CAP_NONE = parameters.get("pun15.cap_without_gains").fen_under(PUN_15)

_CRPL56_ITEMS: dict[Problem, tuple[str, str, str]] = {
    Problem.EXPIRED: ("3", "销售失效、变质的商品", "selling expired or spoiled goods"),
    Problem.FALSE_ADVERTISING: ("6", "虚假或引人误解的宣传", "false or misleading publicity"),
    Problem.CONCEALED_MATERIAL_FACT: (
        "6",
        "隐瞒重要信息的引人误解宣传",
        "misleading publicity hiding a material fact",
    ),
    Problem.RETURN_REFUSED: (
        "8",
        "故意拖延或无理拒绝退货",
        "deliberately delaying or refusing a return",
    ),
    Problem.REFUND_DELAYED: ("8", "故意拖延退款", "deliberately delaying a refund"),
    Problem.INSULT_OR_THREAT: ("9", "侵害消费者人格尊严", "infringing the consumer's dignity"),
    Problem.PRIVACY_VIOLATION: (
        "9",
        "侵害消费者个人信息",
        "infringing the consumer's personal data",
    ),
    Problem.NOT_DELIVERED: ("10", "收取货款后不提供商品", "taking payment without delivering"),
}


# Items that are a breach only if what the seller refused or delayed was owed: the engine's
# own finding on the return of the goods and on the refund decides (a lawful refusal, such as
# goods made to order, is no breach; a contested one is a condition, never asserted).
def _owed(p: Problem, fnd: Findings) -> tuple[str, Text | None]:
    if p is Problem.RETURN_REFUSED:
        return fnd.return_owed, fnd.return_why
    if p is Problem.REFUND_DELAYED:
        return fnd.refund_owed, fnd.refund_why
    return "available", None


_IF_OWED = {
    Problem.RETURN_REFUSED: (
        "拒绝退货的罚款，以退货确属应当为前提：",
        "A fine for refusing the return only if the return was owed: ",
    ),
    Problem.REFUND_DELAYED: (
        "拖延退款的罚款，以退款确属应当为前提：",
        "A fine for delaying the refund only if the refund was owed: ",
    ),
}


def consumer_rules_apply(fnd: Findings) -> bool:
    """CRPL 56 and the SAMR Measures punish operators that infringe consumers' rights."""
    return fnd.consumer is not False and fnd.operator is not False


@implements(CRPL_56, PUN_14)
def _crpl56(inp: _Inputs, a: _Amounts, fnd: Findings) -> AdministrativeExposure | None:
    if not consumer_rules_apply(fnd):
        return None
    hits = []
    conditions: list[Text] = []
    asserted = False
    for p, item in _CRPL56_ITEMS.items():
        if p not in inp.problems or (inp.food and p is Problem.EXPIRED):
            continue
        owed, why = _owed(p, fnd)
        if owed == "unavailable":
            continue  # the engine found the refusal or delay lawful
        hits.append(item)
        if owed == "contested":
            lead = _IF_OWED[p]
            conditions.append(
                Text(zh=lead[0] + (why.zh if why else ""), en=lead[1] + (why.en if why else ""))
            )
        else:
            asserted = True
    if not hits:
        return None
    gains = a.gains
    if gains is None:
        a.need(ASK_GAINS)
    items = sorted({h[0] for h in hits}, key=int)
    return AdministrativeExposure(
        article=CRPL_56.id,
        conduct=_t(
            "；".join(h[1] for h in hits) + f"（第{'、'.join(items)}项）。",
            "; ".join(h[2] for h in hits).capitalize() + f" (items {', '.join(items)}).",
        ),
        ranges=[
            _range(
                "有违法所得",
                "with illegal gains",
                None if gains is None else gains > 0,
                None if not gains else gains * _C56_MIN,
                None if not gains else gains * _C56_MAX,
                f"违法所得{zh_times(_C56_MIN)}以上{zh_times(_C56_MAX)}以下",
                f"{_C56_MIN} to {_C56_MAX} times the illegal gains",
            ),
            _range(
                "没有违法所得",
                "without illegal gains",
                None if gains is None else gains == 0,
                0,
                _C56_CAP,
                f"{zh_wan(_C56_CAP)}以下",
                f"up to {yuan_en(_C56_CAP)} yuan",
            ),
        ],
        other_measures=_t(
            "责令改正，可以单处或并处警告、没收违法所得；情节严重的责令停业整顿、吊销营业执照；记入信用档案并向社会公布。",
            "Order to correct; warning and confiscation of gains, alone or together; suspension "
            "or licence revocation if serious; entered in the credit file and published.",
        ),
        notes=[
            *_version_note(CRPL_56, inp),
            *(
                [
                    _t(
                        "侵害个人信息的，个人信息保护法的处罚规定优先（未建模）。",
                        "For personal data, the PIPL's penalties take precedence (not modelled).",
                    )
                ]
                if Problem.PRIVACY_VIOLATION in inp.problems
                else []
            ),
        ],
        citations=cite(CRPL_56, PUN_14),
        asserted=asserted,
        conditions=conditions,
    )


@implements(PUN_15, PUN_12)
def _pun15(inp: _Inputs, a: _Amounts) -> AdministrativeExposure:
    gains = a.gains
    if gains is None:
        a.need(ASK_GAINS)
    return AdministrativeExposure(
        article=PUN_15.id,
        conduct=_t(
            "使用排除、限制消费者权利或免除自身责任的格式条款。",
            "Using format clauses that exclude or limit consumers' rights or the seller's own "
            "liability.",
        ),
        ranges=[
            _range(
                "有违法所得",
                "with illegal gains",
                None if gains is None else gains > 0,
                0,
                None if not gains else min(_P15_MAX * gains, _P15_CAP),
                f"违法所得{zh_times(_P15_MAX)}以下，最高{zh_wan(_P15_CAP)}",
                f"up to {_P15_MAX} times the illegal gains, at most {yuan_en(_P15_CAP)} yuan",
            ),
            _range(
                "没有违法所得",
                "without illegal gains",
                None if gains is None else gains == 0,
                0,
                _P15_CAP_NONE,
                f"{zh_wan(_P15_CAP_NONE)}以下",
                f"up to {yuan_en(_P15_CAP_NONE)} yuan",
            ),
        ],
        other_measures=_t("责令改正，可以警告。", "Order to correct; a warning."),
        notes=_version_note(PUN_15, inp),
        citations=cite(PUN_12, PUN_15),
    )
