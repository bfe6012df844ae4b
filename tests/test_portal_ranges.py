"""Range requests on the portal's download, as RFC 9110 section 14 says: a Range header that
cannot be served is ignored (200, the whole file), one valid range is served (206), one
valid range outside the file is refused (416)."""

import hashlib
from pathlib import Path

import pytest
from django.test import Client

from handover.portal.actions import do_create_delivery

from .test_portal_delivery import export_job  # noqa: F401 - the fixture


@pytest.fixture
def download(export_job, alice):  # noqa: F811 - the imported fixture
    """A function asking the portal's download for one archive with the given headers, and
    the archive's whole content read from disk."""
    _delivery, token = do_create_delivery(export_job, actor=alice, recipient="g@x.example")
    browser = Client()
    assert browser.get(f"/portal/{token}/").status_code == 302
    archive = export_job.archives.order_by("-size").first()
    whole = (Path(export_job.out_dir) / archive.name).read_bytes()
    assert hashlib.sha256(whole).hexdigest() == archive.sha256 and len(whole) > 100

    def get(**headers):
        return browser.get("/portal/download/", {"archive": archive.name}, headers=headers)

    get.archive, get.whole = archive, whole
    return get


def body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("header", [
    "bytes=0-1,3-4",   # several ranges: not served as multipart, so ignored
    "bytes=0-9, 20-29",
    "items=0-9",       # a unit we do not know
    "bytes= 0-9",      # blank inside the value: not the grammar
    "bytes=abc",
    "bytes=5-2",       # last before first: an invalid range-spec
    "bytes=-",
    "bytes=0x10-20",
    "bytes=\u0661-\u0662",  # digits, but not ASCII ones
    "bytes 0-9",
])
def test_it_ignores_a_range_it_cannot_serve(download, header):
    response = download(Range=header)
    assert response.status_code == 200
    assert "Content-Range" not in response
    assert response["Content-Length"] == str(len(download.whole))
    assert body(response) == download.whole


@pytest.mark.parametrize(("header", "start", "end"), [
    ("bytes=0-9", 0, 9),
    ("BYTES=0-9", 0, 9),       # the unit is case-insensitive
    ("bytes=10-", 10, None),   # open: to the end
    ("bytes=-10", -10, None),  # suffix: the last ten bytes
    ("bytes=5-5", 5, 5),
    ("bytes=20-999999999999", 20, None),  # a last position past the end is the end
])
def test_it_serves_one_valid_range(download, header, start, end):
    whole, size = download.whole, len(download.whole)
    first = start % size
    last = size - 1 if end is None else end
    response = download(Range=header)
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {first}-{last}/{size}"
    assert response["Content-Length"] == str(last - first + 1)
    assert body(response) == whole[first:last + 1]


def test_it_serves_the_whole_file_for_a_suffix_longer_than_it(download):
    size = len(download.whole)
    response = download(Range=f"bytes=-{size + 50}")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 0-{size - 1}/{size}"
    assert body(response) == download.whole


@pytest.mark.parametrize("header", ["bytes={size}-", "bytes={size}-{more}", "bytes=-0"])
def test_it_refuses_a_valid_range_outside_the_file(download, header):
    size = len(download.whole)
    response = download(Range=header.format(size=size, more=size + 10))
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{size}"


def test_it_honours_if_range_only_for_the_same_file(download):
    etag = f'"{download.archive.sha256}"'
    same = download(Range="bytes=0-9", **{"If-Range": etag})
    assert same.status_code == 206 and body(same) == download.whole[:10]
    for other in ['"0000"', f"W/{etag}", "Tue, 03 Mar 2026 10:00:00 GMT"]:
        changed = download(Range="bytes=0-9", **{"If-Range": other})
        assert changed.status_code == 200, other
        assert body(changed) == download.whole


def test_it_answers_the_whole_file_without_a_range(download):
    response = download()
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert response["ETag"] == f'"{download.archive.sha256}"'
    assert body(response) == download.whole
