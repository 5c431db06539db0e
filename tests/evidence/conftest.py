"""Evidence tests: a signed-in consumer with a filed case, and real files of each kind."""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import User
from tests.factories import case_document
from weiquan.cases.schemas import CaseCreate, Filing
from weiquan.config import Settings
from weiquan.evidence import flows, integrity
from weiquan.evidence.staging import stage_file
from weiquan.evidence.vault import Vault
from weiquan.filing import flows as flows_cases


@pytest.fixture
def consumer(make_user: Callable[..., User]) -> User:
    return make_user("consumer", name="王丽")


@pytest.fixture
def client(consumer: User) -> TestClient:
    return consumer.client


def file_case(sessions: sessionmaker[Session], consumer: User | None, **changes: object) -> str:
    """A case of the consumer's, filed."""
    filing = Filing(
        case_in=CaseCreate.model_validate(case_document(**changes)),
        actor="consumer",
        language="zh_CN",
        account_id=consumer.id if consumer else None,
    )
    with sessions() as session:
        return flows_cases.file_cases(session=session, filings=[filing])[0].number


@pytest.fixture
def number(sessions: sessionmaker[Session], consumer: User) -> str:
    """A counterfeit live-stream case of the consumer's."""
    return file_case(sessions, consumer)


@pytest.fixture
def vault(settings: Settings) -> Vault:
    return Vault.from_settings(settings)


def jpeg(seed: int = 0, size: tuple[int, int] = (64, 48), exif: bool = True) -> bytes:
    """A real JPEG; with EXIF time (Beijing, +08:00) and camera when asked."""
    img = Image.new("RGB", size, (seed % 256, (seed * 7) % 256, 90))
    buf = io.BytesIO()
    info = Image.Exif()
    if exif:
        info[0x010F] = "Xiaomi"
        info[0x0110] = "Redmi K70"
        sub = info.get_ifd(0x8769)
        sub[0x9003] = "2026:03:05 20:15:30"
        sub[0x9011] = "+08:00"
    img.save(buf, format="JPEG", exif=info.tobytes(), quality=90)
    return buf.getvalue()


def png(seed: int = 0, size: tuple[int, int] = (40, 30)) -> bytes:
    img = Image.new("RGB", size, (200, seed % 256, 30))
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def png_bomb(width: int = 60000, height: int = 60000) -> bytes:
    """A tiny PNG claiming a gigantic picture: header and one compressed run of zeros."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * (1024 * 1024), 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat)


def pdf() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def mp4(payload: int = 4096, created: int = 3_855_000_000) -> bytes:
    """An MP4 container: ftyp, moov/mvhd with a creation time, then mdat."""
    ftyp = struct.pack(">I4s4sI4s4s", 24, b"ftyp", b"isom", 512, b"isom", b"mp41")
    mvhd_body = struct.pack(">B3xII", 0, created, created) + b"\x00" * 88
    mvhd = struct.pack(">I4s", 8 + len(mvhd_body), b"mvhd") + mvhd_body
    moov = struct.pack(">I4s", 8 + len(mvhd), b"moov") + mvhd
    mdat = struct.pack(">I4s", 8 + payload, b"mdat") + bytes(range(256)) * (payload // 256)
    return ftyp + moov + mdat[: 8 + payload]


CHAT = (
    "2026-03-05 20:10 小美奢品: 亲，保证专柜正品，假一赔十！\n"
    "2026-03-05 20:11 王丽: 好的，我的电话是 13800138001\n"
    "2026-03-06 09:00 小美奢品: 不退不换\n"
).encode()
HTML = b"<!DOCTYPE html><html><head><meta charset='utf-8'><title>LV</title></head><body>" + (
    "<p>专柜正品 保真 客服电话 139-1234-5678</p></body></html>".encode()
)
MHTML = (
    b"From: <Saved by Blink>\r\nSubject: order\r\nMIME-Version: 1.0\r\n"
    b'Content-Type: multipart/related; type="text/html"; boundary="----B"\r\n\r\n'
    b"------B\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
    + "<html><body>订单 王丽 13800138001</body></html>".encode()
    + b"\r\n------B--\r\n"
)


def upload(
    client: TestClient,
    number: str,
    files: list[tuple[str, bytes]],
    kind: str = "other",
    description: str = "",
) -> object:
    return client.post(
        f"/api/cases/{number}/evidence",
        data={"kind": kind, "description": description},
        files=[("files", (name, data)) for name, data in files],
    )


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


ORIGIN = flows.Origin(actor="test", source="cli", client_ip="127.0.0.1", user_agent="pytest")


@dataclass
class State:
    vault: Vault
    number: str
    labels: dict[str, str]  # sha256 -> E1


def add_files(
    sessions: sessionmaker[Session], vault: Vault, number: str, files: dict[str, bytes], tmp: Path
) -> flows.Added:
    prepared = []
    for name, data in files.items():
        path = tmp / name
        path.write_bytes(data)
        staged = stage_file(path, vault.staging_dir, vault.settings.evidence_max_bytes)
        prepared.append(flows.prepare(vault, staged, name, None))
    with sessions() as session:
        try:
            return flows.add(
                session=session,
                vault=vault,
                number=number,
                files=prepared,
                kind="chat",
                description="证据",
                origin=ORIGIN,
            )
        finally:
            flows.discard(prepared)


@pytest.fixture
def state(
    sessions: sessionmaker[Session], settings: Settings, number: str, tmp_path: Path
) -> State:
    vault = Vault.from_settings(settings)
    added = add_files(
        sessions, vault, number, {"a.jpg": jpeg(1), "chat.txt": CHAT, "v.mp4": mp4(2048)}, tmp_path
    )
    add_files(sessions, vault, number, {"b.jpg": jpeg(2)}, tmp_path)
    with sessions() as session:
        flows.open_item(session=session, vault=vault, number=number, seq=1, origin=ORIGIN)
        flows.checkpoint_now(session=session, vault=vault)
    labels = {i.sha256: i.label for i in added.items}
    return State(vault, number, labels)


def check(sessions: sessionmaker[Session], vault: Vault) -> integrity.Report:
    with sessions() as session:
        return integrity.verify(session=session, vault=vault)
