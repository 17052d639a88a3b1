"""Turn what the user typed (paths, globs, directories, URLs, "-") into inputs.

Each input gets a kind (html, text, warc, feed, jsonl, json, csv, tsv,
parquet): forced by the caller, else guessed from the file name, else sniffed
from the first bytes. Sniffing also catches files whose name lies, such as a
binary file named .html.
"""

from __future__ import annotations

import glob
import gzip
import io
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from detente.ingest.util import IngestError

__all__ = [
    "INPUT_FORMATS",
    "Input",
    "is_url",
    "kind_from_name",
    "open_input",
    "resolve_sources",
    "sniff_kind",
]

INPUT_FORMATS = ("html", "text", "warc", "feed", "jsonl", "json", "csv", "tsv", "parquet")

_EXTENSIONS = {
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html", ".php": "html",
    ".asp": "html", ".aspx": "html",
    ".txt": "text", ".text": "text", ".md": "text",
    ".warc": "warc", ".arc": "warc",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".csv": "csv", ".tsv": "tsv", ".tab": "tsv",
    ".parquet": "parquet", ".pq": "parquet",
    ".xml": "feed", ".rss": "feed", ".atom": "feed", ".rdf": "feed",
}
_COMPRESSED = (".gz", ".gzip")
_GZIP_MAGIC = b"\x1f\x8b"
SNIFF_BYTES = 8192
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32)])
_LABELS = {"html": "an HTML file", "text": "a text file", "feed": "an RSS/Atom feed",
           "jsonl": "a JSONL file", "json": "a JSON file", "csv": "a CSV file",
           "tsv": "a TSV file", "warc": "a WARC file", "parquet": "a Parquet file"}


@dataclass
class Input:
    """One thing to read: a local file, a URL or standard input."""

    name: str  # as shown to the user and stored in Article.path
    kind: str | None = None  # forced or detected kind, None until known
    path: Path | None = None
    url: str | None = None
    stdin: bool = False
    size: int | None = None


def is_url(source: str) -> bool:
    """True for http(s) URLs, which are fetched rather than opened."""
    return source.lower().startswith(("http://", "https://"))


def kind_from_name(name: str) -> str | None:
    """Kind implied by a file name's extension(s), or None."""
    lower = name.lower()
    for ext in _COMPRESSED:
        if lower.endswith(ext):
            lower = lower[: -len(ext)]
            break
    return _EXTENSIONS.get(os.path.splitext(lower)[1])


def _looks_binary(head: bytes) -> bool:
    if not head:
        return False
    if b"\x00" in head[:4096] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    sample = head[:4096]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > len(sample) * 0.05


def _table_header(text: bytes) -> bool:
    """True when the first line is a CSV/TSV header naming a text column."""
    from detente.ingest.tables import FIELD_ALIASES

    first = text.split(b"\n", 1)[0].strip().decode("utf-8", errors="replace").lower()
    for sep in (",", "\t", ";"):
        names = {name.strip().strip('"') for name in first.split(sep)}
        if len(names) < 2 or any(len(name) > 30 or name.count(" ") > 2 for name in names):
            continue
        if names & set(FIELD_ALIASES["text"] + FIELD_ALIASES["html"]):
            return True
    return False


def sniff_kind(head: bytes) -> str | None:
    """Kind guessed from the first bytes of (decompressed) content; "binary" for data."""
    if head.startswith(b"WARC/") or head.startswith(b"filedesc://"):
        return "warc"
    if head.startswith(b"PAR1"):
        return "parquet"
    if _looks_binary(head):
        return "binary"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"{"):
        return "jsonl"
    if text.startswith(b"["):
        return "json"
    start = text[:2048]
    if start.startswith(b"<?xml") or start.startswith((b"<rss", b"<feed", b"<rdf")):
        if b"<rss" in start or b"<feed" in start or b"<rdf:rdf" in start:
            return "feed"
        if b"<html" in start:
            return "html"
        return "feed"
    if _table_header(text):
        return "tsv" if b"\t" in text.split(b"\n", 1)[0] else "csv"
    if start.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<!--")) or (
        b"<html" in start or b"<body" in start or b"<div" in start or b"<p>" in start
    ):
        return "html"
    return "text"


