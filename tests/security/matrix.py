"""The case the authorization matrix walks, and a well-formed request for every route of the
app as each caller (tests/security/test_policy_matrix.py)."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import CSRF, PASSWORD, User, session_cookie
from tests.factories import SELLER, case_document
from weiquan.accounts import credential_flows, flows, security, tokens
from weiquan.accounts import service as accounts
from weiquan.accounts.credentials import Limits
from weiquan.accounts.models import (
    Account,
    ApiToken,
    ClaimStatus,
    MerchantClaim,
    TokenPurpose,
    WebSession,
)
from weiquan.assessments import drafts
from weiquan.assessments.drafts import Owner
from weiquan.cases.models import Case
from weiquan.db import utcnow
from weiquan.policy import Relation
from weiquan.policy.rules import ROLE_OF

R = Relation
ANONYMOUS = "anonymous"
CALLERS: list[str] = [r.value for r in Relation] + [ANONYMOUS]
PHONE = "13812345678"  # the filer's, in case_document()
NAME = "李娜"
NEW_PASSWORD = "a long enough passphrase 42"

# The ladder step each caller tries on the case (accepted, mediator assigned): one it may take
# without ending the case, or the step its side would take if it could.
STEP = {
    R.filer: "consent_mediation",
    R.case_merchant: "consent_mediation",
    R.case_platform: "platform_fail",  # none is open to the platform now: 409, not refused
    R.case_agency: "assign_mediator",
    R.region_agency: "assign_mediator",
    R.case_mediator: "record_agreement",  # 409 before mediation starts, not refused
    R.admin: "consent_mediation",
}


@dataclass
class World:
    app: FastAPI
    users: dict[str, User]
    number: str
    sessions: sessionmaker[Session]
    agency: int
    ids: dict[str, Any] = field(default_factory=dict)
    serial: Iterator[int] = field(default_factory=lambda: iter(range(1, 10**6)))

    def email(self, who: str) -> str:
        """The caller's email (anonymous visitors sign in as a stranger)."""
        return self.users[R.other_consumer if who == ANONYMOUS else who].email

    def client(self, who: str) -> TestClient:
        """The caller's API token and page session (anonymous: a session with no account), in
        a client that answers a server error as the server would rather than raising it."""
        headers = {}
        settings = self.app.state.settings
        if who != ANONYMOUS:
            headers["Authorization"] = f"Bearer {self.users[who].token}"
            cookie = session_cookie(settings, self.sessions, self.users[who].id)
        else:
            cookie = security.dump_session(self.app.state.secret_key, {"csrf": CSRF})
        c = TestClient(self.app, headers=headers, raise_server_exceptions=False)
        c.cookies.set(security.SESSION_COOKIE, cookie)
        return c


OTHER_PERSON = {"name": "周杰", "phone": "13700001111"}


def build_case(w: World) -> str:
    """A case with every relation: filed, asked of the platform, accepted by the agency, with
    a mediator, two co-complainants (one a representative); the number."""
    filer = w.users[R.filer].client
    r = filer.post("/api/cases", json=case_document())
    assert r.status_code == 201, r.text
    n = r.json()["number"]
    with w.sessions() as session, session.begin():  # filings do not say it; the demo sets it
        session.execute(update(Case).where(Case.number == n).values(merchant_region="310115"))

    def step(who: Relation, action: str, **data: object) -> None:
        r = w.users[who].client.post(f"/api/cases/{n}/steps/{action}", json=data)
        assert r.status_code == 200, (who, action, r.text)

    step(R.filer, "send_demand")
    step(R.case_merchant, "merchant_answer", answer="refuse", note="拒绝")
    step(R.filer, "consumer_reject")
    step(R.filer, "request_platform")
    step(R.case_platform, "platform_fail", note="无法处理")
    step(R.filer, "record_seller", **SELLER)
    step(R.filer, "file_complaint", agency_id=w.agency)
    step(R.case_agency, "agency_accept")
    step(R.case_agency, "assign_mediator", mediator_email=w.users[R.case_mediator].email)
    for i, who in enumerate((R.co_complainant, R.representative)):
        r = filer.post(
            f"/api/cases/{n}/complainants",
            json={
                "name": f"邻居{i}",
                "phone": f"1390000000{i}",
                "email": w.users[who].email,
                "consented": True,
            },
        )
        assert r.status_code == 201, r.text
    members = filer.get(f"/api/cases/{n}/complainants").json()
    w.ids["representatives"] = [members[-1]["id"]]
    r = filer.put(
        f"/api/cases/{n}/complainants/representatives", json={"ids": w.ids["representatives"]}
    )
    assert r.status_code == 200, r.text
    return n


