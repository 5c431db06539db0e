"""Every cache of the law engine, in one place: the rule modules only say what to keep.

- `cached(maxsize)`: a function's results by its whole argument list (functools.lru_cache);
  with `results=False` for constants built once (texts, steps), which `clear` keeps.
- `bounded(size)`: results keyed on part of the facts and computed from all of them (the
  engine's shapes, admissibility); `functools.lru_cache` needs the key to be the whole
  argument list, hence this small map. Least recently used entries go first. Threads (the API
  serves from a pool) may share it: every operation is a single dict call, and a lost race
  costs only a recomputation.
- `once`: a loader run once per process (the parameter files).
- `on_clear(fn)`: a cache kept by hand (the JSON fragments of `serialise`) joins `clear`; it is
  called after every cache of results is empty, so it can tell what outlives them.

`clear()` forgets every result (tests compare cached results with fresh ones; the bench
measures the cold path); constants stay.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from contextlib import suppress
from functools import _lru_cache_wrapper, cache, lru_cache
from typing import Generic, TypeVar

__all__ = ["Bounded", "bounded", "cached", "clear", "on_clear", "once"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
R = TypeVar("R")

_CLEARERS: list[Callable[[], None]] = []
_AFTER: list[Callable[[], None]] = []  # on_clear: run once the caches of results are empty


def cached(
    maxsize: int | None, *, results: bool = True
) -> Callable[[Callable[..., R]], _lru_cache_wrapper[R]]:
    """Keep up to `maxsize` (None: all) results of the function, by its arguments (hashable)."""

    def wrap(fn: Callable[..., R]) -> _lru_cache_wrapper[R]:
        kept = lru_cache(maxsize=maxsize)(fn)
        if results:
            _CLEARERS.append(kept.cache_clear)
        return kept

    return wrap


def once(fn: Callable[[], R]) -> Callable[[], R]:
    """Run a loader once per process and keep what it returns (never cleared)."""
    return cache(fn)


def on_clear(fn: Callable[[], None]) -> Callable[[], None]:
    """Have `clear` call `fn` too (for a cache a module keeps by hand), after it has emptied
    every cache of results, whatever the order of imports."""
    _AFTER.append(fn)
    return fn


def clear() -> None:
    """Forget every kept result; constants stay."""
    for fn in _CLEARERS:
        fn()
    for fn in _AFTER:
        fn()


def bounded(size: int) -> Bounded[K, V]:
    """A new Bounded map of results that `clear` empties."""
    made: Bounded[K, V] = Bounded(size)
    _CLEARERS.append(made.clear)
    return made


class Bounded(Generic[K, V]):
    """At most `size` entries; `get_or(key, make)` returns the cached value or makes it.

    Values must not be None (None reads as a miss)."""

    __slots__ = ("_data", "hits", "misses", "size")

    def __init__(self, size: int) -> None:
        if size < 1:
            raise ValueError("a cache needs room for at least one entry")
        self.size = size
        self._data: OrderedDict[K, V] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._data)

    def get_or(self, key: K, make: Callable[[], V]) -> V:
        data = self._data
        found = data.get(key)
        if found is not None:
            self.hits += 1
            with suppress(KeyError):  # evicted by another thread meanwhile
                data.move_to_end(key)
            return found
        self.misses += 1
        value = make()
        data[key] = value
        while len(data) > self.size:
            try:
                data.popitem(last=False)
            except KeyError:
                break
        return value

    def clear(self) -> None:
        self._data.clear()
        self.hits = self.misses = 0