def _iter_dir(directory: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def resolve_sources(
    sources: list[str], input_format: str | None = None
) -> Iterator[Input | tuple[str, str]]:
    """Yield an Input per file/URL, or (source, message) for a source that is unusable.

    Directories are walked (files of known kinds only, plus extension-less
    files); glob patterns are expanded; "-" is standard input.
    """
    if input_format is not None and input_format not in INPUT_FORMATS:
        raise ValueError(f"unknown input format {input_format!r}")
    for source in sources:
        if source == "-":
            yield Input(name="<stdin>", kind=input_format, stdin=True)
        elif is_url(source):
            yield Input(name=source, kind=input_format, url=source)
        elif os.path.isdir(source):
            found = False
            for path in _iter_dir(Path(source)):
                kind = input_format or kind_from_name(path.name)
                if kind is None and path.suffix:
                    continue  # images, scripts, styles next to saved pages
                found = True
                yield _file_input(path, kind)
            if not found:
                yield source, "directory has no readable files"
        elif os.path.exists(source):
            yield _file_input(Path(source), input_format or kind_from_name(source))
        elif any(ch in source for ch in "*?["):
            matches = sorted(glob.glob(source, recursive=True))
            if not matches:
                yield source, "no files match this pattern"
            for match in matches:
                if os.path.isdir(match):
                    yield from resolve_sources([match], input_format)
                else:
                    yield _file_input(Path(match), input_format or kind_from_name(match))
        else:
            yield source, "no such file or directory"


def _file_input(path: Path, kind: str | None) -> Input:
    try:
        size = path.stat().st_size
    except OSError:
        size = None
    return Input(name=str(path), kind=kind, path=path, size=size)


class _CountingReader(io.RawIOBase):
    """Raw stream wrapper that reports bytes read, for progress bars."""

    def __init__(self, raw: BinaryIO, on_read) -> None:  # noqa: ANN001
        self._raw = raw
        self._on_read = on_read

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return self._raw.seekable()

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return self._raw.seek(offset, whence)

    def tell(self) -> int:
        return self._raw.tell()

    def readinto(self, buffer) -> int:  # noqa: ANN001
        data = self._raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        if n:
            self._on_read(n)
        return n

    def close(self) -> None:
        self._raw.close()
        super().close()


def open_input(inp: Input, on_read=None) -> tuple[BinaryIO, str]:  # noqa: ANN001
    """Open a local input as a buffered binary stream and settle its kind.

    Gzip is decompressed transparently except for WARC files, which warcio
    reads member by member. Returns (stream, kind).
    """
    if inp.stdin:
        raw: BinaryIO = sys.stdin.buffer
    else:
        assert inp.path is not None
        try:
            raw = open(inp.path, "rb")  # noqa: SIM115 - closed by the caller
        except OSError as exc:
            raise IngestError(f"cannot open: {exc.strerror or exc}") from None
    if on_read is not None and not inp.stdin:
        raw = _CountingReader(raw, on_read)
    stream = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(raw, 1 << 16)
    head = stream.peek(SNIFF_BYTES)[:SNIFF_BYTES]
    kind = inp.kind
    if head.startswith(_GZIP_MAGIC):
        if kind == "warc" or (kind is None and _gzip_head(head).startswith(b"WARC/")):
            return stream, "warc"
        stream = io.BufferedReader(gzip.GzipFile(fileobj=stream, mode="rb"), 1 << 16)  # type: ignore[arg-type]
        try:
            head = stream.peek(SNIFF_BYTES)[:SNIFF_BYTES]
        except (OSError, EOFError) as exc:
            stream.close()
            raise IngestError(f"corrupt or truncated gzip data: {exc}") from None
    sniffed = sniff_kind(head)
    if kind is None:
        kind = sniffed
    elif kind in ("html", "text", "feed", "jsonl", "json", "csv", "tsv") and sniffed in (
        "binary", "parquet", "warc"
    ):
        stream.close()
        what = "binary data" if sniffed == "binary" else _LABELS[sniffed]
        raise IngestError(f"not {_LABELS[kind]}: it contains {what}")
    if kind == "binary":
        stream.close()
        raise IngestError("unrecognised binary file (not HTML, text, WARC, feed or table)")
    return stream, kind


def _gzip_head(head: bytes) -> bytes:
    import zlib

    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
    except zlib.error:
        return b""
