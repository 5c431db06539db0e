"""Near-duplicate complaint texts: jieba word shingles, MinHash signatures, LSH buckets.

Templated claims change little between copies (the goods, a date, an amount), so numbers are
folded to one token and the texts compared as sets of word pairs. jieba's dictionary ships in
its package; it is loaded once, lazily, and never downloaded.
"""

from __future__ import annotations

import logging
import os
import re
import warnings
import zlib
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import pairwise
from multiprocessing import get_context
from typing import Any

import numpy as np

NUM_PERM = 64
THRESHOLD = 0.6  # estimated Jaccard similarity of word-pair sets
SEED = 20260
_CLAUSES = re.compile(r"[。！？；，、：,.!?;:\s“”\"'()（）]+")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@lru_cache(maxsize=1)
def _jieba() -> Any:
    with warnings.catch_warnings():  # jieba 0.42's regexes predate Python 3.12's warnings
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", SyntaxWarning)
        import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


@lru_cache(maxsize=200_000)
def _clause_shingles(clause: str) -> tuple[int, ...]:
    # Complaints repeat whole clauses ("商家拒绝退款"), and templated claims repeat all of
    # them: each distinct clause is segmented and hashed once.
    w = [x for x in _jieba().lcut(clause, HMM=False) if x.strip()]
    grams = [a + "\x1f" + b for a, b in pairwise(w)] or w
    return tuple(zlib.crc32(g.encode()) for g in grams)


def shingles(text: str) -> list[int]:
    """32-bit hashes of the text's word pairs, clause by clause (numbers folded to 0)."""
    out: set[int] = set()
    for clause in _CLAUSES.split(_NUMBER.sub("0", text.lower())):
        if clause:
            out.update(_clause_shingles(clause))
    return list(out)


@lru_cache(maxsize=1)
def _hasher() -> Any:
    from datasketch import MinHash

    # Shingles are hashed already (crc32), so the hash function is the identity.
    return MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int)


def signature(text: str) -> np.ndarray:
    """The MinHash signature of one text (NUM_PERM unsigned integers)."""
    m = _hasher().copy()  # the permutations are computed once, not per text
    grams = shingles(text)
    if grams:
        m.update_batch(grams)
    return np.asarray(m.hashvalues)


def _signatures(texts: Sequence[str]) -> np.ndarray:
    out = np.empty((len(texts), NUM_PERM), dtype=_hasher().hashvalues.dtype)
    for i, text in enumerate(texts):
        out[i] = signature(text)
    return out


def signatures(texts: Sequence[str], workers: int | None = None, chunk: int = 4000) -> np.ndarray:
    """Signatures of many texts, on every core (jieba and MinHash are pure Python)."""
    workers = workers or os.cpu_count() or 1
    if workers <= 1 or len(texts) < 2 * chunk:
        return _signatures(texts)
    _jieba()  # loaded before the fork, shared by the workers
    parts = [texts[i : i + chunk] for i in range(0, len(texts), chunk)]
    with get_context("fork").Pool(workers) as pool:
        return np.concatenate(pool.map(_signatures, parts, chunksize=1))


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


def bands(threshold: float = THRESHOLD) -> tuple[int, int]:
    """(bands, rows per band): datasketch's choice for this threshold and signature size."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def clusters(sigs: np.ndarray, threshold: float = THRESHOLD) -> list[list[int]]:
    """Groups (of row numbers, two or more) of near-duplicate texts: MinHash LSH banding.

    The banding is datasketch's (same bands and rows), done on the whole signature matrix at
    once: its index inserts one key at a time in Python, which is minutes for a million texts.
    Within a bucket every member joins the bucket's first one if their estimated similarity
    passes, so the work stays linear however common a template is; the groups are the
    connected components of those joins.
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    b, r = bands(threshold)
    n = len(sigs)
    if n < 2:
        return []
    mixer = np.array([0x9E3779B1 * (2 * i + 1) for i in range(r)], dtype=np.uint64)
    position = np.arange(n)
    firsts, others = [], []
    for band in range(b):
        part = sigs[:, band * r : (band + 1) * r].astype(np.uint64)
        keys = (part * mixer).sum(axis=1, dtype=np.uint64)  # one 64-bit key per band slice
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
        sizes = np.diff(np.r_[starts, n])
        start_of = np.repeat(starts, sizes)  # each sorted position's bucket start
        joins = np.repeat(sizes > 1, sizes) & (position != start_of)
        a, c = order[start_of[joins]], order[joins]
        # Same key, same band (up to a 2^-64 collision): check the whole signature.
        close = (sigs[a] == sigs[c]).mean(axis=1) >= threshold
        firsts.append(a[close])
        others.append(c[close])
    a, c = np.concatenate(firsts), np.concatenate(others)
    graph = coo_matrix((np.ones(len(a), dtype=np.int8), (a, c)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    order = np.argsort(labels, kind="stable")
    bounds = np.flatnonzero(np.r_[True, labels[order][1:] != labels[order][:-1], True])
    return [order[lo:hi].tolist() for lo, hi in pairwise(bounds.tolist()) if hi - lo > 1]


def pairs_within(
    items: Iterable[tuple[int, np.ndarray]], threshold: float = THRESHOLD
) -> list[tuple[int, int, float]]:
    """Every near-duplicate pair among a few texts (one claimant's), with its similarity."""
    listed = list(items)
    out = []
    for i, (a, sa) in enumerate(listed):
        for b, sb in listed[i + 1 :]:
            s = similarity(sa, sb)
            if s >= threshold:
                out.append((a, b, s))
    return out
