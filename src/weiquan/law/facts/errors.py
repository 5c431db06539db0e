"""Every problem of a document in both languages, with its path (the CLI and the API show them)."""

from __future__ import annotations

from typing import Any

from pydantic import (
    ValidationError,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

# Chinese for pydantic's own error types; custom errors carry their own zh/en already.
_ZH = {
    "missing": "缺少必填项",
    "enum": "不是允许的取值（允许：{expected}）",
    "literal_error": "不是允许的取值（允许：{expected}）",
    "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false",
    "list_type": "应为数组",
    "too_short": "至少需要 {min_length} 项",
    "string_type": "应为字符串",
    "model_type": "应为对象",
    "model_attributes_type": "应为对象",
    "dict_type": "应为对象",
}


def _bilingual(err: Any) -> InitErrorDetails:
    ctx = dict(err.get("ctx") or {})
    en = err["msg"]
    if err["type"] == "enum" and "expected" in ctx:
        # Say which value was wrong, not only which ones would have been right.
        got = err.get("input")
        en = f"unknown value {got!r}; expected one of {ctx['expected']}"
        ctx["zh"] = f"未知的取值 {got!r}（应为：{ctx['expected']}）"
    if "zh" not in ctx:
        zh = _ZH.get(err["type"], "无效的值：{msg}")
        fmt = {k: str(v) for k, v in ctx.items()}
        fmt["msg"] = en
        try:
            ctx["zh"] = zh.format(**fmt)
        except (KeyError, IndexError):
            ctx["zh"] = zh
    ctx.setdefault("en", en)
    ctx = {k: v if isinstance(v, str | int | float) else str(v) for k, v in ctx.items()}
    # The message is already formatted; escape braces so it is not formatted a second time.
    template = en.replace("{", "{{").replace("}", "}}")
    return {
        "type": PydanticCustomError(err["type"], template, ctx),
        "loc": tuple(err["loc"]),
        "input": err.get("input"),
    }


def error_list(e: ValidationError) -> list[dict[str, Any]]:
    """Every problem of an invalid document: path, type and message in both languages."""
    out = []
    for err in e.errors(include_url=False):
        ctx = err.get("ctx") or {}
        path = ".".join(str(p) for p in err["loc"])
        out.append(
            {
                "path": path or "(document)",
                "type": err["type"],
                "en": str(ctx.get("en", err["msg"])),
                "zh": str(ctx.get("zh", err["msg"])),
            }
        )
    return out
