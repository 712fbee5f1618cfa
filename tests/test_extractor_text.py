"""Text as it comes: ALL CAPS newswire, curly quotes, odd spaces; batching and the reference path."""
import json
from pathlib import Path

from tests.extractor_fixture import PUBLISHED, counts
from casualty_events.transforms.casualties.extractor import CasualtyExtractor

SHOUTED = (
    "   LIMA, 12 MAY 90 (EFE) -- [TEXT] FOUR POLICEMEN WERE KILLED AND SIX CIVILIANS\n"
    "WOUNDED TODAY IN AN ATTACK ON A PATROL IN AREQUIPA, ACCORDING TO A POLICE\n"
    "SPOKESMAN.  THE GOVERNMENT SAID TWO SOLDIERS WERE ALSO KIDNAPPED BY THE\n"
    "REBELS, WHO FLED TOWARD THE MOUNTAINS AFTER THE SHOOTING.\n"
)


def test_all_caps_newswire(extractor: CasualtyExtractor) -> None:
    mentions = extractor.extract(SHOUTED, PUBLISHED)
    assert counts(mentions) == {
        ("killed", 4, None, "exact"), ("injured", 6, None, "exact"), ("captured", 2, None, "exact"),
    }  # fmt: skip
    killed = next(m for m in mentions if m.outcome == "killed")
    assert killed.victims == "FOUR POLICEMEN"
    assert killed.country_code == "PE"
    assert SHOUTED[killed.char_start : killed.char_end] == killed.evidence


def test_quotes_and_spaces_do_not_break_the_parse(extractor: CasualtyExtractor) -> None:
    text = "\u201cFive\u00a0students were injured,\u201d the principal\u2019s office said.\u2009Classes resumed."
    (m,) = extractor.extract(text, PUBLISHED)
    assert (m.outcome, m.count) == ("injured", 5)
    assert text[m.char_start : m.char_end] == m.evidence


def test_lowercasing_that_changes_length_keeps_offsets(extractor: CasualtyExtractor) -> None:
    text = "İSTANBUL POLICE SAID THREE FANS WERE INJURED IN THE CRUSH."
    (m,) = extractor.extract(text, PUBLISHED)
    assert (m.outcome, m.count) == ("injured", 3)
    assert text[m.char_start : m.char_end] == m.evidence


def test_extract_many_equals_extract(extractor: CasualtyExtractor) -> None:
    docs = [
        ("Two climbers died on the north face on Sunday.", PUBLISHED, None),
        (SHOUTED, PUBLISHED, None),
        ("Nothing happened today.", None, "Three Injured in Crash"),
    ]
    batched = list(extractor.extract_many(docs, batch_size=2))
    assert batched == [extractor.extract(*doc) for doc in docs]


def test_the_whole_document_parse_gives_the_same_mentions_on_the_seeds(extractor: CasualtyExtractor) -> None:
    lines = (Path(__file__).parent / "data" / "seeds_gold.jsonl").read_text(encoding="utf-8").splitlines()
    docs = [(d["text"], PUBLISHED, d["title"]) for d in map(json.loads, lines)]
    fast = list(extractor.extract_many(docs))
    slow = list(extractor.extract_whole_many(docs))
    assert [counts(m) for m in fast] == [counts(m) for m in slow]


def test_a_list_of_other_stories_ends_the_article(extractor: CasualtyExtractor) -> None:
    text = ("A boy shot himself in the head on Sunday, the sheriff said.\n\nMore stories you may like on 7News\n\n"
            "9-year-old, grandmother found dead in SC home The coroner found two people dead on Sunday.")
    assert [(m.outcome, m.count) for m in extractor.extract(text, PUBLISHED)] == [("injured", 1)]


def test_a_headline_paragraph_counts_only_a_figure_the_story_gives(extractor: CasualtyExtractor) -> None:
    text = ("Four people were wounded in a shooting in Brooklyn on Sunday afternoon, police said.\n\n"
            "Shooting victim dies minutes after relatives drop him at hospital\n\n"
            "The four victims were shot on Mermaid Avenue.")  # a link to another story
    assert {(m.outcome, m.count) for m in extractor.extract(text, PUBLISHED)} == {("injured", 4)}
    text = ("A man was shot to death in Portsmouth on Saturday night, police said.\n\n"
            "Amos Rudd, 57, dies at Grant Medical Center\n\nThe shooting remains under investigation.")  # the story's
    assert [m.evidence for m in extractor.extract(text, PUBLISHED)][-1] == "Amos Rudd, 57, dies at Grant Medical Center"
    text = "Police listed the victims.\n\n\u2022 a 24-year-old man was shot in his thigh\n\n\u2022 a 32-year-old man"
    assert {(m.outcome, m.count) for m in extractor.extract(text, PUBLISHED)} == {("injured", 1)}  # a list's item