CHAT = "2026-07-01 卖家：保证正品，假一赔十。联系电话 13800138001".encode()


# Which claim a route names: the other merchant proves one of its own with its code (a claim
# for the API's route and one for the page's); staff decide the one in their jurisdiction.
CLAIM_OF = {"/api/me/claims": "api_claim", "/me/claims": "page_claim"}


def code_of(w: World, path: str) -> str:
    """The code the other merchant was given for the claim path names."""
    return str(w.ids["codes"][CLAIM_OF[path.split("/{claim_id}")[0]]])


def params(w: World, who: str, path: str) -> dict[str, Any]:
    """Values for every path parameter of path: ids from the case, and for the caller's own
    sessions and tokens, and the links sent by email, a fresh one made for this request."""
    values: dict[str, Any] = {
        "number": w.number,
        "action": STEP.get(R(who), "consent_mediation") if who != ANONYMOUS else "withdraw",
        "message_id": w.ids["message_id"],
        "seq": 1,
        "rid": w.ids["rid"],
        "doc_type": "demand_letter",
        # Staff decide another merchant's claim to the case's WeChat ID (in the case agency's
        # and the region agency's jurisdiction); a merchant proves a claim of its own.
        "claim_id": w.ids[CLAIM_OF.get(path.split("/{claim_id}")[0], "decided_claim")],
        "notification_id": w.ids["notification_id"],
        "endpoint_id": w.ids["endpoint_id"],
        "delivery_id": 1,
        "merchant_id": w.ids["merchant_id"],
        "resolution_id": 1,
        "which": "black",
        "code": "en",
        "public_id": "no-such-draft",  # a draft is its owner's alone: 404 to every caller here
        "view_id": 1,  # a clerk's saved view: nobody's here (its owner's alone: 404 to others)
        "fmt": "csv",  # the agency queue's export
    }
    if "{session_id}" in path:
        values["session_id"] = spare_session(w, who)
    if "{token_id}" in path:
        values["token_id"] = spare_token(w, who)
    if "{token}" in path:
        purpose = TokenPurpose.verify_email if "verify" in path else TokenPurpose.reset_password
        values["token"] = link_token(w, purpose)
    return values


def spare_session(w: World, who: str) -> int:
    """The id of a new session of the caller's, besides the one its client uses."""
    account_id = w.users[R.filer if who == ANONYMOUS else who].id
    with w.sessions() as session:
        sid = credential_flows.start(
            session=session,
            account_id=account_id,
            limits=Limits.of(w.app.state.settings),
            user_agent="spare",
            ip="testclient",
        )
        found = select(WebSession.id).where(WebSession.id_hash == security.token_hash(sid))
        return session.execute(found).scalar_one()


def spare_token(w: World, who: str) -> int:
    """The id of a new API token of the caller's, besides the one its client uses."""
    account_id = w.users[R.filer if who == ANONYMOUS else who].id
    with w.sessions() as session, session.begin():
        account = session.get(Account, account_id)
        assert account is not None
        expires_at = utcnow() + Limits.of(w.app.state.settings).token
        token = accounts.create_token(
            session=session, account=account, name="spare", expires_at=expires_at
        )
        found = select(ApiToken.id).where(ApiToken.token_hash == security.token_hash(token))
        return session.execute(found).scalar_one()


def link_token(w: World, purpose: TokenPurpose) -> str:
    """A new emailed link's token (purpose) of an account of its own: no caller of the world
    has its email verified or its password reset under it."""
    with w.sessions() as session, session.begin():
        account = session.get(Account, w.ids["link_owner"])
        assert account is not None
        return tokens.issue(
            session=session,
            account=account,
            purpose=purpose,
            lifetime=timedelta(hours=1),
            now=utcnow(),
        )


def step_data(w: World, who: str) -> dict[str, Any]:
    if who in (R.case_agency, R.region_agency):
        return {"mediator_email": w.users[R.case_mediator].email}
    return {}


