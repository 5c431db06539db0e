"""Money is integer fen everywhere; the law engine owns the exact conversion."""

from weiquan.law.money import format_fen, parse_yuan

__all__ = ["format_fen", "parse_yuan"]
