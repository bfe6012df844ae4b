"""Splitting an mbox with bytes operations, and parsing in two processes."""

import pytest

from handover.interactions.importers import mailsources
from handover.interactions.importers.run import run_import
from handover.interactions.models import Interaction


def mbox_bytes(count: int) -> bytes:
    return b"".join(
        b"From someone@example.org Mon Jan  5 10:00:00 2026\n"
        b"From: p%d@example.org\nTo: alice@a.example\nSubject: Message %d\n"
        b"Date: Mon, 5 Jan 2026 10:%02d:00 +0100\nMessage-ID: <%d@example.org>\n\n"
        b"Line one\n>From the archive\nFrom here on, a body line that looks like a split\n\n"
        % (n, n, n % 60, n) for n in range(count))


@pytest.mark.parametrize("chunk", [7, 64, 4096])
def test_it_splits_an_mbox_across_any_chunk_size(tmp_path, monkeypatch, chunk):
    path = tmp_path / "box.mbox"
    path.write_bytes(b"".join(
        b"From x Mon Jan  5 10:00:00 2026\nSubject: %d\n\nbody %d\n\n" % (n, n)
        for n in range(50)))
    monkeypatch.setattr(mailsources, "CHUNK", chunk)
    ranges = list(mailsources.mbox_ranges(path))
    assert len(ranges) == 50
    data = path.read_bytes()
    assert [data[a:b].split(b"\n")[1] for a, b in ranges] == [
        b"Subject: %d" % n for n in range(50)]
    assert ranges[-1][1] == len(data)


@pytest.mark.django_db
def test_it_parses_the_same_in_two_processes_as_in_one(workspace_a, alice, tmp_path):
    path = tmp_path / "box.mbox"
    path.write_bytes(mbox_bytes(600))
    items = [("range", str(path), a, b, b - a) for a, b in mailsources.mbox_ranges(path)]
    one = [row for batch in mailsources.parse_all(iter(items), processes=1) for row in batch]
    two = [row for batch in mailsources.parse_all(iter(items), processes=2) for row in batch]
    assert one == two and len(one) == 600
    report = run_import("mail", workspace_a, actor=alice, source=str(path), processes=2)
    assert (report.imported, report.failed) == (600, 0)
    # The unescaped "From " line inside a paragraph did not split a message.
    assert Interaction.objects.filter(workspace=workspace_a,
                                      source_id__endswith="@example.org").count() == 600
