"""The drug and medical-device offences (CL Arts. 141, 142, 142-1, 145) and the drug-crimes
interpretations' articles, as applied by exposure/drugs.py, with the texts it shows."""

from __future__ import annotations

from datetime import date

from .. import parameters
from ..facts import KnowledgeSignal
from ..provision import Flag, cite
from ..provisions.crimes import DSC_2014 as _DSC14
from ..provisions.crimes import DSC_2022 as _DSC22
from ..provisions.procedural import CL as _CL
from .common import _AMENDMENT_XI, Y, _q, _t
from .models import Band
from .shoddy_goods import _TIERS

_AMENDMENT_VIII = date(2011, 5, 1)
_AMENDMENT_IV = date(2002, 12, 28)

CL_141_2011 = _CL(
    "CL-141-2011",
    "141",
    None,
    "（修正案十一前）生产、销售假药的处三年以下并处罚金；严重危害健康或其他严重情节的处三至十年；致人死亡或其他特别严重情节的处十年以上、无期或死刑；假药包括按假药处理的药品、非药品。",
    "(Before Amendment XI) Making or selling fake drugs: up to 3 years and a fine; serious harm "
    "or other serious circumstances, 3 to 10 years; death or especially serious circumstances, "
    "10 years to death; fake drugs included those 'treated as fake'.",
    valid_from=_AMENDMENT_VIII,
    valid_to=date(2021, 2, 28),
    verification="secondary",  # Amendment VIII's text, as secondary sources quote it
)
CL_141 = _CL(
    "CL-141",
    "141",
    None,
    "生产、销售假药的，处三年以下有期徒刑或拘役并处罚金；对人体健康造成严重危害或有其他严重情节的处三至十年；致人死亡或有其他特别严重情节的处十年以上、无期或死刑。",
    "Making or selling fake drugs: up to 3 years or detention and a fine; serious harm to health "
    "or other serious circumstances, 3 to 10 years; death or especially serious circumstances, "
    "10 years, life or death.",
    valid_from=_AMENDMENT_XI,
)
CL_142_1997 = _CL(
    "CL-142-1997",
    "142",
    None,
    "（修正案十一前）生产、销售劣药，对人体健康造成严重危害的处三至十年，后果特别严重的处十年以上或无期，并处销售金额百分之五十以上二倍以下罚金。",
    "(Before Amendment XI) Making or selling substandard drugs that seriously harm health: 3 to "
    "10 years; especially serious consequences, 10 years or life; a fine of 50% to 2 times the "
    "sales.",
    valid_to=date(2021, 2, 28),
    verification="secondary",  # the text before Amendment XI, as secondary sources quote it
)
CL_142 = _CL(
    "CL-142",
    "142",
    None,
    "生产、销售劣药，对人体健康造成严重危害的，处三至十年并处罚金；后果特别严重的，处十年以上或无期，并处罚金或没收财产。",
    "Making or selling substandard drugs that seriously harm health: 3 to 10 years and a fine; "
    "especially serious consequences, 10 years or life and a fine or confiscation.",
    valid_from=_AMENDMENT_XI,
)
CL_142_1 = _CL(
    "CL-142-1",
    "142-1",
    None,
    "违反药品管理法规，生产销售禁用药品、未取得批准证明文件生产进口药品或明知而销售等，足以严重危害人体健康的处三年以下；造成严重危害或有其他严重情节的处三至七年；同时构成第141、142条之罪的依处罚较重的规定。",
    "Breaking drug rules (banned drugs; making or importing drugs without approval, or knowingly "
    "selling them; false registration data; made-up records) so as to seriously endanger health: "
    "up to 3 years; serious harm or other serious circumstances, 3 to 7 years; where Art. 141 "
    "or 142 is also met, the heavier.",
    valid_from=_AMENDMENT_XI,
)
CL_145 = _CL(
    "CL-145",
    "145",
    None,
    "生产或明知而销售不符合保障人体健康的国家标准、行业标准的医疗器械、医用卫生材料，足以严重危害人体健康的处三年以下；造成严重危害的处三至十年；后果特别严重的处十年以上或无期；并处销售金额百分之五十以上二倍以下罚金。",
    "Making, or knowingly selling, medical devices or materials below the health standards so "
    "as to seriously endanger health: up to 3 years; serious harm, 3 to 10 years; especially "
    "serious consequences, 10 years or life; a fine of 50% to 2 times the sales.",
    valid_from=_AMENDMENT_IV,
)
DSC14_3 = _DSC14(
    "DSC-2014-3",
    "3",
    None,
    "生产、销售假药金额二十万元以上不满五十万元（或十万元以上并有从重情形）等，为“其他严重情节”。",
    "Fake drugs: sales of 200,000 to 500,000 yuan (or 100,000 with an aggravating factor) are "
    "other serious circumstances.",
)
DSC14_4 = _DSC14(
    "DSC-2014-4",
    "4",
    None,
    "生产、销售假药致人重度残疾、多人伤残，或金额五十万元以上（或二十万元以上并有从重情形）等，为“其他特别严重情节”。",
    "Fake drugs: severe disability, several people injured, or sales of 500,000 yuan (or "
    "200,000 with an aggravating factor) are especially serious circumstances.",
)
DSC14_5 = _DSC14(
    "DSC-2014-5",
    "5",
    None,
    "生产、销售劣药造成轻伤以上、残疾或器官功能障碍的，为“对人体健康造成严重危害”；致人死亡或重度残疾、多人伤残等，为“后果特别严重”。",
    "Substandard drugs: a light injury or worse, a disability or an organ impairment is serious "
    "harm; death, severe disability or several people injured are especially serious "
    "consequences.",
)
DSC14_12 = _DSC14(
    "DSC-2014-12",
    "12",
    None,
    "犯生产、销售假药罪的，一般应当判处生产、销售金额二倍以上的罚金。",
    "For fake drugs the fine should generally be at least twice the sales.",
)
DSC22_3 = _DSC22(
    "DSC-2022-3",
    "3",
    None,
    "（未核实）生产、销售、提供假药金额二十万元以上不满五十万元等，为“其他严重情节”。",
    "(Unverified) Fake drugs: sales of 200,000 to 500,000 yuan and the like are other serious "
    "circumstances.",
)
DSC22_4 = _DSC22(
    "DSC-2022-4",
    "4",
    None,
    "（未核实）生产、销售、提供假药金额五十万元以上等，为“其他特别严重情节”。",
    "(Unverified) Fake drugs: sales of 500,000 yuan and the like are especially serious "
    "circumstances.",
)

