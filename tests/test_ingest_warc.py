"""The CC-NEWS style WARC yields the same articles as the HTML files it was built from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detente.ingest import iter_articles

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
AEB = DATA / "extraction" / "scrapinghub-aeb"
WARC = DATA / "extraction" / "aeb-181.warc.gz"


@pytest.fixture(scope="module")
def aeb() -> tuple[Path, Path]:
    if not (AEB / "html").is_dir() or not WARC.is_file():
        pytest.skip(f"shared extraction data not found under {DATA}")
    return AEB, WARC


def test_warc_matches_html_files(aeb: tuple[Path, Path]) -> None:
    folder, warc = aeb
    truth = json.loads((folder / "ground-truth.json").read_text())
    url_of = {key: item["url"] for key, item in truth.items()}
    problems: list[tuple[str, str]] = []
    from_html = {
        url_of[Path(a.path).name.split(".")[0]]: a
        for a in iter_articles([str(folder / "html")], languages=None,
                               on_error=lambda s, m: problems.append((s, m)))
    }
    from_warc = {a.url: a for a in iter_articles([str(warc)], languages=None,
                                                 on_error=lambda s, m: problems.append((s, m)))}
    assert problems == []
    assert len(from_html) == len(from_warc) == 181
    assert from_html.keys() == from_warc.keys()
    for url, h in from_html.items():
        w = from_warc[url]
        assert (w.id, w.text, w.title, w.date, w.author, w.sitename, w.language) == (
            h.id, h.text, h.title, h.date, h.author, h.sitename, h.language), url
        assert w.source_kind == "warc" and w.path.startswith(f"{warc}@")


def test_a_few_pages_against_ground_truth(aeb: tuple[Path, Path]) -> None:
    """A smoke check of extraction quality; the full F1 run is `make bench`."""
    import collections
    import re

    folder, _ = aeb
    truth = json.loads((folder / "ground-truth.json").read_text())
    keys = sorted(truth)[:12]
    paths = [str(folder / "html" / f"{k}.html.gz") for k in keys]
    articles = {Path(a.path).name.split(".")[0]: a
                for a in iter_articles(paths, languages=None, on_error=lambda s, m: None)}
    words = re.compile(r"\w+")
    scores = []
    for key in keys:
        expected = collections.Counter(words.findall(truth[key]["articleBody"].lower()))
        got = collections.Counter(words.findall(articles[key].text.lower())) if key in articles \
            else collections.Counter()
        common = sum((expected & got).values())
        scores.append(0.0 if not common else
                      2 * common / (sum(expected.values()) + sum(got.values())))
    assert sum(scores) / len(scores) > 0.9
