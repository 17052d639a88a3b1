"""WARC archives (Common Crawl CC-NEWS layout) with warcio, streamed.

Records are read one at a time from the file, so a 1 GB archive never sits in
memory. A corrupt record is reported and, when the file can seek, reading
resumes at the next record boundary (the next gzip member, or the next
"WARC/1." header in an uncompressed file) instead of losing the rest.

A gzipped file that can seek is read one gzip member (one record) at a time
with zlib, which checks each member's CRC and says exactly where it ends: a
damaged record that still decompresses to plausible garbage cannot lead the
parser into the records after it.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator

__all__ = ["WarcPage", "WarcProblem", "iter_warc"]

HTML_MEDIA = ("text/html", "application/xhtml+xml")
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGIC = b"WARC/1."
_SCAN_CHUNK = 1 << 20
_MEMBER_CHUNK = 1 << 16
_HEADER_ALLOWANCE = 1 << 16  # WARC and HTTP headers kept beyond a record's size limit
MAX_RESYNCS = 1000


@dataclass
class WarcPage:
    """An HTML response record."""

    url: str | None
    offset: int
    html: bytes
    charset: str | None


@dataclass
class WarcProblem:
    """A record that could not be used; `offset` locates it in the file."""

    offset: int
    message: str


def _media(content_type: str | None) -> tuple[str, str | None]:
    if not content_type:
        return "", None
    media, _, params = content_type.partition(";")
    charset = None
    for part in params.split(";"):
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            charset = value.strip().strip('"')
    return media.strip().lower(), charset


def _find_next(stream: BinaryIO, start: int, magic: bytes) -> int | None:
    """Offset of the next `magic` at or after `start`, or None at end of file."""
    stream.seek(start)
    carry = b""
    position = start
    while True:
        chunk = stream.read(_SCAN_CHUNK)
        if not chunk:
            return None
        data = carry + chunk
        found = data.find(magic)
        if found >= 0:
            return position - len(carry) + found
        carry = data[-(len(magic) - 1) :]
        position += len(chunk)


def _is_gzip(stream: BinaryIO) -> bool:
    if isinstance(stream, io.BufferedReader):
        return stream.peek(3)[:3] == _GZIP_MAGIC
    here = stream.tell()
    head = stream.read(3)
    stream.seek(here)
    return head == _GZIP_MAGIC


def iter_warc(stream: BinaryIO, max_bytes: int) -> Iterator[WarcPage | WarcProblem]:
    """Yield HTML response records of a WARC stream, and problems found on the way."""
    seekable = stream.seekable()
    gzipped = _is_gzip(stream) if seekable else False
    if gzipped:
        yield from _iter_members(stream, max_bytes)
        return
    resyncs = 0
    while True:
        iterator = ArchiveIterator(stream, no_record_parse=False, arc2warc=True)
        offset = iterator.offset  # absolute: warcio starts from the stream position
        try:
            for record in iterator:
                offset = iterator.offset  # start of this record (warcio updates it after)
                page = _page(record, offset, max_bytes)
                if page is not None:
                    yield page
            return
        except Exception as exc:  # noqa: BLE001 - warcio raises many kinds on bad data
            offset = max(offset, getattr(iterator, "offset", 0))
            yield WarcProblem(offset, f"corrupt WARC record at byte {offset}: {_reason(exc)}")
            if not seekable or resyncs >= MAX_RESYNCS:
                return
            resyncs += 1
            nxt = _find_next(stream, offset + 1, _WARC_MAGIC)
            if nxt is None:
                return
            stream.seek(nxt)


def _iter_members(stream: BinaryIO, max_bytes: int) -> Iterator[WarcPage | WarcProblem]:
    """A seekable gzipped WARC, one member at a time (see the module docstring)."""
    keep = max_bytes + _HEADER_ALLOWANCE
    position = stream.tell()
    resyncs = 0
    while True:
        stream.seek(position)
        if not stream.read(1):
            return
        data, end, problem = _read_member(stream, position, keep)
        if problem is None:
            try:
                for record in ArchiveIterator(io.BytesIO(data), arc2warc=True):
                    page = _page(record, position, max_bytes)
                    if page is not None:
                        yield page
            except Exception as exc:  # noqa: BLE001 - warcio raises many kinds on bad data
                problem = _reason(exc)
        if problem is not None:
            yield WarcProblem(position, f"corrupt WARC record at byte {position}: {problem}")
        if end is None:  # the member's end is unknown: resume at the next one found
            if resyncs >= MAX_RESYNCS:
                return
            resyncs += 1
            end = _find_next(stream, position + 1, _GZIP_MAGIC)
            if end is None:
                return
        position = end


def _reason(exc: Exception) -> str:
    reason = (str(exc).splitlines() or [type(exc).__name__])[0]
    return reason.split(", first line")[0][:120]


def _read_member(
    stream: BinaryIO, start: int, keep: int
) -> tuple[bytes, int | None, str | None]:
    """One gzip member from `start`: (its first `keep` bytes, where the next member
    begins or None if unknown, the problem or None)."""
    stream.seek(start)
    inflater = zlib.decompressobj(wbits=31)
    parts: list[bytes] = []
    kept = 0
    read_to = start
    try:
        while not inflater.eof:
            chunk = stream.read(_MEMBER_CHUNK)
            if not chunk:
                return b"", None, "truncated gzip data"
            read_to += len(chunk)
            while chunk and not inflater.eof:
                out = inflater.decompress(chunk, _MEMBER_CHUNK)
                chunk = inflater.unconsumed_tail
                if kept < keep:
                    parts.append(out[: keep - kept])
                    kept += len(parts[-1])
    except zlib.error as exc:
        return b"", None, f"bad gzip data ({exc})"
    return b"".join(parts), read_to - len(inflater.unused_data), None


def _page(record, offset: int, max_bytes: int) -> WarcPage | WarcProblem | None:  # noqa: ANN001
    if record.rec_type not in ("response", "resource"):
        return None
    if record.rec_type == "response":
        if record.http_headers is None:
            return None
        status = record.http_headers.get_statuscode()
        if not status or not status.startswith("2"):
            return None
        content_type = record.http_headers.get_header("Content-Type")
    else:
        content_type = record.rec_headers.get_header("Content-Type")
    media, charset = _media(content_type)
    if media and media not in HTML_MEDIA:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    length = record.rec_headers.get_header("Content-Length")
    if length and length.isdigit() and int(length) > max_bytes:
        return WarcProblem(offset, f"record for {url} too large ({int(length)} bytes), skipped")
    html = record.content_stream().read(max_bytes + 1)
    if len(html) > max_bytes:
        return WarcProblem(offset, f"record for {url} too large (over {max_bytes} bytes), skipped")
    if getattr(record.raw_stream, "limit", 0) > 0:
        return WarcProblem(offset, f"record for {url} is truncated, skipped")
    if not media and b"<html" not in html[:2048].lower():
        return None
    return WarcPage(url=url, offset=offset, html=html, charset=charset)
