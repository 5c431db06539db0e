"""SPC Provisions on Online Consumption Disputes (I) (网络消费纠纷规定（一）, 法释〔2022〕8号).

In force from 2022-03-15 (Art. 20); as a judicial interpretation it governs cases tried from
then, so the assessment date decides. Text: ../shared/law/最高人民法院关于审理网络消费纠纷案件
适用法律若干问题的规定（一）(2022-03-01).md.
"""

from __future__ import annotations

from datetime import date

from ._declare import Instrument

OC = Instrument("OC", date(2022, 3, 15))

A3 = OC(
    "OC-3",
    "3",
    None,
    "消费者为检查商品必要拆封查验且不影响商品完好的，经营者不能以已拆封为由拒绝无理由退货。",
    "Unsealing goods as needed to inspect them, without harming their condition, does not defeat "
    "the no-reason return.",
    exception_to=("CRPL-25-3",),
)

A4 = OC(
    "OC-4",
    "4",
    None,
    "平台标记自营、实际自营或标识足以误导消费者相信自营的，承担销售者责任。",
    "A platform selling as self-operated, actually or in an appearance that misleads consumers, "
    "bears seller liability.",
)

A5 = OC(
    "OC-5",
    "5",
    None,
    "平台内经营者的工作人员引导消费者在平台外支付的，经营者不能以未经平台支付为由免责。",
    "A seller whose staff steered the consumer to pay outside the platform cannot escape "
    "liability because the payment bypassed the platform.",
)

A7 = OC(
    "OC-7",
    "7",
    None,
    "二手平台上的销售者，综合性质、来源、数量、价格、频率、其他渠道和收入认定从事商业经营的，按经营者承担责任。",
    "A second-hand platform seller found, by what, how many, how often and at what price it "
    "sells and what it earns, to trade commercially is liable as an operator.",
)

A10 = OC(
    "OC-10",
    "10",
    None,
    "平台内经营者承诺的赔偿标准高于法定标准的，按承诺赔偿。",
    "A seller's promised compensation above the statutory level is enforced.",
)

A11 = OC(
    "OC-11",
    "11",
    None,
    "平台内经营者开设直播间销售商品，其工作人员在直播中因虚假宣传等给消费者造成损害的，由该经营者承担赔偿责任。",
    "A seller running its own live room answers for the harm its staff cause there by false "
    "publicity and the like.",
)

A12_1 = OC(
    "OC-12-1",
    "12",
    "1",
    "直播间运营者不能证明已以足以辨别的方式标明其并非销售者并标明实际销售者的，承担销售者责任。",
    "A live-room operator that cannot prove it clearly showed it was not the seller and who the "
    "seller was is liable as the seller.",
)

A12_2 = OC(
    "OC-12-2",
    "12",
    "2",
    "直播间运营者已尽标明义务的，法院综合交易外观、合作模式、交易过程和消费者认知等判断。",
    "Where the live-room operator did show the real seller, the court weighs the appearance of "
    "the deal, the cooperation model, the transaction flow and consumer perception.",
    exception_to=("OC-12-1",),
)

A13 = OC(
    "OC-13",
    "13",
    None,
    "直播营销平台以直播方式开展自营业务的，承担销售者责任。",
    "A live-stream platform selling as its own business is liable as the seller.",
)

A14 = OC(
    "OC-14",
    "14",
    None,
    "直播营销平台不能提供直播间运营者真实姓名、地址和有效联系方式的，消费者可依消费者权益保护法第44条向平台索赔，平台可追偿。",
    "A live-stream platform that cannot give the room operator's real name, address and contact "
    "pays under CRPL Art. 44 and may recover.",
)

A15 = OC(
    "OC-15",
    "15",
    None,
    "直播营销平台未审核食品直播间的食品经营资质，使消费者受损的，与直播间运营者承担连带责任。",
    "A live-stream platform that did not check a food room's food-business licence is jointly "
    "liable with the room operator.",
)

A16 = OC(
    "OC-16",
    "16",
    None,
    "直播营销平台知道或应当知道直播间商品不安全或有其他侵权行为而未采取必要措施的，与直播间运营者承担连带责任。",
    "A live-stream platform that knew or should have known of unsafe goods or other harm in a "
    "room and took no measures is jointly liable with the room operator.",
)

A17 = OC(
    "OC-17",
    "17",
    None,
    "直播间运营者知道或应当知道商品不安全或经营者有其他侵权行为仍为其推广的，与该经营者承担连带责任。",
    "A live-room operator that knew or should have known the goods were unsafe or the seller was "
    "harming consumers and still promoted them is jointly liable with the seller.",
)
