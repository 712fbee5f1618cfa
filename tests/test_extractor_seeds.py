"""The acceptance bar: F1 >= 0.9 on the exhaustively annotated seed articles."""
import datetime as dt
import json
from pathlib import Path

from casualty_events.pipelines.evaluate import load_jsonl, score
from casualty_events.transforms.casualties.extractor import CasualtyExtractor

GOLD = Path(__file__).parent / "data" / "seeds_gold.jsonl"


def test_seed_articles_f1_and_fields(extractor: CasualtyExtractor) -> None:
    gold = load_jsonl(GOLD)
    inputs = [(d["text"], dt.date.fromisoformat(d["published"]), d.get("title")) for d in gold]
    mentions = [
        {"doc_id": d["doc_id"], **m.to_json()}
        for d, found in zip(gold, extractor.extract_many(inputs))
        for m in found
    ]
    json.dumps(mentions)  # the rows the CLI writes must serialise
    result = score(gold, mentions)
    assert result["f1"] >= 0.9, result["misses"] + result["false_positives"]
    fields = result["field_accuracy"]
    assert min(fields["scope"], fields["event_date"], fields["country_code"]) >= 0.9, fields
    assert min(fields["victims"], fields["location"], fields["attribution"]) >= 0.8, fields
