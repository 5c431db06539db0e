"""Every type renders for every demo case, in both languages and all formats, and says the
right things: the parties, the amounts in digits and in capital numerals, the articles."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import User
from tests.documents.conftest import (
    CHAT,
    FACTS,
    docx_east_asian_font,
    docx_footer_fields,
    pdf_fonts,
    pdf_pages,
    read_back,
    source_of,
    squash,
    supply,
    upload,
)
from weiquan.documents import render, service
from weiquan.documents.facts import AGENCY_NOTICES, DocType
from weiquan.documents.numerals import capital_yuan
from weiquan.documents.text import to_text
from weiquan.documents.violations import suspected
from weiquan.documents.word import EAST_ASIAN_FONT
from weiquan.law.money import format_fen

CLAIM_DOCUMENTS = {
    DocType.demand_letter,
    DocType.platform_request,
    DocType.regulator_complaint,
    DocType.association_complaint,
    DocType.civil_complaint,
}
# The footer of every page, so a court can tell a loose page and count them.
PAGE_OF = {"zh_CN": "第 {page} 页，共 {pages} 页", "en": "Page {page} of {pages}"}
FIXED_ARTICLES = {
    DocType.civil_complaint: {
        "zh_CN": "《民事诉讼法》第122条、第124条",
        "en": "Civil Procedure Law Arts. 122 and 124",
    },
    DocType.regulator_complaint: {"zh_CN": "暂行办法》第9条", "en": "Measures Art. 9"},
    DocType.evidence_list: {"zh_CN": "第93条", "en": "Arts. 93, 94"},
    DocType.mediation_agreement: {
        "zh_CN": "《人民调解法》第31条",
        "en": "People's Mediation Law Art. 31",
    },
}


def expected(source: service.Source, doc_type: DocType, lang: str) -> list[str]:
    """What the document must say, whitespace removed."""
    claims = service.claims(source.assessment)
    price = source.case["price_fen"]
    want = [source.case["consumer_name"], FACTS["respondent_name"]]
    want += [format_fen(price), capital_yuan(price)]
    if doc_type in CLAIM_DOCUMENTS or doc_type == DocType.mediation_agreement:
        want += [format_fen(claims["total"]), capital_yuan(claims["total"])]
        want += [format_fen(claims["refund"]), capital_yuan(claims["refund"])]
    if doc_type in CLAIM_DOCUMENTS:
        want.append(render.cite(claims["refund_remedy"]["citations"][0], lang))
        if claims["punitive"]:
            want.append(format_fen(claims["punitive"]))
            want.append(capital_yuan(claims["punitive"]))
            want.append(render.cite(claims["punitive_remedy"]["citations"][0], lang))
    if doc_type == DocType.report:
        first = suspected(source.case["problems"])[0][1][0]
        want.append(render.cite(first, lang))
    if doc_type == DocType.merchant_reply and {"counterfeit"} & set(source.case["problems"]):
        want += [
            FACTS["supplier_name"],
            render.cite({"instrument": "TM", "article": "64", "paragraph": "2"}, lang),
        ]
    if doc_type in FIXED_ARTICLES:
        want.append(FIXED_ARTICLES[doc_type][lang])
    if doc_type == DocType.civil_complaint:
        want += [FACTS["court"], FACTS["consumer_id_number"]]
    if doc_type == DocType.evidence_list:
        want += [e["sha256"] for e in source.evidence]
    return [squash(w) for w in want]


def test_every_type_every_demo_case_both_languages_all_formats(
    sessions: sessionmaker[Session], demo: list[str], admin: User
) -> None:
    for number in demo:
        supply(sessions, number, FACTS)
        upload(admin, number, "chat.txt", CHAT + number.encode(), "chat", "与卖家的聊天记录")
    for number in demo:
        source = source_of(sessions, number)
        assert source.assessment, number
        for doc_type in DocType:
            if doc_type.value in AGENCY_NOTICES:
                continue  # the agency's notices: tests/workbench/test_clerk.py
            assert service.missing(source, doc_type) == []
            for lang in ("zh_CN", "en"):
                for fmt in ("pdf", "docx", "txt"):
                    data = render.produce(source, doc_type, lang, fmt)
                    text = squash(read_back(data, fmt))
                    for want in expected(source, doc_type, lang):
                        assert want in text, (number, doc_type.value, lang, fmt, want)
                    if fmt == "pdf":
                        pages = pdf_pages(data)
                        assert squash(PAGE_OF[lang].format(page=pages, pages=pages)) in text
                        fonts = pdf_fonts(data)
                        cjk = [line for line in fonts.splitlines() if "CJK" in line]
                        assert cjk and all(" yes yes " in line for line in cjk), fonts
                    if fmt == "docx":
                        assert docx_east_asian_font(data) == EAST_ASIAN_FONT
                        assert docx_footer_fields(data) == ["PAGE", "NUMPAGES"]


def test_amounts_come_from_the_assessment(sessions: sessionmaker[Session], demo: list[str]) -> None:
    """Fake bag 2680: refund 2680 plus three times 8040; milk 96: ten times, floor 1000."""
    bag, milk = source_of(sessions, demo[0]), source_of(sessions, demo[4])
    assert service.claims(bag.assessment)["total"] == 268000 + 804000
    claims = service.claims(milk.assessment)
    assert claims["punitive"] == 100000 and claims["punitive_remedy"]["regime"] == "FSL-148-2"
    text = to_text(render.build(milk, DocType.demand_letter, "zh_CN"))
    assert "1096.00元（人民币壹仟零玖拾陆元整）" in text
    assert "《食品安全法》第148条第2款" in text