_FAKE_SALES = {
    serious: (
        parameters.get("cl141.serious_sales").fen_under(serious),
        parameters.get("cl141.especially_serious_sales").fen_under(especially),
    )
    for serious, especially in ((DSC14_3, DSC14_4), (DSC22_3, DSC22_4))
}
_FIRST_TIER = _TIERS[0][0] * Y  # CL 140's first tier, which Art. 149 weighs against

_DSC_2022_FLAG = Flag(
    code="drug_crime_thresholds_2022_unverified",
    explanation=_t(
        "行为发生在2022年3月6日以后，适用2022年危害药品安全刑事解释；其文本未经核实，此处按与2014年解释相同的数额标准（二十万元、五十万元）处理。",
        "The conduct is on or after 2022-03-06, under the 2022 drug-crimes interpretation, "
        "whose text is not checked here; its figures are taken to be the 2014 ones (200,000 and "
        "500,000 yuan).",
    ),
    citations=cite(DSC22_3, DSC22_4),
)
ASK_INJURY = _q(
    "harm.injury",
    "用药后是否受到身体损害？程度如何（轻微、轻伤以上、严重损害、死亡）？",
    "Did the drug or device harm anyone, and how badly (slight, a light injury or worse, "
    "serious harm, death)?",
    "劣药、不合格医疗器械是否构成犯罪及其档次，取决于对人体健康造成的危害。",
    "Whether substandard drugs or devices are a crime, and in which band, turns on the harm "
    "to health.",
)
_PERSONAL = _t(
    "已造成身体损害：达到轻伤以上（经鉴定）即属“对人体健康造成严重危害”，档次更高。",
    "Someone was hurt: a light injury or worse (by forensic assessment) is serious harm to "
    "health, in a higher band.",
)
_HEAVIER = _t(
    "销售金额五万元以上，同时构成生产、销售伪劣产品罪的，依处罚较重的规定定罪处罚（第149条第2款）。",
    "Sales reach 50,000 yuan, so the fake-or-shoddy-products offence is also met: the heavier "
    "applies (Art. 149(2)).",
)
_FALLS_TO_140 = _t(
    "不构成本罪但销售金额五万元以上的，按生产、销售伪劣产品罪处罚（第149条第1款）。",
    "If this offence is not made out but sales reach 50,000 yuan, the fake-or-shoddy-products "
    "offence applies (Art. 149(1)).",
)
_AGGRAVATING = _t(
    "以孕产妇、儿童、危重病人为主要对象，注射剂、急救药、疫苗等，或两年内受过处罚的，从重处罚，金额标准减半（十万元、二十万元），本系统未建模。",
    "Drugs aimed at pregnant women, children or the critically ill, injections, emergency drugs, "
    "vaccines, or a seller penalised within two years weigh heavier and halve the figures "
    "(100,000 and 200,000 yuan); not modelled.",
)
_NO_FIGURES = _t(
    "行为早于2014年12月1日，当时的金额标准（2009年解释）未建模；档次只按已知的危害判断。",
    "The conduct predates 2014-12-01; the figures then in force (the 2009 interpretation) are "
    "not modelled, so the band follows the known harm only.",
)
_ENDANGER = _t(
    "须经检验认定不符合保障人体健康的标准且“足以严重危害人体健康”才构成本罪，事实中无法判断，档次未定。",
    "The offence needs a finding that the goods fail the health standards and are enough to "
    "seriously endanger health; the facts cannot show that, so no band is asserted.",
)

