"""The assessment as JSON bytes, fast: what `weiquan assess` prints and the API returns.

The bytes are exactly those of `Assessment.model_dump_json(by_alias=True)` (a property test
holds them to it), produced by pydantic-core, but not all anew: most parts of an assessment are
frozen objects that the engine shares between assessments (cached sub-results and constants),
and their JSON is kept with them, keyed by identity, in a bounded cache. Only the parts made
for this assessment (the priced remedies, and the list around the shared parts) are serialised
each time. Identity is a sound key because the cache holds the object: while its entry lives,
no other object can have its id.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter
from pydantic_core import SchemaSerializer, from_json, to_json

from .admissibility import Admissibility
from .assessment import SCHEMA_ID, Assessment, LiableParty, Remedy
from .court import CompetentCourt, Court, CourtFee, InternetCourt, SmallClaims
from .deadlines import Deadline
from .exposure import SellerExposure
from .jurisdiction import Jurisdiction
from .memo import on_clear
from .notes import NOT_MODELLED_CODES
from .provision import Flag, MissingFact, Text

__all__ = ["FRAGMENT_CACHE_SIZE", "cache_clear", "dump_json"]

# Shared objects (and lists of them) whose JSON is kept: about 1.5 kB each with the objects
# they keep alive, so some 6 MB when full.
FRAGMENT_CACHE_SIZE = 4096

M = TypeVar("M", bound=BaseModel)

# id(object) -> (object, its JSON); tuple of the ids of a list's items -> (the items, their JSON).
# First in, first out once full (the working set of a service is far smaller).
_FRAGMENTS: dict[object, tuple[object, bytes]] = {}


def _keep(key: object, value: object, data: bytes) -> bytes:
    while len(_FRAGMENTS) >= FRAGMENT_CACHE_SIZE:
        # The oldest entry goes (dicts keep insertion order); another thread may get there first.
        try:
            del _FRAGMENTS[next(iter(_FRAGMENTS))]
        except (KeyError, RuntimeError, StopIteration):
            break
    _FRAGMENTS[key] = (value, data)
    return data


def _serialiser(model: type[M]) -> Callable[[M], bytes]:
    # The model's own serializer, called straight: TypeAdapter.dump_json gives the same bytes
    # through a Python wrapper that cost as much as the serialising of a small model.
    return model.__pydantic_serializer__.to_json


def _without_exclude_if(schema: Any) -> Any:
    if isinstance(schema, dict):
        return {
            k: _without_exclude_if(v) for k, v in schema.items() if k != "serialization_exclude_if"
        }
    if isinstance(schema, list):
        return [_without_exclude_if(v) for v in schema]
    return schema


def _none_excluded(model: type[M]) -> Callable[[M], bytes]:
    """pydantic-core's own exclude_none for a model whose every None is left out of the JSON
    (`exclude_if` on each optional field): the same bytes, without a Python call per field."""
    serializer = SchemaSerializer(_without_exclude_if(model.__pydantic_core_schema__))
    return partial(serializer.to_json, exclude_none=True)


_REMEDY = _none_excluded(Remedy)
_PARTY = _none_excluded(LiableParty)
_DEADLINE = _serialiser(Deadline)
_FLAG = _serialiser(Flag)
_MISSING = _serialiser(MissingFact)
_ADMISSIBILITY = _serialiser(Admissibility)
_EXPOSURE = _serialiser(SellerExposure)
_JURISDICTION = _serialiser(Jurisdiction)
_COURT = _none_excluded(Court)
_COMPETENT = _none_excluded(CompetentCourt)
_TEXT = _serialiser(Text)
_INTERNET = _none_excluded(InternetCourt)
_SMALL_CLAIMS = _none_excluded(SmallClaims)
_FEE = _none_excluded(CourtFee)
_STRINGS = TypeAdapter(list[str]).serializer.to_json
_NOT_MODELLED = _STRINGS(list(NOT_MODELLED_CODES))


def _shared(value: M, dump: Callable[[M], bytes]) -> bytes:
    """The JSON of a shared frozen object, kept with it (the entry keeps it alive)."""
    found = _FRAGMENTS.get(id(value))
    if found is not None:
        return found[1]
    return _keep(id(value), value, dump(value))


def _list(items: Sequence[M], dump: Callable[[M], bytes]) -> bytes:
    """The JSON of a list of shared objects; the same objects in the same order are kept as
    one entry (its items keep their ids alive)."""
    if not items:
        return b"[]"
    key = tuple(map(id, items))
    get = _FRAGMENTS.get
    found = get(key)
    if found is not None:
        return found[1]
    parts = []
    for x in items:  # `_shared` for each item, inline: a cold assessment has some thirty
        kept = get(id(x))
        parts.append(kept[1] if kept is not None else _keep(id(x), x, dump(x)))
    return _keep(key, tuple(items), b"[" + b",".join(parts) + b"]")


def _remedy(r: Remedy) -> bytes:
    # The engine makes a new object for each remedy with an amount and for every punitive
    # regime (they are priced per assessment); the others it shares.
    if r.amount is not None or r.kind == "punitive":
        return _REMEDY(r)
    return _shared(r, _REMEDY)


# The court's places part (the competent courts, how to choose, the internet court, the
# citations: some 4 kB) is one shared object per set of places, built by the court package;
# only the amounts (small claims, fee) change with the claim. Its JSON is kept here, keyed by
# the identity of its citations list (one per places result), with every part it was made from:
# a hit must find the same objects, which the entry keeps alive. Kept across `clear` while the
# places are a constant (see cache_clear).
COURT_HEADS_SIZE = 512
# id(citations) -> (the parts, the JSON before the amounts, the JSON after them)
_COURT_HEADS: dict[int, tuple[tuple[object, ...], bytes, bytes]] = {}


def _court(c: Court) -> bytes:
    citations = c.citations
    parts: tuple[object, ...] = (citations, c.choice, c.internet_court, c.proposed, *c.courts)
    found = _COURT_HEADS.get(id(citations))
    if found is None or len(found[0]) != len(parts) or not all(map(_same, found[0], parts)):
        proposed = b"" if c.proposed is None else b',"proposed":' + _TEXT(c.proposed)
        before = b"".join(
            (
                b'{"courts":[',
                b",".join([_COMPETENT(x) for x in c.courts]),
                b'],"choice":',
                _TEXT(c.choice),
                proposed,
                b',"internet_court":',
                _INTERNET(c.internet_court),
                b',"small_claims":',
            )
        )
        after = b',"citations":' + to_json(citations) + b"}"
        while len(_COURT_HEADS) >= COURT_HEADS_SIZE:
            try:
                del _COURT_HEADS[next(iter(_COURT_HEADS))]
            except (KeyError, RuntimeError, StopIteration):
                break
        found = _COURT_HEADS[id(citations)] = (parts, before, after)
    fee = b"" if c.fee is None else b',"fee":' + _FEE(c.fee)
    return found[1] + _SMALL_CLAIMS(c.small_claims) + fee + found[2]


def _same(a: object, b: object) -> bool:
    return a is b


def dump_json(a: Assessment, *, indent: int | None = None) -> bytes:
    """The assessment as the contract's JSON (UTF-8), optionally indented for people."""
    not_modelled = (
        _NOT_MODELLED if tuple(a.not_modelled) == NOT_MODELLED_CODES else _STRINGS(a.not_modelled)
    )
    parts = (
        b'{"schema":"',
        SCHEMA_ID.encode(),
        b'","law_as_of":"',
        a.law_as_of.isoformat().encode(),
        b'","as_of":"',
        a.as_of.isoformat().encode(),
        b'","remedies":[',
        b",".join([_remedy(r) for r in a.remedies]),
        b'],"liable_parties":',
        _list(a.liable_parties, _PARTY),
        b',"admissibility":',
        _shared(a.admissibility, _ADMISSIBILITY),
        b',"deadlines":',
        _list(a.deadlines, _DEADLINE),
        b',"recommended_path":',
        _STRINGS(a.recommended_path),
        b',"flags":',
        _list(a.flags, _FLAG),
        b',"missing_facts":',
        _list(a.missing_facts, _MISSING),
        b',"seller_exposure":',
        _shared(a.seller_exposure, _EXPOSURE),
        b',"jurisdiction":',
        _shared(a.jurisdiction, _JURISDICTION),
        b',"court":',
        _court(a.court),
        b',"not_modelled":',
        not_modelled,
        b"}",
    )
    out = b"".join(parts)
    if indent is not None:
        out = to_json(from_json(out), indent=indent)
    return out


