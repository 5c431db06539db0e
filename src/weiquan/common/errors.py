"""Validation errors as field-level messages in the user's language."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from weiquan.common.i18n import N_, current_language, gettext, pick

# Pydantic's own error types, in words a consumer understands.
MESSAGES: dict[str, str] = {
    "missing": N_("This field is required."),
    "string_type": N_("Enter text."),
    "string_too_short": N_("Enter at least {min_length} characters."),
    "string_too_long": N_("Enter at most {max_length} characters."),
    "string_pattern_mismatch": N_("This value is not in the expected format."),
    "int_type": N_("Enter a whole number."),
    "int_parsing": N_("Enter a whole number."),
    "int_from_float": N_("Enter a whole number."),
    "greater_than": N_("Enter a number greater than {gt}."),
    "greater_than_equal": N_("Enter a number of at least {ge}."),
    "less_than": N_("Enter a number less than {lt}."),
    "less_than_equal": N_("Enter a number of at most {le}."),
    "date_type": N_("Enter a date as YYYY-MM-DD."),
    "date_parsing": N_("Enter a date as YYYY-MM-DD."),
    "date_from_datetime_parsing": N_("Enter a date as YYYY-MM-DD."),
    "date_from_datetime_inexact": N_("Enter a date as YYYY-MM-DD."),
    "datetime_type": N_("Enter a date and time as YYYY-MM-DD HH:MM."),
    "datetime_parsing": N_("Enter a date and time as YYYY-MM-DD HH:MM."),
    "datetime_from_date_parsing": N_("Enter a date and time as YYYY-MM-DD HH:MM."),
    "enum": N_("Choose one of the listed options."),
    "literal_error": N_("Choose one of the listed options."),
    "list_type": N_("Enter a list."),
    "model_type": N_("Enter an object with the documented fields."),
    "dict_type": N_("Enter an object with the documented fields."),
    "model_attributes_type": N_("Enter an object with the documented fields."),
    "json_invalid": N_("The request body is not valid JSON."),
    "json_type": N_("The request body is not valid JSON."),
    "extra_forbidden": N_("This field is not known."),
    "bool_type": N_("Enter true or false."),
    "bool_parsing": N_("Enter true or false."),
    "decimal_parsing": N_("Enter an amount in yuan with at most two decimals, e.g. 2680.00."),
    "float_parsing": N_("Enter a number."),
    "float_type": N_("Enter a number."),
    "too_short": N_("Enter at least {min_length} items."),
    "too_long": N_("Too many items."),
    "set_type": N_("Enter a list."),
}
FALLBACK = N_("This value is not valid.")


def _location(loc: Sequence[Any]) -> list[str | int]:
    parts = list(loc)
    # FastAPI puts the source first ("body", "query"); users only know their field names.
    if parts and parts[0] in ("body", "query", "path", "form"):
        parts = parts[1:]
    return parts


def message(error: Mapping[str, Any], lang: str | None = None) -> str:
    """One Pydantic error as a sentence in lang."""
    lang = lang or current_language.get()
    ctx = error.get("ctx") or {}
    if "zh" in ctx and "en" in ctx:  # the law engine's custom errors carry both languages
        return pick({"zh": str(ctx["zh"]), "en": str(ctx["en"])}, lang)
    kind = error["type"]
    if kind in ("too_short", "too_long") and isinstance(error.get("input"), str):
        # A length on text whose type has a validator of its own (common.types.Text) comes
        # as the generic too_short/too_long, which counts items: for text they are characters.
        kind = f"string_{kind}"
    template = MESSAGES.get(kind)
    if template is None:
        # Our custom errors use their English sentence as the msgid.
        translated = gettext(error.get("msg", ""), lang)
        if translated != error.get("msg") or lang == "en":
            return translated
        template = FALLBACK
    try:
        return gettext(template, lang).format(**ctx)
    except (KeyError, IndexError, ValueError):
        return gettext(template, lang)


def field_errors(
    errors: Sequence[Mapping[str, Any]] | Sequence[Any], lang: str | None = None
) -> list[dict[str, Any]]:
    """Pydantic errors as [{loc, field, msg, type}] with messages in lang."""
    out = []
    for error in errors:
        loc = _location(error.get("loc", ()))
        out.append(
            {
                "loc": loc,
                "field": ".".join(str(p) for p in loc),
                "msg": message(error, lang),
                "type": error["type"],
            }
        )
    return out
