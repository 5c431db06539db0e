"""A compact way for an instrument module to declare (and register) its provisions."""

from __future__ import annotations

from datetime import date

from ..provision import Provision, Text, Verification, register

__all__ = ["Instrument", "declared_instruments"]

_DECLARED: dict[str, Instrument] = {}


def declared_instruments() -> dict[str, Instrument]:
    """Every instrument declared so far, by abbreviation."""
    return dict(_DECLARED)


class Instrument:
    """Declares provisions of one instrument version; defaults shared by its articles.

    Each instrument (version) is declared once, in its module under `provisions/`; the modules
    that apply its articles import it from there. A second declaration is an error.
    """

    def __init__(
        self,
        abbreviation: str,
        valid_from: date,
        valid_to: date | None = None,
        verification: Verification = "text",
    ) -> None:
        self.abbreviation = abbreviation
        self.valid_from = valid_from
        self.valid_to = valid_to
        self.verification: Verification = verification
        if abbreviation in _DECLARED:
            raise ValueError(f"instrument {abbreviation} declared twice")
        _DECLARED[abbreviation] = self

    def __call__(
        self,
        id: str,
        article: str,
        paragraph: str | None,
        zh: str,
        en: str,
        *,
        item: str | None = None,
        exception_to: tuple[str, ...] = (),
        verification: Verification | None = None,
        valid_from: date | None = None,
        valid_to: date | None = None,
    ) -> Provision:
        return register(
            Provision(
                id=id,
                instrument=self.abbreviation,
                article=article,
                paragraph=paragraph,
                item=item,
                valid_from=valid_from or self.valid_from,
                valid_to=valid_to if valid_to is not None else self.valid_to,
                summary=Text(zh=zh, en=en),
                verification=verification or self.verification,
                exception_to=exception_to,
            )
        )
