"""`detente eval`: scoring on gold sets, on small gold files written here and on the real sets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detente.cli import main
from detente.evaluation import Score, actor_key, default_data_dir, evaluate, load_source_target

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.fixture()
def gold_dir(tmp_path: Path) -> Path:
    gold = tmp_path / "gold"
    gold.mkdir()
    records = [
        {"id": "r1", "event": "CONSULT", "date": "2023-06-18",
         "text": "Blinken held talks with Chinese Foreign Minister Qin Gang in Beijing.",
         "source": [{"actorText": "Blinken", "code": "USA"}],
         "target": [{"actorText": "Qin Gang", "code": "CHN"}]},
        {"id": "r2", "event": "FIGHT", "date": "2024-01-02",
         "text": "Russian forces shelled the Ukrainian city of Kharkiv.",
         "source": [{"actorText": "Russian forces", "code": "RUS"}],
         "target": [{"actorText": "Kharkiv", "code": "UKR"}]},
        {"id": "r3", "event": "DEMAND", "date": "2023-05-01",
         "text": "The weather was mild across the region on Monday.",
         "source": [{"actorText": "x", "code": "JAP"}],
         "target": [{"actorText": "y", "code": "CHN"}]},
        {"id": "doc", "event": "DOCUMENT", "text": "not an event"},
    ]
    (gold / "plover_gsr.json").write_text(json.dumps(records), encoding="utf-8")
    (gold / "cameo_pentaclass_train.tsv").write_text(
        "Iranian drones struck an oil depot in Iraq.\t4\n"
        "Japan and India signed a trade agreement.\t1\n", encoding="utf-8")
    (gold / "cameo_source_target_train.txt").write_text(
        "Iran B-S\ncondemned O\nIsrael B-T\n. O\n\n", encoding="utf-8")
    return tmp_path


def test_score_arithmetic():
    s = Score()
    s.add({"a", "b"}, {"b", "c"})
    assert (s.tp, s.fp, s.fn) == (1, 1, 1)
    assert s.precision == s.recall == s.f1 == 0.5


def test_actor_key_compares_countries_then_organisation_kinds():
    assert actor_key("USA", "GOV", "USAGOV") == "USA"
    assert actor_key(None, "IGO", "NATO") == "IGO"
    assert actor_key(None, "NGO", "AMN") == "IGO"
    assert actor_key(None, "REB", "IMGISI") == "IMG"
    assert actor_key(None, None, "XYZ") == "XYZ"


def test_gsr_scoring_on_small_gold(gold_dir):
    from detente.events.coder import EventCoder

    report = evaluate(EventCoder(use_classifier=False), "plover-gsr", gold_dir)
    assert report.n == 3  # the DOCUMENT record is not scored
    full = report.metrics["source_target_type"]
    # r1 (USA->CHN CONSULT) and r2 (RUS->UKR ASSAULT, renamed from FIGHT) are found;
    # r3 has no event in its text, so its gold tuple is a miss.
    assert full["tp"] == 2 and full["fn"] == 1
    assert full["recall"] == pytest.approx(2 / 3, abs=1e-3)


def test_source_target_loader_builds_character_spans(gold_dir):
    [(text, spans)] = load_source_target(gold_dir)
    assert text == "Iran condemned Israel ."
    assert (0, 4, "S") in spans and (15, 21, "T") in spans


def test_eval_command_reports_and_missing_data_is_a_clear_error(gold_dir, tmp_path, capsys):
    assert main(["eval", "--set", "source-target", "--data", str(gold_dir),
                 "--no-classifier"]) == 0
    out = capsys.readouterr().out
    assert "source-target" in out and "F1=" in out
    assert main(["eval", "--data", str(tmp_path / "nowhere")]) == 2
    assert "gold data not found" in capsys.readouterr().err


@pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="../shared/data is not present")
def test_default_data_dir_finds_shared_data():
    assert default_data_dir() is not None


@pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="../shared/data is not present")
def test_real_gsr_scores_are_reported_per_type():
    from detente.events.coder import EventCoder

    report = evaluate(EventCoder(use_classifier=False), "plover-gsr", SHARED)
    assert report.n > 250
    assert set(report.metrics) >= {"source_target_type", "dyad", "type", "per_type"}
    # A regression guard well below the measured figure (docs/accuracy.md).
    assert report.metrics["source_target_type"]["precision"] > 0.5
