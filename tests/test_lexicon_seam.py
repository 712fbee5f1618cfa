"""The rules receive their language's lexicon: no code but the lexicons' imports a language, the extractor picks one
by its model's language or takes one given, and a row added to a lexicon is read with no code changed."""
from __future__ import annotations

import pathlib
import re
import types

import pytest

from casualty_events.transforms.casualties.extractor import CasualtyExtractor
from casualty_events.transforms.casualties.lexicon import LANGUAGES, UnsupportedLanguage, en, for_language, lexicon_of
from tests.extractor_fixture import PUBLISHED, counts

ROOT = pathlib.Path(__file__).resolve().parents[1]
LEXICONS = ROOT / "transforms" / "casualties" / "lexicon"
IMPORTS_A_LANGUAGE = re.compile(r"lexicon\.(?:" + "|".join(LANGUAGES) + r")\b|lexicon import (?:.*\b)?(?:"
                                + "|".join(LANGUAGES) + r")\b")


def test_no_module_but_the_lexicons_imports_a_language() -> None:
    modules = [path for folder in ("transforms", "pipelines") for path in sorted((ROOT / folder).rglob("*.py"))
               if LEXICONS not in path.parents]
    assert len(modules) > 40
    importing = [str(path.relative_to(ROOT)) for path in modules
                 if IMPORTS_A_LANGUAGE.search(path.read_text(encoding="utf-8"))]
    assert importing == []


def test_the_extractor_takes_the_lexicon_of_its_model_language(extractor) -> None:
    assert extractor.nlp.lang == "en" and extractor.lexicon is for_language("en") is en


def test_a_language_with_no_lexicon_is_a_clear_error() -> None:
    with pytest.raises(UnsupportedLanguage, match="'xx'.*en"):
        for_language("xx")


def test_a_text_parsed_without_a_lexicon_is_a_clear_error(extractor) -> None:
    with pytest.raises(LookupError, match="without a lexicon"):
        lexicon_of(extractor.nlp("Two men were killed.")[0])


def test_a_trigger_added_to_a_lexicon_is_read_with_no_code_changed(extractor) -> None:
    sentence = "The gang garrotted two guards on Monday."
    assert extractor.extract(sentence, PUBLISHED) == []
    with_garrotte = types.ModuleType("en_with_garrotte")
    with_garrotte.__dict__.update(vars(en))
    with_garrotte.TRIGGERS = (*en.TRIGGERS, ("garrotte", "transitive", "killed", "garrott?"))
    reading_it = CasualtyExtractor(lexicon=with_garrotte)
    assert counts(reading_it.extract(sentence, PUBLISHED)) == {("killed", 2, None, "exact")}
    assert counts(reading_it.extract("Two guards were garrotted in their cell.", PUBLISHED)) == {
        ("killed", 2, None, "exact")}
