"""The project's scorer: matching rules and numbers as the reference scorer gives them."""
import json

from casualty_events.pipelines.evaluate import main, score

GOLD = [
    {
        "doc_id": "a", "gold": "exhaustive", "published": "2024-03-15",
        "facts": [
            {"id": "f1", "outcome": "killed", "count": 7, "count_high": None, "scope": "incident",
             "anchors": ["seven miners were killed"], "victims": ["miners"], "country_code": "PK",
             "location": ["Quetta"], "event_date": ["2024-03-12", "2024-03-12"], "attribution": None,
             "tier": "core"},
            {"id": "f2", "outcome": "injured", "count": 6, "count_high": 8, "scope": "incident",
             "anchors": ["between six and eight"], "attribution": ["police"], "tier": "hard"},
            {"id": "f3", "outcome": "killed", "count": 1, "count_high": None, "tier": "named",
             "anchors": ["Colonel Rahimi died"]},
        ],
    },
    {
        "doc_id": "b", "gold": "partial", "published": "1990-02-18",
        "facts": [
            {"id": "f1", "outcome": "injured", "count": 1, "count_high": None, "tier": "muc4",
             "country_code": "SV", "location": ["SAN SALVADOR"]},
        ],
    },
]  # fmt: skip
MENTIONS = [
    # matches a/f1 (quotes, case and spaces folded); every field right
    {"doc_id": "a", "outcome": "killed", "count": 7, "count_high": None, "scope": "incident",
     "victims": "Seven  coal MINERS", "location": "near Quetta", "country_code": "PK",
     "event_date": "2024-03-12", "attribution": None,
     "evidence": "On Tuesday, Seven   Miners were killed."},
    # a second mention of a/f1 from the title: counted once, not a false positive
    {"doc_id": "a", "outcome": "killed", "count": 7, "evidence": "7 killed: seven miners were killed"},
    # right count, wrong upper bound: no match for a/f2, so a false positive
    {"doc_id": "a", "outcome": "injured", "count": 6, "count_high": 9, "evidence": "between six and eight hurt"},
    # matches a/f3 via curly quotes in the evidence; attribution not asked by the fact
    {"doc_id": "a", "outcome": "killed", "count": 1, "evidence": "\u201cColonel Rahimi died,\u201d he said."},
    # wrong outcome for a/f1 anchor: false positive
    {"doc_id": "a", "outcome": "injured", "count": 7, "evidence": "seven miners were killed"},
    # partial document: matches b/f1 (no anchors) with the wrong country and a fitting location
    {"doc_id": "b", "outcome": "injured", "count": 1, "country_code": "GT", "location": "San Salvador",
     "evidence": "A SOLDIER WAS WOUNDED."},
    # partial document: unmatched, so unconfirmed rather than false
    {"doc_id": "b", "outcome": "killed", "count": 3, "evidence": "THREE WERE KILLED."},
    # a document the gold does not list is ignored
    {"doc_id": "zzz", "outcome": "killed", "count": 2, "evidence": "two died"},
]  # fmt: skip


def test_numbers_match_the_reference_scorer() -> None:
    result = score(GOLD, MENTIONS)
    # Worked out by hand with the reference rules: tp=3 (a/f1, a/f3, b/f1), fn=1 (a/f2),
    # fp=2 in the exhaustive document, 1 unconfirmed in the partial one; precision counts
    # exhaustive hits only: 2 / (2 + 2).
    assert (result["tp"], result["fp"], result["fn"], result["unconfirmed"]) == (3, 2, 1, 1)
    assert result["precision"] == 0.5
    assert result["recall"] == 0.75
    assert result["f1"] == 0.6
    assert result["unconfirmed_per_doc"] == 0.5
    assert result["recall_by_tier"] == {"core": 1.0, "hard": 0.0, "muc4": 1.0, "named": 1.0}
    assert result["field_accuracy"] == {
        "attribution": 1.0, "country_code": 0.5, "event_date": 1.0, "location": 1.0,
        "scope": 1.0, "victims": 1.0,
    }  # fmt: skip
    assert result["misses"] == [("a", "f2", "between six and eight")]
    assert [(d, o, c) for d, o, c, _ in result["false_positives"]] == [("a", "injured", 6), ("a", "injured", 7)]


def test_without_exhaustive_documents_precision_is_not_measured() -> None:
    result = score(GOLD[1:], MENTIONS)
    assert result["precision"] is None and result["f1"] is None
    assert result["recall"] == 1.0


def test_main_prints_the_summary_line_and_checks_thresholds(tmp_path, capsys) -> None:
    gold = tmp_path / "gold.jsonl"
    mentions = tmp_path / "mentions.jsonl"
    gold.write_text("".join(json.dumps(d) + "\n" for d in GOLD), encoding="utf-8")
    mentions.write_text("".join(json.dumps(m) + "\n" for m in MENTIONS), encoding="utf-8")
    assert main([str(gold), str(mentions)]) == 0
    out = capsys.readouterr().out
    assert "docs=2 tp=3 fp=2 fn=1 precision=0.500 recall=0.750 f1=0.600" in out.splitlines()
    assert "missed   a f2: between six and eight" in out
    assert "unconfirmed mentions (partially annotated documents): 1 (0.5 per document)" in out
    assert main([str(gold), str(mentions), "--min-f1", "0.9"]) == 1
    assert main([str(gold), str(mentions), "--min-recall", "0.7"]) == 0
