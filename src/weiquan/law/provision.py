"""Provisions as objects: citation, dated validity, bilingual summary, declared exceptions.

Every rule the engine applies is registered here once, at import time, by the module of its
instrument. Output never names a rule without its citation, and a test fails when a provision
lacks a date range, a summary in both languages or scenarios that exercise it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any, Literal, NotRequired, TypeVar, cast

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler
from pydantic_core import CoreSchema, core_schema
from typing_extensions import TypedDict  # pydantic needs this one before Python 3.12

__all__ = [
    "INSTRUMENTS",
    "Citation",
    "Citations",
    "Flag",
    "MissingFact",
    "Provision",
    "Text",
    "Verification",
    "all_provisions",
    "cite",
    "code_of",
    "exceptions_to",
    "get",
    "implements",
    "instrument_name",
    "register",
    "registered_count",
    "text",
]

Verification = Literal["text", "secondary", "unverified"]


class Citation(TypedDict):
    """A provision as the assessment cites it (built once per provision by Provision)."""

    instrument: str
    article: str
    paragraph: NotRequired[str]
    item: NotRequired[str]
    provision: str
    verification: Verification


class _CheckedFromJson:
    """Citations from Python (the engine's own Provision.citation() dicts, shared, already in
    shape) are taken as they are: at thousands of assessments a second, checking them again
    on every remedy was half the cost. Citations read from JSON (an assessment read back) are
    checked against Citation. Serialised by pydantic-core without a Python callback."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.json_or_python_schema(
            json_schema=handler(source), python_schema=core_schema.any_schema()
        )


Citations = Annotated[list[Citation], _CheckedFromJson]


class Text(BaseModel):
    """A user-facing string in both languages."""

    model_config = ConfigDict(frozen=True)

    zh: str
    en: str


_TEXTS: dict[tuple[str, str], Text] = {}


def text(zh: str, en: str) -> Text:
    """A constant bilingual string, built once and shared (rules call this on every case).

    Only for literal strings: text that varies per case (amounts, dates) uses Text directly.
    """
    key = (zh, en)
    found = _TEXTS.get(key)
    if found is None:
        found = _TEXTS[key] = Text(zh=zh, en=en)
    return found


class Flag(BaseModel):
    """Something the reader must know about the assessment (a doubt, an assumption, a conflict)."""

    model_config = ConfigDict(frozen=True)

    code: str
    explanation: Text
    citations: Citations = []
    # Whom the flag speaks to when not everyone: "consumer" or "merchant" (the project's
    # addition to the contract; left out of the JSON when it speaks to both).
    audience: Literal["consumer", "merchant"] | None = Field(None, exclude_if=lambda v: v is None)


class MissingFact(BaseModel):
    """An unknown fact that would change the outcome, with the question to ask and why."""

    model_config = ConfigDict(frozen=True)

    fact: str
    question: Text
    why: Text


