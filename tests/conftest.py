"""Fixtures: every database test runs on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import settings as hypothesis_settings
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from tests.pg import PostgresServer
from weiquan import db, instance
from weiquan.accounts import credential_flows, security
from weiquan.accounts import service as accounts
from weiquan.accounts.credentials import Limits
from weiquan.accounts.models import Agency
from weiquan.app import create_app
from weiquan.common import i18n
from weiquan.config import Settings, get_settings
from weiquan.db import utcnow

# Speed is measured in benchmarks, not in tests: hypothesis's per-example deadline (200 ms) is a
# timed test that fails on a loaded machine (a CI run beside other work), so it is off.
hypothesis_settings.register_profile("weiquan", deadline=None)
hypothesis_settings.load_profile("weiquan")

os.environ.setdefault("WEIQUAN_ENVIRONMENT", "test")
os.environ.setdefault("WEIQUAN_SECRET_KEY", "test-secret-key-not-for-production")
_names = itertools.count(1)

# argon2's production cost (64 MiB, three passes, four lanes) guards stored hashes against
# offline guessing; no test measures it, and at that cost every test account and sign-in spends
# up to a second of the two cores. The hashes stay argon2id, salted and verified the same way.
security._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
security.DUMMY_HASH = security.hash_password("not-a-real-password")
PASSWORD = "test-password-123"
CSRF = "test-csrf-token"


# The longest runners, longest first, ahead of the rest: workers take tests in collection order,
# and one of these drawn last would keep its worker busy long after the others ran out of work.
LONG_RUNNERS = (
    "tests/documents/test_every_document.py",
    "tests/security/test_policy_matrix.py",
    "tests/merchants/test_privacy_scan.py",
    "tests/evidence/test_crash.py",
    "tests/test_lint.py",
    "tests/law/test_properties.py",
    "tests/law/test_caches.py",
    "tests/test_serving.py",
    "tests/test_api_fuzz.py",
    "tests/browser/",
    "tests/notifications/test_webhooks.py",
)


def _start_rank(item: pytest.Item) -> int:
    for rank, prefix in enumerate(LONG_RUNNERS):
        if item.nodeid.startswith(prefix):
            return rank
    return len(LONG_RUNNERS)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=_start_rank)  # a stable sort: the order within a rank is kept


@pytest.fixture(autouse=True)
def _default_language() -> None:
    """Each test starts in the default language: a command run in process (`--lang en`) sets
    the language of the process it runs in, which on an xdist worker is every later test's."""
    i18n.current_language.set(i18n.DEFAULT)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    server = PostgresServer()
    server.start()
    try:
        server.admin("CREATE DATABASE weiquan_template")
        db.upgrade(server.url("weiquan_template"))
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sqlite") / "template.sqlite3"
    db.upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A freshly migrated, empty database of each kind."""
    with fresh_database(request, request.param, tmp_path / "weiquan.sqlite3") as url:
        yield url


@contextmanager
def fresh_database(request: pytest.FixtureRequest, kind: str, sqlite_path: Path) -> Iterator[str]:
    """A migrated, empty database of kind (sqlite at sqlite_path), dropped afterwards."""
    if kind == "sqlite":
        shutil.copy(request.getfixturevalue("sqlite_template"), sqlite_path)
        yield f"sqlite:///{sqlite_path}"
        return
    server: PostgresServer = request.getfixturevalue("postgres")
    name = f"test_{os.getpid()}_{next(_names)}"
    server.admin(f"CREATE DATABASE {name} TEMPLATE weiquan_template")
    try:
        yield server.url(name)
    finally:
        server.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return Settings(
        environment="test",
        secret_key="test-secret-key-not-for-production",
        database_url=db_url,
        data_dir=tmp_path,
    )


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = db.make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def sessions(engine: Engine) -> sessionmaker[Session]:
    return db.make_sessionmaker(engine)


@pytest.fixture
def app(settings: Settings, engine: Engine) -> FastAPI:
    return create_app(settings, engine=engine)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    """An anonymous visitor (some test folders override it with a signed-in consumer)."""
    with TestClient(app) as c:
        yield c


@pytest.fixture
def anon(app: FastAPI) -> Iterator[TestClient]:
    """Always an anonymous visitor."""
    with TestClient(app) as c:
        yield c


@dataclass
class User:
    """A signed-in test user: `client` carries both an API token and a page session."""

    id: int
    email: str
    role: str
    token: str
    client: TestClient
    csrf: str = CSRF

    def form(self, **fields: object) -> dict[str, object]:
        """Page form fields plus this session's CSRF token."""
        return {"csrf_token": self.csrf, **fields}


@pytest.fixture
def make_user(
    app: FastAPI, sessions: sessionmaker[Session], settings: Settings
) -> Iterator[Callable[..., User]]:
    """make_user("consumer") -> a new account of that role, signed in (API and pages)."""
    opened: list[TestClient] = []

    def make(
        role: str = "consumer",
        *,
        email: str | None = None,
        name: str | None = None,
        agency: str | None = None,
        language: str = "zh_CN",
    ) -> User:
        email = email or f"{role}{next(_names)}@test.weiquan"
        with sessions() as session, session.begin():
            org = accounts.get_agency(session=session, name=agency) if agency else None
            account = accounts.create(
                session=session,
                email=email,
                display_name=name or email.split("@")[0],
                password=PASSWORD,
                role=role,
                agency=org,
                language=language,
            )
            expires_at = utcnow() + Limits.of(settings).token
            token = accounts.create_token(
                session=session, account=account, name="test", expires_at=expires_at
            )
            account_id = account.id
        c = TestClient(app, headers={"Authorization": f"Bearer {token}"})
        c.__enter__()
        opened.append(c)
        c.cookies.set(security.SESSION_COOKIE, session_cookie(settings, sessions, account_id))
        return User(account_id, email, role, token, c)

    yield make
    for c in opened:
        c.__exit__(None, None, None)


def session_cookie(
    settings: Settings, sessions: sessionmaker[Session], account_id: int, csrf: str = CSRF
) -> str:
    """The signed cookie of a new server-side session of account, begun as the sign-in
    begins one, whose CSRF token is csrf."""
    with sessions() as session:
        session_id = credential_flows.start(
            session=session,
            account_id=account_id,
            limits=Limits.of(settings),
            user_agent="testclient",
            ip="testclient",
        )
    secret = instance.secret_key(settings).value
    return security.dump_session(secret, {"sid": session_id, "csrf": csrf})


@pytest.fixture
def make_agency(sessions: sessionmaker[Session]) -> Callable[..., int]:
    def make(name: str, kind: str = "market_regulator", **extra: object) -> int:
        with sessions() as session, session.begin():
            agency = Agency(name=name, kind=kind, **extra)
            session.add(agency)
            session.flush()
            return agency.id

    return make


@pytest.fixture
def cli_env(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[dict[str, str]]:
    """Environment for CLI runs against the test database."""
    env = {"WEIQUAN_DATABASE_URL": db_url, "WEIQUAN_DATA_DIR": str(tmp_path)}
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    yield env
    get_settings.cache_clear()
