"""Seller protection: planted templated claimants are found in generated data (precision and
recall reported), flags carry their evidence, returned items are compared by image hash."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from tests.merchants.helpers import file
from weiquan.merchants import claimants, flows, neardup, returns
from weiquan.merchants.generator import generate

TEMPLATED = "templated"


def test_planted_serial_claimants_are_found(
    engine: Engine, sessions: sessionmaker[Session]
) -> None:
    truth = generate(engine=engine, cases=1500, seed=7, planted_share=0.04)
    assert len(truth.planted) >= 5 and truth.repeaters
    with sessions() as session:
        found = claimants.scan(session=session)
    flagged = {f.key for f in found if TEMPLATED in f.flags}
    hits = flagged & truth.planted
    precision = len(hits) / len(flagged) if flagged else 0.0
    recall = len(hits) / len(truth.planted)
    print(f"serial-claim detection: precision {precision:.2f}, recall {recall:.2f}, "
          f"planted {len(truth.planted)}, flagged {len(flagged)}")  # fmt: skip
    assert precision >= 0.9 and recall >= 0.9
    assert not flagged & truth.repeaters  # honest people unlucky more than once are not flagged
    sample = next(f for f in found if f.key in hits)
    evidence = sample.flags[TEMPLATED]
    assert len({e["merchant_id"] for e in evidence}) >= claimants.TEMPLATED_MIN
    assert all(e["case"].startswith("WQ-") and e["similarity"] >= 0.6 for e in evidence)


def test_near_duplicates() -> None:
    a = "本人于2026年3月1日在贵店购买进口纯牛奶20件，收到后发现该商品没有中文标签，要求十倍赔偿。"
    b = "本人于2026年5月9日在贵店购买土蜂蜜35件，收到后发现该商品没有中文标签，要求十倍赔偿。"
    c = "直播间买的包是假的，主播把我拉黑了，平台也不管。"
    sigs = neardup.signatures([a, b, c], workers=1)
    assert neardup.similarity(sigs[0], sigs[1]) >= neardup.THRESHOLD
    assert neardup.similarity(sigs[0], sigs[2]) < 0.2
    assert neardup.clusters(sigs) == [[0, 1]]


def _photo(item: int, size: int = 256) -> bytes:
    """A product photo stand-in: one item's shapes, drawn the same at any size (a photo of it
    taken again); another item has other shapes."""
    rng = random.Random(item)
    k = size / 256
    image = Image.new("RGB", (size, size), "white")
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y = rng.randint(0, 200), rng.randint(0, 200)
        w, h = rng.randint(20, 120), rng.randint(20, 120)
        colour = tuple(rng.randint(0, 255) for _ in range(3))
        draw.rectangle((x * k, y * k, (x + w) * k, (y + h) * k), fill=colour)
    buf = io.BytesIO()
    image.save(buf, format="JPEG", quality=70)
    return buf.getvalue()


def test_returned_item_against_the_listing(sessions: sessionmaker[Session]) -> None:
    listing = _photo(1)
    same_again = _photo(1, size=180)  # photographed again, smaller, recompressed
    different = _photo(2)
    h = returns.phash
    assert returns.compare([h(listing)], [h(same_again)])[1] is False
    assert returns.compare([h(listing)], [h(different)])[1] is True
    number = file(
        sessions,
        {"shop": "诚品", "platform": "淘宝"},
        consumer={"name": "赵强", "phone": "13900139002"},
    )
    with sessions() as session:
        inspection = flows.inspect_return(
            session=session,
            number=number,
            listing=[("listing.jpg", listing)],
            returned=[("returned.jpg", different)],
            actor="merchant",
        )
        assert inspection.mismatch
    with sessions() as session:
        flags = claimants.profile(session=session, key="13900139002")
    assert flags.flags["returned_mismatch"][0]["case"] == number
    try:
        returns.phash(b"not an image", "x.txt")
    except returns.ImageError as exc:
        assert exc.params == {"name": "x.txt"}
    else:
        raise AssertionError("a non-image was hashed")
