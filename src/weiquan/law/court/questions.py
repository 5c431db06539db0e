"""The questions the court needs answered (built once)."""

from __future__ import annotations

from ..provision import MissingFact, Text

__all__ = ["CONSUMER_DOMICILE", "DELIVERY_PLACE", "SELLER_DOMICILE"]


def _q(fact: str, zh: str, en: str, why_zh: str, why_en: str) -> MissingFact:
    return MissingFact(fact=fact, question=Text(zh=zh, en=en), why=Text(zh=why_zh, en=why_en))


SELLER_DOMICILE = _q(
    "seller.domicile",
    "卖家在哪里？（营业执照上的住所，或个人卖家的住址：省、市、区县）",
    "Where is the seller? (The address on its business licence, or a private seller's home: "
    "province, city, district.)",
    "合同纠纷可以向被告住所地法院起诉。",
    "A contract suit may be brought where the defendant is domiciled.",
)
CONSUMER_DOMICILE = _q(
    "consumer.domicile",
    "您住在哪里？（省、市、区县）",
    "Where do you live? (Province, city, district.)",
    "网上买的东西通过网络交付，或者商品造成了损害的，您住所地的法院也可以管辖。",
    "For goods bought online and delivered through the network, or goods that caused harm, the "
    "court where you live may also hear the case.",
)
DELIVERY_PLACE = _q(
    "purchase.delivery_place",
    "商品是在哪里收货的？（省、市、区县）",
    "Where were the goods delivered to you? (Province, city, district.)",
    "网上买、快递送达的商品，收货地法院可以管辖，通常离您最近。",
    "For goods bought online and delivered by courier, the court of the place of receipt may "
    "hear the case, usually the nearest to you.",
)
