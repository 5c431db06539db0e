"""The articles the court module applies, each declared once (the instruments are declared in
provisions/procedural.py; CPL Art. 24 and ICP Art. 2 were declared by the path already and are
imported from there). Texts checked against ../shared/law/: 民事诉讼法(2023-09-01),
最高人民法院关于适用《民事诉讼法》的解释(2022-04-01),
最高人民法院关于互联网法院审理案件若干问题的规定(2018-09-06), 诉讼费用交纳办法(2006-12-19).
"""

from __future__ import annotations

from ..provisions.procedural import CPL, CPL_24, CPLI, ICP_2, LFM

__all__ = [
    "CPLI_18_2",
    "CPLI_20",
    "CPLI_26",
    "CPLI_31",
    "CPLI_549",
    "CPL_24",
    "CPL_29",
    "CPL_36",
    "CPL_165",
    "CPL_166",
    "ICP_2",
    "LFM_13",
    "LFM_16",
    "LFM_29",
]

CPL_29 = CPL(
    "CPL-29",
    "29",
    None,
    "因侵权行为提起的诉讼，由侵权行为地或者被告住所地人民法院管辖。",
    "Tort suits go to the court of the place of the tort or of the defendant's domicile.",
)
CPL_36 = CPL(
    "CPL-36",
    "36",
    None,
    "两个以上法院都有管辖权的，原告可以向其中一个起诉；向两个以上起诉的，由最先立案的法院管辖。",
    "Where several courts are competent the plaintiff may sue in any one; if in several, the "
    "first to register the case hears it.",
)
CPL_165 = CPL(
    "CPL-165",
    "165",
    None,
    "基层法院审理事实清楚、争议不大的简单金钱给付案件，标的额在本省上年度就业人员年平均工资50%以下的，适用小额诉讼程序，一审终审；50%以上至二倍以下的，双方可以约定适用。",
    "A basic court hears a simple, clear money claim of at most 50% of the province's average "
    "annual wage of the previous year under the small-claims procedure, final at first "
    "instance; up to twice that wage, if both parties agree.",
)
CPL_166 = CPL(
    "CPL-166",
    "166",
    None,
    "人身关系和财产确权、涉外、需要评估或鉴定（或对诉前评估、鉴定有异议）、一方下落不明、有反诉等案件，不适用小额诉讼程序。",
    "The small-claims procedure does not apply to status and title cases, foreign-related "
    "cases, cases needing a valuation or an appraisal (or disputing one made before suit), "
    "cases with a party who cannot be found, counterclaims and other unsuitable cases.",
)
CPLI_18_2 = CPLI(
    "CPLI-18-2",
    "18",
    "2",
    "合同对履行地点没有约定的，交付其他标的以履行义务一方所在地为合同履行地；即时结清的合同，交易行为地为合同履行地。",
    "Without an agreed place, the place of performance for delivering goods is where the party "
    "who must perform is; for a contract settled on the spot, where the deal was made.",
)
CPLI_20 = CPLI(
    "CPLI-20",
    "20",
    None,
    "以信息网络方式订立的买卖合同，通过信息网络交付的，买受人住所地为合同履行地；通过其他方式交付的，收货地为合同履行地；合同另有约定的从其约定。",
    "For a sale concluded online, delivery through the network makes the buyer's domicile the "
    "place of performance, other delivery the place of receipt, unless the contract agrees a "
    "place.",
)
CPLI_26 = CPLI(
    "CPLI-26",
    "26",
    None,
    "因产品、服务质量不合格造成他人财产、人身损害提起的诉讼，产品制造地、销售地、服务提供地、侵权行为地和被告住所地法院都有管辖权。",
    "Suits for injury or property damage caused by substandard goods or services may be brought "
    "where the goods were made or sold, the service provided, the tort occurred, or the "
    "defendant is domiciled.",
)
CPLI_31 = CPLI(
    "CPLI-31",
    "31",
    None,
    "经营者用格式条款与消费者约定管辖法院，未以合理方式提请消费者注意的，消费者主张该约定无效的，法院应予支持。",
    "A court-choice clause in an operator's standard terms that was not reasonably brought to "
    "the consumer's attention is invalid if the consumer says so.",
)
CPLI_549 = CPLI(
    "CPLI-549",
    "549",
    None,
    "涉及香港、澳门和台湾地区的民事案件，可以参照适用涉外民事诉讼程序的特别规定。",
    "Civil cases involving Hong Kong, Macao or Taiwan may follow the special rules for "
    "foreign-related cases.",
)
LFM_13 = LFM(
    "LFM-13-1",
    "13",
    None,
    "财产案件的案件受理费按诉讼请求金额分段累计交纳：1万元以下每件50元，以上部分按2.5%至0.5%递减的比例计算。",
    "The filing fee of a property case is cumulative by bands of the amount claimed: 50 yuan up "
    "to 10,000 yuan, then falling rates from 2.5% to 0.5% on each band.",
    item="1",
)
LFM_16 = LFM(
    "LFM-16",
    "16",
    None,
    "适用简易程序审理的案件减半交纳案件受理费。",
    "Cases heard under the simplified procedure pay half the filing fee.",
)
LFM_29 = LFM(
    "LFM-29",
    "29",
    None,
    "诉讼费用由败诉方负担，胜诉方自愿承担的除外。",
    "The losing party bears the litigation costs, unless the winner chooses to.",
)
