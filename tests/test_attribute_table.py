"""The attribute table gives the same matches, and so the same tags, lemmas and morphology, as spaCy's own
attribute ruler: on the seed articles, and on the forms its rarer rules are for."""
from __future__ import annotations

import json
import pathlib

import pytest
import spacy

from casualty_events.transforms.casualties.attribute_table import AttributeTable, use_attribute_table
from casualty_events.transforms.casualties.extractor import DEFAULT_MODEL

SEEDS_GOLD = pathlib.Path(__file__).parent / "data" / "seeds_gold.jsonl"
# Forms the model's multi-token, regular-expression and dependency rules are for.
RARE_FORMS = [
    "Y'all ain't seen nothin' yet, and we're gonna stay.",
    "Let's go, c'mon, there is a man who gotta leave.",
    "There were  two   attacks; which was worse is unclear.",
    "He has been killed and she was wounded \n\n by the army.",
]


@pytest.fixture(scope="module")
def nlp():
    return spacy.load(DEFAULT_MODEL, exclude=["ner"])


def _texts() -> list[str]:
    seeds = [json.loads(line)["text"] for line in SEEDS_GOLD.read_text(encoding="utf-8").splitlines()]
    assert len(seeds) == 5
    return seeds + RARE_FORMS


def test_the_table_matches_what_spacy_matches(nlp):
    ruler = nlp.get_pipe("attribute_ruler")
    table = AttributeTable(ruler)
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer"]):
        docs = list(nlp.pipe(_texts()))
    for doc in docs:
        expected = ruler.match(doc)
        assert table(doc) == expected, doc.text[:80]
    assert sum(len(ruler.match(doc)) for doc in docs) > 1000


def test_the_rare_rules_are_matched(nlp):
    """The multi-token and regular-expression rules fire (a table that dropped them would not give 'be' for
    "ai" of "ain't" nor 'you' for "y'" of "y'all")."""
    table = AttributeTable(nlp.get_pipe("attribute_ruler"))
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer"]):
        doc = nlp(RARE_FORMS[0])
    spans = {(start, end) for _, _, start, end in table(doc)}
    assert any(end - start == 2 for start, end in spans)


def test_tags_and_lemmas_are_those_of_spacys_ruler(nlp):
    tabled = spacy.load(DEFAULT_MODEL, exclude=["ner"])
    use_attribute_table(tabled)
    for fast, slow in zip(tabled.pipe(_texts()), nlp.pipe(_texts()), strict=True):
        assert [(t.pos_, t.lemma_, str(t.morph), t.dep_) for t in fast] == [
            (t.pos_, t.lemma_, str(t.morph), t.dep_) for t in slow]


def test_a_rule_the_table_cannot_do_is_left_to_a_matcher(nlp):
    blank = spacy.blank("en")
    ruler = blank.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "killed", "OP": "+"}]], {"LEMMA": "kill"})
    ruler.add([[{"LENGTH": {">=": 20}}]], {"POS": "X"})
    ruler.add([[{"LOWER": "shot"}]], {"LEMMA": "shoot"})
    table = AttributeTable(ruler)
    doc = blank("killed killed shot supercalifragilisticexpialidocious")
    assert len(table.rest) == 2
    assert table(doc) == ruler.match(doc)
