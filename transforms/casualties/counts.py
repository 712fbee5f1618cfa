"""Numbers and quantity phrases: "twenty-three", "1,200", "at least 40", "between 6 and 8".

The counting table of GUIDELINES.md lives here: a quantity phrase becomes a
count, an optional upper bound and a qualifier. Matching is case-insensitive
because old newswire is ALL CAPS. Whether a number is a count of people at
all (not an age, a year, a unit) is decided by the caller, which has the parse;
`is_non_count_context` gives it the textual tests.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from casualty_events.transforms.casualties.lexicon import Lexicon


_YEAR_RE = re.compile(r"^(?:1[89]\d\d|20\d\d)$")


@dataclass(frozen=True)
class _QuantityPatterns:
    range: re.Pattern[str]  # "between 6 and 8", "6-8"
    quantity: re.Pattern[str]  # "at least 40", "dozens", "a dozen", "twenty-three"


@cache
def _patterns(lexicon: Lexicon) -> _QuantityPatterns:
    word_number = (
        r"(?:(?:" + "|".join(lexicon.NUMBER_TENS) + r")(?:[- ](?:" + "|".join(k for k in lexicon.NUMBER_UNITS if k != "zero") + r"))?"
        r"|" + "|".join(sorted(lexicon.NUMBER_UNITS, key=len, reverse=True)) + r")"
    )
    word_numeral = (
        rf"{word_number}(?:[ -](?:hundred|thousand|million)(?:(?: and)? {word_number})?)*"
    )
    digits = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?: ?(?:million|thousand))?"
    numeral = rf"(?:{digits}|{word_numeral})"
    prefix = "|".join(re.escape(p) for p in sorted(lexicon.QUALIFIER_PREFIXES, key=len, reverse=True))

    range_re = re.compile(
        rf"\b(?:between (?P<lo1>{numeral}) and (?:as many as |up to )?(?P<hi1>{numeral})"
        rf"|(?<!\bfrom )(?P<lo2>{numeral}) ?(?:-|–|to|or) ?(?P<hi2>{numeral}))\b",  # "rose from 400 to 1,000": two figures
        re.IGNORECASE,
    )
    quantity_re = re.compile(
        rf"(?:\b(?P<prefix>{prefix})\s+)?"
        rf"(?:(?P<approx>\ba (?:dozen|score of|hundred)\b|\bdozen\b)"
        rf"|(?P<vague>\b(?:{'|'.join(re.escape(v) for v in sorted(lexicon.VAGUE_QUANTITIES, key=len, reverse=True))})\b)"
        rf"|(?P<number>(?<![\w.,$£€#-]){numeral}(?![\w%$]|\.\d|,\d)))",
        re.IGNORECASE,
    )
    return _QuantityPatterns(range_re, quantity_re)



@dataclass(frozen=True)
class Quantity:
    """A count phrase at [start, end) of the text it was found in."""

    start: int
    end: int
    count: int
    count_high: int | None
    qualifier: str


def parse_number(text: str, lexicon: Lexicon) -> int | None:
    """The integer a numeral names ("1,200", "twenty-three", "2.5 million"), else None."""
    words = text.lower().replace(",", "").replace("-", " ").split()
    if not words:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", words[0]):
        value = float(words[0])
        for word in words[1:]:
            if word not in lexicon.NUMBER_MULTIPLIERS:
                return None
            value *= lexicon.NUMBER_MULTIPLIERS[word]
        return int(value)
    total = current = 0
    for word in words:
        if word == "and":
            continue
        if word in lexicon.NUMBER_UNITS:
            current += lexicon.NUMBER_UNITS[word]
        elif word in lexicon.NUMBER_TENS:
            current += lexicon.NUMBER_TENS[word]
        elif word in lexicon.NUMBER_MULTIPLIERS:
            multiplier = lexicon.NUMBER_MULTIPLIERS[word]
            if multiplier == 100:
                current = max(current, 1) * 100
            else:
                total += max(current, 1) * multiplier
                current = 0
        else:
            return None
    return total + current


def is_non_count_context(text: str, start: int, end: int, lexicon: Lexicon) -> bool:
    """Whether the number at text[start:end] is an age, year, time, unit name, address, money..."""
    number = text[start:end].strip()
    before, after = text[max(0, start - 25) : start], text[end : end + 25]
    if _YEAR_RE.match(number.strip()):
        return True
    if lexicon.NON_COUNT_AFTER_RE.match(after) or lexicon.NON_COUNT_BEFORE_RE.search(before):
        return True
    if re.match(r"^\s*(?:-|:|/)\s*\d", after) or re.search(r"\d\s*(?:-|/)\s*$", before):
        return True  # phone numbers, times, dates, scores
    # "Smith, 34," or "Smith, 34;" is an age after a name
    if re.search(r"[A-Za-z]\s*,\s*$", before) and re.match(r"^\s*[,;)]", after) and number.isdigit():
        return int(number) < 120
    return False


def find_quantities(text: str, lexicon: Lexicon) -> list[Quantity]:
    """Every count phrase in the text, with the GUIDELINES count, upper bound and qualifier."""
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    patterns = _patterns(lexicon)
    for m in patterns.range.finditer(text):
        lo_text = m.group("lo1") or m.group("lo2")
        hi_text = m.group("hi1") or m.group("hi2")
        lo, hi = parse_number(lo_text, lexicon), parse_number(hi_text, lexicon)
        lo_start = m.start("lo1") if m.group("lo1") else m.start("lo2")
        hi_end = m.end("hi1") if m.group("hi1") else m.end("hi2")
        if lo is None or hi is None or not lo < hi <= 10 * max(lo, 1):
            continue
        if is_non_count_context(text, lo_start, hi_end, lexicon):
            continue
        found.append(Quantity(m.start(), m.end(), lo, hi, "range"))
        taken.append((m.start(), m.end()))
    for m in patterns.quantity.finditer(text):
        if any(s <= m.start() < e or s < m.end() <= e for s, e in taken):
            continue
        quantity = _quantity_from_match(text, m, lexicon)
        if quantity is not None:
            found.append(quantity)
    return sorted(found, key=lambda q: q.start)


def _quantity_from_match(text: str, m: re.Match[str], lexicon: Lexicon) -> Quantity | None:
    prefix = (m.group("prefix") or "").lower()
    qualifier = lexicon.QUALIFIER_PREFIXES.get(" ".join(prefix.split()), "exact") if prefix else "exact"
    if m.group("approx"):
        count = lexicon.APPROX_QUANTITIES[m.group("approx").lower()]
        return Quantity(m.start(), m.end(), count, None, "approx" if qualifier == "exact" else qualifier)
    if m.group("vague"):
        if re.search(r"\bhow\s+$", text[max(0, m.start("vague") - 5) : m.start("vague")], re.IGNORECASE):
            return None  # "how many times"
        if prefix:  # "some" + vague word does not occur meaningfully; keep the vague reading
            return Quantity(m.start("vague"), m.end(), lexicon.VAGUE_QUANTITIES[m.group("vague").lower()], None, "vague")
        return Quantity(m.start(), m.end(), lexicon.VAGUE_QUANTITIES[" ".join(m.group("vague").lower().split())], None, "vague")
    if re.search(r"\bhow\s+$", text[max(0, m.start() - 5) : m.start()], re.IGNORECASE):
        return None  # "how many"
    number_text = m.group("number")
    if is_non_count_context(text, m.start("number"), m.end("number"), lexicon):
        return None
    count = parse_number(number_text, lexicon)
    if count is None:
        return None
    suffix = lexicon.QUALIFIER_SUFFIX_RE.match(text, m.end()) if qualifier == "exact" else None
    if suffix is not None:  # "four or more people": at least four
        return Quantity(m.start(), suffix.end(), count, None, "at_least" if suffix.group("more") else "at_most")
    return Quantity(m.start(), m.end(), count, None, qualifier)
