"""Documents tests: the demo cases with the facts a lawyer would add, and readers for files."""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import User
from weiquan.cases import service as cases
from weiquan.demo.data import STORIES
from weiquan.demo.data import filed as demo_filed
from weiquan.demo.data import load as load_demo
from weiquan.documents import service
from weiquan.documents.service import Source

# What a consumer (and, for the reply, the merchant) supplies when the documents ask.
FACTS = {
    "consumer_address": "上海市浦东新区张杨路 100 号",
    "consumer_id_number": "310115199001011234",
    "consumer_gender": "女",
    "respondent_name": "上海某某贸易有限公司",
    "respondent_address": "上海市浦东新区世纪大道 1 号",
    "respondent_id": "91310115MA1K000000",
    "platform_name": "微信",
    "association": "上海市消费者权益保护委员会",
    "court": "上海市浦东新区人民法院",
    "merchant_position": "答复人不同意投诉人的全部请求，理由如下。",
    "supplier_name": "广州某某皮具有限公司",
    "supplier_address": "广州市白云区某某路 8 号",
    "inspection_findings": "退回鞋盒批次号与发货时的开箱视频不一致。",
}


def squash(text: str) -> str:
    """Text without whitespace, so that line breaks of a PDF do not split what we look for."""
    return re.sub(r"\s+", "", text)


def pdf_text(data: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        return subprocess.run(
            ["pdftotext", "-enc", "UTF-8", f.name, "-"], check=True, capture_output=True, text=True
        ).stdout


def pdf_fonts(data: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        return subprocess.run(
            ["pdffonts", f.name], check=True, capture_output=True, text=True
        ).stdout


def docx_text(data: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def docx_east_asian_font(data: bytes) -> str | None:
    from docx import Document
    from docx.oxml.ns import qn

    doc = Document(io.BytesIO(data))
    fonts = doc.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None


def read_back(data: bytes, fmt: str) -> str:
    if fmt == "pdf":
        return pdf_text(data)
    if fmt == "docx":
        return docx_text(data)
    return data.decode()


@pytest.fixture
def demo(sessions: sessionmaker[Session]) -> list[str]:
    """The demo cases' numbers, in story order."""
    load_demo(sessions=sessions)
    numbers = []
    with sessions() as session:
        for story in STORIES:
            case = demo_filed(session=session, story=story)
            assert case is not None
            numbers.append(case.number)
    return numbers


@pytest.fixture
def admin(make_user: Callable[..., User]) -> User:
    return make_user("admin", name="管理员")


def supply(sessions: sessionmaker[Session], number: str, values: dict[str, str]) -> None:
    with sessions() as session, session.begin():
        case = cases.get(session=session, number=number)
        assert case is not None
        service.update_facts(session=session, case=case, values=dict(values), actor="test")


def source_of(sessions: sessionmaker[Session], number: str) -> Source:
    with sessions() as session, session.begin():
        case = cases.get(session=session, number=number)
        assert case is not None
        return service.load(session=session, case=case)


def upload(user: User, number: str, name: str, data: bytes, kind: str, description: str) -> None:
    r = user.client.post(
        f"/api/cases/{number}/evidence",
        data={"kind": kind, "description": description},
        files=[("files", (name, data))],
    )
    assert r.status_code == 201, r.text


CHAT = "2026-03-05 20:10 卖家: 保证专柜正品，假一赔十！\n".encode()


def write(tmp: Path, name: str, data: bytes) -> Path:
    path = tmp / name
    path.write_bytes(data)
    return path


def pdf_pages(data: bytes) -> int:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        info = subprocess.run(["pdfinfo", f.name], check=True, capture_output=True, text=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))  # type: ignore[union-attr]


def docx_footer_fields(data: bytes) -> list[str]:
    """The instructions of the Word fields in the document's footer (PAGE, NUMPAGES)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        footers = [n for n in z.namelist() if n.startswith("word/footer")]
        xml = "".join(z.read(n).decode() for n in footers)
    return re.findall(r'w:instr="([A-Z]+)"', xml)
