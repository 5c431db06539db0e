"""Measures for Punishing Infringements of Consumer Rights (侵害消费者权益行为处罚办法).

SAIC Order No. 73, in force from 2015-03-15. Text: ../shared/law/侵害消费者权益行为处罚办法
(2015-01-05).md. Courts use its Art. 16 to decide what counts as fraud under CRPL Art. 55.
Before it, the 1996 Measures on fraud against consumers did the same (fpm1996.py).
"""

from __future__ import annotations

from datetime import date

from ._declare import Instrument

PUN = Instrument("PUN", date(2015, 3, 15))

A8 = PUN(
    "PUN-8",
    "8",
    None,
    "对修理、更换、退货、退款等合法要求，无正当理由超过十五日不履行的，视为故意拖延或无理拒绝。",
    "Failing without good reason to repair, replace, take back or refund for more than 15 days "
    "after the due date or the request is deemed deliberate delay or unreasonable refusal.",
)

A9 = PUN(
    "PUN-9",
    "9",
    None,
    "远程销售无理由退货：超过十五日不办理退货或不给退货地址、未经消费者确认自定不退、以拆封查验为由拒退、收货后超过十五日不退款的，视为故意拖延或无理拒绝。",
    "For no-reason returns, it is deemed deliberate delay or refusal to leave a request unhandled "
    "for over 15 days or give no return address, to refuse under the seller's own rule without "
    "the consumer's confirmation, to refuse because the goods were unsealed or inspected, or to "
    "refund more than 15 days after getting the goods back.",
)

A10 = PUN(
    "PUN-10",
    "10",
    None,
    "以预收款方式提供商品或服务的，未按约定提供时应按消费者要求履行或退回预付款，并承担利息和必须支付的合理费用；退款无约定的，按有利于消费者的方式折算；明确拒绝合理退款或超过十五日未退款的，视为故意拖延或无理拒绝。",
    "Where goods or services were paid for in advance and not supplied as agreed, the operator "
    "performs or refunds the prepayment, with interest and the consumer's necessary costs, as the "
    "consumer chooses; with no agreement on the refund, it is counted the way most favourable "
    "to the consumer; refusing a reasonable refund, or not refunding within 15 days, is "
    "deliberate delay or unreasonable refusal.",
)

A16_1 = PUN(
    "PUN-16-1",
    "16",
    "1",
    "销售不安全、失效变质、伪造产地厂名、伪造认证标志、侵犯注册商标、仿冒知名商品特有名称包装的，除非经营者证明无欺骗误导，属于欺诈（可推翻的推定）。",
    "Selling unsafe or expired goods, goods with false origin or marks, trademark-infringing or "
    "get-up-imitating goods is fraud unless the operator proves it did not mean to deceive (a "
    "rebuttable presumption).",
)

A16_1_PROVISO = PUN(
    "PUN-16-1-proviso",
    "16",
    "1",
    "但书：经营者能够证明自己并非欺骗、误导消费者而实施上述行为的，不属于欺诈。",
    "Proviso: an operator that proves it did not act to deceive or mislead consumers (for "
    "example, it did not know the goods were fakes) committed no fraud.",
    exception_to=("PUN-16-1",),
)

A16_2 = PUN(
    "PUN-16-2",
    "16",
    "2",
    "掺杂掺假、以假充真、以次充好，以及一切虚假或引人误解的宣传（含谎称正品、隐瞒重要信息），本身即属欺诈。",
    "Adulteration, passing off fakes as genuine or inferior goods as superior, and all false or "
    "misleading publicity (including selling seconds as genuine and hiding material facts) are "
    "fraud in themselves.",
)
