"""Write the policy table (weiquan.policy) into docs/security.md, between its markers."""

from __future__ import annotations

from pathlib import Path

from weiquan.policy import doc

DOC = Path(__file__).resolve().parent.parent / "docs" / "security.md"


def main() -> None:
    text = DOC.read_text(encoding="utf-8")
    head, _, rest = text.partition(doc.BEGIN)
    _, _, tail = rest.partition(doc.END)
    DOC.write_text(head + doc.markdown() + tail, encoding="utf-8")


if __name__ == "__main__":
    main()
