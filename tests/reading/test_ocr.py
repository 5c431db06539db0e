"""Real OCR on a few pictures (the smoke set `make test` runs; the full set is `make bench`).

Pictures come from the project's own test set (bench/readingset, tuning split), drawn with
their truth; each is read by the real engine, so these tests take some seconds.
"""

from __future__ import annotations

import io
import subprocess
import sys
import threading
from pathlib import Path

import cv2
import numpy as np
import pytest
from bench.readingset import chat, chats, record, score
from PIL import Image, ImageDraw, ImageFont

from weiquan.reading import chat as layout
from weiquan.reading import images, ocr

ROOT = Path(__file__).resolve().parents[2]


def png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


@pytest.mark.parametrize("index", [0, 1], ids=["light-1080", "dark-750"])
def test_a_chat_screenshot_is_read_as_a_conversation(index: int) -> None:
    sample = chat("tuning", index)
    page = ocr.ocr(sample.png)
    assert page.tiles == 1 and (page.width, page.height) == (
        sample.style.width,
        sample.style.height,
    )
    assert layout.kind_of(page) == "chat_screenshot"
    assert layout.title(page) == sample.title
    read = layout.messages(page, as_of=sample.as_of)
    right, found, total = score.speakers(sample.messages, read)
    assert right == found == total, ([(m.speaker, m.text) for m in read], sample.messages)
    texts = [m.text for m in read]
    for wanted in (sample.wechat_id, sample.phone):
        assert score.contains(texts, wanted) in (None, True), (wanted, texts)
    assert sample.messages[0][0] == "system" and read[0].time is not None  # the centred time
    errors, characters = score.characters(sample.lines, page.lines)
    assert errors / characters < 0.02


def test_a_transfer_record_is_known_by_its_words_and_its_amount_read() -> None:
    sample = record("tuning", 0)
    page = ocr.ocr(sample.png)
    assert layout.kind_of(page) == "transfer_record"
    assert sample.amount is not None
    assert any(
        score.contains([ln.text], form)
        for ln in page.lines
        for form in score.amount_forms(sample.amount)
    )


def test_a_tall_capture_is_read_in_tiles_each_line_once() -> None:
    width, height = 720, 5200
    face = chats.font("NotoSansCJK-Regular.ttc", 40)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    spans = images.tiles(height, width)
    assert len(spans) >= 3
    # Lines in the overlaps (read by two tiles) and across the tiles' edges (cut in one),
    # kept apart enough not to touch.
    rows: list[int] = []
    candidates = [top + d for top, _ in spans[1:] for d in (-40, 30)]
    candidates += [bottom - 25 for _, bottom in spans[:-1]] + [150, 900, height - 200]
    for y in sorted(candidates):
        if not rows or y - rows[-1] >= 70:
            rows.append(y)
    wanted = {}
    for n, y in enumerate(rows):
        text = f"第{n + 1}行 订单{1000 + n}"
        draw.text((60, y), text, font=face, fill="black")
        wanted[score.norm(text)] = y
    page = ocr.ocr(png(image))
    assert page.tiles == len(spans)
    read = [score.norm(ln.text) for ln in page.lines]
    assert sorted(read) == sorted(wanted), read
    assert [ln.box[1] for ln in page.lines] == sorted(ln.box[1] for ln in page.lines)
    for line in page.lines:
        assert abs(line.box[1] - wanted[score.norm(line.text)]) < 30  # boxes in the whole picture


