"""A bounded cache for results keyed on the few facts they depend on.

`functools.lru_cache` needs the key to be the whole argument list; the engine's caches are
keyed on part of the facts and computed from all of them, hence this small map. Least recently
used entries go first. Threads (the API serves from a pool) may share it: every operation is
a single dict call, and a lost race costs only a recomputation.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from contextlib import suppress
from typing import Generic, TypeVar

__all__ = ["Bounded"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


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
