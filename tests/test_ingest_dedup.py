"""Near-duplicates are linked to the first copy; distinct stories are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.ingest import Deduplicator, IngestStats, iter_articles
from detente.model import Article

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def test_republished_wire_story_is_linked_to_the_original() -> None:
    stats = IngestStats()
    original, republished = iter_articles(
        [str(FIXTURES / "wire_original.txt"), str(FIXTURES / "wire_republished.txt")],
        dedup=True, stats=stats)
    assert original.title != republished.title  # a different headline
    assert original.duplicate_of is None
    assert republished.duplicate_of == original.id
    assert stats.duplicates == 1 and stats.articles == 2  # linked, not dropped


def test_short_version_is_contained_in_the_long_one() -> None:
    text = (FIXTURES / "wire_original.txt").read_text().split("\n\n", 1)[1]
    paragraphs = text.strip().split("\n\n")
    dedup = Deduplicator()
    assert dedup.add(Article(id="long", text=text)) is None
    assert dedup.add(Article(id="short", text="\n\n".join(paragraphs[:3]))) == "long"
    assert dedup.add(Article(id="exact", text=text)) == "long"
    assert dedup.add(Article(id="other", text="Completely different words about rain in "
                                             "the mountains and a harvest festival.")) is None


def test_chains_point_at_the_first_copy() -> None:
    base = " ".join(f"sentence {i} about the border talks between neighbours." for i in range(60))
    dedup = Deduplicator()
    assert dedup.add(Article(id="a", text=base)) is None
    assert dedup.add(Article(id="b", text=base + " Extra closing line from site B.")) == "a"
    assert dedup.add(Article(id="c", text=base + " Another closing line, site C.")) == "a"
    assert len(dedup) == 1


def test_no_false_duplicates_on_wikinews() -> None:
    folder = DATA / "corpora" / "wikinews"
    if not folder.is_dir():
        pytest.skip(f"shared data not found at {folder}")
    files = sorted(folder.glob("*.csv"))
    stats = IngestStats()
    articles = list(iter_articles([str(f) for f in files], dedup=True, stats=stats,
                                  on_error=lambda s, m: None))
    assert len(articles) >= 290
    flagged = [(a.path, a.duplicate_of) for a in articles if a.duplicate_of]
    assert flagged == []
