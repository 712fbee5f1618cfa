"""Several patterns read over one text in one pass, each giving the matches it gives alone.

The date grammar and the cause cues are one or two dozen patterns, most of which begin by looking at the character
before them (`(?<![\\w-])`: a word starts here). Read one by one, each visits every position of the text and looks
behind it there. A `PatternSet` reads the text once with a lookahead made of all of them, the shared look-behind
tried once per position, and only where some pattern matches does each try its own match, keeping to what
`finditer` keeps (leftmost first, none overlapping another of the same pattern). On the local-news dev texts that
halves the date grammar's time and cuts the cause cues' to a third, with the same matches (tested).
"""
from __future__ import annotations

import re
from collections.abc import Sequence

# A look-behind at a pattern's start, without groups inside: "(?<![\w-])".
_LEADING_LOOKBEHIND_RE = re.compile(r"\(\?<[!=](?:[^()\\]|\\.)*\)")
_GROUP_NAME_RE = re.compile(r"\(\?P<\w+>")


class PatternSet:
    """Patterns of the same flags, none matching an empty string, read together (`finditer_each`)."""

    def __init__(self, patterns: Sequence[re.Pattern[str]]) -> None:
        flags = {pattern.flags for pattern in patterns}
        if len(flags) > 1:
            raise ValueError(f"a pattern set's patterns share their flags, not {sorted(flags)}")
        if any("(?P=" in p.pattern or "(?(" in p.pattern for p in patterns):
            raise ValueError("a pattern set cannot read back a named group: its lookahead has none")
        self.patterns = tuple(patterns)
        by_lookbehind: dict[str, list[str]] = {}
        for pattern in patterns:
            source = _GROUP_NAME_RE.sub("(?:", pattern.pattern)  # names may repeat across patterns
            lookbehind = _LEADING_LOOKBEHIND_RE.match(source)
            prefix = lookbehind.group() if lookbehind else ""
            by_lookbehind.setdefault(prefix, []).append(source[len(prefix):])
        branches = [prefix + "(?:" + "|".join(rests) + ")" for prefix, rests in by_lookbehind.items()]
        self._any = re.compile("(?=" + "|".join(branches) + ")", flags.pop() if flags else 0)

    def finditer_each(self, text: str) -> list[list[re.Match[str]]]:
        """For each pattern, what `pattern.finditer(text)` gives."""
        found: list[list[re.Match[str]]] = [[] for _ in self.patterns]
        ends = [0] * len(self.patterns)
        for start in (somewhere.start() for somewhere in self._any.finditer(text)):
            for index, pattern in enumerate(self.patterns):
                if start >= ends[index] and (match := pattern.match(text, start)):
                    found[index].append(match)
                    ends[index] = match.end()
        return found