def photo_of(screen: bytes) -> bytes:
    """The screen photographed by another phone: at an angle, a little blurred, with the moire
    of the screen's pixels and the camera's noise, saved as JPEG."""
    pixels = np.asarray(Image.open(io.BytesIO(screen)).convert("RGB"))
    h, w = pixels.shape[:2]
    corners = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    held = np.float32([[60, 40], [w - 15, 0], [w - 40, h - 20], [15, h - 60]])
    warped = cv2.warpPerspective(
        pixels, cv2.getPerspectiveTransform(corners, held), (w, h), borderValue=(40, 40, 40)
    )
    ys, xs = np.mgrid[0:h, 0:w]
    moire = (np.sin(xs * 0.9 + ys * 0.35) * 14)[..., None]
    noise = np.random.default_rng(1).normal(0, 6, warped.shape)
    blurred = cv2.GaussianBlur(warped, (5, 5), 1.2).astype(np.float64)
    shot = np.clip(blurred * 0.85 + 20 + moire + noise, 0, 255).astype(np.uint8)
    out = io.BytesIO()
    Image.fromarray(shot).save(out, "JPEG", quality=80)
    return out.getvalue()


def test_a_photo_of_a_screen_is_read_in_part() -> None:
    sample = chat("tuning", 1)
    page = ocr.ocr(photo_of(sample.png))
    read = layout.messages(page, as_of=sample.as_of)
    right, found, total = score.speakers(sample.messages, read)
    assert found >= total * 0.6 and right == found, [(m.speaker, m.text) for m in read]


def test_a_blank_picture_says_no_text_was_found() -> None:
    page = ocr.ocr(png(Image.new("RGB", (1080, 2340), (237, 237, 237))))
    assert page.lines == [] and "no_text" in page.notes
    assert layout.kind_of(page) == "other_image" and layout.messages(page) == []


def test_text_in_neither_language_is_read_and_flagged() -> None:
    face = ImageFont.truetype(str(chats.font_file("DejaVuSans.ttf")), 48)
    image = Image.new("RGB", (1080, 600), "white")
    draw = ImageDraw.Draw(image)
    for y, text in (
        (100, "Привет, как дела? Это подделка"),
        (250, "שלום עולם זה מזויף"),
        (400, "Γειά σου κόσμε ψεύτικο"),
    ):
        draw.text((60, y), text, font=face, fill="black")
    page = ocr.ocr(png(image))
    assert page.lines and "unsure" in page.notes


def small(*texts: str) -> bytes:
    """A small picture of a few lines: quick to read (the detector enlarges a picture whose
    shorter side is under 736 px, so a thin strip would cost more than this square)."""
    face = chats.font("NotoSansCJK-Regular.ttc", 40)
    image = Image.new("RGB", (740, 740), "white")
    draw = ImageDraw.Draw(image)
    for n, text in enumerate(texts):
        draw.text((30, 30 + 80 * n), text, font=face, fill="black")
    return png(image)


def test_threads_share_the_engine_safely() -> None:
    picture = small("订单详情", "实付款 ¥2,680.00")
    alone = ocr.ocr(picture)
    results: list[ocr.Page] = []
    threads = [threading.Thread(target=lambda: results.append(ocr.ocr(picture))) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [p.lines for p in results] == [alone.lines, alone.lines]


# A fresh interpreter (the engine loads there, models and all) with every way out blocked.
OFFLINE = """
import socket, sys
def refuse(*args, **kwargs):
    raise OSError("network blocked by the test")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
from weiquan.reading import ocr
page = ocr.ocr(open(sys.argv[1], "rb").read())
print(ocr.ENGINE)
print("\\n".join(line.text for line in page.lines))
"""


def test_reading_downloads_nothing(tmp_path: Path) -> None:
    picture = tmp_path / "record.png"
    picture.write_bytes(small("订单详情", "实付款"))
    result = subprocess.run(
        [sys.executable, "-c", OFFLINE, str(picture)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    engine, *lines = result.stdout.splitlines()
    assert engine.startswith("rapidocr-onnxruntime 1.4.4 PP-OCRv4")
    assert "订单详情" in lines and "实付款" in lines


# The engine's heavy parts, which load on the first reading and not before.
ENGINE_MODULES = "{'onnxruntime', 'cv2', 'rapidocr_onnxruntime'}"


def test_importing_the_reader_loads_no_engine() -> None:
    code = "import sys; from weiquan.reading import chat, ocr; "
    code += f"print(sorted({ENGINE_MODULES} & set(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert result.stdout.strip() == "[]", result.stderr[-2000:]
