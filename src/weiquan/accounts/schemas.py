"""Accounts on the wire."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from weiquan.accounts.models import Role
from weiquan.accounts.passwords import MAX_PASSWORD, check_new_password
from weiquan.common.i18n import N_
from weiquan.common.identifiers import CASE_KINDS, Kind
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
    password: Annotated[str, Field(max_length=MAX_PASSWORD)]
    role: Role = Role.consumer
    phone: Annotated[OptionalText, MaxLen(32)] = None

    _check_email = field_validator("email")(_email)

    @field_validator("password")
    @classmethod
    def _strong_enough(cls, value: str, info: ValidationInfo) -> str:
        # email and display_name come first, so they are known here (when they were valid).
        problem = check_new_password(
            value, email=info.data.get("email", ""), name=info.data.get("display_name", "")
        )
        if problem:
            raise PydanticCustomError("password_policy", problem)
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

    kind: Kind
    value: Annotated[Text, Field(min_length=1, max_length=500)]
    platform: Annotated[
        OptionalText,
        MaxLen(100),
        Field(description="the platform of a shop or live room (淘宝, 抖音...); asked for them"),
    ] = None

    @field_validator("kind")
    @classmethod
    def _case_kind(cls, value: Kind) -> Kind:
        # A claim names an identifier the way cases do; the registry's own kinds are not claims.
        if value not in CASE_KINDS:
            raise PydanticCustomError("enum", N_("Choose one of the listed options."))
        return value


class CodeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # Room for a code typed with spaces or dashes; its shape is checked when it is tried.
    code: Annotated[str, Field(min_length=1, max_length=64)]


class RejectIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Annotated[
        Text, Field(min_length=1, max_length=1000, description="shown to the merchant")
    ]


class ClaimPublic(BaseModel):
    id: int
    kind: str
    value: str
    platform: str | None
    status: str
    verified_at: datetime | None
    reason: str | None = Field(None, description="why staff rejected the claim")


class ClaimForStaff(ClaimPublic):
    """A claim waiting for a decision, with the account behind it, for staff to check."""

    account_id: int
    account_name: str
    account_email: str | None = Field(description="none for an account made with a phone")
    account_phone: str | None
    created_at: datetime


class AccountPublic(BaseModel):
    id: int
    email: str | None = Field(description="none for an account that signs in by SMS code")
    # The proved mobile number this account signs in with (its own, so unmasked).
    phone: str | None = None
    display_name: str
    role: str
    agency: str | None
    language: str
    claims: list[ClaimPublic] = []


class Notice(BaseModel):
    """An answer that says what happens next and nothing more (it may not reveal an account)."""

    message: str


class EmailIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: Annotated[str, Field(max_length=254)]

    _check_email = field_validator("email")(_email)


class TokenIn(BaseModel):
    """The token of a link sent by email."""

    model_config = ConfigDict(extra="forbid")

    token: Annotated[str, Field(min_length=1, max_length=100)]


class NewPassword(TokenIn):
    """A new password, with the token of the reset link (the policy is checked by the flow:
    it needs the account's email and name)."""

    password: Annotated[str, Field(max_length=MAX_PASSWORD)]
