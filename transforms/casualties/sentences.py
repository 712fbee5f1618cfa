"""Cheap sentence splitting with exact offsets, and a parser-friendly copy of a sentence.

Sentences are found by rule, not by the parser, so that only the few that
may state casualties need a parse. Evidence must be the text exactly as
written, so every sentence keeps its offsets into the document, and the copy
handed to spaCy (lower-cased when the text is ALL CAPS or Title Case, quotes
and odd spaces made plain) has the same length, character for character.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from casualty_events.transforms.casualties.lexicon import Lexicon
from casualty_events.transforms.text import CharacterSwap

# A sentence ends at . ! ? (with closing quotes/brackets) before whitespace and an opening character, or right
# before a capitalised word after a lower-case one, where a page lost the space or line break between two sentences
# ("three others hospitalized.It happened after ...").
_END_RE = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|(?<=[a-z]{2})[.!?](?=[A-Z][a-z]*[ ,])")
_PARAGRAPH_RE = re.compile(r"\n\s*\n")
_HOUR_SUFFIX_RE = re.compile(r"\b[ap]\.m\b\.?", re.IGNORECASE)
_WORD_BEFORE_RE = re.compile(r"([A-Za-z][A-Za-z.]*)[.]*$")
_ASCII_NON_LETTERS = bytes(code for code in range(128) if not chr(code).isalpha())
_ASCII_LOWER = bytes(range(ord("a"), ord("z") + 1))
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")
WORD_WINDOW = 64  # longer than any abbreviation the stop rules look for
# A dateline opening a sentence ("RICHMOND, Ind. (April 11, 2014) –", "SAN SALVADOR,
# 18 FEB 90 (DPA) -- [TEXT]", "MANAGUA (NICARAGUA), 11 DEC 89 (RADIO SANDINO) --", "CHICAGO —") is no part of
# its grammar: the parser copy blanks it, so that "CHICAGO" is not read as the subject.
DATELINE_RE = re.compile(
    r"^[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,3}(?: \([A-Z][A-Z .'\-]{1,40}\))?(?:, [A-Za-z0-9. ]{2,30}?)?"
    r"(?: ?\([^)]{0,60}\))?"
    r" ?(?:--|[\u2014\u2013]|-(?=\s|$)) ?(?:\[[A-Z ]+\] ?)*"  # a dash, not a hyphen: "TWENTY-EIGHT" is no dateline
)
# A title run into the next sentence: a space, then a capital or an opening bracket.
_RUN_ON_RE = re.compile(r" [A-Z\[(]")
_plain = CharacterSwap({
    "\n": " ", "\r": " ", "\t": " ", "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ", "\u200a": " ", "\u2028": " ",
    "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "\u201c": '"', "\u201d": '"',
    "\u201e": '"', "\u2010": "-", "\u2011": "-", "\u2013": "-", "\u2014": "-",
})  # fmt: skip


@dataclass(frozen=True)
class Sentence:
    """A sentence at text[start:end], whitespace-trimmed."""

    start: int
    end: int
    text: str


# How a statement ends; a paragraph of one line that ends otherwise is a headline (a link to another story, a
# subhead), a list's item when it starts with a marker.
STATEMENT_END_CHARS = tuple(".!?:;\"'\u201d\u2019)\u2026")
LIST_MARKERS = tuple("\u2022\u00b7*-\u2013\u2014>")
_PARAGRAPH_AFTER_RE = re.compile(r"[ \t]*(?:\n\n|\s*\Z)")  # a blank line, or the end of the text


def is_headline_paragraph(text: str, sentence: Sentence) -> bool:
    """Whether a sentence is a paragraph of its own, after another, that ends as no statement does and is no list's
    item ("Shooting victim dies minutes after relatives drop him at hospital" amid a story of four wounded)."""
    return (not sentence.text.endswith(STATEMENT_END_CHARS) and not sentence.text.startswith(LIST_MARKERS)
            and _after_a_paragraph(text, sentence.start) and _PARAGRAPH_AFTER_RE.match(text, sentence.end) is not None)


def _after_a_paragraph(text: str, start: int) -> bool:
    """Whether a blank line comes before `start`, with only spaces between."""
    blank = text.rfind("\n\n", 0, start)
    return blank >= 0 and not text[blank + 2 : start].strip(" \t")


def split_sentences(text: str, lexicon: Lexicon, title: str | None = None) -> list[Sentence]:
    """The sentences of a document, with offsets; blank lines and headline lines end sentences, and so does the
    document's `title` where a page runs it into the next sentence ("... killed in south Minneapolis shooting An
    eight-month-old baby and a man were shot")."""
    cuts = _title_ends(text, title)
    sentences: list[Sentence] = []
    wrapped = _is_hard_wrapped(text)
    paragraph_start = 0
    for paragraph_end, next_start in [*((m.start(), m.end()) for m in _PARAGRAPH_RE.finditer(text)), (len(text), len(text))]:
        for start, end in _split_paragraph(text, paragraph_start, paragraph_end, wrapped, lexicon):
            for piece_start, piece_end in _cut(text, start, end, cuts):
                sentences.append(Sentence(piece_start, piece_end, text[piece_start:piece_end]))
        paragraph_start = next_start
    return sentences


def _title_ends(text: str, title: str | None) -> list[int]:
    """Where the title, told again in the text, runs into a capitalised word with no stop between."""
    title = (title or "").strip()
    if len(title.split()) < 3:
        return []
    return [m.end() for m in re.finditer(re.escape(title), text) if _RUN_ON_RE.match(text, m.end())]


