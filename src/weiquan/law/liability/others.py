"""The holder of a licence the seller used (CRPL Art. 42), the successor of a business that split
or merged (CRPL Art. 41), and the organiser of a fair or the lessor of a counter (CRPL Art. 43)."""

from __future__ import annotations

from .. import questions
from ..assessment import LiableParty
from ..case import Case
from ..facts import Channel
from ..provision import Text, cite, implements
from ..provision import text as _t
from ..provisions import crpl

# --- licence holder, successor, fair organiser, counter lessor (CRPL 41-43) ---------------------


@implements(crpl.A42, crpl.A41, crpl.A43)
def _others(case: Case) -> list[LiableParty]:
    s = case.facts.seller
    out: list[LiableParty] = []
    if s.uses_another_licence and case.in_force(crpl.A42):
        out.append(
            LiableParty(
                role="licence_holder",
                liability="joint_and_several",
                citations=cite(crpl.A42),
                explanation=_t(
                    zh="卖家使用他人营业执照经营，您可以向卖家或执照持有人任一方要求赔偿。",
                    en="The seller traded under someone else's business licence: you may claim "
                    "from either the seller or the licence holder.",
                ),
            )
        )
    if s.business_split_or_merged and case.in_force(crpl.A41):
        out.append(
            LiableParty(
                role="successor",
                liability="as_seller",
                citations=cite(crpl.A41),
                explanation=_t(
                    zh="原企业分立、合并的，由承受其权利义务的企业承担责任。",
                    en="The seller's business split or merged: the business that took over its "
                    "rights and duties answers.",
                ),
            )
        )
    if case.channel in (Channel.TRADE_FAIR, Channel.LEASED_COUNTER) and case.in_force(crpl.A43):
        fair = case.channel is Channel.TRADE_FAIR
        ended = case.facts.purchase.fair_or_lease_ended
        if ended is None:
            case.ask(questions.FAIR_ENDED)
        out.append(
            LiableParty(
                role="fair_organizer" if fair else "counter_lessor",
                liability="pays_first_with_recourse",
                condition=None
                if ended
                else Text(
                    zh="展销会结束后" if fair else "柜台租赁期满后",
                    en="once the fair has ended" if fair else "once the counter lease has expired",
                ),
                citations=cite(crpl.A43),
                explanation=Text(
                    zh=("展销会结束" if fair else "柜台租赁期满")
                    + "后，您也可以向"
                    + ("举办者" if fair else "柜台出租者")
                    + "要求赔偿，其赔偿后向卖家追偿。",
                    en="After the "
                    + ("fair ends" if fair else "counter lease expires")
                    + ", you may also claim from the "
                    + ("organiser" if fair else "lessor")
                    + ", who then recovers from the seller.",
                ),
            )
        )
    return out