# Instruments by the abbreviation used in citations (see ../shared/law/README.md).
INSTRUMENTS: dict[str, Text] = {
    "CRPL": Text(zh="消费者权益保护法", en="Consumer Rights Protection Law"),
    "CRPL-2009": Text(
        zh="消费者权益保护法（2009年修正）", en="Consumer Rights Protection Law (2009)"
    ),
    "CRPLIR": Text(zh="消费者权益保护法实施条例", en="CRPL Implementing Regulations"),
    "ECL": Text(zh="电子商务法", en="E-Commerce Law"),
    "FSL": Text(zh="食品安全法", en="Food Safety Law"),
    "FSL-2009": Text(zh="食品安全法（2009年）", en="Food Safety Law (2009)"),
    "FSI": Text(
        zh="最高人民法院关于审理食品安全民事纠纷案件适用法律若干问题的解释（一）",
        en="SPC Interpretation on Food Safety Civil Disputes (I)",
    ),
    "FDP": Text(
        zh="最高人民法院关于审理食品药品惩罚性赔偿纠纷案件适用法律若干问题的解释",
        en="SPC Interpretation on Food and Drug Punitive Damages",
    ),
    "FDD-2013": Text(
        zh="最高人民法院关于审理食品药品纠纷案件适用法律若干问题的规定",
        en="SPC Provisions on Food and Drug Disputes (2013)",
    ),
    "OC": Text(
        zh="最高人民法院关于审理网络消费纠纷案件适用法律若干问题的规定（一）",
        en="SPC Provisions on Online Consumption Disputes (I)",
    ),
    "PUN": Text(
        zh="侵害消费者权益行为处罚办法",
        en="Measures for Punishing Infringements of Consumer Rights",
    ),
    "RET7": Text(
        zh="网络购买商品七日无理由退货暂行办法",
        en="Interim Measures on 7-Day No-Reason Returns for Online Purchases",
    ),
    "PQL": Text(zh="产品质量法", en="Product Quality Law"),
    "CC": Text(zh="民法典", en="Civil Code"),
    "GPCL": Text(zh="民法通则", en="General Principles of Civil Law"),
    "GPL": Text(zh="民法总则", en="General Provisions of Civil Law"),
    "LIM-2018": Text(
        zh="最高人民法院关于适用《中华人民共和国民法总则》诉讼时效制度若干问题的解释",
        en="SPC Interpretation on Limitation under the General Provisions (2018)",
    ),
    "LIM-2008": Text(
        zh="最高人民法院关于审理民事案件适用诉讼时效制度若干问题的规定",
        en="SPC Provisions on Limitation in Civil Cases (2008)",
    ),
    "LIM-2020": Text(
        zh="最高人民法院关于审理民事案件适用诉讼时效制度若干问题的规定（2020年修正）",
        en="SPC Provisions on Limitation in Civil Cases (2020 amendment)",
    ),
    "AD": Text(zh="广告法", en="Advertising Law"),
    "TM": Text(zh="商标法", en="Trademark Law"),
    "TM-2013": Text(zh="商标法（2013年修正）", en="Trademark Law (2013)"),
    "TM-2001": Text(zh="商标法（2001年修正）", en="Trademark Law (2001)"),
    "CL": Text(zh="刑法", en="Criminal Law"),
    "CLAW": Text(zh="合同法", en="Contract Law"),
    "FPM-1996": Text(
        zh="欺诈消费者行为处罚办法", en="Measures on Punishing Fraud against Consumers (1996)"
    ),
    "SPCL-2017": Text(
        zh="最高人民法院办公厅对十二届全国人大五次会议第5990号建议的答复意见（法办函〔2017〕181号）",
        en="SPC General Office reply on professional claimants (2017, No. 181)",
    ),
    "CMP": Text(
        zh="市场监督管理投诉举报处理暂行办法",
        en="SAMR Interim Measures for Handling Complaints and Reports",
    ),
    "CMP-2026": Text(
        zh="市场监督管理投诉举报处理办法", en="SAMR Measures for Handling Complaints and Reports"
    ),
    "RPT": Text(
        zh="市场监督管理投诉举报处理暂行办法（举报）",
        en="SAMR Interim Measures for Handling Complaints and Reports (reports)",
    ),
    "CA": Text(zh="消费者协会受理消费者投诉规定", en="Consumer association complaint rules"),
    "IPC-2004": Text(
        zh="最高人民法院、最高人民检察院关于办理侵犯知识产权刑事案件具体应用法律若干问题的解释",
        en="SPC/SPP Interpretation on IP Crimes (2004)",
    ),
    "IPC-2025": Text(
        zh="最高人民法院、最高人民检察院关于办理侵犯知识产权刑事案件适用法律若干问题的解释",
        en="SPC/SPP Interpretation on IP Crimes (2025)",
    ),
    "FSC-2001": Text(
        zh="最高人民法院、最高人民检察院关于办理生产、销售伪劣商品刑事案件具体应用法律若干问题的解释",
        en="SPC/SPP Interpretation on Fake and Shoddy Goods Crimes (2001)",
    ),
    "PFS-2010": Text(
        zh="最高人民检察院、公安部关于公安机关管辖的刑事案件立案追诉标准的规定（二）",
        en="SPP/MPS Case-Filing Standards (II)",
    ),
    "CPL": Text(zh="民事诉讼法", en="Civil Procedure Law"),
    "CPLI": Text(
        zh="最高人民法院关于适用《中华人民共和国民事诉讼法》的解释",
        en="SPC Interpretation on Applying the Civil Procedure Law",
    ),
    "ICP": Text(
        zh="最高人民法院关于互联网法院审理案件若干问题的规定",
        en="SPC Provisions on Cases Heard by Internet Courts",
    ),
    "LFM": Text(zh="诉讼费用交纳办法", en="Measures on the Payment of Litigation Fees"),
    "ARB": Text(zh="仲裁法", en="Arbitration Law"),
    "MED": Text(zh="人民调解法", en="People's Mediation Law"),
    "AUCL": Text(zh="反不正当竞争法", en="Anti-Unfair Competition Law"),
    "PL": Text(zh="价格法", en="Price Law"),
    "PIPL": Text(zh="个人信息保护法", en="Personal Information Protection Law"),
    "DAL": Text(zh="药品管理法", en="Drug Administration Law"),
    "MDR": Text(zh="医疗器械监督管理条例", en="Regulation on Medical Devices"),
    "DSC-2014": Text(
        zh="最高人民法院、最高人民检察院关于办理危害药品安全刑事案件适用法律若干问题的解释",
        en="SPC/SPP Interpretation on Drug Safety Crimes (2014)",
    ),
    "DSC-2022": Text(
        zh="最高人民法院、最高人民检察院关于办理危害药品安全刑事案件适用法律若干问题的解释（2022）",
        en="SPC/SPP Interpretation on Drug Safety Crimes (2022)",
    ),
    "PROS-2008": Text(
        zh="最高人民检察院、公安部关于公安机关管辖的刑事案件立案追诉标准的规定（一）",
        en="SPP/MPS Case-Filing Standards (I) (2008)",
    ),
    "NTS": Text(zh="网络交易监督管理办法", en="Network Trading Supervision Measures"),
    "AP": Text(
        zh="市场监督管理行政处罚程序规定",
        en="SAMR Provisions on Administrative Penalty Procedure",
    ),
}


