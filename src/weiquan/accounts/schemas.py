"""Accounts on the wire."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from weiquan.accounts.models import IdentifierKind, Role
from weiquan.accounts.security import MIN_PASSWORD
from weiquan.common.i18n import N_
from weiquan.common.types import MaxLen, OptionalText, Text

EMAIL_SHAPE = N_("Enter an email address such as name@example.com.")


def _email(value: str) -> str:
    value = value.strip().lower()
    local, _, domain = value.partition("@")
    if not local or "." not in domain or " " in value:
        raise PydanticCustomError("email", EMAIL_SHAPE)
    return value


class Register(BaseModel):
    """Self-service sign-up: consumers and merchants; staff accounts are made by an admin."""

    model_config = ConfigDict(extra="forbid")

    email: Annotated[str, Field(max_length=254)]
    display_name: Annotated[Text, Field(min_length=1, max_length=100)]
    password: Annotated[str, Field(max_length=200)]
    role: Role = Role.consumer
    phone: Annotated[OptionalText, MaxLen(32)] = None

    _check_email = field_validator("email")(_email)

    @field_validator("password")
    @classmethod
    def _strong_enough(cls, value: str) -> str:
        if len(value) < MIN_PASSWORD:
            raise PydanticCustomError(
                "password_short", N_("Use a password of at least 8 characters.")
            )
        return value

    @field_validator("role")
    @classmethod
    def _self_service(cls, value: Role) -> Role:
        if value not in (Role.consumer, Role.merchant):
            raise PydanticCustomError(
                "role_staff", N_("Staff accounts are created by an administrator.")
            )
        return value


class SignIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: Annotated[str, Field(max_length=254)]
    password: Annotated[str, Field(max_length=200)]
    token_name: Annotated[str, Field(max_length=100)] = "api"


class TokenPublic(BaseModel):
    token: str
    name: str
    expires_at: datetime


class ClaimIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: IdentifierKind
    value: Annotated[Text, Field(min_length=1, max_length=500)]


class CodeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: Annotated[str, Field(min_length=4, max_length=12)]


class ClaimPublic(BaseModel):
    id: int
    kind: str
    value: str
    status: str
    verified_at: datetime | None


class AccountPublic(BaseModel):
    id: int
    email: str
    display_name: str
    role: str
    agency: str | None
    language: str
    claims: list[ClaimPublic] = []
