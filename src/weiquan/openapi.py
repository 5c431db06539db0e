"""What the API document says every operation may answer besides its success.

Every error the API gives has one shape (`ErrorPublic`): `detail`, a sentence in the caller's
language, or for 422 the list of fields to fix with `message` above it. Documenting them once,
here, for every router under /api keeps the document true for routes added later: a program
reading it knows each status it can get (the fuzzing test in the suite holds us to it).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class FieldErrorPublic(BaseModel):
    """One field to fix: where it is, and what is wrong, in the caller's language."""

    loc: list[str | int]
    field: str
    msg: str
    type: str


class ErrorPublic(BaseModel):
    """An error answer: a sentence, or (422) the fields to fix under a sentence."""

    detail: str | list[FieldErrorPublic]
    message: str | None = None


# Every operation may meet these: sign-in and roles, unknown ids, state, size, validation, limits.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorPublic, "description": reason}
    for code, reason in {
        400: "The request cannot be carried out as sent (the message says why).",
        401: "Sign in first: a bearer token (or a page session with its CSRF header).",
        403: "Signed in, but this account may not do this.",
        404: "Nothing here for this account: unknown, or not yours to see.",
        409: "The request conflicts with the present state (the message says which).",
        413: "The request body is larger than allowed.",
        415: "The body is not of a type this operation takes.",
        422: "Some fields need attention: the list says which and why.",
        429: "Too many attempts: wait for the seconds in Retry-After.",
    }.items()
}
