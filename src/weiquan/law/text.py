"""An assessment in plain words, in Chinese or English, for people rather than programs."""

from __future__ import annotations

from typing import Literal

from .assessment import Assessment, LiableParty, Remedy
from .court import Court
from .notes import NOT_MODELLED
from .provision import Citation, Text, instrument_name

__all__ = ["Lang", "render"]

Lang = Literal["zh", "en"]

_KIND = {
    "refund": ("退款", "Refund"),
    "return_goods": ("退货", "Return of the goods"),
    "replacement": ("换货", "Replacement"),
    "repair": ("修理", "Repair"),
    "punitive": ("惩罚性赔偿", "Punitive damages"),
    "loss_compensation": ("赔偿损失", "Compensation for losses"),
    "costs": ("费用", "Costs"),
}
_STATUS = {
    "available": ("可以主张", "available"),
    "contested": ("有争议", "contested"),
    "unavailable": ("不能主张", "not available"),
}
_ROLE = {
    "seller": ("卖家", "Seller"),
    "producer": ("生产者", "Producer"),
    "platform": ("平台", "Platform"),
    "live_room_operator": ("直播间运营者", "Live-room operator"),
    "streamer": ("主播（代言人）", "Streamer (endorser)"),
    "advertiser": ("广告主", "Advertiser"),
    "licence_holder": ("营业执照持有人", "Licence holder"),
    "successor": ("承继企业", "Successor business"),
    "fair_organizer": ("展销会举办者", "Trade-fair organiser"),
    "counter_lessor": ("柜台出租者", "Counter lessor"),
    "importer": ("进口商", "Importer"),
}
_LIABILITY = {
    "primary": ("首要责任", "primary"),
    "joint_and_several": ("连带责任", "joint and several"),
    "pays_first_with_recourse": ("先行赔付后追偿", "pays first, then recovers"),
    "as_seller": ("按销售者担责", "liable as the seller"),
    "conditional": ("有条件的责任", "conditional"),
}
_HEAD = {
    "title": ("维权评估", "Assessment"),
    "law": ("适用法律版本（购买日）", "Law as of (purchase date)"),
    "as_of": ("评估日", "Assessed on"),
    "remedies": ("您可以主张什么", "What you can claim"),
    "parties": ("向谁主张", "Whom to claim from"),
    "deadlines": ("期限", "Deadlines"),
    "path": ("建议步骤", "Recommended steps"),
    "admissibility": ("投诉能否受理", "Will a complaint be accepted"),
    "missing": ("还需要了解的事实", "Facts still needed"),
    "flags": ("请注意", "Please note"),
    "not_modelled": ("本评估未涵盖", "Not covered by this assessment"),
    "recommended": ("推荐", "recommended"),
    "condition": ("条件", "condition"),
    "yuan": ("元", " yuan"),
    "regulator": ("市场监管部门", "Market regulator"),
    "association": ("消费者协会", "Consumer association"),
    "yes": ("可以受理", "admissible"),
    "no": ("不予受理", "not admissible"),
    "unknown_date": ("日期待定", "date unknown"),
}
_NOTES = {n.code: n.explanation for n in NOT_MODELLED}


def _w(pair: tuple[str, str], lang: Lang) -> str:
    return pair[0] if lang == "zh" else pair[1]


def _t(text: Text | None, lang: Lang) -> str:
    if text is None:
        return ""
    return text.zh if lang == "zh" else text.en


def _cites(citations: list[Citation], lang: Lang) -> str:
    parts = []
    for c in citations:
        name = _t(instrument_name(c["instrument"]), lang)
        where = c["article"]
        if lang == "zh":
            ref = f"《{name}》第{where}条" + (f"第{c['paragraph']}款" if "paragraph" in c else "")
            ref += f"第{c['item']}项" if "item" in c else ""
        else:
            ref = f"{name} Art. {where}" + (f"({c['paragraph']})" if "paragraph" in c else "")
            ref += f" item {c['item']}" if "item" in c else ""
        if c.get("verification") == "unverified":
            ref += "（未核实）" if lang == "zh" else " (unverified)"
        parts.append(ref)
    return ("；" if lang == "zh" else "; ").join(dict.fromkeys(parts))


def _remedy(r: Remedy, lang: Lang) -> list[str]:
    head = _w(_KIND[r.kind], lang)
    if r.regime:
        head += f" [{r.regime}]"
    status = _w(_STATUS[r.status], lang)
    line = f"- {head}: {status}"
    if r.amount is not None:
        line += f", {r.amount}{_w(_HEAD['yuan'], lang)}"
    if r.recommended:
        line += f" ({_w(_HEAD['recommended'], lang)})"
    out = [line, f"  {_t(r.explanation, lang)}"]
    if r.reason is not None and r.reason != r.explanation:
        out.append(f"  {_t(r.reason, lang)}")
    if r.citations:
        out.append(f"  {_cites(r.citations, lang)}")
    return out


