"""Text cut into the words a search matches: NFKC, lower case, jieba's search mode.

jieba is imported and its dictionary loaded on the first cut, not when the app or the command
line starts: the import takes about 0.3 s and the dictionary (350,000 words) about 0.6 s more,
which a command that never searches (tests/test_cli_startup.py) should not pay. The
dictionary is built from the copy inside the jieba package each time a process first cuts,
never from jieba's cache file in the shared temporary directory, which any local user could
have written (and which saved nothing measurable on this dictionary).
"""

from __future__ import annotations

import re
import threading
import unicodedata
import warnings
from collections.abc import Callable, Iterable
from typing import Any

_lock = threading.Lock()
# What jieba cuts as one run (its re_han_default): Chinese, Latin letters, digits and +#&._%-.
_RUN = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&._%\\-]+)")
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


def tokens(text: str, *, cut: Callable[[str], list[str]] | None = None) -> list[str]:
    """The words of text in order, as jieba's search mode cuts them (a long word is followed
    by the shorter dictionary words inside it: 中华人民共和国 also gives 中华, 人民, 共和国).

    jieba cuts each run of Chinese, Latin letters and digits on its own (its re_han), and
    spells everything between them out character by character: so does this, which lets a
    caller cut runs through a cache of its own (cut: cut_run with a cache around it)."""
    normal = unicodedata.normalize("NFKC", text).lower()
    cut = cut or cut_run
    out: list[str] = []
    for part in _RUN.split(normal):
        if not part:
            continue
        if _RUN.fullmatch(part):
            out.extend(cut(part))
        else:
            out.extend(ch for ch in part if _is_word(ch))
    return out


def cut_run(run: str) -> list[str]:
    """The words of one run of _RUN, jieba's search mode."""
    return [t for t in _cutter().cut_for_search(run) if _is_word(t)]


def words(text: str, *, cut: Callable[[str], list[str]] | None = None) -> str:
    """The words of text joined by spaces: what is stored and indexed."""
    return " ".join(tokens(text, cut=cut))


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
