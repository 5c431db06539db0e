"""Joint complaints (SAMR complaint measures Art. 11): consenting co-complainants, at most two
representatives, over the API, the pages and the CLI; names and phones only for those entitled."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from tests.conftest import User
from tests.factories import case_document
from weiquan.accounts.models import Account, ClaimStatus, MerchantClaim
from weiquan.cases.models import Case, Complainant
from weiquan.cli import app as cli
from weiquan.db import utcnow
from weiquan.events.models import CaseEvent


def _file(client: TestClient) -> str:
    r = client.post("/api/cases", json=case_document())
    assert r.status_code == 201, r.text
    return str(r.json()["number"])


def test_joint_complaint_over_the_api(
    consumer: User, make_user: Callable[..., User], sessions: sessionmaker[Session]
) -> None:
    c = consumer.client
    number = _file(c)
    neighbour = make_user("consumer", email="wang@test.weiquan", name="王芳")
    merchant = make_user("merchant")
    with sessions() as session, session.begin():
        session.add(
            MerchantClaim(
                account_id=merchant.id,
                kind="wechat_id",
                value="mingpin_888",
                status=ClaimStatus.verified,
            )
        )
    url = f"/api/cases/{number}/complainants"
    assert c.get(url).json() == []  # alone, no group
    assert neighbour.client.get(url).status_code == 404  # not in the case yet

    # Consent is required, in the user's language; nothing is written without it.
    r = c.post(url, json={"name": "王芳", "phone": "13900002222", "consented": False})
    assert r.status_code == 422 and "共同投诉须经每位投诉人同意" in r.text
    r = c.post(url, json={"name": "王芳", "phone": "139", "consented": True})
    assert r.status_code == 422
    assert c.get(url).json() == []
    # Linked only once the neighbour's email is verified (an unknown or unverified email adds
    # the person unlinked, with the same answer: see test_co_complainants).
    with sessions() as session, session.begin():
        session.execute(
            update(Account).where(Account.id == neighbour.id).values(email_verified_at=utcnow())
        )

    r = c.post(
        url,
        json={
            "name": "王芳",
            "phone": "13900002222",
            "email": "wang@test.weiquan",
            "consented": True,
        },
    )
    assert r.status_code == 201, r.text
    group = r.json()
    assert [m["name"] for m in group] == ["李娜", "王芳"]  # the filer comes first
    r = c.post(url, json={"name": "赵强", "phone": "13900003333", "consented": True})
    assert r.status_code == 201
    again = c.post(url, json={"name": "王芳", "phone": "139 0000 2222", "consented": True})
    assert again.status_code == 422 and "已是本案的投诉人" in again.json()["detail"]

    ids = [m["id"] for m in c.get(url).json()]
    r = c.put(f"{url}/representatives", json={"ids": ids})  # three
    assert r.status_code == 422
    r = c.put(f"{url}/representatives", json={"ids": [ids[0], ids[1]]})
    assert r.status_code == 200
    assert [m["representative"] for m in r.json()] == [True, True, False]

    # The neighbour follows the case through their own account, sees fellow complainants
    # masked, and cannot manage the group.
    mine = neighbour.client.get(url).json()
    assert [m["is_you"] for m in mine] == [False, True, False]
    assert mine[0]["phone"].endswith("5678") and "*" in mine[0]["phone"]
    r = neighbour.client.put(f"{url}/representatives", json={"ids": []})
    assert r.status_code == 403 and "只有提交本案的消费者" in r.json()["detail"]
    assert neighbour.client.get(f"/api/cases/{number}").status_code == 200
    # The merchant sees how many complain, not who they are in full (once the demand went).
    assert merchant.client.get(url).status_code == 404  # a draft: not the merchant's yet
    assert c.post(f"/api/cases/{number}/steps/send_demand", json={}).status_code == 200
    theirs = merchant.client.get(url).json()
    assert len(theirs) == 3 and "13900003333" not in str(theirs)
    # (404: a merchant's role never manages a group, so the policy's door answers as for a case
    # it cannot see.)
    assert (
        merchant.client.post(
            url, json={"name": "假人", "phone": "13900004444", "consented": True}
        ).status_code
        == 404
    )

    timeline = c.get(f"/api/cases/{number}").json()["timeline"]
    kinds = [e["kind"] for e in timeline]
    assert kinds.count("complainant_joined") == 2 and "representatives_chosen" in kinds
    assert "13900002222" not in str(timeline)

    # Once withdrawn, nobody joins.
    c.post(f"/api/cases/{number}/steps/withdraw", json={"note": "已和解"})
    r = c.post(url, json={"name": "钱多", "phone": "13900005555", "consented": True})
    assert r.status_code == 403 and "本案已结束" in r.json()["detail"]


def test_joint_complaint_on_the_page(consumer: User, sessions: sessionmaker[Session]) -> None:
    c = consumer.client
    number = _file(c)
    page = c.get(f"/cases/{number}").text
    assert 'id="joint"' in page and "添加共同投诉人" in page
    form = consumer.form(name="王芳", phone="13900002222", consented="yes")
    r = c.post(f"/cases/{number}/complainants", data=form, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith("#joint")
    missing_consent = consumer.form(name="赵强", phone="13900003333")
    r = c.post(f"/cases/{number}/complainants", data=missing_consent, follow_redirects=False)
    assert "joint_error" in r.headers["location"]
    assert "共同投诉须经每位投诉人同意" in c.get(r.headers["location"]).text
    with sessions() as session:
        ids = session.execute(select(Complainant.id).order_by(Complainant.id)).scalars().all()
    form = consumer.form(representative=[str(ids[1])])
    r = c.post(f"/cases/{number}/representatives", data=form, follow_redirects=False)
    assert r.status_code == 303
    page = c.get(f"/cases/{number}").text
    assert "王芳" in page and "代表人" in page
    english = c.get(f"/cases/{number}?lang=en").text
    assert "Joint complaint" in english and "Representative" in english


def test_joint_complaint_from_the_cli(
    consumer: User, cli_env: dict[str, str], sessions: sessionmaker[Session]
) -> None:
    number = _file(consumer.client)
    runner = CliRunner()
    r = runner.invoke(cli, ["cases", "join", number, "--name", "王芳", "--phone", "13900002222"])
    assert r.exit_code == 2 and "共同投诉须经每位投诉人同意" in r.stderr
    r = runner.invoke(
        cli,
        ["cases", "join", number, "--name", "王芳", "--phone", "13900002222", "--consented"],
    )
    assert r.exit_code == 0, r.output
    assert "王芳" in r.stdout
    ids = [line.split()[0] for line in r.stdout.strip().splitlines()]
    r = runner.invoke(cli, ["cases", "representatives", number, *ids, ids[0]])
    assert r.exit_code == 0, r.output  # the same id twice is one person
    r = runner.invoke(cli, ["cases", "representatives", number, "999999"])
    assert r.exit_code == 2 and "请从本案的投诉人中推选代表人" in r.stderr
    with sessions() as session:
        case = session.execute(select(Case).where(Case.number == number)).scalar_one()
        kinds = (
            session.execute(select(CaseEvent.kind).where(CaseEvent.case_id == case.id))
            .scalars()
            .all()
        )
    assert "representatives_chosen" in kinds
