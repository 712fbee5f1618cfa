"""Two of the English pipeline's rule-based components made fast, with the same annotations (`tests/
test_fast_components.py` compares them with spaCy's own on real text).

- The attribute ruler (tag to part of speech, lemma and morphology exceptions): spaCy's `Matcher` tries each of
  the model's 179 patterns at every token, which took as long as the tagger and the parser together (15% of
  reading a page). An `AttributeTable` files the patterns by the value their first token must have (its
  lower-case form, tag or dependency) and remembers which patterns a kind of token starts; a pattern it cannot do
  (a quantifier, a comparison) is left to a `Matcher`.
- The lemmatizer's test of a base form (`is_base_form`: a singular noun, an infinitive) reads the token's
  morphology into a dict every time, as spaCy caches only the lemmas it derives (4% of reading a page); its
  answer depends only on the part of speech and the morphology, so it is remembered by them.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore
from spacy.tokens import Doc, Token

# The token attributes a table pattern may test, as the Matcher names them, in the order `Doc.to_array` gives them.
TOKEN_ATTRIBUTES = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
COLUMNS = list(TOKEN_ATTRIBUTES)
# Attributes a pattern is filed under: the first its first token tests with one value or a list, the most selective
# first. A pattern filed under none is tried at every token.
FILED_BY = ("LOWER", "TAG", "DEP")
MAX_REMEMBERED_TOKEN_KINDS = 50_000


def _value_id(value, strings: StringStore) -> int:
    """A value as `Doc.to_array` gives it: a string's hash (0 for none), a flag's 0 or 1."""
    return int(value) if isinstance(value, bool) else strings.add(value)


def _accepts(predicate, strings: StringStore) -> Callable[[int], bool] | None:
    """A test of one attribute's value id, or None for one a table cannot do (a comparison, a length)."""
    if isinstance(predicate, (str, bool)):
        return _value_id(predicate, strings).__eq__
    if not isinstance(predicate, dict) or len(predicate) != 1:
        return None
    (operator, values), = predicate.items()
    if operator == "REGEX":
        regex = re.compile(values)
        return lambda value: regex.search(strings[value]) is not None
    ids = frozenset(_value_id(value, strings) for value in values) if isinstance(values, list) else None
    if operator == "IN" and ids is not None:
        return ids.__contains__
    if operator == "NOT_IN" and ids is not None:
        return lambda value: value not in ids
    return None


class _TablePattern:
    """A pattern of one or more tokens, each with fixed attribute tests (no quantifiers)."""

    def __init__(self, attr_id: int, match_id: int, pattern: list[dict], strings: StringStore) -> None:
        self.attr_id, self.match_id, self.length = attr_id, match_id, len(pattern)
        self.tests = [[(COLUMNS.index(name), _accepts(predicate, strings)) for name, predicate in token.items()]
                      for token in pattern]

    def first_passes(self, row: tuple[int, ...]) -> bool:
        return all(accepts(row[column]) for column, accepts in self.tests[0])

    def matches_at(self, rows: list[list[int]], i: int) -> bool:
        """Whether the tokens from `i` on pass every token's tests (the first's are known to pass)."""
        return i + self.length <= len(rows) and all(
            accepts(row[column]) for row, tests in zip(rows[i + 1 : i + self.length], self.tests[1:])
            for column, accepts in tests)


def _is_table_pattern(pattern: list[dict], strings: StringStore) -> bool:
    return all(name in TOKEN_ATTRIBUTES and _accepts(predicate, strings) is not None
               for token in pattern for name, predicate in token.items())


def _filing(first_token: dict, strings: StringStore) -> tuple[str | None, list[int]]:
    """(attribute, value ids) a pattern is found by; (None, []) for one tried at every token."""
    for name in FILED_BY:
        predicate = first_token.get(name)
        if isinstance(predicate, str):
            return name, [_value_id(predicate, strings)]
        if isinstance(predicate, dict) and set(predicate) == {"IN"}:
            return name, [_value_id(value, strings) for value in predicate["IN"]]
    return None, []


class AttributeTable:
    """`AttributeRuler.match` done with a table; a pattern it cannot do is left to a `Matcher`."""

    def __init__(self, ruler: AttributeRuler) -> None:
        strings = ruler.vocab.strings
        self.filed: dict[str, dict[int, list[_TablePattern]]] = {name: defaultdict(list) for name in FILED_BY}
        self.everywhere: list[_TablePattern] = []
        self.rest = Matcher(ruler.vocab, validate=False)
        for attr_id in range(len(ruler.attrs)):
            key = str(attr_id)  # AttributeRuler.add files the attr_id-th rule under this key
            match_id = strings[key]
            for pattern in ruler.matcher.get(match_id)[1]:
                if not _is_table_pattern(pattern, strings):
                    self.rest.add(key, [pattern])
                    continue
                table_pattern = _TablePattern(attr_id, match_id, pattern, strings)
                name, values = _filing(pattern[0], strings)
                if name is None:
                    self.everywhere.append(table_pattern)
                for value in values:
                    self.filed[name][value].append(table_pattern)
        self.strings = strings
        self._first_token_passed: dict[tuple[int, ...], list[_TablePattern]] = {}

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """(attr_id, match_id, start, end) of every match, sorted: what `AttributeRuler.match` returns."""
        matches = {(int(self.strings[match_id]), match_id, start, end)
                   for match_id, start, end in self.rest(doc, allow_missing=True, as_spans=False)} if len(
            self.rest) else set()
        rows = doc.to_array(list(TOKEN_ATTRIBUTES.values())).tolist()
        for i, row in enumerate(rows):
            for pattern in self._starting_with(tuple(row)):
                if pattern.length == 1 or pattern.matches_at(rows, i):
                    matches.add((pattern.attr_id, pattern.match_id, i, i + pattern.length))
        return sorted(matches)

    def _starting_with(self, row: tuple[int, ...]) -> list[_TablePattern]:
        """The patterns whose first token this token's attributes pass, remembered by them: a text's tokens
        repeat a few thousand kinds ("the", a determiner of a noun)."""
        found = self._first_token_passed.get(row)
        if found is None:
            if len(self._first_token_passed) >= MAX_REMEMBERED_TOKEN_KINDS:
                self._first_token_passed.clear()
            candidates = [p for name in FILED_BY for p in self.filed[name].get(row[COLUMNS.index(name)], ())]
            found = self._first_token_passed[row] = [p for p in (*candidates, *self.everywhere) if p.first_passes(row)]
        return found


class BaseForms:
    """A lemmatizer's `is_base_form`, remembered by the token's part of speech and morphology."""

    def __init__(self, is_base_form: Callable[[Token], bool]) -> None:
        self.is_base_form = is_base_form
        self.known: dict[tuple[int, int], bool] = {}

    def __call__(self, token: Token) -> bool:
        key = (token.pos, token.morph.key)
        found = self.known.get(key)
        if found is None:
            found = self.known[key] = self.is_base_form(token)
        return found


def use_fast_components(nlp: Language) -> None:
    """Have the pipeline's attribute ruler match with an `AttributeTable`, its lemmatizer test base forms with
    `BaseForms`."""
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        ruler.match = AttributeTable(ruler)
    if "lemmatizer" in nlp.pipe_names:
        lemmatizer = nlp.get_pipe("lemmatizer")
        lemmatizer.is_base_form = BaseForms(lemmatizer.is_base_form)