def facts(who: str) -> dict[str, str]:
    return {"supplier_address": "广州"} if who == R.case_merchant else {"consumer_address": "上海"}


def form(**fields: Any) -> dict[str, Any]:
    return {"data": {"csrf_token": CSRF, **fields}}


def default_body(key: tuple[str, str]) -> Body:
    """No body; a page's form carries its CSRF token."""
    method, path = key
    page_form = method != "GET" and not path.startswith("/api")
    return lambda w, who: form() if page_form else {}


def draft_form(w: World, who: str) -> dict[str, Any]:
    """The interview's "save to case" form with a draft of the caller's own for the case."""
    if who == ANONYMOUS:
        return form()
    with w.sessions() as session, session.begin():
        draft = drafts.create(
            session=session,
            owner=Owner(account_id=w.users[who].id),
            source="interview",
            now=utcnow(),
            case_number=w.number,
        )
        return form(draft=draft.public_id)


RECORD = {
    "record_type": "black_list",
    "authority": "某市市场监督管理局",
    "decided_on": "2026-05-10",
    "reference": "信〔2026〕7号",
    "identifiers": [{"kind": "wechat", "value": "Lux_Seller88"}],
}
TXT = {"params": {"format": "txt"}}  # rendering PDFs for every cell would be slow
# Request bodies: route -> (world, caller) -> keyword arguments of the request.
Body = Callable[[World, str], dict[str, Any]]
BODIES: dict[tuple[str, str], Body] = {
    ("POST", "/api/cases"): lambda w, who: {"json": case_document(consumer=OTHER_PERSON)},
    ("POST", "/cases"): lambda w, who: form(
        **{
            "consumer.name": "周杰",
            "consumer.phone": "138 0013 8000",
            "merchant.wechat_id": "fake_seller_01",
            "order.goods": "茅台酒",
            "order.category": "food",
            "order.price_paid": "1499",
            "order.order_date": "2026-07-01",
            "order.channel": "wechat_private",
            "problems": ["counterfeit"],
            "narrative": "收到假酒。",
        }
    ),
    ("POST", "/api/cases/{number}/steps/{action}"): lambda w, who: {"json": step_data(w, who)},
    ("POST", "/cases/{number}/steps/{action}"): lambda w, who: form(**step_data(w, who)),
    ("POST", "/api/cases/{number}/messages"): lambda w, who: {"json": {"body": "何时退款？"}},
    ("POST", "/cases/{number}/messages"): lambda w, who: form(body="何时退款？"),
    ("POST", "/api/cases/{number}/complainants"): lambda w, who: {
        "json": {"name": "路人", "phone": f"137{next(w.serial):08d}", "consented": True}
    },
    ("POST", "/cases/{number}/complainants"): lambda w, who: form(
        name="路人", phone=f"137{next(w.serial):08d}", consented="yes"
    ),
    ("PUT", "/api/cases/{number}/complainants/representatives"): lambda w, who: {
        "json": {"ids": w.ids["representatives"]}
    },
    ("POST", "/cases/{number}/representatives"): lambda w, who: form(
        representative=w.ids["representatives"]
    ),
    ("POST", "/api/cases/{number}/assessments"): lambda w, who: {"json": {}},
    ("POST", "/cases/{number}/assessment"): lambda w, who: draft_form(w, who),
    ("POST", "/api/assessments"): lambda w, who: {"json": case_document()},
    ("POST", "/api/cases/{number}/evidence"): lambda w, who: {
        "files": [("files", ("more.txt", io.BytesIO(CHAT + str(next(w.serial)).encode())))]
    },
    ("POST", "/cases/{number}/evidence"): lambda w, who: {
        "data": {"csrf_token": CSRF},
        "files": [("files", ("more.txt", io.BytesIO(CHAT + str(next(w.serial)).encode())))],
    },
    ("POST", "/cases/{number}/evidence/export"): lambda w, who: form(),
    ("POST", "/api/cases/{number}/evidence/{seq}/redactions"): lambda w, who: {
        "json": {"names": ["张三"]}
    },
    ("POST", "/cases/{number}/evidence/{seq}/redactions"): lambda w, who: form(names="张三"),
    ("PUT", "/api/cases/{number}/documents/facts"): lambda w, who: {"json": {"values": facts(who)}},
    ("POST", "/cases/{number}/documents/facts"): lambda w, who: form(**facts(who)),
    ("GET", "/api/cases/{number}/documents/{doc_type}"): lambda w, who: TXT,
    ("GET", "/cases/{number}/documents/{doc_type}/file"): lambda w, who: TXT,
    ("POST", "/api/accounts"): lambda w, who: {
        "json": {
            "email": f"new{next(w.serial)}@test.weiquan",
            "display_name": "新人",
            "password": "a long enough passphrase 42",
        }
    },
    ("POST", "/register"): lambda w, who: form(
        email=f"new{next(w.serial)}@test.weiquan",
        display_name="新人",
        password="a long enough passphrase 42",
        role="consumer",
    ),
    ("POST", "/api/tokens"): lambda w, who: {"json": {"email": w.email(who), "password": PASSWORD}},
    # The password "changed" to itself: every caller signs in with it to the end.
    ("POST", "/api/me/password"): lambda w, who: {
        "json": {"current_password": PASSWORD, "new_password": PASSWORD, "revoke_tokens": False}
    },
    ("POST", "/me/password"): lambda w, who: form(
        current_password=PASSWORD, new_password=PASSWORD, confirm_password=PASSWORD
    ),
    ("POST", "/api/email-verification"): lambda w, who: {
        "json": {"token": link_token(w, TokenPurpose.verify_email)}
    },
    ("POST", "/api/password-reset"): lambda w, who: {"json": {"email": w.email(who)}},
    ("POST", "/forgot-password"): lambda w, who: form(email=w.email(who)),
    ("POST", "/api/password-reset/confirm"): lambda w, who: {
        "json": {"token": link_token(w, TokenPurpose.reset_password), "password": NEW_PASSWORD}
    },
    ("POST", "/reset-password/{token}"): lambda w, who: form(password=NEW_PASSWORD),
    ("POST", "/login"): lambda w, who: form(email=w.email(who), password=PASSWORD),
    ("POST", "/logout"): lambda w, who: form(),
    ("POST", "/api/me/claims"): lambda w, who: {
        "json": {"kind": "wechat_id", "value": f"shop{next(w.serial)}"}
    },
    ("POST", "/me/claims"): lambda w, who: form(kind="wechat_id", value=f"shop{next(w.serial)}"),
    ("POST", "/api/me/claims/{claim_id}/verify"): lambda w, who: {
        "json": {"code": code_of(w, "/api/me/claims/{claim_id}")}
    },
    ("POST", "/me/claims/{claim_id}/verify"): lambda w, who: form(
        code=code_of(w, "/me/claims/{claim_id}")
    ),
    ("POST", "/api/claims/{claim_id}/reject"): lambda w, who: {"json": {"reason": "证据不足"}},
    ("POST", "/claims/{claim_id}/reject"): lambda w, who: form(reason="证据不足"),
    ("POST", "/cases/{number}/leave"): lambda w, who: form(confirm="yes"),
    ("POST", "/inbox/read-all"): lambda w, who: form(),
    ("POST", "/inbox/{notification_id}/read"): lambda w, who: form(),
    ("POST", "/api/webhooks"): lambda w, who: {"json": {"url": "https://hooks.example.com/x"}},
    ("POST", "/rights"): lambda w, who: form(),
    ("POST", "/merchants"): lambda w, who: form(q="mingpin_888"),
    ("GET", "/api/merchants/lookup"): lambda w, who: {"params": {"q": "mingpin_888"}},
    ("GET", "/agency/dashboard/download"): lambda w, who: {
        "params": {"figure": "months", "format": "csv"}
    },
    ("POST", "/api/merchants/lookup"): lambda w, who: {"json": {"q": "mingpin_888"}},
    ("POST", "/api/merchants/claimants"): lambda w, who: {
        "json": {"phone": PHONE, "merchant_id": w.ids["merchant_id"]}
    },
    ("POST", "/api/merchants/agency-records"): lambda w, who: {"json": RECORD},
    ("POST", "/api/merchants/links"): lambda w, who: {
        "json": {
            "reason": "同一个卖家的两个号",
            "identifiers": [
                {"kind": "wechat", "value": "mingpin_888"},
                {"kind": "wechat", "value": "mingpin_999"},
            ],
        }
    },
    ("POST", "/api/merchants/resolutions/{resolution_id}/undo"): lambda w, who: {
        "json": {"reason": "两个不同的卖家"}
    },
    ("PUT", "/api/merchants/{merchant_id}/reply"): lambda w, who: {
        "json": {"text": "我们已联系消费者处理。"}
    },
    ("POST", "/merchants/{merchant_id}/reply"): lambda w, who: form(text="我们已联系消费者处理。"),
}