_S141 = (
    "up to 3 years or criminal detention, and a fine",
    "3 to 10 years and a fine",
    "10 years or more, life imprisonment or death, and a fine or confiscation of property",
)
_Z141 = (
    "三年以下有期徒刑或拘役，并处罚金",
    "三年以上十年以下有期徒刑，并处罚金",
    "十年以上有期徒刑、无期徒刑或死刑，并处罚金或没收财产",
)
_S142 = ("3 to 10 years and a fine", "10 years or more or life imprisonment, and a fine")
_Z142 = ("三年以上十年以下有期徒刑，并处罚金", "十年以上有期徒刑或无期徒刑，并处罚金")
_S1421 = ("up to 3 years or criminal detention, and/or a fine", "3 to 7 years and a fine")
_Z1421 = ("三年以下有期徒刑或拘役，并处或单处罚金", "三年以上七年以下有期徒刑，并处罚金")
_S145 = (
    "up to 3 years or criminal detention, and a fine",
    "3 to 10 years and a fine",
    "10 years or more or life imprisonment, and a fine or confiscation of property",
)
_Z145 = (
    "三年以下有期徒刑或拘役，并处罚金",
    "三年以上十年以下有期徒刑，并处罚金",
    "十年以上有期徒刑或无期徒刑，并处罚金或没收财产",
)
_TIER_BANDS: tuple[Band, ...] = ("tier_1", "tier_2", "tier_3")
_NO_CRIME_142 = _t(
    "没有造成严重危害健康的后果，不构成生产、销售劣药罪；仍可能受行政处罚。",
    "No serious harm to health, so no substandard-drug offence; administrative penalties remain.",
)
_AWARE = frozenset(
    {
        KnowledgeSignal.SOLD_AFTER_EXPIRY,
        KnowledgeSignal.ALTERED_MARKS_OR_DATES,
        KnowledgeSignal.FORGED_AUTHORISATION,
        KnowledgeSignal.PREVIOUSLY_PENALISED,
        KnowledgeSignal.PRICE_FAR_BELOW_MARKET,
        KnowledgeSignal.NO_LAWFUL_SOURCE,
    }
)


# Statutory ranges per tier, in months (life imprisonment 300, death 400), to tell which
# offence is heavier where Art. 149(2) (or Art. 142-1(2)) makes the court choose: the higher
# maximum decides, then the higher minimum.
RANGES: dict[str, tuple[tuple[int, int], ...]] = {
    "CL-140": ((24, 0), (84, 24), (180, 84), (300, 180)),
    "CL-141": ((36, 0), (120, 36), (400, 120)),
    "CL-142": ((120, 36), (300, 120)),
    "CL-145": ((36, 0), (120, 36), (300, 120)),
}