def _cut(text: str, start: int, end: int, cuts: list[int]) -> list[tuple[int, int]]:
    """The span [start, end) cut at the offsets inside it, each piece whitespace-trimmed."""
    pieces, piece_start = [], start
    for cut in (c for c in cuts if start < c < end):
        pieces.append((piece_start, cut))
        piece_start = cut
    pieces.append((piece_start, end))
    trimmed = []
    for a, b in pieces:
        while a < b and text[a].isspace():
            a += 1
        if a < b:
            trimmed.append((a, b))
    return trimmed


def parser_copy(text: str) -> str:
    """A same-length copy of the text that spaCy parses well: plain quotes, and no shouting."""
    plain = _blank_dateline(_plain(text))
    if not is_shouting(plain):
        return plain
    lowered = _demonyms_capitalised(_lower_same_length(plain))
    first = re.search(r"\w", lowered)
    if first is None or not lowered[first.start()].isalpha():
        return lowered  # "3 shot in attack": no sentence-initial word to capitalise
    return lowered[: first.start()] + lowered[first.start()].upper() + lowered[first.end() :]


def _demonyms_capitalised(lowered: str) -> str:
    """Nationality words written as always ("two Salvadorans and a Netherlander"): lower-cased, the parser takes
    "salvadorans" for a verb."""
    return _demonym_re().sub(lambda m: m.group().title(), lowered)


@functools.cache
def _demonym_re() -> re.Pattern[str]:
    from casualty_events.transforms.casualties.gazetteer.aliases import DEMONYMS  # the gazetteer imports this module

    return re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(DEMONYMS, key=len, reverse=True))) + r")s?\b")


def _blank_dateline(text: str) -> str:
    m = DATELINE_RE.match(text)
    if m is None or m.end() >= len(text):
        return text
    return " " * m.end() + text[m.end() :]


def is_mostly_upper(text: str) -> bool:
    """ALL CAPS (newswire, a shouted headline): case says nothing there of names, months or places. Asked of every
    sentence a place scan reads: the ASCII letters are counted by deleting the others from the bytes (in C; five
    times as fast as testing each character), the rare other letters one by one."""
    ascii_letters = text.encode("ascii", "ignore").translate(None, _ASCII_NON_LETTERS)
    other_letters = [character for character in _NON_ASCII_RE.findall(text) if character.isalpha()]
    letters = len(ascii_letters) + len(other_letters)
    upper = len(ascii_letters.translate(None, _ASCII_LOWER)) + sum(map(str.isupper, other_letters))
    return letters > 0 and upper > 0.8 * letters


def is_shouting(text: str) -> bool:
    """ALL CAPS or Title Case: the parser reads such text badly, so it gets a lower-cased copy."""
    words = re.findall(r"[A-Za-z][A-Za-z'-]*", text)
    capitalised = sum(w[0].isupper() for w in words)
    title_case = len(words) >= 4 and capitalised > 0.7 * len(words)
    return is_mostly_upper(text) or title_case


def _lower_same_length(text: str) -> str:
    """str.lower(), except characters whose lower case has another length stay as they are."""
    return "".join(low if len(low := c.lower()) == 1 else c for c in text)


def _is_hard_wrapped(text: str) -> bool:
    """Old newswire breaks lines inside sentences; web text breaks them between paragraphs."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 4:
        return False
    long_unfinished = sum(45 <= len(line.rstrip()) <= 90 and not line.rstrip().endswith((".", "!", "?", ":", '"')) for line in lines)
    return long_unfinished > 0.5 * len(lines)


def _split_paragraph(text: str, start: int, end: int, wrapped: bool, lexicon: Lexicon) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    line_start = start
    line_ends = [] if wrapped else [m.start() for m in re.finditer(r"\n", text[start:end])]
    for line_end in [*(start + e for e in line_ends), end]:
        spans.extend(_split_line(text, line_start, line_end, lexicon))
        line_start = line_end + 1
    return spans


def _split_line(text: str, start: int, end: int, lexicon: Lexicon) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    chunk = text[start:end]
    cursor = 0
    for m in _END_RE.finditer(chunk):
        if not _is_real_end(chunk, m, cursor, lexicon):
            continue
        spans.append((start + cursor, start + m.end()))
        cursor = m.end()
    spans.append((start + cursor, end))
    return [_trim(text, s, e) for s, e in spans if text[s:e].strip()]


def _is_real_end(chunk: str, m: re.Match[str], sentence_start: int, lexicon: Lexicon) -> bool:
    if chunk[m.start()] != ".":
        return True
    # The word before the stop, read from a short window: searching the whole line for each stop is quadratic.
    word = _WORD_BEFORE_RE.search(chunk[max(0, m.start() - WORD_WINDOW) : m.start() + 1])
    if word is None:
        return True
    token = word.group(1).lower().rstrip(".")
    if token in ("a.m", "p.m"):
        return not (lexicon.WEEKDAY_OR_MONTH_AFTER_RE.match(chunk[m.end() :])
                    or _is_time_phrase(chunk[sentence_start : m.start()], lexicon))
    if len(token) == 1 or token in lexicon.ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)+[a-z]", token):
        return False
    return True


def _is_time_phrase(text: str, lexicon: Lexicon) -> bool:
    """ "On May 28, 2016, at approximately 1:30 p.m.": a date and an hour, which the sentence goes on after."""
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", _HOUR_SUFFIX_RE.sub(" ", text))]
    return bool(words) and words[0] in lexicon.TIME_PHRASE_OPENERS and all(w in lexicon.TIME_PHRASE_WORDS for w in words)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
