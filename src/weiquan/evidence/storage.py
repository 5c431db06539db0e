"""Content-addressed blob storage: a small interface, the local filesystem or an S3 bucket.

A blob is named by the SHA-256 of its bytes, so the same file is stored once however often it
is uploaded, and a name can never point at different content. Uploads are first staged to a
local file (staging.py) while they are hashed; `put` then publishes the staged file under its
hash. Publishing is atomic: a blob is either absent or complete, never half-written.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from weiquan.common.files import READ_ONLY_FILE, private_dir
from weiquan.config import Settings

HEX64 = re.compile(r"[0-9a-f]{64}")


class BlobMissing(LookupError):
    pass


class BlobStore(Protocol):
    """What the vault needs from a store; blobs are never changed or deleted through it."""

    description: str

    def has(self, digest: str) -> bool: ...

    def size(self, digest: str) -> int | None: ...

    def put(self, digest: str, staged: Path) -> None:
        """Publish the staged file as blob `digest`, idempotent; durable after sync()."""

    def sync(self) -> None:
        """Make every blob put so far durable (a batch pays one directory flush each)."""

    def open(self, digest: str) -> BinaryIO:
        """A binary stream of the blob; raises BlobMissing."""

    def digests(self) -> Iterator[str]: ...


def _check(digest: str) -> str:
    if not HEX64.fullmatch(digest):
        raise ValueError(f"not a SHA-256 hex digest: {digest!r}")
    return digest


SYNC_WORKERS = 16


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class LocalStore:
    """Blobs as read-only files under root/ab/cd/<digest>."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.description = f"local:{root}"
        self._dirty: set[Path] = set()

    def path(self, digest: str) -> Path:
        _check(digest)
        return self.root / digest[:2] / digest[2:4] / digest

    def has(self, digest: str) -> bool:
        return self.path(digest).is_file()

    def size(self, digest: str) -> int | None:
        try:
            return self.path(digest).stat().st_size
        except FileNotFoundError:
            return None

    def put(self, digest: str, staged: Path) -> None:
        target = self.path(digest)
        self._make_dirs(target.parent)
        expected = staged.stat().st_size
        if self.size(digest) == expected:
            return  # already stored: content addressing makes this the same file
        # Link under a temporary name, then rename over: the blob appears complete or not at
        # all, and a damaged copy of the same content (wrong size) is replaced by a good one.
        temp = target.with_name(f".{digest}.{os.getpid()}.{id(staged)}")
        os.link(staged, temp)
        os.chmod(temp, READ_ONLY_FILE)  # the staged file's inode: for the owner alone
        os.replace(temp, target)
        self._dirty.add(target.parent)

    def _make_dirs(self, folder: Path) -> None:
        """Create root/ab/cd as needed; a folder just made needs its parent synced too."""
        missing = []
        while not folder.is_dir() and folder != self.root.parent:
            missing.append(folder)
            folder = folder.parent
        for made in reversed(missing):
            private_dir(made)
            self._dirty.add(made.parent)

    def sync(self) -> None:
        # The file's data was fsynced when it was staged; the new name needs its folder's.
        # Folders are synced side by side: ext4 and xfs commit concurrent fsyncs in one
        # journal transaction, so a batch of new blobs costs about one commit, not one each.
        dirty, self._dirty = sorted(self._dirty), set()
        if len(dirty) <= 1:
            for folder in dirty:
                fsync_dir(folder)
            return
        with ThreadPoolExecutor(max_workers=min(SYNC_WORKERS, len(dirty))) as pool:
            list(pool.map(fsync_dir, dirty))  # list(): an error is raised here

    def open(self, digest: str) -> BinaryIO:
        try:
            return self.path(digest).open("rb")
        except FileNotFoundError:
            raise BlobMissing(digest) from None

    def digests(self) -> Iterator[str]:
        for path in sorted(self.root.glob("??/??/*")):
            if HEX64.fullmatch(path.name):
                yield path.name


class S3Store:
    """Blobs as objects <prefix>blobs/<digest> in an S3-compatible bucket (through boto3)."""

    def __init__(self, client: Any, bucket: str, prefix: str = "evidence/") -> None:
        self.client = client
        self.bucket = bucket
        self.prefix = prefix
        self.description = f"s3://{bucket}/{prefix}"

    def key(self, digest: str) -> str:
        return f"{self.prefix}blobs/{_check(digest)}"

    def size(self, digest: str) -> int | None:
        from botocore.exceptions import ClientError

        try:
            head = self.client.head_object(Bucket=self.bucket, Key=self.key(digest))
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return None
            raise
        return int(head["ContentLength"])

    def has(self, digest: str) -> bool:
        return self.size(digest) is not None

    def put(self, digest: str, staged: Path) -> None:
        if self.size(digest) == staged.stat().st_size:
            return
        # upload_file streams from disk in parts (bounded memory); S3 makes an object
        # visible only once the whole upload completed.
        self.client.upload_file(
            str(staged), self.bucket, self.key(digest), ExtraArgs={"Metadata": {"sha256": digest}}
        )

    def sync(self) -> None:
        pass  # S3 acknowledges an upload once it is stored

    def open(self, digest: str) -> BinaryIO:
        from botocore.exceptions import ClientError

        try:
            body = self.client.get_object(Bucket=self.bucket, Key=self.key(digest))["Body"]
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                raise BlobMissing(digest) from None
            raise
        return body

    def digests(self) -> Iterator[str]:
        paginator = self.client.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=self.bucket, Prefix=f"{self.prefix}blobs/"):
            for obj in page.get("Contents", []):
                name = obj["Key"].rsplit("/", 1)[-1]
                if HEX64.fullmatch(name):
                    yield name


def evidence_dir(settings: Settings) -> Path:
    return settings.data_dir / "evidence"


def make_store(settings: Settings) -> BlobStore:
    """The store the settings choose: local files by default, or S3."""
    if settings.evidence_storage == "s3":
        import boto3

        if not settings.evidence_s3_bucket:
            raise RuntimeError("WEIQUAN_EVIDENCE_S3_BUCKET must be set for S3 storage")
        client = boto3.client(
            "s3",
            endpoint_url=settings.evidence_s3_endpoint_url,
            region_name=settings.evidence_s3_region,
        )
        return S3Store(client, settings.evidence_s3_bucket, settings.evidence_s3_prefix)
    return LocalStore(evidence_dir(settings) / "blobs")
