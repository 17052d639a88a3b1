"""Bad input: one clear message naming the source, the rest of the batch goes on."""

from __future__ import annotations

import gzip
import io
import shutil
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from detente.ingest import IngestStats, iter_articles

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
PARAGRAPH = (
    "<p>Officials from the two governments met on {day} in the capital to discuss the "
    "reopening of border crossings closed since the spring, and agreed to meet again.</p>"
)


def page(i: int) -> bytes:
    days = ["Monday", "Tuesday", "Wednesday", "Thursday"]
    body = "".join(PARAGRAPH.format(day=d) + f"<p>Report number {i}, part {k}: the talks "
                   "covered trade, fishing rights and the return of detained sailors.</p>"
                   for k, d in enumerate(days))
    return (f"<html><head><title>Border talks, report {i}</title></head><body><article>"
            f"<h1>Border talks, report {i}</h1>{body}</article></body></html>").encode()


def write_warc(path: Path, n: int, corrupt: int | None = None, mask: int = 0x5A,
               span: tuple[int, int] = (30, 90), serial: int = 0) -> list[int]:
    """A gzipped WARC of `n` pages; record `corrupt` has bytes `span` of its gzip
    member XORed with `mask`. Dates and record IDs are fixed (`serial` varies the
    IDs), so the bytes are too."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    offsets = []
    for i in range(n):
        offsets.append(buffer.tell())
        body = page(i)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")
        fixed = {"WARC-Date": "2024-05-01T00:00:00Z",
                 "WARC-Record-ID": f"<urn:uuid:00000000-0000-0000-{serial:04d}-{i:012d}>"}
        writer.write_record(writer.create_warc_record(
            f"https://news.example/{i}", "response", payload=io.BytesIO(body),
            length=len(body), http_headers=headers, warc_headers_dict=fixed))
    data = bytearray(buffer.getvalue())
    if corrupt is not None:
        for j in range(offsets[corrupt] + span[0], offsets[corrupt] + span[1]):
            data[j] ^= mask
    path.write_bytes(bytes(data))
    return offsets


def run(sources: list[str]):  # noqa: ANN201
    problems: list[tuple[str, str]] = []
    stats = IngestStats()
    articles = list(iter_articles(sources, on_error=lambda s, m: problems.append((s, m)),
                                  stats=stats))
    return articles, problems, stats


def test_each_bad_input_gives_one_message_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.html"
    shutil.copy(FIXTURES / "article.html", good)
    truncated = tmp_path / "truncated.html.gz"
    full = gzip.compress((FIXTURES / "article.html").read_bytes())
    truncated.write_bytes(full[: len(full) // 2])
    binary = tmp_path / "photo.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    empty_page = tmp_path / "menu.html"
    empty_page.write_text("<html><head><title>Menu</title></head><body><nav><a href='/'>Home"
                          "</a> <a href='/w'>World</a></nav><footer>Contact</footer></body></html>")
    not_xml = tmp_path / "feed.xml"
    not_xml.write_text("this is not XML at all { 'items': [] }")
    huge = tmp_path / "huge.html"
    with open(huge, "wb") as f:
        f.write(b"<html><body><p>start</p>")
        f.truncate(200 * 1024 * 1024)  # sparse: costs no disk space or time
    corrupt = tmp_path / "news.warc.gz"
    offsets = write_warc(corrupt, 4, corrupt=2)
    missing = tmp_path / "missing.html"

    sources = [str(p) for p in (truncated, binary, good, empty_page, not_xml, huge, corrupt,
                                missing)]
    articles, problems, stats = run(sources)

    by_source: dict[str, list[str]] = {}
    for source, message in problems:
        by_source.setdefault(source, []).append(message)
    assert "corrupt or truncated gzip" in by_source.pop(str(truncated))[0]
    assert by_source.pop(str(binary)) == ["not an HTML file: it contains binary data"]
    assert by_source.pop(str(empty_page)) == ["no article text found in the page"]
    assert by_source.pop(str(not_xml))[0].startswith("not a valid RSS or Atom feed")
    assert "too large" in by_source.pop(str(huge))[0]
    assert "200 MB" in problems[[s for s, _ in problems].index(str(huge))][1]
    warc_problem = by_source.pop(f"{corrupt}@{offsets[2]}")
    assert len(warc_problem) == 1 and "corrupt WARC record" in warc_problem[0]
    assert by_source.pop(str(missing)) == ["no such file or directory"]
    assert by_source == {}, "exactly one message per bad source"

    paths = [a.path for a in articles]
    assert str(good) in paths
    # the WARC records before and after the corrupt one are still read
    assert [a.url for a in articles if a.source_kind == "warc"] == [
        "https://news.example/0", "https://news.example/1", "https://news.example/3"]
    assert stats.articles == 4 and stats.errors == 6 and stats.no_text == 1


def test_truncated_gzip_jsonl_keeps_records_before_the_damage(tmp_path: Path) -> None:
    lines = "".join(
        f'{{"id": "r{i}", "text": "Report {i}: ministers met on Monday and agreed to resume '
        f'talks on the border dispute next month in the capital."}}\n' for i in range(2000))
    data = gzip.compress(lines.encode())
    path = tmp_path / "docs.jsonl.gz"
    path.write_bytes(data[: len(data) * 3 // 4])
    articles, problems, _ = run([str(path)])
    assert 0 < len(articles) < 2000
    assert len(problems) == 1 and problems[0][0] == str(path)
    assert "truncated" in problems[0][1]


def test_jsonl_line_over_the_size_cap(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    with open(path, "w") as f:
        f.write('{"id": "ok", "text": "Ministers met on Monday and agreed to talk."}\n')
        f.write('{"id": "big", "text": "' + "x" * 3000 + '"}\n')
        f.write('{"id": "ok2", "text": "Ministers met again on Tuesday and agreed on a deal."}\n')
    problems: list[tuple[str, str]] = []
    articles = list(iter_articles([str(path)], on_error=lambda s, m: problems.append((s, m)),
                                  max_bytes=1000, languages=None))
    assert [a.id for a in articles] == ["ok", "ok2"]
    assert problems == [(f"{path}:2", "line longer than 1000 bytes, skipped")]


def test_uncompressed_warc_and_non_html_records(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    body = page(7)
    html_headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    png_headers = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
    moved = StatusAndHeaders("301 Moved", [("Location", "/x")], protocol="HTTP/1.1")
    for uri, headers, payload in (("https://a/img.png", png_headers, b"\x89PNG"),
                                  ("https://a/old", moved, b""),
                                  ("https://a/story", html_headers, body)):
        writer.write_record(writer.create_warc_record(
            uri, "response", payload=io.BytesIO(payload), length=len(payload),
            http_headers=headers))
    path = tmp_path / "plain.warc"
    path.write_bytes(buffer.getvalue())
    articles, problems, _ = run([str(path)])
    assert problems == []
    assert [a.url for a in articles] == ["https://a/story"]


def test_a_damaged_record_costs_that_record_only_however_it_is_damaged(tmp_path: Path) -> None:
    # Most damage makes zlib fail at once; some (these record IDs, found by search)
    # decompresses to garbage whose lengths would lead a parser silently into the
    # next record. Either way: one message for the damaged record, the others read.
    for serial in (0, 1, 23, 30, 67, 76, 140, 202):
        archive = tmp_path / f"news{serial}.warc.gz"
        offsets = write_warc(archive, 4, corrupt=2, serial=serial)
        articles, problems, _ = run([str(archive)])
        assert [s for s, _ in problems] == [f"{archive}@{offsets[2]}"], serial
        assert sorted(a.path for a in articles) == sorted(
            f"{archive}@{offsets[k]}" for k in (0, 1, 3)), serial
