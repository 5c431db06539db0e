"""Merchant claim codes (issue 17, hole 2): long, random, short-lived, few tries, pending only."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from tests.accounts.helpers import claim, issue, row
from tests.conftest import User
from weiquan.accounts import flows, security
from weiquan.accounts.models import Account, ClaimStatus, MerchantClaim
from weiquan.cli import app
from weiquan.config import Settings
from weiquan.db import utcnow

PHONE = "13900001111"


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The claim's own count of tries is under test here: the limits per account and per
    address (tests/accounts/test_limits.py) are raised out of its way."""
    return settings.model_copy(
        update={"limit_account_failures": 10_000, "limit_address_attempts": 10_000}
    )


def verify(merchant: User, claim_id: int, code: str) -> tuple[int, str]:
    r = merchant.client.post(f"/api/me/claims/{claim_id}/verify", json={"code": code})
    return r.status_code, r.json().get("detail", r.json().get("status"))


def test_codes_are_long_random_and_forgiving_to_type() -> None:
    codes = {security.new_code(10) for _ in range(200)}
    assert len(codes) == 200
    assert all(len(c) == 10 and set(c) <= set(security.CODE_ALPHABET) for c in codes)
    assert len(security.CODE_ALPHABET) == 32 and not set("ILOU") & set(security.CODE_ALPHABET)
    assert security.typed_code(" abcde-fghjk ") == "ABCDEFGHJK"
    assert security.typed_code("0oIl1") == "00111"  # look-alikes read as Crockford says
    assert security.typed_code("ABC!") is None and security.typed_code("") is None
    assert security.show_code("ABCDEFGHJK") == "ABCDE-FGHJK"


def test_three_hundred_guesses_are_refused_after_five_and_void_the_code(
    make_user: Callable[..., User], sessions: sessionmaker[Session]
) -> None:
    merchant = make_user("merchant")
    c = claim(merchant, "phone", PHONE)
    code = issue(sessions, c["id"])
    answers = [verify(merchant, c["id"], f"WRONG{n:05d}") for n in range(300)]
    assert [s for s, _ in answers[:5]] == [400] * 5
    assert "还可再试 4 次" in answers[0][1]
    assert "错误次数过多" in answers[4][1]  # the fifth wrong try voids the code
    assert all(status == 400 and "请索取" in text for status, text in answers[5:])
    assert verify(merchant, c["id"], code)[0] == 400  # the right code comes too late
    voided = row(sessions, c["id"])
    assert voided.status == ClaimStatus.pending and voided.code_hash is None
    assert voided.code_attempts == 5
    # A new code starts again, and works.
    fresh = issue(sessions, c["id"])
    assert verify(merchant, c["id"], fresh) == (200, "verified")


def test_the_count_holds_when_the_row_is_read_before_another_try(
    make_user: Callable[..., User], sessions: sessionmaker[Session]
) -> None:
    # Two server processes share nothing but the database: the count lives on the row and
    # a try is counted by one UPDATE before the code is compared.
    merchant = make_user("merchant")
    c = claim(merchant, "phone", PHONE)
    code = issue(sessions, c["id"])
    with sessions() as session, session.begin():
        session.execute(
            update(MerchantClaim).where(MerchantClaim.id == c["id"]).values(code_attempts=4)
        )
    status, text = verify(merchant, c["id"], "WRONGWRONG")
    assert status == 400 and "错误次数过多" in text
    assert verify(merchant, c["id"], code)[0] == 400


def test_concurrent_guesses_get_five_comparisons_in_all(
    make_user: Callable[..., User], sessions: sessionmaker[Session]
) -> None:
    # Eight workers guessing at once, each with its own connection as separate server
    # processes would have: the database hands out the five tries, no more.
    merchant = make_user("merchant")
    c = claim(merchant, "phone", PHONE)
    issue(sessions, c["id"])
    with sessions() as session:
        account = session.get_one(Account, merchant.id)
        session.expunge(account)

    def guess(n: int) -> str:
        with sessions() as session:
            try:
                flows.verify_with_code(
                    session=session,
                    account=account,
                    claim_id=c["id"],
                    code=f"WRONG{n:05d}",
                    attempts=5,
                )
            except flows.AccountError as exc:
                return exc.code
        return "verified"

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(guess, range(40)))
    assert answers.count("wrong_code") == 4, answers
    assert set(answers) <= {"wrong_code", "void", "no_code"} and "verified" not in answers
    stored = row(sessions, c["id"])
    assert stored.code_attempts == 5 and stored.code_hash is None


def test_an_expired_code_fails(
    make_user: Callable[..., User], sessions: sessionmaker[Session]
) -> None:
    merchant = make_user("merchant")
    c = claim(merchant, "phone", PHONE)
    code = issue(sessions, c["id"])
    with sessions() as session, session.begin():
        session.execute(
            update(MerchantClaim)
            .where(MerchantClaim.id == c["id"])
            .values(code_expires_at=utcnow() - timedelta(seconds=1))
        )
    status, text = verify(merchant, c["id"], code)
    assert status == 400 and "已过期" in text
    assert row(sessions, c["id"]).code_hash is None


def test_the_code_is_typed_loosely_and_only_by_the_claimant(
    make_user: Callable[..., User], sessions: sessionmaker[Session]
) -> None:
    merchant = make_user("merchant")
    stranger = make_user("merchant")
    c = claim(merchant, "phone", PHONE)
    code = issue(sessions, c["id"])
    assert verify(stranger, c["id"], code)[0] == 404
    assert verify(merchant, c["id"], "!!!")[0] == 400  # not a code at all: not a try either
    assert row(sessions, c["id"]).code_attempts == 0
    page = merchant.client.post(
        f"/me/claims/{c['id']}/verify", data=merchant.form(code="WRONGWRONG")
    )
    assert "还可再试 4 次" in page.text and "WRONGWRONG" not in page.text
    forged = merchant.client.get("/me", params={"error": "probe-7f3a", "left": "99999"})
    assert forged.status_code == 200 and 'role="alert"' not in forged.text  # unknown: no message
    typed = " ".join(code.lower().replace("-", ""))  # "a b c d e ..." in small letters
    assert verify(merchant, c["id"], typed) == (200, "verified")
    stored = row(sessions, c["id"])
    assert stored.verified_by == "code" and stored.code_hash is None
    assert verify(merchant, c["id"], code)[0] == 409  # verified: nothing left to prove
    huge = merchant.client.post("/api/me/claims/99999999999999999999/verify", json={"code": "x"})
    assert huge.status_code == 422


def test_the_cli_issues_codes_for_pending_claims_only(
    make_user: Callable[..., User], sessions: sessionmaker[Session], cli_env: dict[str, str]
) -> None:
    merchant = make_user("merchant")
    c = claim(merchant, "phone", PHONE)
    result = CliRunner().invoke(app, ["accounts", "claim-code", str(c["id"])])
    assert result.exit_code == 0, result.output
    shown = result.stdout.strip()
    assert len(security.typed_code(shown) or "") == 10 and "-" in shown
    assert "15" in result.stderr
    stored = row(sessions, c["id"])
    assert stored.code_hash and shown.replace("-", "") not in stored.code_hash
    assert verify(merchant, c["id"], shown) == (200, "verified")
    again = CliRunner().invoke(app, ["accounts", "claim-code", str(c["id"])])
    assert again.exit_code == 2 and "已经通过验证" in again.stderr
