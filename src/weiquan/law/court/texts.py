"""The words of the court module's output, apart from its rules (built once)."""

from __future__ import annotations

from ..provision import text
from .models import Ground

WHO: dict[Ground, tuple[str, str]] = {
    "defendant_domicile": ("被告（卖家）住所地", "where the defendant (the seller) is domiciled"),
    "buyer_domicile": ("您（买受人）住所地", "where you, the buyer, are domiciled"),
    "place_of_receipt": ("收货地", "where you received the goods"),
    "place_of_transaction": (
        "交易地（门店、展会或柜台所在地）",
        "where the deal was made (the shop, fair or counter)",
    ),
    "place_of_performance": ("合同履行地", "the place of performance"),
    "place_of_harm": ("损害发生地", "where the injury or damage happened"),
    "place_of_manufacture": (
        "产品制造地或生产者住所地",
        "where the goods were made or the producer is domiciled",
    ),
}


NOTES: dict[str, tuple[str, str]] = {
    "defendant": (
        "合同纠纷可向被告住所地法院起诉（自营店铺的被告是平台经营者）。",
        "a contract suit may go to the defendant's home court (for a self-operated store, the "
        "platform operator).",
    ),
    "network": (
        "网上订立的买卖合同通过网络交付的，您的住所地是合同履行地。",
        "for a sale made online and delivered through the network, your domicile is the place "
        "of performance.",
    ),
    "presumed": (
        "网上订立、通过网络交付的（数字内容或服务按通过网络交付推定，如实际另有交付方式请更正），您的住所地是合同履行地。",
        "for a sale made online and delivered through the network (presumed for digital "
        "content and services; correct it if they were delivered otherwise), your domicile is "
        "the place of performance.",
    ),
    "service_network": (
        "网上购买并通过网络提供的服务（如未说明交付方式，按通过网络提供推定）：民诉法解释第20条针对的是买卖合同，法院通常参照认定您的住所地为合同履行地，请向法院核实。",
        "a service bought online and provided through the network (presumed when not stated): "
        "CPLI Art. 20 speaks of sales, and courts usually apply it to such services too, taking "
        "your domicile as the place of performance; check with the court.",
    ),
    "service_place": (
        "服务在哪里提供，哪里通常就是合同履行地（此处按您填写的收货地/服务地点列出，请向法院核实）。",
        "where a service was provided is usually the place of performance (listed as the place "
        "you gave for receipt or service; check with the court).",
    ),
    "receipt": (
        "网上订立的买卖合同以其他方式交付（快递等）的，收货地是合同履行地。",
        "for a sale made online and delivered otherwise (by courier), the place of receipt is "
        "the place of performance.",
    ),
    "spot": (
        "当场结清的交易，交易地是合同履行地。",
        "for a deal settled on the spot, the place of the deal is the place of performance.",
    ),
    "harm": (
        "产品质量不合格造成人身或财产损害的，可按侵权向损害发生地起诉（按您的住所地列出；损害发生在别处的，以该处为准）。",
        "for injury or damage caused by substandard goods you may sue in tort where the harm "
        "happened (listed as your home; if it happened elsewhere, that place).",
    ),
    "made": (
        "产品责任纠纷也可向产品制造地、销售地法院或生产者住所地法院起诉。",
        "a product-liability suit may also go where the goods were made or sold, or where the "
        "producer is domiciled.",
    ),
}

CHOICE = (
    "以上法院都有管辖权的，您可以选择其中一个起诉；向两个以上法院起诉的，由最先立案的法院管辖。",
    "Any of these courts may hear the suit and you choose one; if you sue in several, the first "
    "to register the case keeps it.",
)
AGREED = (
    "合同（如平台规则）约定了履行地点或管辖法院的，一般从其约定；但格式条款中的管辖约定未以合理方式提请您注意的，您可以主张无效。",
    " If the contract (the platform's terms, say) names a place of performance or a court, that "
    "usually prevails; but a court-choice clause in standard terms you were not properly "
    "alerted to is invalid if you say so.",
)
REMOTE = (
    "电视、电话或邮购不按网上订立的合同处理；如果是通过App或网站下单，请把购买渠道改为网站或平台，收货地也可能有管辖权。",
    " A TV, telephone or mail order is not treated as a contract made online; if you ordered "
    "on an app or a website, say so (channel: website or platform) and the place of receipt "
    "may also count.",
)
TORT = (
    "因产品造成人身或财产损害的，可以选择按合同或按产品责任（侵权）起诉，两者管辖法院不同。",
    " Where the goods caused injury or damage you may sue in contract or in tort (product "
    "liability); the competent courts differ.",
)


APPLIES = text(
    "通过电子商务平台购物的纠纷，有管辖权的地点在北京、广州或杭州的，由当地互联网法院审理（全程在线）。",
    "A dispute over a purchase through an e-commerce platform, with a competent place in "
    "Beijing, Guangzhou or Hangzhou, is heard by that city's internet court (entirely online).",
)
CHECK_PLACE = text(
    "通过电子商务平台购物：如果上述地点有在北京、广州或杭州的，由当地互联网法院审理；请补充地点以便确定。",
    "A purchase through an e-commerce platform: if one of these places is in Beijing, Guangzhou "
    "or Hangzhou, that city's internet court hears it; give the places to settle it.",
)
CHECK_CHANNEL = text(
    "微信群接龙、小程序或微店等是否属于电子商务平台要看具体情况：属于平台交易且地点在北京、广州或杭州的，由当地互联网法院审理，请向法院核实。",
    "Whether a WeChat group-buy, mini-program or micro-shop is an e-commerce platform depends on "
    "the case: if it is, and a place is in Beijing, Guangzhou or Hangzhou, the internet court "
    "there hears it; check with the court.",
)
NOT_PLATFORM = text(
    "互联网法院审理的是通过电子商务平台签订或履行的网购纠纷；本案不是平台交易（或地点不在北京、广州、杭州），由普通基层法院审理。",
    "Internet courts hear online-shopping disputes made or performed through an e-commerce "
    "platform; this purchase was not (or no place is in Beijing, Guangzhou or Hangzhou), so an "
    "ordinary basic court hears it.",
)
NOT_PLATFORM_SOCIAL = text(
    "微信私聊或朋友圈交易不是通过电子商务平台进行的，互联网法院不管辖，由普通基层法院审理；如果实际是在微信小商店等平台下单、付款的，请说明（平台参与交易），届时在北京、广州、杭州的可能由互联网法院审理。",
    "A sale by WeChat chat or Moments does not go through an e-commerce platform, so no internet "
    "court hears it: an ordinary basic court does. If you in fact ordered and paid in a WeChat "
    "mini-shop or another platform, say so (platform involved); in Beijing, Guangzhou or "
    "Hangzhou the internet court may then hear it.",
)
CHECK_SERVICE = text(
    "通过平台预订、线下提供的服务，既不是网络购物合同，也不是在网上签订并履行的网络服务合同，是否由互联网法院管辖要看具体情况，请向法院核实。",
    "A service booked on a platform but provided in person is neither an online-shopping "
    "contract nor a network service contract made and performed online; whether an internet "
    "court hears it depends on the case: check with the court.",
)
