"""Documents pages: the list on a case, a preview, downloads, and the form for missing facts.

Made for a phone inside WeChat: WeChat's own browser ignores `download` links and often will
not save files, so a document opens in the page (a readable view with "copy the text", and the
PDF shown inline), and the page tells a WeChat or small-screen reader how to open it in the
phone's browser instead."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from weiquan.accounts.auth import CheckedForm, CurrentAccount
from weiquan.common.i18n import N_, gettext
from weiquan.common.web import SessionDep
from weiquan.common.web import render as page
from weiquan.documents import render, service
from weiquan.documents.facts import AGENCY_NOTICES, CONSUMER, FACTS, TITLES, DocType
from weiquan.documents.http import (
    ONLY_THE_CONSUMER,
    FormatParam,
    Lacking,
    check_may_make,
    file_response,
    may_make,
    produce,
    read,
    supply,
    visible_facts,
)
from weiquan.documents.pdf import to_html
from weiquan.documents.service import Source
from weiquan.documents.text import to_text

router = APIRouter(prefix="/cases/{number}/documents", include_in_schema=False)

SAVED = N_("Saved.")
# The seller's legal name and address: the consumer records them on the case page (they are
# what a complaint needs, with their source, on the timeline), not in the documents' form.
SELLER_FACTS = ("respondent_name", "respondent_address")


def in_wechat(request: Request) -> bool:
    """WeChat's in-app browser names itself in its User-Agent."""
    return "MicroMessenger" in request.headers.get("user-agent", "")


def _fields(source: Source, keys: list[str], allowed: set[str]) -> list[dict[str, Any]]:
    """Form fields for the facts in keys that this account may supply."""
    known = visible_facts(source.facts, allowed)
    if CONSUMER in allowed:
        keys = [k for k in keys if k not in SELLER_FACTS]
    return [
        {
            "key": k,
            "label": gettext(FACTS[k].label),
            "help": gettext(FACTS[k].help) if FACTS[k].help else "",
            "long": FACTS[k].long,
            "value": known.get(k, ""),
        }
        for k in keys
        if k in FACTS and FACTS[k].supplied_by(allowed)
    ]


def _listed(source: Source) -> list[DocType]:
    """The types the list offers: an agency's notice only once there is one to make (nobody
    supplies a refusal)."""
    return [t for t in DocType if t.value not in AGENCY_NOTICES or not service.missing(source, t)]


def _documents(source: Source, sides: set[str]) -> list[dict[str, Any]]:
    return [
        {
            "type": t.value,
            "title": gettext(TITLES[t]),
            "missing": render.missing_public(service.missing(source, t)),
            "refused": None if may_make(t, sides) else gettext(ONLY_THE_CONSUMER),
        }
        for t in _listed(source)
    ]


@router.get("", response_class=HTMLResponse)
def list_page(
    number: str, request: Request, session: SessionDep, account: CurrentAccount
) -> HTMLResponse:
    source, allowed = read(session, account, number, "documents page")
    lacking: list[str] = []
    for t in _listed(source):
        if may_make(t, allowed):
            lacking += [k for k in service.missing(source, t) if k not in lacking]
    return page(
        request,
        "documents/site/list.html",
        number=source.case["number"],
        goods=source.case["goods"],
        documents=_documents(source, allowed),
        fields=_fields(source, lacking, allowed),
        all_fields=_fields(source, list(FACTS), allowed),
        saved=request.query_params.get("saved"),
        wechat=in_wechat(request),
        seller_facts=SELLER_FACTS,
    )


@router.get("/{doc_type}", response_class=HTMLResponse)
def preview_page(
    number: str,
    doc_type: DocType,
    request: Request,
    session: SessionDep,
    account: CurrentAccount,
    doc: str | None = None,
) -> HTMLResponse:
    source, allowed = read(session, account, number, "document preview")
    check_may_make(doc_type, allowed)
    language = render.doc_language(doc)
    lacking = service.missing(source, doc_type)
    preview = text = None
    if not lacking:
        built = render.build(source, doc_type, language)
        preview, text = to_html(built, fragment=True), to_text(built)
    return page(
        request,
        "documents/site/preview.html",
        status_code=422 if lacking else 200,
        number=source.case["number"],
        doc_type=doc_type.value,
        title=gettext(TITLES[doc_type]),
        doc_lang="zh" if language == "zh_CN" else "en",
        preview=preview,
        text=text,
        missing=render.missing_public(lacking),
        fields=_fields(source, lacking, allowed),
        wechat=in_wechat(request),
        seller_facts=SELLER_FACTS,
    )


@router.get("/{doc_type}/file", response_model=None)
async def download(
    number: str,
    doc_type: DocType,
    request: Request,
    session: SessionDep,
    account: CurrentAccount,
    format: FormatParam = "pdf",
    doc: str | None = None,
) -> Response:
    try:
        source, language, data = await produce(session, account, number, doc_type, format, doc)
    except Lacking as exc:
        n = exc.source.case["number"]
        return RedirectResponse(f"/cases/{n}/documents/{doc_type.value}", status_code=303)
    # The PDF opens in the page (WeChat's browser saves no attachment); Word files download.
    return file_response(source, doc_type, language, format, data, attachment=format == "docx")


@router.post("/facts", response_model=None)
def save_facts(
    number: str,
    request: Request,
    session: SessionDep,
    account: CurrentAccount,
    form: CheckedForm,
) -> Response:
    source, allowed = read(session, account, number, "document facts")
    values: dict[str, str | None] = {
        k: str(v)[: service.MAX_FACT_LENGTH]
        for k, v in form.items()
        if k in FACTS and FACTS[k].supplied_by(allowed)
    }
    changed = request.app.state.case_effects.admissibility
    supply(session, source, values, allowed, f"{account.role}:{account.id}", changed)
    n = source.case["number"]
    back = str(form.get("back") or "")
    target = (
        f"/cases/{n}/documents/{back}"
        if back in {t.value for t in DocType}
        else f"/cases/{n}/documents"
    )
    sep = "&" if "?" in target else "?"
    return RedirectResponse(f"{target}{sep}saved=1", status_code=303)