def _party(p: LiableParty, lang: Lang) -> list[str]:
    out = [f"- {_w(_ROLE[p.role], lang)}: {_w(_LIABILITY[p.liability], lang)}"]
    if p.condition is not None:
        out.append(f"  {_w(_HEAD['condition'], lang)}: {_t(p.condition, lang)}")
    out.append(f"  {_t(p.explanation, lang)}")
    if p.citations:
        out.append(f"  {_cites(p.citations, lang)}")
    return out


def render(a: Assessment, lang: Lang = "zh") -> str:
    """The assessment as readable text in one language."""
    h = lambda key: _w(_HEAD[key], lang)  # noqa: E731 - a one-word local shorthand
    out = [
        f"{h('title')}",
        f"{h('law')}: {a.law_as_of.isoformat()}   {h('as_of')}: {a.as_of.isoformat()}",
        "",
        f"## {h('remedies')}",
    ]
    for r in a.remedies:
        out.extend(_remedy(r, lang))
    out += ["", f"## {h('parties')}"]
    for p in a.liable_parties:
        out.extend(_party(p, lang))
    out += ["", f"## {h('admissibility')}"]
    for key, body in (
        ("regulator", a.admissibility.market_regulator),
        ("association", a.admissibility.consumer_association),
    ):
        out.append(f"- {h(key)}: {h('yes') if body.admissible else h('no')}")
        for reason in [*body.reasons, *body.pending]:
            out.append(f"  {_t(reason.reason, lang)}")
    if a.deadlines:
        out += ["", f"## {h('deadlines')}"]
        for d in a.deadlines:
            when = d.date.isoformat() if d.date else h("unknown_date")
            out.append(f"- {when}: {_t(d.explanation, lang)}")
    if a.recommended_path:
        out += ["", f"## {h('path')}", " → ".join(a.recommended_path)]
    out += _court(a.court, lang)
    if a.missing_facts:
        out += ["", f"## {h('missing')}"]
        for m in a.missing_facts:
            out.append(f"- {_t(m.question, lang)}")
            out.append(f"  {_t(m.why, lang)}")
    if a.flags:
        out += ["", f"## {h('flags')}"]
        for f in a.flags:
            out.append(f"- {_t(f.explanation, lang)}")
    out += ["", f"## {h('not_modelled')}"]
    for code in a.not_modelled:
        note = _NOTES.get(code)
        out.append(f"- {_t(note, lang) if note else code}")
    return "\n".join(out) + "\n"


_COURT = {
    "head": ("可以起诉的法院", "Which court can hear your suit"),
    "proposed": ("建议", "suggested"),
    "small": ("小额诉讼", "Small claims"),
    "fee": ("案件受理费", "Filing fee"),
    "claimed": ("诉讼请求", "claimed"),
    "limit": ("上限", " limit"),
    "agreed": ("约定适用上限", "by agreement up to"),
}


def _court(c: Court, lang: Lang) -> list[str]:
    """The court section: the competent courts, the internet court, small claims, the fee."""
    out = ["", f"## {_w(_COURT['head'], lang)}"]
    proposed = _t(c.proposed, lang) if c.proposed is not None else None
    for court in c.courts:
        name = _t(court.court, lang)
        mark = f" ({_w(_COURT['proposed'], lang)})" if name == proposed else ""
        out.append(f"- {name}{mark}")
        out.append(f"  {_t(court.where, lang)} {_cites(court.citations, lang)}")
    out.append(f"  {_t(c.choice, lang)}")
    out.append(f"- {_t(c.internet_court.reason, lang)}")
    sc, yuan = c.small_claims, _w(_HEAD["yuan"], lang)
    figures = [f"{_w(_COURT['claimed'], lang)} {sc.claimed}{yuan}"]
    if sc.limit is not None:
        figures.append(f"{sc.province or ''}{_w(_COURT['limit'], lang)} {sc.limit}{yuan}")
    if sc.agreed_limit is not None:
        figures.append(f"{_w(_COURT['agreed'], lang)} {sc.agreed_limit}{yuan}")
    out.append(f"- {_w(_COURT['small'], lang)} ({', '.join(figures)}): {_t(sc.reason, lang)}")
    if c.fee is not None:
        out.append(
            f"- {_w(_COURT['fee'], lang)}: {c.fee.full}{yuan} / {c.fee.simplified}{yuan}. "
            f"{_t(c.fee.explanation, lang)}"
        )
    return out