@on_clear
def cache_clear() -> None:
    """Forget the JSON of results (tests; the bench's cold path), keep that of constants.

    `memo.clear` calls this once every cache of results is empty: an object that is still
    held by something other than this cache is then a constant (a module's flags and questions,
    the texts, remedies and reasons built once and shared), and its JSON stays with it, as
    the object itself does. Holding it here keeps the identity key sound as before.
    """
    # Lists are combinations made for one case: they go. Then an object whose only holder is
    # its entry here has as many references as a probe object held the same way.
    probe = object()
    entries = [(k, v) for k, v in _FRAGMENTS.items() if type(k) is int]
    _FRAGMENTS.clear()
    entries.append((id(probe), (probe, b"")))
    del probe
    alone = sys.getrefcount(entries[-1][1][0])
    entries.pop()
    for key, entry in entries:
        if sys.getrefcount(entry[0]) > alone:
            _FRAGMENTS[key] = entry
    # A court head stays while its citations list is held by more than the head itself (the
    # places of a case without places are constants).
    heads = list(_COURT_HEADS.items())
    _COURT_HEADS.clear()
    held = [object()]
    heads.append((id(held), ((held,), b"", b"")))
    del held
    alone = sys.getrefcount(heads[-1][1][0][0])
    heads.pop()
    for key, head in heads:
        if sys.getrefcount(head[0][0]) > alone:
            _COURT_HEADS[key] = head


def _check_fields() -> None:
    """The parts above are the assessment's fields, in order (checked at import)."""
    expected = [
        "schema_",
        "law_as_of",
        "as_of",
        "remedies",
        "liable_parties",
        "admissibility",
        "deadlines",
        "recommended_path",
        "flags",
        "missing_facts",
        "seller_exposure",
        "jurisdiction",
        "court",
        "not_modelled",
    ]
    actual: list[Any] = list(Assessment.model_fields)
    if actual != expected:
        raise RuntimeError(f"serialise.dump_json does not know these fields: {actual}")


_check_fields()


def cite_into(node: Any, into: set[str]) -> None:
    """Add to into the id of every provision cited anywhere in an output's JSON (a citation is
    an object with `provision` and `instrument`): what the law index and the scenario lint
    count as a provision exercised."""
    if isinstance(node, dict):
        if "provision" in node and "instrument" in node:
            into.add(node["provision"])
        for value in node.values():
            cite_into(value, into)
    elif isinstance(node, list):
        for value in node:
            cite_into(value, into)
