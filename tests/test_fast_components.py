"""The fast components annotate as spaCy's own do: the attribute table gives the attribute ruler's matches, and
the pipeline with both gives the same parts of speech, lemmas and morphology, on the seed articles and on the
forms the rarer rules are for."""
from __future__ import annotations

import json
import pathlib

import pytest
import spacy

from casualty_events.transforms.casualties.extractor import DEFAULT_MODEL
from casualty_events.transforms.casualties.fast_components import AttributeTable, BaseForms, use_fast_components

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
    use_fast_components(tabled)
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


def test_a_base_form_is_worked_out_once_per_part_of_speech_and_morphology(nlp):
    asked = []
    lemmatizer = nlp.get_pipe("lemmatizer")
    base_forms = BaseForms(lambda token: asked.append(token.text) or lemmatizer.is_base_form(token))
    with nlp.select_pipes(disable=["lemmatizer"]):
        doc = nlp("The soldier and the officer were killed; the soldier was buried.")
    answers = [base_forms(token) for token in doc]
    assert answers == [lemmatizer.is_base_form(token) for token in doc]
    assert answers[doc.text.split().index("soldier")] is True  # a singular noun
    assert len(asked) < len(doc)  # "the", "soldier", singular nouns asked once


def test_the_extractors_model_parses_on_numpys_blas_as_on_thincs_default(nlp):
    """`load_model` changes how the model multiplies matrices, not what it finds, nor thinc's default."""
    from thinc.api import get_current_ops

    from casualty_events.transforms.casualties.extractor import load_model

    extractors = load_model(DEFAULT_MODEL)
    assert extractors.get_pipe("tok2vec").model.ops.use_blis is False
    assert get_current_ops().use_blis is True
    with extractors.select_pipes(disable=["ner"]):
        for fast, slow in zip(extractors.pipe(_texts()), nlp.pipe(_texts()), strict=True):
            assert [(t.tag_, t.dep_, t.head.i, t.lemma_) for t in fast] == [
                (t.tag_, t.dep_, t.head.i, t.lemma_) for t in slow]
