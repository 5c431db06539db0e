"""Translatable labels for the contract's codes (channels, categories, problems, payment)."""

from __future__ import annotations

from weiquan.common.i18n import N_, gettext

CHANNELS = {
    "platform_store": N_("Store on a marketplace"),
    "platform_self_operated": N_("Marketplace's own (self-operated) store"),
    "live_stream": N_("Live-stream room"),
    "wechat_private": N_("WeChat private chat or micro-shop"),
    "wechat_moments": N_("WeChat Moments"),
    "wechat_group_buy": N_("WeChat group buy"),
    "second_hand_platform": N_("Second-hand platform"),
    "own_website": N_("Seller's own website or app"),
    "tv_phone_mail": N_("TV, phone or mail order"),
    "offline_store": N_("Physical shop"),
    "trade_fair": N_("Trade fair"),
    "leased_counter": N_("Leased counter"),
}

CATEGORIES = {
    "food": N_("Food"),
    "health_food": N_("Health food"),
    "drug": N_("Medicine"),
    "medical_device": N_("Medical device"),
    "cosmetics": N_("Cosmetics"),
    "luxury_fashion": N_("Luxury fashion"),
    "clothing": N_("Clothing"),
    "electronics": N_("Electronics"),
    "durable_appliance": N_("Household appliance"),
    "vehicle": N_("Vehicle"),
    "jewelry_collectible": N_("Jewellery or collectible"),
    "books_media": N_("Books and media"),
    "digital_content": N_("Digital content"),
    "custom_made": N_("Custom-made goods"),
    "fresh_perishable": N_("Fresh or perishable goods"),
    "newspaper_periodical": N_("Newspaper or periodical"),
    "service": N_("Service"),
    "other": N_("Other"),
}

PAYMENT_METHODS = {
    "platform": N_("Paid through the platform"),
    "private_transfer": N_("Private transfer (WeChat, Alipay or bank)"),
    "cash": N_("Cash"),
    "other": N_("Other"),
}

PROBLEMS = {
    "counterfeit": N_("Counterfeit or fake brand"),
    "passed_off_as_genuine": N_("Fake or second sold as genuine"),
    "false_advertising": N_("False advertising"),
    "expired": N_("Expired goods"),
    "non_compliant_food": N_("Food that fails safety standards"),
    "label_flaw_minor": N_("Minor label flaw"),
    "quality_defect": N_("Quality defect"),
    "not_as_described": N_("Not as described"),
    "short_quantity": N_("Short quantity"),
    "not_delivered": N_("Not delivered"),
    "return_refused": N_("Return refused"),
    "refund_delayed": N_("Refund delayed"),
    "insult_or_threat": N_("Insulted or threatened"),
    "privacy_violation": N_("Personal information misused"),
    "unfair_terms": N_("Unfair terms"),
    "concealed_material_fact": N_("Material fact concealed"),
    "missing_mandatory_label": N_("Mandatory food label missing"),
}


def label(table: dict[str, str], code: str | None) -> str:
    """The label of code in the current language; unknown codes show as themselves."""
    if code is None:
        return ""
    text = table.get(code)
    return gettext(text) if text else code


def choices(table: dict[str, str]) -> list[tuple[str, str]]:
    return [(code, gettext(text)) for code, text in table.items()]
