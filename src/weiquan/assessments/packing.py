"""Stored assessments, compressed against a dictionary of assessments (zstd).

An assessment is kept whole, as the engine wrote it on the day: about 30 KB of bilingual JSON,
nearly all of it the law's own sentences, which every assessment repeats. Compressed against a
dictionary trained on assessments (`dictionaries/`, made by `scripts/assessment_dictionary.py`)
it takes 1 to 2 KB, in about 15 microseconds; stored as text, each filing wrote eight more
database pages, and PostgreSQL parsed and compressed the 30 KB again: a fifth of a filing's
time. The stored bytes give back the same JSON, byte for byte.

A dictionary, once shipped, never changes: every frame names the dictionary it was made with,
and reading finds it by that id. A better dictionary (the law's sentences drift as rules are
added) is added beside the old ones with the next id; new rows use the newest.
"""

from __future__ import annotations

import json
import threading
from functools import cache
from importlib import resources
from typing import Any

import zstandard
from sqlalchemy import LargeBinary
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

FIRST_ID = 0x57510001  # "WQ" and 1; ids under 32768 are reserved by zstd
# The dictionary new rows are packed with (the second: issue 19 made assessments longer).
NEWEST = 0x57510002
LEVEL = 1  # level 3 is a tenth smaller and takes twice as long
_local = threading.local()  # compressors are not to be shared between threads


class Packed(bytes):
    """Bytes made by pack(): stored as they are."""


class UnknownDictionary(LookupError):
    pass


def pack(document: bytes) -> Packed:
    """UTF-8 JSON, compressed with the newest dictionary."""
    compressor = getattr(_local, "compressor", None)
    if compressor is None:
        compressor = _local.compressor = zstandard.ZstdCompressor(
            level=LEVEL, dict_data=dictionary(NEWEST), write_content_size=True
        )
    return Packed(compressor.compress(document))


def unpack(data: bytes) -> bytes:
    """The UTF-8 JSON that pack() was given."""
    dict_id = zstandard.get_frame_parameters(data).dict_id
    decompressors: dict[int, zstandard.ZstdDecompressor] = _local.__dict__.setdefault(
        "decompressors", {}
    )
    decompressor = decompressors.get(dict_id)
    if decompressor is None:
        decompressor = decompressors[dict_id] = zstandard.ZstdDecompressor(
            dict_data=dictionary(dict_id)
        )
    return decompressor.decompress(data)


@cache
def dictionary(dict_id: int) -> zstandard.ZstdCompressionDict:
    name = f"{dict_id:08x}.zdict"
    source = resources.files("weiquan.assessments") / "dictionaries" / name
    if not source.is_file():
        raise UnknownDictionary(f"assessment dictionary {name} is not installed")
    found = zstandard.ZstdCompressionDict(source.read_bytes())
    if found.dict_id() != dict_id:
        raise UnknownDictionary(f"{name} holds dictionary {found.dict_id():08x}")
    return found


def dumps(value: dict[str, Any]) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


class PackedJSON(TypeDecorator[dict[str, Any]]):
    """A JSON document stored packed (see the module); reads give the document back.

    Given a dict it is encoded and packed; given Packed bytes (a caller that has the JSON
    already, as the filing writer does) they are stored as they are."""

    impl = LargeBinary
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> bytes | None:
        if value is None or isinstance(value, Packed):
            return value
        return pack(dumps(value))

    def process_result_value(self, value: Any, dialect: Dialect) -> dict[str, Any] | None:
        if value is None:
            return None
        document: dict[str, Any] = json.loads(unpack(bytes(value)))
        return document
