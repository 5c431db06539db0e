"""Evidence on a phone: thumbnails and who may see them, each role's own checklist, a tap on a
row that opens the upload for it, plain words in the list, redaction through drawn boxes."""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from PIL import Image, ImageFile
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import User
from tests.evidence.conftest import CHAT, pdf, png, png_bomb, upload
from tests.factories import case_document
from weiquan.accounts.models import ClaimStatus, MerchantClaim
from weiquan.cases import service
from weiquan.common.templating import make_templates
from weiquan.config import Settings
from weiquan.evidence import shown, thumbnails
from weiquan.evidence.labels import plain_size
from weiquan.evidence.staging import stage_file
from weiquan.evidence.vault import Vault


def photo(size: tuple[int, int] = (800, 600), orientation: int | None = None) -> bytes:
    """A JPEG with a white left half and a red right half; EXIF orientation when asked."""
    img = Image.new("RGB", size, (255, 255, 255))
    img.paste((200, 0, 0), (size[0] // 2, 0, size[0], size[1]))
    exif = Image.Exif()
    exif[0x010F] = "Xiaomi"
    if orientation:
        exif[0x0112] = orientation
    buf = io.BytesIO()
    img.save(buf, format="JPEG", exif=exif.tobytes(), quality=92)
    return buf.getvalue()


def open_image(data: bytes) -> Image.Image:
    img = Image.open(io.BytesIO(data))
    img.load()
    return img


def test_a_thumbnail_is_small_upright_and_leaves_the_original_alone(
    client: TestClient, number: str
) -> None:
    original = photo((800, 600), orientation=6)  # taken sideways: shown 600 wide, 800 high
    assert (
        upload(client, number, [("IMG_2001.jpg", original)], kind="goods_photo").status_code == 201
    )

    r = client.get(f"/cases/{number}/evidence/1/thumbnail")
    assert r.status_code == 200 and r.headers["content-type"] == "image/jpeg"
    assert r.headers["cache-control"] == "private, no-store"
    thumb = open_image(r.content)
    assert thumb.size == (180, 240)  # upright, 240 px on the longer side
    assert not thumb.getexif()  # no camera, no place
    assert len(r.content) < 20_000
    kept = client.get(f"/cases/{number}/evidence/1/file")
    assert kept.content == original
    item = client.get(f"/api/cases/{number}/evidence/1").json()
    assert item["sha256"] == hashlib.sha256(original).hexdigest()

    # The list shows it, in plain words; the technical words wait in their disclosure.
    page = client.get(f"/cases/{number}/evidence").text
    assert f'src="/cases/{number}/evidence/1/thumbnail"' in page
    assert "IMG_2001.jpg" in page and "商品照片" in page
    before, _, technical = page.partition("技术信息（供法院或鉴定机构核验）")
    assert technical, "the disclosure is on the page"
    assert "image/jpeg" not in before and "SHA-256" not in before and "JSON" not in before
    assert hashlib.sha256(original).hexdigest() in technical
    size = re.search(r"(\d+(\.\d)?) KB", before)
    assert size and f"{len(original) / 1024:.1f}".removesuffix(".0") == size.group(1)
    assert re.search(r"已用 \d+(\.\d)? KB，共 20 GB", before)
    assert "GiB" not in before and "KiB" not in before


def test_only_those_who_may_open_the_original_see_its_thumbnail(
    client: TestClient, number: str, make_user: Callable[..., User], settings: Settings
) -> None:
    assert upload(client, number, [("p.png", png(3, (300, 200)))]).status_code == 201
    address = f"/cases/{number}/evidence/1/thumbnail"
    assert client.get(address).status_code == 200
    for stranger in (make_user("consumer"), make_user("merchant"), make_user("agency_staff")):
        r = stranger.client.get(address)
        assert r.status_code == 404, stranger.role
        assert r.headers["content-type"].startswith("text/html")
    # Signed out: to the sign-in page, never the picture.
    with TestClient(client.app) as anonymous:
        r = anonymous.get(address, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login")
    # The case's own items only: E2 of this case does not exist.
    assert client.get(f"/cases/{number}/evidence/2/thumbnail").status_code == 404
    # No new file is made beside the blobs but the thumbnail itself.
    made = list((settings.data_dir / "evidence" / "thumbs").glob("*/*"))
    assert [p.suffix for p in made] == [".jpg"]
    assert made[0].stat().st_mode & 0o777 == 0o600  # the server's user's alone


def test_a_broken_picture_gets_an_icon_not_a_crash(
    client: TestClient, number: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pillow's own default; WeasyPrint, once imported (bundles, documents), turns it on for
    # the whole process, and a cut picture then shows what it holds, the rest grey.
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", False)
    whole = photo((400, 300))
    broken = whole[: len(whole) // 3]  # its header is fine: the upload keeps it
    assert upload(client, number, [("cut.jpg", broken)]).status_code == 201
    assert upload(client, number, [("report.pdf", pdf())]).status_code == 201
    r = client.get(f"/cases/{number}/evidence/1/thumbnail")
    assert r.status_code == 200 and r.headers["content-type"].startswith("image/svg+xml")
    assert b"<svg" in r.content
    page = client.get(f"/cases/{number}/evidence").text
    assert 'src="/static/evidence-icons/document.svg"' in page  # the PDF: an icon at once
    assert client.get("/static/evidence-icons/document.svg").status_code == 200


def test_a_picture_bomb_gets_an_icon(settings: Settings, tmp_path: Path) -> None:
    vault = Vault.from_settings(settings)
    source = tmp_path / "bomb.png"
    source.write_bytes(png_bomb())
    staged = stage_file(source, vault.staging_dir, settings.evidence_max_bytes)
    vault.store.put(staged.sha256, staged.path)
    assert thumbnails.get(vault, staged.sha256, "image/png") is None
    # Looked at once: the answer is kept, and the original is still there, unchanged.
    assert thumbnails.get(vault, staged.sha256, "image/png") is None
    with vault.store.open(staged.sha256) as blob:
        assert hashlib.sha256(blob.read()).hexdigest() == staged.sha256
    # A picture within the limit, but past a lowered one: an icon too, decoded never.
    ok = tmp_path / "ok.png"
    ok.write_bytes(png(1, (300, 300)))
    small = stage_file(ok, vault.staging_dir, settings.evidence_max_bytes)
    vault.store.put(small.sha256, small.path)
    strict = Vault.from_settings(settings.model_copy(update={"evidence_max_image_pixels": 1000}))
    assert thumbnails.get(strict, small.sha256, "image/png") is None


def merchant_on(
    sessions: sessionmaker[Session], make_user: Callable[..., User], client: TestClient, number: str
) -> User:
    """A merchant that proved the case's WeChat ID, once the demand went out."""
    merchant = make_user("merchant", name="名品小店")
    with sessions() as session, session.begin():
        session.add(
            MerchantClaim(
                account_id=merchant.id,
                kind="wechat_id",
                value=case_document()["merchant"]["wechat_id"],
                status=ClaimStatus.verified,
            )
        )
    r = client.post(f"/api/cases/{number}/steps/send_demand", json={})
    assert r.status_code == 200, r.text
    return merchant


def sides(html: str) -> dict[str, str]:
    """The checklist's lists on a page, by side: data-side -> its HTML."""
    return dict(
        re.findall(r'<ul class="checklist (?:own|other)" data-side="(\w+)">(.*?)</ul>', html, re.S)
    )


def checklist_of(html: str) -> str:
    found = re.search(r'<section id="checklist">.*?</section>', html, re.S)
    assert found, "the page has a checklist"
    return found.group(0)


def test_each_role_sees_its_own_checklist(
    client: TestClient,
    number: str,
    sessions: sessionmaker[Session],
    make_user: Callable[..., User],
) -> None:
    merchant = merchant_on(sessions, make_user, client, number)
    assert upload(client, number, [("chat.txt", CHAT)], kind="chat").status_code == 201
    r = merchant.client.post(
        f"/cases/{number}/evidence",
        data=merchant.form(kind="invoice"),
        files=[("files", ("进货发票.pdf", pdf()))],
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text

    consumer_page = checklist_of(client.get(f"/cases/{number}/evidence").text)
    shown = sides(consumer_page)
    assert list(shown) == ["claim"]
    assert "您的主张需要的证据" in consumer_page and "还缺 6 项（共 7 项）" in consumer_page
    assert "合法来源证明" not in consumer_page and "拆包视频" not in consumer_page
    # The consumer's chat is the consumer's; the merchant's invoice does not tick its list.
    assert 'data-need="chat"' in shown["claim"] and "已提供：E1" in shown["claim"]

    merchant_page = checklist_of(merchant.client.get(f"/cases/{number}/evidence").text)
    shown = sides(merchant_page)
    assert list(shown) == ["defence"]
    assert "您的抗辩证据" in merchant_page and "还缺 2 项（共 3 项）" in merchant_page
    assert "已提供：E2" in shown["defence"]  # its own invoice proves a lawful source
    assert "鉴定报告或品牌方真伪说明" not in merchant_page
    assert 'href="?need=unpacking_video#upload"' in shown["defence"]

    admin = make_user("admin")
    staff_page = checklist_of(admin.client.get(f"/cases/{number}/evidence").text)
    shown = sides(staff_page)
    assert list(shown) == ["claim", "defence"]
    assert "消费者一方的证据" in staff_page and "商家一方的抗辩证据" in staff_page
    assert "已提供 1 项，共 7 项。" in staff_page and "已提供 1 项，共 3 项。" in staff_page
    assert "点此添加" not in staff_page  # staff read both lists; nobody's gaps are theirs
    assert '<ul class="checklist other"' in staff_page and "checklist own" not in staff_page


def test_tapping_a_missing_row_opens_the_upload_for_it(
    consumer: User, client: TestClient, number: str
) -> None:
    page = client.get(f"/cases/{number}/evidence").text
    row = re.search(r'<li id="need-chat".*?</li>', page, re.S)
    assert row and 'href="?need=chat#upload"' in row.group(0) and "点此添加" in row.group(0)

    page = client.get(f"/cases/{number}/evidence?need=chat").text
    assert "添加：与卖家的聊天记录" in page
    assert '<option value="chat" selected>' in page
    assert f'action="/cases/{number}/evidence?need=chat"' in page
    r = client.post(
        f"/cases/{number}/evidence?need=chat",
        data=consumer.form(kind="chat"),
        files=[("files", ("chat.txt", CHAT))],
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert r.headers["location"].endswith("need=chat#need-chat")
    page = client.get(r.headers["location"]).text
    row = re.search(r'<li id="need-chat"[^>]*>.*?</li>', page, re.S)
    assert row and "need present chosen" in row.group(0) and "已提供：E1" in row.group(0)
    # An unknown need is no need: the plain upload.
    assert "添加：" not in client.get(f"/cases/{number}/evidence?need=nonsense").text


def test_the_case_page_summarises_the_evidence(
    client: TestClient,
    number: str,
    sessions: sessionmaker[Session],
    make_user: Callable[..., User],
    settings: Settings,
) -> None:
    merchant = merchant_on(sessions, make_user, client, number)
    for i in range(8):
        assert upload(client, number, [(f"p{i}.png", png(i, (50, 50)))], kind="goods_photo")
    templates = make_templates()
    part = templates.get_template("evidence/_case_summary.html")

    def render(parties: frozenset[str]) -> str:
        with sessions() as session:
            case = service.get(session=session, number=number)
            assert case is not None
            context = shown.case_panel(session, case, False)
            return part.render(parties=parties, csrf_token="x", **context)

    mine = render(frozenset({"consumer"}))
    assert "已保存 8 份证据" in mine and "另有 2 份" in mine
    assert mine.count('class="thumb"') == 6 and f"/cases/{number}/evidence/8/thumbnail" in mine
    assert "还缺 6 项（共 7 项）。" in mine
    assert f'href="/cases/{number}/evidence?need=chat#upload">添加：与卖家的聊天记录' in mine
    assert "添加证据" in mine and "合法来源证明" not in mine
    theirs = render(frozenset({"merchant"}))
    assert "合法来源证明" in theirs and "鉴定报告" not in theirs
    region = render(frozenset({"region_agency"}))
    assert "添加证据" not in region and "消费者一方的证据</strong> 还缺 6 项" in region
    # A fellow complainant sees no evidence at all.
    with sessions() as session:
        case = service.get(session=session, number=number)
        assert case is not None
        assert part.render(**shown.case_panel(session, case, True)).strip() == ""
    assert merchant.client.get(f"/cases/{number}").status_code == 200


def redact_form(user: User, rows: list[dict[str, str]]) -> dict[str, object]:
    fields: dict[str, object] = {}
    for i, row in enumerate(rows):
        fields.update({f"box-{i}-{k}": v for k, v in row.items()})
    return user.form(**fields)


def test_redaction_through_drawn_boxes(consumer: User, client: TestClient, number: str) -> None:
    assert upload(client, number, [("shot.jpg", photo((800, 600), orientation=6))]).status_code
    page = client.get(f"/cases/{number}/evidence/1").text
    assert 'class="redact-boxes" data-boxes="[]"' in page
    assert 'name="box-0-x"' in page and 'name="box-1-h"' in page  # typed, without a script
    assert "/static/redact-boxes.js" in page

    rows = [
        {"x": "10", "y": "20", "w": "100.4", "h": "50"},  # drawn (the browser sends decimals)
        {"x": "300", "y": "500", "w": "200", "h": "200", "proposed": "1"},  # not confirmed
        {"x": "0", "y": "700", "w": "600", "h": "100", "proposed": "1", "confirmed": "on"},
        {"x": "", "y": "", "w": "", "h": ""},  # a blank row
    ]
    r = client.post(
        f"/cases/{number}/evidence/1/redactions",
        data=redact_form(consumer, rows),
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    assert "made=1" in r.headers["location"]
    detail = client.get(f"/api/cases/{number}/evidence/1").json()
    assert detail["redactions"][0]["spec"] == {"regions": [[10, 20, 100, 50], [0, 700, 600, 100]]}
    copy = open_image(client.get(detail["redactions"][0]["file_url"].replace("/api", "")).content)
    assert copy.size == (600, 800)  # drawn on the picture as people see it
    assert copy.getpixel((50, 40)) == (0, 0, 0) and copy.getpixel((300, 750)) == (0, 0, 0)
    assert copy.getpixel((400, 600)) != (0, 0, 0)  # the unconfirmed proposal covers nothing
    page = client.get(r.headers["location"]).text
    assert "刚刚生成" in page and "遮盖副本 1" in page


def test_a_refused_drawing_keeps_its_boxes(consumer: User, client: TestClient, number: str) -> None:
    assert upload(client, number, [("shot.jpg", photo())]).status_code == 201
    half = [{"x": "10", "y": "20", "w": "30", "h": "40"}, {"x": "5", "y": "", "w": "9", "h": ""}]
    r = client.post(f"/cases/{number}/evidence/1/redactions", data=redact_form(consumer, half))
    assert r.status_code == 422
    assert "方框 2 需要填写全部四个数字" in r.text
    assert 'data-boxes="[{&#34;x&#34;: 10, &#34;y&#34;: 20' in r.text or "&#34;x&#34;: 10" in r.text
    assert 'name="box-0-x" value="10"' in r.text

    only_proposed = [{"x": "1", "y": "1", "w": "5", "h": "5", "proposed": "1"}]
    r = client.post(
        f"/cases/{number}/evidence/1/redactions", data=redact_form(consumer, only_proposed)
    )
    assert r.status_code == 422 and "请至少画一个方框" in r.text
    assert "&#34;proposed&#34;: true" in r.text  # still a proposal, still there

    outside = [{"x": "5000", "y": "1", "w": "5", "h": "5"}]
    r = client.post(f"/cases/{number}/evidence/1/redactions", data=redact_form(consumer, outside))
    assert r.status_code == 422 and "5000,1,5,5" in r.text
    word = [{"x": "left", "y": "1", "w": "5", "h": "5"}]
    r = client.post(f"/cases/{number}/evidence/1/redactions", data=redact_form(consumer, word))
    assert r.status_code == 422 and "不是整数像素值" in r.text
    assert client.get(f"/api/cases/{number}/evidence/1").json()["redactions"] == []


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (0, "0 B"),
        (999, "999 B"),
        (2_411_724, "2.3 MB"),
        (4 * 1024**3, "4 GB"),
        (150 * 1024**2, "150 MB"),
    ],
)
def test_sizes_in_plain_units(size: int, text: str) -> None:
    assert plain_size(size) == text
