"""Typed settings, read from WEIQUAN_* environment variables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# The value a fresh checkout runs with; refused anywhere but development.
DEV_SECRET_KEY = "dev-insecure-secret-key-change-me"

Language = Literal["zh_CN", "en"]


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
