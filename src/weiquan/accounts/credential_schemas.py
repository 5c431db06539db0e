"""Sessions, tokens and password changes on the wire."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field


class TokenInfo(BaseModel):
    """An API token as its owner sees it (never the token itself)."""

    id: int
    name: str
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime
    current: bool = Field(description="the token making this request")


class SessionInfo(BaseModel):
    """A place where the account is signed in."""

    id: int
    created_at: datetime
    last_seen_at: datetime = Field(description="noted at most every 5 minutes")
    expires_at: datetime = Field(description="the absolute limit; unused, it ends sooner")
    browser: str
    ip: str
    current: bool = Field(description="the session making this request")


class PasswordChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    current_password: Annotated[str, Field(max_length=200)]
    new_password: Annotated[str, Field(max_length=200)]
    revoke_tokens: bool = Field(
        default=True,
        description="also revoke the account's API tokens (but the one making the request)",
    )


class PasswordChangedPublic(BaseModel):
    sessions_ended: int
    tokens_revoked: int


class SessionsEnded(BaseModel):
    sessions_ended: int
