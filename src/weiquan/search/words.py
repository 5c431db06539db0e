"""Text cut into the words a search matches: NFKC, lower case, jieba's search mode.

jieba is imported and its dictionary loaded on the first cut, not when the app or the command
line starts: the import takes about 0.3 s and the dictionary (350,000 words) about 0.6 s more,
which a command that never searches (tests/test_cli_startup.py) should not pay. The
dictionary is built from the copy inside the jieba package each time a process first cuts,
never from jieba's cache file in the shared temporary directory, which any local user could
have written (and which saved nothing measurable on this dictionary).
"""

from __future__ import annotations

import threading
import unicodedata
import warnings
from collections.abc import Iterable
from typing import Any

_lock = threading.Lock()
_tokenizer: Any = None


def _cutter() -> Any:
    """jieba's tokenizer with its dictionary loaded, once per process."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                # Lazily, for start-up time only (see the module's docstring): not a cycle.
                # Its modules, written for older Pythons, warn of their regular expressions'
                # escapes when first compiled.
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", DeprecationWarning)
                    warnings.simplefilter("ignore", SyntaxWarning)
                    import jieba

                tokenizer = jieba.Tokenizer()
                tokenizer.FREQ, tokenizer.total = tokenizer.gen_pfdict(tokenizer.get_dict_file())
                tokenizer.initialized = True
                _tokenizer = tokenizer
    return _tokenizer


def _is_word(token: str) -> bool:
    """A token with a letter or a digit in it; punctuation, symbols and spaces are no word."""
    return any(unicodedata.category(ch)[0] in "LN" for ch in token)


def tokens(text: str) -> list[str]:
    """The words of text in order, as jieba's search mode cuts them (a long word is followed
    by the shorter dictionary words inside it: 中华人民共和国 also gives 中华, 人民, 共和国)."""
    normal = unicodedata.normalize("NFKC", text).lower()
    return [t for t in _cutter().cut_for_search(normal) if _is_word(t) and not t.isspace()]


def words(text: str) -> str:
    """The words of text joined by spaces: what is stored and indexed."""
    return " ".join(tokens(text))


def query_terms(text: str) -> list[str]:
    """The words a query needs, each once: its tokens, less a word that the shorter words of
    the query spell out whole (苹果手机 needs 苹果 and 手机). A text cut into 苹果 的 手机, or a
    dictionary that keeps 苹果手机 as one word (then also cut into 苹果 and 手机 by the search
    mode), is found by either form of the query."""
    found = list(dict.fromkeys(tokens(text)))
    return [t for t in found if not _spelled_by(t, [o for o in found if o != t and o in t])]


def _spelled_by(word: str, parts: Iterable[str]) -> bool:
    """Whether word is a concatenation of some of parts (each used any number of times)."""
    pieces = [p for p in parts if p]
    if not pieces:
        return False
    reachable = [True] + [False] * len(word)
    for end in range(1, len(word) + 1):
        reachable[end] = any(
            reachable[end - len(p)] and word.endswith(p, 0, end) for p in pieces if len(p) <= end
        )
    return reachable[-1]