def make_world(
    app: FastAPI,
    make_user: Callable[..., User],
    make_agency: Callable[..., int],
    sessions: sessionmaker[Session],
) -> World:
    agency = make_agency("浦东市场监管局", regions=["310115"])
    make_agency("上海市市场监管局", regions=["3101"])  # covers the merchant, not filed with
    make_agency("广州市场监管局", regions=["4401"])
    make_agency("抖音消费者服务", kind="platform", platforms=["抖音"])
    make_agency("拼多多纠纷中心", kind="platform", platforms=["拼多多"])
    staff = {
        R.case_platform: ("platform_staff", "抖音消费者服务"),
        R.other_platform: ("platform_staff", "拼多多纠纷中心"),
        R.case_agency: ("agency_staff", "浦东市场监管局"),
        R.region_agency: ("agency_staff", "上海市市场监管局"),
        R.other_agency: ("agency_staff", "广州市场监管局"),
    }
    users = {
        r.value: make_user(staff[r][0], agency=staff[r][1])
        if r in staff
        else make_user(ROLE_OF[r].value, name="filer-account" if r == R.filer else None)
        for r in Relation
    }
    with sessions() as session, session.begin():
        session.execute(update(Account).values(email_verified_at=utcnow()))
        claims = {}
        for who, value, status in (
            (R.case_merchant, "mingpin_888", ClaimStatus.verified),
            (R.other_merchant, "mingpin_888", ClaimStatus.pending),
            (R.other_merchant, "some_other_shop", ClaimStatus.pending),
            (R.other_merchant, "yet_another_shop", ClaimStatus.pending),
        ):
            claim = MerchantClaim(
                account_id=users[who].id, kind="wechat_id", value=value, status=status
            )
            session.add(claim)
            session.flush()
            claims[who, value] = claim.id
    w = World(app, users, number="", sessions=sessions, agency=agency)
    # Staff decide the other merchant's claim to the case's WeChat ID (held by the case's
    # merchant: approving it is refused, 409); the other merchant proves its other claim.
    w.ids["decided_claim"] = claims[R.other_merchant, "mingpin_888"]
    w.ids["api_claim"] = claims[R.other_merchant, "some_other_shop"]
    w.ids["page_claim"] = claims[R.other_merchant, "yet_another_shop"]
    settings = app.state.settings
    w.ids["codes"] = {}
    for which in ("api_claim", "page_claim"):
        with sessions() as session:
            w.ids["codes"][which] = flows.issue_code(
                session=session,
                claim_id=w.ids[which],
                length=settings.claim_code_length,
                minutes=settings.claim_code_minutes,
            )[1]
    w.ids["link_owner"] = make_user("consumer").id
    filer = users[R.filer].client
    w.number = n = build_case(w)
    assert filer.post(f"/api/cases/{n}/assessments", json={}).status_code == 201
    r = filer.post(f"/api/cases/{n}/messages", json={"body": "请尽快退款"})
    assert r.status_code == 201, r.text
    w.ids["message_id"] = r.json()["id"]
    r = filer.post(f"/api/cases/{n}/evidence", files=[("files", ("chat.txt", CHAT))])
    assert r.status_code == 201, r.text
    r = filer.post(f"/api/cases/{n}/evidence/1/redactions", json={"names": ["张三"]})
    assert r.status_code == 201, r.text
    w.ids["rid"] = r.json()["id"]
    notes = filer.get("/api/notifications").json()["items"]
    w.ids["notification_id"] = notes[0]["id"] if notes else 1
    r = filer.post("/api/webhooks", json={"url": "https://hooks.example.com/weiquan"})
    assert r.status_code == 201, r.text
    w.ids["endpoint_id"] = r.json()["id"]
    found = filer.get("/api/merchants/lookup", params={"q": "mingpin_888"}).json()["matches"]
    w.ids["merchant_id"] = found[0]["id"] if found else 1
    return w