@dataclass(frozen=True, slots=True, eq=False)
class Provision:
    """One provision (article, paragraph or item) in one dated version.

    Compared and hashed by identity: each provision is one object, built once at import.
    """

    id: str
    instrument: str
    article: str
    paragraph: str | None
    valid_from: date
    valid_to: date | None
    summary: Text
    verification: Verification
    # Ids of the provisions this one is an exception to: when both apply, this one wins.
    exception_to: tuple[str, ...] = ()
    item: str | None = None
    _citation: Citation = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Keys in this order, the order of the output (Citation's own keys, optional ones too).
        c = {"instrument": self.instrument, "article": self.article}
        if self.paragraph is not None:
            c["paragraph"] = self.paragraph
        if self.item is not None:
            c["item"] = self.item
        c["provision"] = self.id
        c["verification"] = self.verification
        object.__setattr__(self, "_citation", cast(Citation, c))

    def citation(self) -> Citation:
        """The citation as it appears in the assessment (a fresh dict; callers may keep it)."""
        return cast(Citation, dict(self._citation))

    def in_force(self, d: date) -> bool:
        """Whether this version of the provision governs a purchase or act on day d."""
        return self.valid_from <= d and (self.valid_to is None or d <= self.valid_to)


_REGISTRY: dict[str, Provision] = {}
_EXCEPTIONS: dict[str, list[Provision]] = {}


def register(p: Provision) -> Provision:
    """Add a provision to the registry (once, at import); returns it for module constants."""
    known = _REGISTRY.get(p.id)
    if known is not None and known is not p and _content(known) != _content(p):
        raise ValueError(f"provision {p.id} registered twice with different content")
    if p.valid_to is not None and p.valid_to < p.valid_from:
        raise ValueError(f"provision {p.id} ends before it starts")
    if p.id not in _REGISTRY:
        _REGISTRY[p.id] = p
        for base in p.exception_to:
            _EXCEPTIONS.setdefault(base, []).append(p)
    return p


def _content(p: Provision) -> tuple[object, ...]:
    return (p.instrument, p.article, p.paragraph, p.item, p.valid_from, p.valid_to, p.summary)


def instrument_name(abbreviation: str) -> Text:
    """The full name of an instrument (the abbreviation itself when not listed)."""
    return INSTRUMENTS.get(abbreviation) or Text(zh=abbreviation, en=abbreviation)


def get(provision_id: str) -> Provision:
    """The registered provision with this id (KeyError if none)."""
    return _REGISTRY[provision_id]


def all_provisions() -> Iterator[Provision]:
    """Every registered provision, in registration order."""
    return iter(tuple(_REGISTRY.values()))


def registered_count() -> int:
    """How many provisions are registered (cheap; lets caches notice late registrations)."""
    return len(_REGISTRY)


def exceptions_to(provision_id: str) -> tuple[Provision, ...]:
    """The provisions declared as exceptions to this one."""
    return tuple(_EXCEPTIONS.get(provision_id, ()))


def cite(*provisions: Provision) -> list[Citation]:
    """Citations for provisions, in order (shared dicts: read them, do not change them)."""
    return [p._citation for p in provisions]


F = TypeVar("F", bound=Callable[..., Any])
_CODE: dict[str, list[str]] = {}


def implements(*provisions: Provision) -> Callable[[F], F]:
    """Register a rule function to the provisions it applies (and cites), so that an article
    is one step from its code: `code_of` and docs/law-index.md list the function under each.

    A test checks that the list names exactly the provisions the function's body refers to."""

    def attach(fn: F) -> F:
        where = f"{fn.__module__}:{fn.__qualname__}"
        for p in provisions:
            found = _CODE.setdefault(p.id, [])
            if where not in found:
                found.append(where)
        return fn

    return attach


def code_of(provision_id: str) -> tuple[str, ...]:
    """The functions registered to a provision ("module:function"), in registration order."""
    return tuple(_CODE.get(provision_id, ()))
