"""Food Safety Law of 2009 (in force 2009-06-01), for food bought before 2015-10-01.

Its text is not in ../shared/law/; cited from background knowledge, tagged unverified. It had
neither the 1,000-yuan floor, nor the 3-times-loss basis, nor the label-flaw proviso.
"""

from __future__ import annotations

from datetime import date

from ._declare import Instrument

FSL_2009 = Instrument("FSL-2009", date(2009, 6, 1), date(2015, 9, 30), "unverified")

A96_2 = FSL_2009(
    "FSL-2009-96-2",
    "96",
    "2",
    "旧法：生产不符合食品安全标准的食品或销售明知不符合的食品，消费者可要求价款十倍的赔偿金（无最低额）。",
    "Old law: producing food below safety standards, or selling it knowingly, gives the consumer "
    "10 times the price (no floor).",
)
