"""The installation's Ed25519 signing key for checkpoints and bundles (cryptography)."""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from weiquan.common.files import private_dir
from weiquan.config import Settings
from weiquan.evidence.storage import evidence_dir
from weiquan.evidence.verifier import key_fingerprint


@dataclass(frozen=True)
class SigningKey:
    private: Ed25519PrivateKey
    public_pem: bytes
    fingerprint: str

    def sign(self, message: bytes) -> str:
        return base64.b64encode(self.private.sign(message)).decode("ascii")


def key_path(settings: Settings) -> Path:
    return settings.evidence_signing_key or evidence_dir(settings) / "signing-key.pem"


def load(settings: Settings) -> SigningKey:
    """The signing key, created on first use (mode 0600); two first users agree on one key."""
    path = key_path(settings)
    if not path.exists():
        private_dir(path.parent)
        pem = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        try:
            # O_EXCL: if another process made the key meanwhile, theirs wins and is read below.
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "wb") as f:
                f.write(pem)
                f.flush()
                os.fsync(f.fileno())
    private = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(private, Ed25519PrivateKey):
        raise RuntimeError(f"{path} is not an Ed25519 private key")
    public_pem = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return SigningKey(private, public_pem, key_fingerprint(public_pem))
