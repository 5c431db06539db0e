"""Food Safety Law (食品安全法), 2015 revision in force from 2015-10-01 (Art. 154).

Text: ../shared/law/食品安全法(2021-04-29).md (the 2018 and 2021 amendments left Arts. 131 and 148
unchanged). Purchases before 2015-10-01 fall under the 2009 law (fsl2009.py).
"""

from __future__ import annotations

from datetime import date

from .. import parameters
from ..parameters import zh_int, zh_times
from ._declare import Instrument

FSL = Instrument("FSL", date(2015, 10, 1))

A131_1 = FSL(
    "FSL-131-1",
    "131",
    "1",
    "网络食品交易平台未对入网食品经营者实名登记、审查许可证或未履行报告、停止服务义务，使消费者受损的，与食品经营者承担连带责任。",
    "An online food platform that failed to register sellers by real name, check their licences, "
    "report or stop serving violators is jointly liable with the seller for the harm.",
)

A131_2 = FSL(
    "FSL-131-2",
    "131",
    "2",
    "网络食品交易平台不能提供入网食品经营者真实名称、地址和有效联系方式的，由平台赔偿，赔偿后可追偿；平台更有利的承诺应当履行。",
    "An online food platform that cannot give the seller's real name, address and valid contact "
    "pays the consumer and may recover afterwards; its more favourable promises bind it.",
)

A148_1 = FSL(
    "FSL-148-1",
    "148",
    "1",
    "因不符合食品安全标准的食品受损害的，可向经营者或生产者索赔；首先接到要求的一方应先行赔付，不得推诿。",
    "A consumer harmed by food below safety standards may claim from the seller or the producer; "
    "whichever is asked first must pay first and may not pass the claim on.",
)

# The numbers of Art. 148(2) are dated parameters (parameters/punitive.yaml).
_PRICE = parameters.get("food.price_multiplier").at(FSL.valid_from)
_LOSS = parameters.get("food.loss_multiplier").at(FSL.valid_from)
_FLOOR = parameters.get("food.floor").fen_at(FSL.valid_from) // 100

A148_2 = FSL(
    "FSL-148-2",
    "148",
    "2",
    "生产不符合食品安全标准的食品或经营明知不符合的食品，消费者除赔偿损失外可要求价款"
    f"{zh_times(_PRICE)}或损失{zh_times(_LOSS)}的赔偿金，不足{zh_int(_FLOOR)}元的为{zh_int(_FLOOR)}元。",
    "Producing food below safety standards, or selling it knowingly, gives the consumer, besides "
    f"the losses, {_PRICE} times the price or {_LOSS} times the loss, at least {_FLOOR:,} yuan.",
)

A148_2_PROVISO = FSL(
    "FSL-148-2-proviso",
    "148",
    "2",
    "但书：标签、说明书存在不影响食品安全且不会误导消费者的瑕疵的，不适用十倍赔偿。",
    "Proviso: no punitive damages for label or instruction flaws that neither affect food safety "
    "nor mislead consumers.",
    exception_to=("FSL-148-2",),
)

A97 = FSL(
    "FSL-97",
    "97",
    None,
    "进口的预包装食品应当有符合我国规定的中文标签（依法应有说明书的还应有中文说明书），载明原产地和境内代理商；没有的不得进口。",
    "Imported pre-packaged food must carry a Chinese label (and Chinese instructions where they "
    "are required) that meets Chinese rules and names the origin and the agent in China; food "
    "without one may not be imported.",
)
