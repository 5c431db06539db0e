"""What every evidence operation needs: settings, the blob store, staging, the signing key."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from weiquan.common.files import private_dir
from weiquan.config import Settings
from weiquan.evidence import keys
from weiquan.evidence.staging import Stager, sweep
from weiquan.evidence.storage import BlobStore, evidence_dir, make_store


@dataclass
class Vault:
    settings: Settings
    store: BlobStore
    staging_dir: Path
    _key: keys.SigningKey | None = field(default=None, repr=False)

    @classmethod
    def from_settings(cls, settings: Settings, store: BlobStore | None = None) -> Vault:
        # Blobs and staged uploads under a folder only the server's user may enter, also
        # where an older weiquan made it (and the blobs in it) readable by everyone.
        private_dir(evidence_dir(settings), tighten=True)
        staging = private_dir(evidence_dir(settings) / "staging", tighten=True)
        sweep(staging)
        return cls(settings, store or make_store(settings), staging)

    @property
    def key(self) -> keys.SigningKey:
        if self._key is None:
            self._key = keys.load(self.settings)
        return self._key

    def stager(self) -> Stager:
        return Stager(self.staging_dir, self.settings.evidence_max_bytes)

    @property
    def tsa_ca(self) -> bytes | None:
        path = self.settings.evidence_tsa_ca
        return path.read_bytes() if path else None
