"""`detente code` end to end: the example article, output formats, bad input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from detente.cli import main

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "examples" / "blinken_beijing.txt"
ARTICLE_JSON = ROOT / "examples" / "blinken_beijing.json"


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(scope="module")
def article_events() -> list[dict]:
    import contextlib

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["code", str(ARTICLE_JSON)]) == 0
    return [json.loads(line) for line in out.getvalue().splitlines()]


def dyads(events: list[dict]) -> set[tuple[str, str, str]]:
    return {(e["source"]["country"], e["target"]["country"], e["plover"])
            for e in events if not e["negated"]}


def test_article_talks_and_requests(article_events):
    found = dyads(article_events)
    assert ("USA", "CHN", "CONSULT") in found
    assert ("USA", "CHN", "REQUEST") in found
    assert any(s == "CHN" and t == "USA" and p in ("AGREE", "COOPERATE", "SUPPORT")
               for s, t, p in found)


def test_article_third_parties(article_events):
    found = dyads(article_events)
    usa_targets = {t for s, t, _ in found if s == "USA"}
    assert {"JPN", "PHL", "AUS"} <= usa_targets
    assert any(s == "GBR" and t == "AUS" for s, t, _ in found)


def test_article_issues_on_usa_china_events(article_events):
    contexts = set()
    for e in article_events:
        if {e["source"]["country"], e["target"]["country"]} == {"USA", "CHN"}:
            contexts.update(e["contexts"])
    assert {"trade", "taiwan", "human_rights", "south_china_sea", "drugs"} <= contexts


def test_article_lists_do_not_invent_dyads(article_events):
    for e in article_events:
        pair = {e["source"]["country"], e["target"]["country"]}
        assert "RUS" not in pair, e["sentence"]


def test_article_furniture_is_never_evidence(article_events):
    for e in article_events:
        for furniture in ("Related Articles", "Image source", "cookies", "Back to top",
                          "median line", "correspondent covering"):
            assert furniture not in e["sentence"]


def test_article_evidence_dates_move_with_the_sentence(article_events):
    talks = [e for e in article_events if "Qin Gang" in e["sentence"] and e["plover"] == "CONSULT"]
    assert talks and talks[0]["date"] == "2023-06-18"


def test_plain_text_file_and_stdin(capsys, monkeypatch):
    code, out, err = run_cli(capsys, "code", str(ARTICLE), "--date", "2023-06-19")
    assert code == 0 and out.strip()
    stdin = io.TextIOWrapper(io.BytesIO(b"Russia launched airstrikes on Kyiv."))
    monkeypatch.setattr("sys.stdin", stdin)
    code, out, err = run_cli(capsys, "code", "-", "--date", "2024-01-02")
    assert code == 0
    event = json.loads(out.splitlines()[0])
    assert event["source"]["country"] == "RUS" and event["target"]["country"] == "UKR"


def test_csv_and_table_formats(capsys):
    code, out, _ = run_cli(capsys, "code", str(ARTICLE_JSON), "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and {"source_code", "target_code", "cameo", "sentence"} <= set(rows[0])
    code, out, _ = run_cli(capsys, "code", str(ARTICLE_JSON), "--format", "table")
    assert code == 0 and "USAGOV" in out and "events" in out


def test_bad_inputs_are_reported_and_the_rest_is_coded(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text("Iran condemned the Israeli strike on Damascus.\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    garbage = tmp_path / "garbage.txt"
    garbage.write_bytes(bytes(range(256)) * 200)
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Le président Macron a rencontré Scholz à Berlin. France and Germany "
                      "signed a défense agreement.".encode("latin-1"))
    french = tmp_path / "french.txt"
    french.write_text("Le gouvernement français a annoncé mardi une nouvelle réforme des "
                      "retraites, malgré les manifestations dans tout le pays.", encoding="utf-8")
    lines = tmp_path / "docs.jsonl"
    lines.write_text('{"id": "a", "text": "Japan protested to China over the drills."}\n'
                     '{"id": "b", "text": \n'
                     "not json at all\n", encoding="utf-8")
    big = tmp_path / "big.txt"
    with big.open("w", encoding="utf-8") as fh:
        sentence = "Officials met to discuss the weather in the capital again today. "
        fh.write(sentence * (50_000_000 // len(sentence)))
    code, out, err = run_cli(capsys, "code", str(good), str(empty), str(garbage), str(latin),
                             str(french), str(lines), str(big), "--date", "2024-04-02")
    assert code == 0
    events = [json.loads(line) for line in out.splitlines()]
    doc_ids = {e["doc_id"] for e in events}
    assert "a" in doc_ids  # the good JSONL line was coded despite its broken neighbours
    assert any(e["source"]["country"] == "IRN" for e in events)
    for name in ("empty.txt", "garbage.txt", "french.txt", "docs.jsonl", "big.txt"):
        assert name in err, f"no message naming {name}: {err}"


def test_nothing_readable_exits_non_zero(tmp_path, capsys):
    missing = tmp_path / "missing.txt"
    code, out, err = run_cli(capsys, "code", str(missing))
    assert code != 0
    assert "missing.txt" in err


def test_user_people_and_lexicon_files_extend_the_coder(tmp_path, capsys):
    people = tmp_path / "people.yaml"
    people.write_text(
        "- name: Arvid Kestrel\n  aliases: [Kestrel]\n  country: NOR\n  roles:\n"
        "    - {title: Foreign Minister, sector: GOV, start: 2030-01-01, end: null}\n",
        encoding="utf-8")
    lexicon = tmp_path / "mine.yaml"
    lexicon.write_text('"042":\n  - noun: pilgrimage\n', encoding="utf-8")
    text = tmp_path / "doc.txt"
    text.write_text("Kestrel met Japanese Foreign Minister Hayashi. "
                    "Kestrel's pilgrimage to Japan ended.\n", encoding="utf-8")
    code, out, err = run_cli(capsys, "code", str(text), "--date", "2031-05-01",
                             "--people", str(people), "--lexicon", str(lexicon))
    assert code == 0, err
    events = [json.loads(line) for line in out.splitlines()]
    assert any(e["source"]["code"] == "NORGOV" and e["cameo"] == "042" for e in events)


def test_a_bad_user_file_is_a_clear_error(tmp_path, capsys):
    bad = tmp_path / "people.yaml"
    bad.write_text("- name: Nobody\n  country: NOR\n  roles:\n"
                   "    - {title: Minister, start: 2020-01-01}\n", encoding="utf-8")
    text = tmp_path / "doc.txt"
    text.write_text("Norway condemned the attack.\n", encoding="utf-8")
    code, out, err = run_cli(capsys, "code", str(text), "--people", str(bad))
    assert code == 2
    assert "people.yaml" in err and out == ""
