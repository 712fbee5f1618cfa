"""What the rules know of a language, as data: one module per language (spaCy's `lang/xx/` is the model).

Rule code imports no language. The extractor picks one (`for_language`, from its spaCy model's language) and
hands it on: string rules take it as an argument, and a parsed text carries it (`attach`), as spaCy's own
language data rides on `doc.vocab`, so that a rule reading a token finds its words with `lexicon_of(token)`.
Adding a language is a new module here with the same names, plus the grammar its rules read differently.
"""
from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # importing spaCy takes 0.4 s, which a run that reads nothing new need not spend
    from spacy.tokens import Doc, Span, Token

Lexicon = ModuleType
LANGUAGES = ("en",)
# The language the pipeline reads: articles in another are rejected (`articles.extract_article`), and the events
# stage reads the mentions with its lexicon.
PIPELINE_LANGUAGE = "en"
_USER_DATA_KEY = "casualty_events.lexicon"


class UnsupportedLanguage(ValueError):
    """No lexicon for the language asked for."""


def for_language(code: str) -> Lexicon:
    """The lexicon of a language by its code ("en"), as spaCy names it (`nlp.lang`)."""
    if code not in LANGUAGES:
        raise UnsupportedLanguage(f"no casualty lexicon for language {code!r}; there is one for: {', '.join(LANGUAGES)}")
    return importlib.import_module(f"{__name__}.{code}")


def attach(doc: "Doc", lexicon: Lexicon) -> "Doc":
    """Let every rule that reads the parsed text read it with this lexicon."""
    doc.user_data[_USER_DATA_KEY] = lexicon
    return doc


def lexicon_of(part: "Token | Span | Doc") -> Lexicon:
    """The lexicon a parsed text was attached to (`attach`)."""
    doc = getattr(part, "doc", part)  # a token's or span's Doc, or the Doc itself
    try:
        return doc.user_data[_USER_DATA_KEY]
    except KeyError:
        raise LookupError("this text was parsed without a lexicon: call lexicon.attach(doc, lexicon) first") from None
