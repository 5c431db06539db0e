"""Typed settings, read from WEIQUAN_* environment variables."""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# The value a fresh checkout runs with; refused anywhere but development.
DEV_SECRET_KEY = "dev-insecure-secret-key-change-me"

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
    secret_key: str = DEV_SECRET_KEY
    default_language: Language = "zh_CN"
    page_size: int = Field(default=20, ge=1, le=100)
    # How long a merchant has to answer a demand: the platform's or the parties' policy; the
    # default is the 10 working days SAMR asks of ODR enterprises.
    merchant_answer_working_days: int = Field(default=10, ge=1, le=60)
    # Evidence vault (weiquan.evidence): limits, where blobs live, signing and timestamping.
    evidence_max_bytes: int = Field(default=4 * 1024**3, ge=1)
    evidence_max_image_pixels: int = Field(default=100_000_000, ge=1)
    # What one case may hold in all: without a quota one account could fill the disk through
    # one case, file after file under evidence_max_bytes. A real case has tens of items.
    evidence_case_max_items: int = Field(default=500, ge=1)
    evidence_case_max_bytes: int = Field(default=20 * 1024**3, ge=1)
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
    webhook_allow_private: bool = False
    # Reverse proxies whose X-Forwarded-For is believed (addresses or CIDRs, comma-separated).
    # Empty: the header is never trusted, since any client can send one and so pose as another
    # address (to dodge rate limits, or to put a stranger's address in the custody log).
    trusted_proxies: str = ""
    worker_interval_seconds: int = Field(default=15, ge=1)
    # FastAPI's own OpenTelemetry spans, metrics and logs, for the providers the process sets up
    # (opentelemetry-instrument, say). Off, FastAPI skips its look for them on every request.
    telemetry: bool = False
    # The largest request body, but for evidence uploads (they stream, each file held to
    # evidence_max_bytes): a bigger one is refused with 413 as it crosses the limit, before it
    # fills memory. The largest complaint is under 100 KB.
    request_max_bytes: int = Field(default=1024 * 1024, ge=1024)

    @field_validator("trusted_proxies")
    @classmethod
    def _check_proxies(cls, value: str) -> str:
        proxy_networks(value)  # a typo must stop the start, not silently trust nothing
        return value

    @model_validator(mode="after")
    def _refuse_default_secret(self) -> Settings:
        # A default secret outside development would let anyone forge sessions.
        if self.environment != "development" and self.secret_key == DEV_SECRET_KEY:
            raise ValueError(
                "WEIQUAN_SECRET_KEY must be set to a private value outside development"
            )
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
