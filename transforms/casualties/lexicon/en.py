"""English: the words the fact and event rules read. Code imports these; it holds no word of its own."""
from __future__ import annotations

_TOTAL = (r"(?:them|those|whom|the\s+(?:\w+\s+){0,2}?"
          r"(?:dead|killed|victims|injured|wounded|bodies|casualties|fatalities|deaths|hurt))")

# A victims phrase that is a part of a total stated elsewhere, by what stands just before it
# ("including four children", "of the dead, 26 were women") or just after it ("seven of the ten
# bodies", "three of them", "two children among the dead").
PART_BEFORE = rf"(?:\bincluding|\b(?:of|among)\s+{_TOTAL}\s*,?(?:\s+\w+){{0,2}})\s*$"
PART_AFTER = rf"^[^.;]{{0,20}}?\b(?:of|among)\s+{_TOTAL}"

# Words of a victims phrase that do not say who the victims were, left out of a toll series' key.
SERIES_STOPWORDS = frozenset(
    """a an the of in on at to from for by with and or its their his her this that these those
    some about around nearly almost over more than least as many much up people persons person
    number total toll death deaths killed dead including among such who were was have has been""".split()
)
