"""Typed settings, read from WEIQUAN_* environment variables."""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Keys once published in weiquan's own source: anyone can sign cookies with them, so they are
# refused wherever they are configured (an old .env may still carry one).
PUBLISHED_SECRET_KEYS = frozenset({"dev-insecure-secret-key-change-me"})
# A configured key shorter than this is refused in production: it could be guessed offline
# from one signed cookie.
MIN_SECRET_KEY = 32

Language = Literal["zh_CN", "en"]
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def proxy_networks(value: str) -> tuple[Network, ...]:
    """WEIQUAN_TRUSTED_PROXIES as networks (a bare address is a /32 or /128); ValueError if bad."""
    return tuple(
        ipaddress.ip_network(part.strip(), strict=False)
        for part in value.split(",")
        if part.strip()
    )


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="WEIQUAN_", env_file=".env", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    data_dir: Path = Path("var")
    database_url: str | None = Field(
        default=None, description="SQLAlchemy URL; default an SQLite file under data_dir"
    )
    # Signs the session cookie. Unset, each instance generates one on first start and keeps it in
    # data_dir/secret-key (mode 0600): enough for one machine, whose processes all read that
    # file. Servers on several machines must share one configured key (weiquan.instance).
    secret_key: SecretStr | None = None
    default_language: Language = "zh_CN"
    page_size: int = Field(default=20, ge=1, le=100)
    # How long a merchant has to answer a demand: the platform's or the parties' policy; the
    # default is the 10 working days SAMR asks of ODR enterprises.
    merchant_answer_working_days: int = Field(default=10, ge=1, le=60)
    # A seller's reply link (weiquan.replies) works this many days after the demand was made,
    # and never past the case's end or the consumer's revoking it: a link in an old chat should
    # not open a case forever.
    reply_link_days: int = Field(default=180, ge=1, le=3650)
    # Evidence vault (weiquan.evidence): limits, where blobs live, signing and timestamping.
    evidence_max_bytes: int = Field(default=4 * 1024**3, ge=1)
    evidence_max_image_pixels: int = Field(default=100_000_000, ge=1)
    # What one case may hold in all: without a quota one account could fill the disk through
    # one case, file after file under evidence_max_bytes. A real case has tens of items.
    evidence_case_max_items: int = Field(default=500, ge=1)
    evidence_case_max_bytes: int = Field(default=20 * 1024**3, ge=1)
    # Reading screenshots on demand (POST /api/readings, the complaint form's "read", issue
    # 22): each picture costs seconds of a core, so a call is bounded before it is read (the
    # vault's own limits are for keeping files, not for reading them), and an account reads
    # so many calls an hour.
    reading_max_files: int = Field(default=10, ge=1, le=50)
    reading_max_bytes: int = Field(default=20 * 1024**2, ge=1024)
    reading_max_total_bytes: int = Field(default=60 * 1024**2, ge=1024)
    reading_per_account_hour: int = Field(default=60, ge=1)
    evidence_storage: Literal["local", "s3"] = "local"
    evidence_s3_bucket: str | None = None
    evidence_s3_prefix: str = "evidence/"
    evidence_s3_endpoint_url: str | None = None
    evidence_s3_region: str | None = None
    evidence_signing_key: Path | None = Field(
        default=None, description="Ed25519 key (PEM); default data_dir/evidence/signing-key.pem"
    )
    evidence_tsa_url: str | None = None
    evidence_tsa_ca: Path | None = None
    evidence_tsa_timeout: float = Field(default=10.0, gt=0)
    # Notifications (weiquan.notifications) and the worker. An empty SMTP host turns email off.
    smtp_host: str = ""
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_user: str = ""
    smtp_password: SecretStr = SecretStr("")
    smtp_starttls: bool = True
    mail_from: str = "weiquan <noreply@localhost>"
    public_url: str = Field(default="", description="how people reach weiquan, for email links")
    delivery_timeout_seconds: float = Field(default=10.0, gt=0, le=120)
    delivery_max_attempts: int = Field(default=8, ge=1, le=50)
    delivery_backoff_seconds: float = Field(default=30.0, ge=0)
    # Deliveries a worker claims at a time: fewer spread slow receivers over more workers.
    delivery_batch_size: int = Field(default=50, ge=1, le=1000)
    webhook_allow_private: bool = False
    # Reverse proxies whose X-Forwarded-For is believed (addresses or CIDRs, comma-separated).
    # Empty: the header is never trusted, since any client can send one and so pose as another
    # address (to dodge rate limits, or to put a stranger's address in the custody log).
    trusted_proxies: str = ""
    # onnxruntime threads of the OCR engine in each process (weiquan.reading.ocr): 1 keeps one
    # reading to one core, so a batch or several workers each use their own core; 0 lets
    # onnxruntime take every core (one reading at a time on an idle machine).
    reading_ocr_threads: int = Field(default=1, ge=0, le=64)
    worker_interval_seconds: int = Field(default=15, ge=1)
    # How long a worker's claim on a delivery or a job lasts unless renewed (every third of
    # it): how soon the work of a worker that died is taken up by another.
    worker_lease_seconds: int = Field(default=60, ge=3)
    # FastAPI's own OpenTelemetry spans, metrics and logs, for the providers the process sets up
    # (opentelemetry-instrument, say). Off, FastAPI skips its look for them on every request.
    telemetry: bool = False
    # The largest request body, but for evidence uploads (they stream, each file held to
    # evidence_max_bytes): a bigger one is refused with 413 as it crosses the limit, before it
    # fills memory. The largest complaint is under 100 KB.
    request_max_bytes: int = Field(default=1024 * 1024, ge=1024)
    # Limits on guessing (weiquan.accounts.limits), counted in the database so that they hold
    # across server processes: attempts per client address (sign-in, sign-up, claim codes,
    # password reset), failures per account or email. Each block lasts twice the one before, up
    # to the maximum. Tests and load runs raise them here.
    limit_address_attempts: int = Field(default=30, ge=1)
    limit_address_window_seconds: int = Field(default=60, ge=1)
    limit_account_failures: int = Field(default=5, ge=1)
    limit_account_window_seconds: int = Field(default=15 * 60, ge=1)
    limit_max_block_seconds: int = Field(default=24 * 3600, ge=1)
    # The public statistics (/statistics, /api/statistics) are the same for every visitor: they
    # are computed at most once in this many seconds per server process (0: every request).
    public_stats_cache_seconds: int = Field(default=300, ge=0, le=24 * 3600)
    # How long the links sent by email work: a password reset briefly (a stolen mailbox later
    # opens nothing), an email verification long enough to be read after a weekend.
    password_reset_minutes: int = Field(default=45, ge=5, le=24 * 60)
    email_verification_hours: int = Field(default=72, ge=1, le=30 * 24)

    # Sign-in sessions (weiquan.accounts.credentials). Sign-in is a password alone and the pages
    # show other people's names, phones and ID numbers (staff see many), so a session ends after
    # 2 hours unused (a complaint written slowly still fits, a desk left for the evening does
    # not) and a day after sign-in whatever happens (NIST SP 800-63B's limit for sessions that
    # reach personal data): a copied cookie works for a day at most. A session keeps the limits
    # it began with.
    session_idle_minutes: int = Field(default=120, ge=5, le=7 * 24 * 60)
    session_max_hours: int = Field(default=24, ge=1, le=90 * 24)
    # API tokens live for a program's deployment cycle, not forever: a token forgotten in a
    # script stops working after this many days (a new one is one POST /api/tokens away).
    token_lifetime_days: int = Field(default=90, ge=1, le=3650)

    @field_validator("secret_key", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        # WEIQUAN_SECRET_KEY= (empty) in a .env means "not set", never "sign with nothing".
        return None if isinstance(value, str) and not value.strip() else value

    # Merchant claim codes (accounts.security): symbols from a 32-letter alphabet (8 at least,
    # 40 bits), how long one stays good, and the wrong tries that void it (a new one must be
    # issued). Short-lived and few tries: the code is the only proof the merchant holds.
    claim_code_length: int = Field(default=10, ge=8, le=32)
    claim_code_minutes: int = Field(default=15, ge=1, le=24 * 60)
    claim_code_attempts: int = Field(default=5, ge=1, le=20)

    # SMS codes (accounts.phone_codes): consumers and merchants sign in with their phone. "log"
    # writes the code to the log (development); "aliyun" and "tencent" send it through Aliyun
    # SMS or Tencent Cloud SMS (accounts.sms), with the key, the approved sign name and the
    # template (whose one variable is the code) from the provider's console. The endpoint is
    # settable so that tests point it at their own fake server.
    sms_provider: Literal["log", "aliyun", "tencent"] = "log"
    sms_endpoint: str = Field(default="", description="empty: the provider's public endpoint")
    sms_access_key_id: str = ""
    sms_access_key_secret: SecretStr = SecretStr("")
    sms_sign_name: str = ""
    sms_template_code: str = ""
    sms_region: str = Field(default="", description="empty: cn-hangzhou or ap-guangzhou")
    # Tencent only: the SMS application (SdkAppId) the sign and template belong to.
    sms_app_id: str = ""
    sms_timeout_seconds: float = Field(default=10.0, gt=0, le=60)
    # A six-digit code is a chance in a million per try: it lives 5 minutes and 5 wrong tries
    # void it. Sends are limited per phone (a minute apart, a few an hour and a day: each SMS
    # costs money and pesters the phone's owner), per client address and in all per day (a
    # bill that cannot run away when someone loops over numbers).
    sms_code_minutes: int = Field(default=5, ge=1, le=30)
    sms_code_attempts: int = Field(default=5, ge=1, le=10)
    sms_per_phone_minute: int = Field(default=1, ge=1)
    sms_per_phone_hour: int = Field(default=5, ge=1)
    sms_per_phone_day: int = Field(default=10, ge=1)
    sms_per_address_hour: int = Field(default=20, ge=1)
    sms_per_day: int = Field(default=10_000, ge=1)
    # Carriers give a cancelled number to someone else after some months. An SMS code alone
    # then proves the phone, not the person: an account unused for this long is not opened by
    # its phone alone (its email and password still open it), so a number's next owner starts
    # a new account instead of inheriting the old one.
    sms_dormant_days: int = Field(default=90, ge=1, le=3650)

    @field_validator("trusted_proxies")
    @classmethod
    def _check_proxies(cls, value: str) -> str:
        proxy_networks(value)  # a typo must stop the start, not silently trust nothing
        return value

    @model_validator(mode="after")
    def _refuse_public_secret(self) -> Settings:
        # A key anyone can read, or guess from a signed cookie, would let anyone forge cookies.
        if self.secret_key is None:
            return self
        key = self.secret_key.get_secret_value()
        if key in PUBLISHED_SECRET_KEYS:
            raise ValueError(
                "WEIQUAN_SECRET_KEY is a value published in weiquan's source: remove it "
                "(a private key is then generated) or set your own"
            )
        if self.environment == "production" and len(key) < MIN_SECRET_KEY:
            raise ValueError(
                f"WEIQUAN_SECRET_KEY must be at least {MIN_SECRET_KEY} characters in production"
            )
        return self

    @model_validator(mode="after")
    def _refuse_sms_in_the_log(self) -> Settings:
        # In production a code written to the log reaches nobody (sign-in would be impossible)
        # and anyone reading the log could sign in as anyone: refuse to start.
        if self.environment != "production":
            return self
        if self.sms_provider == "log":
            raise ValueError(
                "WEIQUAN_SMS_PROVIDER is 'log' (codes written to the log) in production: "
                "set it to aliyun or tencent with its key"
            )
        needed = {
            "WEIQUAN_SMS_ACCESS_KEY_ID": self.sms_access_key_id,
            "WEIQUAN_SMS_ACCESS_KEY_SECRET": self.sms_access_key_secret.get_secret_value(),
            "WEIQUAN_SMS_SIGN_NAME": self.sms_sign_name,
            "WEIQUAN_SMS_TEMPLATE_CODE": self.sms_template_code,
        }
        if self.sms_provider == "tencent":
            needed["WEIQUAN_SMS_APP_ID"] = self.sms_app_id
        missing = [name for name, value in needed.items() if not value.strip()]
        if missing:
            raise ValueError(f"SMS through {self.sms_provider} needs {', '.join(missing)}")
        return self

    @property
    def sqlalchemy_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'weiquan.sqlite3').resolve()}"


@lru_cache
def get_settings() -> Settings:
    """Settings from the environment, read once per process."""
    return Settings()
