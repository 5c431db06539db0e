"""The document as plain text."""

from __future__ import annotations

from weiquan.documents.document import Document


def to_text(doc: Document) -> str:
    """Plain text, for pasting into an online complaint form."""
    out: list[str] = []
    for b in doc.blocks:
        if b.kind == "title":
            out += [b.text, ""]
        elif b.kind in ("heading", "subheading"):
            out += ["", b.text]
        elif b.kind == "para":
            out.append(b.text)
        elif b.kind == "item":
            mark = f"{b.number}. " if b.style == "ol" else "- "
            out.append(mark + b.text.replace("\n", "\n   "))
        elif b.kind == "table":
            out += [" | ".join(t.replace("\n", " ") for t, _ in row) for row in b.rows]
    return "\n".join(out).strip() + "\n"
