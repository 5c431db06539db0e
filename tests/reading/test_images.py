"""Bad pictures get a clear answer in both languages or a partial reading, never a crash."""

from __future__ import annotations

import io
import itertools
import struct
import zlib

import numpy as np
import pytest
from PIL import Image, ImageFile

from weiquan.reading import images
from weiquan.reading.errors import ReadingError


def encoded(image: Image.Image, fmt: str = "PNG", **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims a size and holds (almost) nothing: what a picture bomb looks like."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = zlib.compress(b"\0" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def refused(data: bytes) -> ReadingError:
    with pytest.raises(ReadingError) as caught:
        images.decode(data)
    error = caught.value
    assert error.message["zh"] and error.message["en"], error.message
    return error


def test_not_an_image_is_refused_in_both_languages() -> None:
    error = refused(b"%PDF-1.7 this is a document, not a picture")
    assert error.code == "not_image"
    assert "不是图片" in error.text("zh")
    assert "not a picture" in error.text("en")


def test_an_empty_file_is_refused() -> None:
    assert refused(b"").code == "empty"


def test_a_bomb_is_refused_from_its_header_before_decoding() -> None:
    # 12,000 x 12,000 claimed: 144 million pixels would need 432 MB decoded.
    assert refused(png_header(9_000, 12_000)).code == "too_many_pixels"
    assert refused(png_header(10_001, 100)).code == "too_wide"
    # Beyond Pillow's own guard (twice its 89-million limit) the answer is the same.
    assert refused(png_header(9_999, 40_000)).code == "too_many_pixels"


def test_a_tall_scroll_capture_is_read_not_refused() -> None:
    picture = images.decode(encoded(Image.new("RGB", (1080, 30_000), "white")))
    assert (picture.width, picture.height) == (1080, 30_000)
    spans = images.tiles(picture.height, picture.width)
    assert spans[0][0] == 0 and spans[-1][1] == 30_000
    for (_, bottom), (top, _) in itertools.pairwise(spans):
        assert bottom - top >= 200  # every line lies whole inside some tile
    assert len(spans) > 5


def test_a_phone_screenshot_is_one_tile() -> None:
    assert images.tiles(2340, 1080) == [(0, 2340)]
    assert images.tiles(2532, 1170) == [(0, 2532)]


def test_a_truncated_jpeg_gives_the_part_that_decodes() -> None:
    image = Image.new("RGB", (400, 800), "white")
    image.paste((200, 0, 0), (0, 0, 400, 400))
    data = encoded(image, "JPEG", quality=90)
    picture = images.decode(data[: len(data) * 2 // 3])
    assert "truncated" in picture.notes
    assert picture.pixels[50, 50, 0] > 150 > picture.pixels[50, 50, 1]  # the red top survived


def test_a_truncated_png_with_nothing_decodable_is_refused() -> None:
    data = encoded(Image.new("RGB", (400, 400), "white"))
    assert refused(data[:60]).code in ("truncated", "not_image")


def test_cut_pictures_are_told_even_after_weasyprint_loosened_pillow(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """WeasyPrint sets Pillow's LOAD_TRUNCATED_IMAGES for the process (the whole suite, or a
    server that has made a PDF): the reader still says "truncated", and puts the flag back."""
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    test_a_truncated_jpeg_gives_the_part_that_decodes()
    test_a_truncated_png_with_nothing_decodable_is_refused()
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True


def test_exif_orientation_turns_the_picture_upright() -> None:
    image = Image.new("RGB", (300, 100), "white")
    exif = Image.Exif()
    exif[0x0112] = 6  # stored on its side: shown turned 90 degrees
    picture = images.decode(encoded(image, "JPEG", exif=exif))
    assert (picture.width, picture.height) == (100, 300)


def test_animated_gives_its_first_frame() -> None:
    frames = [Image.new("RGB", (50, 50), colour) for colour in ("red", "blue")]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:])
    picture = images.decode(out.getvalue())
    assert "first_frame" in picture.notes
    assert picture.pixels[10, 10, 0] > 200 and picture.pixels[10, 10, 2] < 60


def test_cmyk_sixteen_bit_and_transparent_pictures_become_rgb() -> None:
    cmyk = images.decode(encoded(Image.new("CMYK", (20, 20), (0, 255, 255, 0)), "JPEG"))
    assert cmyk.pixels.shape == (20, 20, 3) and cmyk.pixels[5, 5, 0] > 200

    deep = Image.fromarray(np.full((20, 20), 65535, dtype=np.uint16))
    assert images.decode(encoded(deep)).pixels[5, 5].tolist() == [255, 255, 255]

    clear = Image.new("RGBA", (20, 20), (0, 0, 0, 0))  # transparent black: white behind it
    assert images.decode(encoded(clear)).pixels[5, 5].tolist() == [255, 255, 255]

    palette = Image.new("P", (20, 20), 0)
    palette.info["transparency"] = 0
    assert images.decode(encoded(palette)).pixels.shape == (20, 20, 3)
