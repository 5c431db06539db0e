"""Our words for goods, brands and where things are sold, mapped to the enumerations of
weiquan.facts/1 (categories, channels). The lists are the project's own, made from what
consumers write in complaints; a brand names the category only when the goods do not (香奈儿
口红 is cosmetics, a 香奈儿 bag luxury fashion)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# brand as the facts name it -> (the ways people write it, the brand's usual category)
BRANDS: dict[str, tuple[tuple[str, ...], str]] = {
    "LV": (("LV", "路易威登", "Louis Vuitton", "驴牌"), "luxury_fashion"),
    "Gucci": (("Gucci", "古驰", "古奇"), "luxury_fashion"),
    "Chanel": (("Chanel", "香奈儿", "小香"), "luxury_fashion"),
    "Dior": (("Dior", "迪奥"), "luxury_fashion"),
    "Hermès": (("Hermes", "Hermès", "爱马仕"), "luxury_fashion"),
    "Prada": (("Prada", "普拉达"), "luxury_fashion"),
    "Coach": (("Coach", "蔻驰"), "luxury_fashion"),
    "Michael Kors": (("Michael Kors", "MK"), "luxury_fashion"),
    "Burberry": (("Burberry", "巴宝莉", "博柏利"), "luxury_fashion"),
    "YSL": (("YSL", "圣罗兰"), "luxury_fashion"),
    "Balenciaga": (("Balenciaga", "巴黎世家"), "luxury_fashion"),
    "Celine": (("Celine", "思琳"), "luxury_fashion"),
    "Rolex": (("Rolex", "劳力士"), "luxury_fashion"),
    "Omega": (("Omega", "欧米茄"), "luxury_fashion"),
    "Cartier": (("Cartier", "卡地亚"), "jewelry_collectible"),
    "Tiffany": (("Tiffany", "蒂芙尼"), "jewelry_collectible"),
    "周大福": (("周大福",), "jewelry_collectible"),
    "老凤祥": (("老凤祥",), "jewelry_collectible"),
    "Nike": (("Nike", "耐克", "AJ", "Air Jordan", "乔丹"), "clothing"),
    "Adidas": (("Adidas", "阿迪达斯", "阿迪", "椰子", "Yeezy"), "clothing"),
    "The North Face": (("The North Face", "北面", "TNF"), "clothing"),
    "Canada Goose": (("Canada Goose", "加拿大鹅"), "clothing"),
    "Moncler": (("Moncler", "盟可睐"), "clothing"),
    "Apple": (("iPhone", "苹果手机", "AirPods", "iPad", "MacBook", "苹果"), "electronics"),
    "华为": (("华为", "Huawei", "HUAWEI"), "electronics"),
    "小米": (("小米手机", "小米"), "electronics"),
    "三星": (("三星", "Samsung"), "electronics"),
    "Sony": (("索尼", "Sony", "SONY", "PS5"), "electronics"),
    "Dyson": (("戴森", "Dyson"), "electronics"),
    "Lancôme": (("兰蔻", "Lancome", "Lancôme"), "cosmetics"),
    "Estée Lauder": (("雅诗兰黛", "Estee Lauder", "小棕瓶"), "cosmetics"),
    "SK-II": (("SK-II", "SK2", "SKII", "神仙水"), "cosmetics"),
    "La Mer": (("海蓝之谜", "La Mer", "LAMER"), "cosmetics"),
    "Shiseido": (("资生堂", "Shiseido"), "cosmetics"),
    "MAC": (("魅可",), "cosmetics"),
    "Armani": (("阿玛尼", "Armani"), "cosmetics"),
    "Clarins": (("娇韵诗", "Clarins"), "cosmetics"),
    "Whoo": (("后天气丹", "Whoo"), "cosmetics"),
    "茅台": (("飞天茅台", "茅台"), "food"),
    "五粮液": (("五粮液",), "food"),
    "飞鹤": (("飞鹤",), "food"),
    "爱他美": (("爱他美", "Aptamil"), "food"),
    "美赞臣": (("美赞臣",), "food"),
    "Swisse": (("Swisse", "斯维诗"), "health_food"),
    "汤臣倍健": (("汤臣倍健",), "health_food"),
    "东阿阿胶": (("东阿阿胶",), "health_food"),
}

# goods words -> category; the first that matches in the text wins within one list, and the
# longer, more telling words come first (口红 before 红).
GOODS: list[tuple[str, str]] = [
    (
        "口红|唇膏|粉底液?|精华液?|面霜|眼霜|护肤品|化妆品|香水|面膜|乳液|爽肤水"
        "|神仙水|小棕瓶|防晒霜?|彩妆|眼影|卸妆",
        "cosmetics",
    ),
    (
        "保健品|胶原蛋白|鱼油|蛋白粉|酵素|维生素|钙片|益生菌|褪黑素|阿胶|灵芝孢子粉|燕窝胶囊",
        "health_food",
    ),
    ("减肥药|药品|处方药|感冒药|药膏|胶囊药|中药|西药|药丸", "drug"),
    ("血压计|血糖仪|助听器|医用口罩|体温计|理疗仪|制氧机|隐形眼镜|美瞳", "medical_device"),
    ("大闸蟹|车厘子|樱桃|榴莲|海鲜|水果|活虾|鲜花|牛排|生鲜|鲜奶", "fresh_perishable"),
    (
        "奶粉|白酒|红酒|葡萄酒|茅台|燕窝|蜂蜜|茶叶|零食|月饼|食品|咖啡豆|饼干|辅食"
        "|坚果|大米|海参|(?<![啤])酒(?![店吧精神])|鸡蛋",
        "food",
    ),
    (
        "手机(?!号|壳|膜)|耳机|平板|笔记本电脑|电脑|相机|单反|智能手表|手环|充电宝|显卡|游戏机"
        "|吹风机|音箱|无人机|键盘|iPhone|iPad|AirPods|MacBook|[Ss]witch",
        "electronics",
    ),
    (
        "冰箱|洗衣机|空调|电视机?(?!购物)|热水器|油烟机|洗碗机|扫地机器人|净水器|烤箱|微波炉",
        "durable_appliance",
    ),
    (
        "黄金|金手镯|金项链|金条|翡翠|和田玉|玉镯|玉石|钻戒|钻石|戒指|项链|手镯|手链"
        "|耳环|蜜蜡|珍珠|琥珀|古董|字画|邮票|纪念币|文玩|紫砂",
        "jewelry_collectible",
    ),
    (
        "包包|手提包|斜挎包|双肩包|钱包|皮包|手袋|腰带|皮带|丝巾|围巾|墨镜|名表|手表"
        "|(?<![红面书背])包(?![邮装裹括真退换])",
        "luxury_fashion",
    ),
    (
        "羽绒服|大衣|外套|卫衣|衬衫|T恤|裤子|牛仔裤|裙子|连衣裙|毛衣|球鞋|运动鞋"
        "|板鞋|鞋子|靴子|鞋|衣服",
        "clothing",
    ),
    ("电动车|汽车|摩托车|二手车|车子", "vehicle"),
    ("教材|图书|书籍|绘本|一套书|课外书", "books_media"),
    ("会员卡|视频会员|游戏账号|游戏皮肤|点卡|网课", "digital_content"),
    ("定制|订做|定做", "custom_made"),
]
_GOODS = [(re.compile(pattern), category) for pattern, category in GOODS]

# channel words -> channel, most specific first.
CHANNELS: list[tuple[str, str]] = [
    (r"京东自营|天猫超市|自营", "platform_self_operated"),
    (r"直播间|直播|主播", "live_stream"),
    (r"团长|团购群|社区团购?|接龙|拼团群|团购", "wechat_group_buy"),
    (r"朋友圈", "wechat_moments"),
    (r"闲鱼|转转|二手平台|咸鱼", "second_hand_platform"),
    (r"淘宝|天猫|拼多多|京东|唯品会|得物|小红书商城|网店|店铺|(?<!微信)小店", "platform_store"),
    (r"电视购物|电话购物|邮购|推销电话|电话推销", "tv_phone_mail"),
    (r"展销会|展会|博览会|糖酒会|交易会|展位", "trade_fair"),
    (r"在官网|官网上?(?:买|下单|订)|官方网站(?:买|下单)", "own_website"),
    (
        r"微信上|微信里|微信号上|在微信|微信代购|微信私聊|加了?(?:他|她|对方|卖家)?的?(?:微信|vx|wx)"
        r"|微商|私聊|微信小店|微店|加了?(?:个|一个)?卖\S{1,6}的",
        "wechat_private",
    ),
    (r"实体店|门店|商场|店里|超市|专卖店|柜台", "offline_store"),
]
_CHANNELS = [(re.compile(pattern), channel) for pattern, channel in CHANNELS]
PLATFORMS = ("抖音", "快手", "淘宝", "天猫", "京东", "拼多多", "闲鱼", "转转", "小红书", "得物",
             "唯品会", "视频号")  # fmt: skip


@dataclass(frozen=True)
class Hit:
    value: str
    start: int
    end: int


def _brand_pattern(word: str) -> re.Pattern[str]:
    # Latin brand names are whole words (MK in "MKT" is not Michael Kors), case-insensitive.
    if word.isascii():
        return re.compile(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", re.I)
    return re.compile(re.escape(word))


_BRAND_PATTERNS = [
    (brand, _brand_pattern(word)) for brand, (words, _) in BRANDS.items() for word in words
]


def brand(text: str) -> Hit | None:
    """The first brand named in text."""
    hits = [Hit(b, m.start(), m.end()) for b, p in _BRAND_PATTERNS if (m := p.search(text))]
    if not hits:
        return None
    first = min(hits, key=lambda h: (h.start, -(h.end - h.start)))
    # 苹果 is also the fruit: the brand only beside a device.
    device = re.search(r"苹果\s*(?:1\d|手机|耳机|平板|电脑|表|watch)", text, re.I)
    if first.value == "Apple" and text[first.start : first.end] == "苹果" and not device:
        rest = [h for h in hits if h is not first]
        return min(rest, key=lambda h: h.start) if rest else None
    return first


def goods(text: str) -> Hit | None:
    """The first goods word in text, by category (its value is the category)."""
    best: Hit | None = None
    for pattern, category in _GOODS:
        m = pattern.search(text)
        if m and (best is None or m.start() < best.start):
            best = Hit(category, m.start(), m.end())
    return best


def category(text: str, brand_hit: Hit | None) -> str | None:
    """The category of what text is about: its goods word, else its brand's."""
    word = goods(text)
    brand_category = BRANDS[brand_hit.value][1] if brand_hit else None
    if word is None:
        return brand_category
    if word.value == "luxury_fashion" and brand_category != "luxury_fashion":
        # A bag or a watch is luxury fashion by its brand: a sports brand's bag is clothing.
        return brand_category or "other"
    return word.value


def channel(text: str) -> Hit | None:
    """How the goods were bought, from the words used, most specific first."""
    for pattern, value in _CHANNELS:
        m = pattern.search(text)
        if m:
            return Hit(value, m.start(), m.end())
    return None


def platform(text: str) -> str | None:
    """The platform named in text (抖音, 淘宝...), as written."""
    hits = [(text.find(p), p) for p in PLATFORMS if p in text]
    return min(hits)[1] if hits else None
