"""English: the words and patterns the rules read (triggers, people, places, causes, dates, facts and events).

Rule code receives this module as its lexicon (`lexicon.for_language("en")`) and reads these names from it; a second
language is a module with the same names."""
from __future__ import annotations

import re

_TOTAL = (r"(?:them|those|whom|the\s+(?:\w+\s+){0,2}?"
          r"(?:dead|killed|victims|injured|wounded|bodies|casualties|fatalities|deaths|hurt))")

# A victims phrase that is a part of a total stated elsewhere, by what stands just before it
# ("including four children", "of the dead, 26 were women") or just after it ("seven of the ten
# bodies", "three of them", "two children among the dead").
PART_BEFORE_RE = re.compile(rf"(?:\bincluding|\b(?:of|among)\s+{_TOTAL}\s*,?(?:\s+\w+){{0,2}})\s*$", re.IGNORECASE)
PART_AFTER_RE = re.compile(rf"^[^.;]{{0,20}}?\b(?:of|among)\s+{_TOTAL}", re.IGNORECASE)
# What joins the groups of a list ("four rebels, three civilians and a policeman"), and what says a figure
# includes a group ("six of their members, including the rector").
LIST_JOINER_RE = re.compile(r",|\band\b|&|\b(?:along|together) with\b", re.IGNORECASE)
INCLUDING_RE = re.compile(r"\bincluding\b", re.IGNORECASE)

# Words of a victims phrase that do not say who the victims were, left out of a toll series' key.
SERIES_STOPWORDS = frozenset(
    """a an the of in on at to from for by with and or its their his her this that these those
    some about around nearly almost over more than least as many much up people persons person
    number total toll death deaths killed dead including among such who were was have has been""".split()
)

# Capitalised words that say nothing of which incident a text is about: sentence-initial function words,
# days and months, and the institutions every report names. Left out of a report's distinctive terms.
COMMON_CAPITALISED = frozenset(
    """the a an he she it they we i you his her their its this that these those there here then when where
    what who which while after before during at in on of for from to by with and but or as if so not no
    one two three four five six seven eight nine ten also about according more most some many several
    both each all another other police officer officers department sheriff deputy deputies detective
    detectives authorities investigators officials official county city state street avenue road news
    hospital medical center school university man woman men women boy girl victim victims suspect suspects
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
    mr mrs ms dr chief lt sgt capt update updated read related
    photo video copyright associated press reuters""".split()
)

# The words after a street's name ("Hearne Ave", "Clarke Boulevard"), and the phrase before one ("the 5600
# block of South Princeton"): streets tell two shootings of one city and day apart.
STREET_SUFFIXES = ("Street", "St", "Avenue", "Ave", "Road", "Rd", "Boulevard", "Blvd", "Drive", "Dr", "Lane",
                   "Ln", "Way", "Parkway", "Pkwy", "Highway", "Hwy", "Court", "Ct", "Place", "Pl", "Terrace",
                   "Circle", "Square", "Freeway", "Expressway")
BLOCK_OF = r"\d+\s+block\s+of\s+"
# An address where someone lives, not where it happened: "Christian Bandemer of the 900 block of West 36th Street",
# "Jacory Wesley, of the 7000 block of Penny Street", "who lived in the 900 block of".
RESIDENT_ADDRESS_RE = re.compile(r"(?:\b(?:lives?|lived|living|resides?|resided|residing)\s+(?:in|on|at)\s+"
                                 r"|(?:\b[A-Z][a-z]+|\bresidents?|\d{1,3}),?\s+of\s+)the\s+$")
COMPASS_PREFIXES = ("North", "South", "East", "West", "N", "S", "E", "W")

# Nouns after a nationality word that make it a place ("the Syrian conflict", "the Salvadoran war", "on the
# Afghan border"); after any other noun it names people ("the Egyptian ambassador", "Syrian forces").
DEMONYM_PLACE_NOUNS = frozenset(
    """war wars conflict conflicts civil capital border borders frontier territory territories soil city
    town towns village villages province provinces region regions countryside coast mountains jungle
    desert side""".split()
)

# Nouns of a state's institutions: a country named with one ("U.S. authorities", "the government of the
# Republic of Guatemala") names who acted or spoke, not where the casualties were.
INSTITUTION_NOUNS = frozenset(
    """government governments authorities authority embassy embassies officials official president
    presidency ambassador ambassadors ministry minister ministers congress parliament senate cabinet
    army military navy troops forces police intelligence consulate delegation spokesman spokeswoman aid
    assistance""".split()
)


# Places: words around place names.
ADMIN_SUFFIXES: dict[str, str] = {
    "province": "admin1", "governorate": "admin1", "department": "admin1", "state": "admin1",
    "region": "admin1", "prefecture": "admin1", "oblast": "admin1", "district": "admin2",
    "municipality": "admin2", "county": "admin2", "parish": "admin2",
}  # fmt: skip
# A place name before one of these words is part of a street's or a building's name ("Pennsylvania Avenue",
# "Northridge Hospital", "the Woodbridge apartment complex"), not a place of its own.
STREET_WORDS = frozenset(suffix.lower() for suffix in STREET_SUFFIXES)
FACILITY_WORDS = frozenset("hospital medical clinic school apartment apartments mall hotel inn motel".split())
# A neighbourhood named after a town: "Parkway Village", "Crown Heights" (the gazetteer's own longer names win first).
NEIGHBOURHOOD_WORDS = frozenset("village heights hills estates gardens acres manor".split())
# A town's own police: "Garland police", "the Fairbanks Police Department" name a town however ordinary the word.
JURISDICTION_WORDS = frozenset("police sheriff sheriff's".split())
# "Southeast Bakersfield" is still Bakersfield.
COMPASS_WORDS = frozenset(
    "north south east west northeast northwest southeast southwest northern southern eastern"
    " western central downtown greater suburban rural".split()
)
LOCATIVE_PREPOSITIONS = frozenset("in at near outside from into around across throughout toward towards".split())
# A country in the possessive after one of these is where things happen ("on Syria's battlefields", "in Iraq's Anbar
# province"); elsewhere it is whose the people are ("the number of Iran's martyrs", "Iran's Foundation of Martyrs").
POSSESSIVE_PLACE_BEFORE_RE = re.compile(r"\b(?:in|on|at|near|across|throughout|inside|outside|into|around)\s+$",
                                        re.IGNORECASE)
PLACE_INTRODUCERS_RE = re.compile(
    r"(?:city|town|village|municipality|department|province|region|state|district|hamlet)"
    r"\s+of\s+$",
    re.IGNORECASE,
)
# Where people live or come from is not where they were hurt: "Rashad Opher, 20, of Windsor Mill" (its comma
# often left out: "Derrick Williams, 31 of Kansas City, KS"), "three men from Tarboro", "his family lives in Denver".
RESIDENCE_BEFORE_RE = re.compile(
    r"(?:\b\d{1,3}\s*,|,\s*\d{1,3}|\b(?:man|woman|men|women|boy|girl|boys|girls|teen|teens|teenager|teenagers|resident|"
    r"residents|native|natives|youth|student|students|family|families))\s+(?:of|from)\s+$"
    r"|\b(?:lives?|lived|living|resides?|resided|residing|moved)\s+(?:(?:away\s+)?(?:in|at|near|to|from)\s+)$",
    re.IGNORECASE,
)
# A name after "block of" is a street's, whatever town shares it: "in the 15000 block of Winston".
STREET_BEFORE_RE = re.compile(r"\bblock\s+of\s+(?:(?:north|south|east|west|[NSEW]\.?)\s+)?$", re.IGNORECASE)
# A place said of a person, right before the word for them: where they served or come from ("a Vietnam veteran",
# "an Iraq war veteran", "a Texas native"), not where they were hurt.
PERSON_OF_PLACE_AFTER_RE = re.compile(
    r"\s+(?:war\s+)?(?:veterans?|natives?|immigrants?|nationals?|citizens?|refugees?|expats?)\b", re.IGNORECASE)
# A part of a city named as such: "the Kensington section of Philadelphia", "the West Side Austin neighborhood"
# (of the city the story is from).
CITY_PART_OF_RE = re.compile(r"\s+(?:section|neighbou?rhood|community|area|district)\s+of\s+(?:the\s+city\s+of\s+)?")
CITY_PART_RE = re.compile(r"\s+(?:section|neighbou?rhood)\b(?!\s+of\b)")
# ... after "the" ("the West Side Austin neighborhood"); "a northeastern Aleppo neighborhood" is one of Aleppo's.
CITY_PART_BEFORE_RE = re.compile(r"\bthe\s+(?:[A-Z][\w-]*\s+){0,3}$")
# Where a statement was made or sent from, where a group has its seat or where the hurt were treated is not
# where the casualties were: "broadcast from San Salvador", "speaking in Geneva", "whose main offices are in
# Mexico", "based in London", "taken to Memorial Hermann Hospital in The Woodlands".
STATEMENT_BEFORE_RE = re.compile(
    r"\b(?:broadcast|broadcasting|reported|reporting|speaking|spoke|announced|told\s+reporters)\s+(?:\w+\s+)?(?:from|in)\s+$"
    r"|\b(?:offices?|headquarters|headquartered|based|exiled|exile)\s+(?:(?:are|is|was|were)\s+)?(?:in|at)\s+$"
    r"|\b(?:hospital|medical\s+center|trauma\s+center|clinic)\s+(?:in|at)\s+$",
    re.IGNORECASE,
)
# A place before a person's office names whose office it is: "the Antioquia governor", "Kabul's mayor".
OFFICE_TITLES = frozenset(
    "governor governors mayor mayors minister ministers ambassador ambassadors consul bishop archbishop".split()
)
# Capitalised words after a name that make it a broadcaster's ("told KSLA News 12", "WGN TV"): never a place.
BROADCASTER_WORDS = frozenset({"News", "TV", "Radio"})
# Nouns that count incidents, not people: a number of them sums several incidents ("50 homicides in January").
INCIDENT_TALLY_NOUNS = frozenset("homicides murders killings slayings shootings incidents attacks".split())
# Words of a clause that frame its figure as a sum over a period ("so far", "since", "in the past week").
CUMULATIVE_PHRASE_RE = re.compile(
    r"\b(?:since\b(?! then)|so far|to date|thus far|until now|up to now|as of"
    r"|this (?:month|week) alone|(?:so far |earlier )?this year\b(?! in an?\b)|(?:over|in|during|for|within) (?:the )?(?:past|last|previous)\b"
    r"|in (?:january|february|march|april|may|june|july|august|september|october|november|december)"
    r"(?: \d{4})? alone|in the first (?:\w+ )?(?:days|weeks|months) of\b|(?:per|each|every) (?:year|month|week)\b"
    r"|annually|a year on average"
    r"|(?:past|last) (?:\w+ )?(?:days|weeks|months|years)\b|in recent (?:days|weeks|months|years)"
    r"|in total|in all\b|altogether|overall|cumulative|throughout the (?:war|conflict)"
    r"|since the (?:start|beginning)|(?:so far|thus far) (?:this|in)"
    r"|\b(?:in|during|throughout)\s+(?:the |this |that |its |their )?(?:[\w'-]+ ){0,3}?(?:war|conflict|insurgency|uprising)\b)",
    re.IGNORECASE,
)
# "injured in those shootings", "killed in Chicago weekend shootings", "in separate shootings", "in shootings across the
# city", "a spate of three shootings ... resulted in two deaths", "in five separate shooting incidents": a figure
# framed by several incidents sums them.
_TALLY = "|".join(sorted(INCIDENT_TALLY_NOUNS))
SEVERAL_INCIDENTS_RE = re.compile(
    rf"\b(?:(?:in|from|during)\s+(?:(?:those|these)\s+|(?:the\s+)?(?:[\w'’]+\s+)?(?:weekend|holiday|overnight)\s+)"
    rf"|in\s+(?:separate|multiple|several|different|various)\s+"
    rf"|(?:[2-9]|\d{{2,}}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:separate\s+)?"
    rf"(?:shooting\s+)?)"
    rf"(?:{_TALLY})\b"
    rf"|\bin\s+(?:{_TALLY})\s+(?:across|throughout|around|from|over)\b", re.IGNORECASE)
# Victims phrases of someone already named: an injured figure told of them is one of the dead, not a new victim
# ("the victim was shot in the head ... pronounced dead"); and words that make another victim.
SINGLE_VICTIM_ANAPHORS = frozenset({
    "the victim", "he", "she", "him", "her", "the man", "the woman", "the boy", "the girl", "the teen",
    "the teenager", "the child", "the youth",
})
OTHER_VICTIM_WORDS = frozenset("another other others second third also both".split())
# Family words: an injured figure told of kin the dead were named as ("the father shot his wife and children
# before killing himself", after "the bodies of Russell Smith, his wife, Shawna Smith, and their two children")
# is of the dead.
KIN_WORDS = frozenset(
    "wife wives husband husbands son sons daughter daughters child children kid kids father mother parents "
    "brother brothers sister sisters girlfriend boyfriend fiance fiancee spouse grandmother grandfather "
    "grandson granddaughter grandchildren stepson stepdaughter stepfather stepmother mom dad baby babies".split()
)
# Words saying a victim is not someone the text has told of ("another man was shot"): never a death told again.
ANOTHER_PERSON_WORDS = frozenset("another other others".split())
# Words that tell a group again ("the two were found with gunshot wounds", "both", "the victims"): with as many
# as the dead, the dead themselves.
GROUP_VICTIM_ANAPHORS = frozenset({"both", "both of them", "the pair", "the couple", "the victims", "they", "them"})
# The calendar: month names (the full name first, then its abbreviations) and weekdays.
MONTH_NAMES: tuple[tuple[str, ...], ...] = (
    ("january", "jan"),
    ("february", "feb"),
    ("march", "mar"),
    ("april", "apr"),
    ("may",),
    ("june", "jun"),
    ("july", "jul"),
    ("august", "aug"),
    ("september", "sept", "sep"),
    ("october", "oct"),
    ("november", "nov"),
    ("december", "dec"),
)
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# The stamp a page puts on itself near its top, on a line of its own ("Posted: Wednesday, March 12, 2014",
# "Created: 11/25/2015"): its date follows.
PAGE_DATE_RE = re.compile(r"^[ \t]*(?:posted|published|created|updated)(?:\s+on)?\s*:?\s*",
                          re.IGNORECASE | re.MULTILINE)
# How far into a text such a stamp is looked for.
PAGE_DATE_REACH = 400
# Holidays by the day they fall on: (month, day), or (month, weekday, nth) for those that move (Monday is 0; the
# nth -1 is the month's last), patterns on text whose apostrophes are plain. A bare name ("Christmas") dates a
# statement only with "on", "over" ... before it or a part of the day after it ("a Christmas party" dates nothing).
HOLIDAYS: dict[str, tuple[int, ...]] = {
    r"new\s+year'?s\s+eve": (12, 31), r"new\s+year'?s\s+day": (1, 1), r"new\s+year'?s": (1, 1),
    r"christmas\s+eve": (12, 24), r"christmas\s+day": (12, 25), r"christmas": (12, 25),
    r"fourth\s+of\s+july": (7, 4), r"independence\s+day": (7, 4), r"halloween": (10, 31),
    r"valentine'?s\s+day": (2, 14), r"thanksgiving\s+day": (11, 3, 4), r"thanksgiving": (11, 3, 4),
    r"mother'?s\s+day": (5, 6, 2), r"father'?s\s+day": (6, 6, 3), r"memorial\s+day": (5, 0, -1),
    r"labor\s+day": (9, 0, 1),
}
HOLIDAYS_NEEDING_CONTEXT = frozenset({r"new\s+year'?s", r"christmas", r"halloween", r"thanksgiving"})
# Words of the calendar, never towns however capitalised ("in March", "in May").
CALENDAR_WORDS = frozenset(name for names in MONTH_NAMES for name in names) | frozenset(WEEKDAY_NAMES)

# The words of a date-and-hour phrase that opens a sentence ("On May 28, 2016, at approximately 1:30 p.m. Captain
# Kitchens was advised of a shooting"): its "p.m." ends no sentence. The first word must be one of the first four.
TIME_PHRASE_OPENERS = frozenset("on at around about".split())
TIME_PHRASE_WORDS = TIME_PHRASE_OPENERS | frozenset(
    """approximately roughly shortly just before after early late the morning afternoon evening night noon
    midnight""".split()) | CALENDAR_WORDS

# Words of other events than a casualty that a date in its sentence may belong to. A date the parse attaches to
# one of these, before it reaches the claim's outcome word or an incident noun, is not the incident's. The arrest,
# charge and court dates ("appeared in court Friday"), the autopsy and the funeral are never the incident's:
OTHER_EVENT_VERBS = frozenset(
    "identify charge arrest indict arraign appear plead sentence convict book testify bear gather protest rally march"
    .split()
)
# Nouns that make a date before them part of a name ("the April 19 Movement", "the 26th of July Brigade").
DATE_NAMED_NOUNS = frozenset(
    "movement front brigade battalion commando group revolution street avenue square bridge stadium".split()
)
OTHER_EVENT_NOUNS = frozenset("autopsy funeral vigil memorial hearing trial arraignment appearance investigation".split())
# Verbs that only link a claim to the event above it ("arrested on suspicion of murder related to the death of",
# "charged in connection with"): the claim is still told of that event.
LINKING_VERBS = frozenset("relate connect link tie".split())
# the day of a report ("police said Monday that a man was killed Sunday") is the incident's only when the sentence
# gives no other date (a death reported the day it happened):
REPORT_VERBS = frozenset("say tell report announce state add deny raise release".split())
REPORT_NOUNS = frozenset("statement conference release".split())
# Words opening a clause on a date ("since Nov. 15, when police shot him"): what the clause tells happened then.
TIME_RELATIVES = frozenset({"when"})
# Nouns of an incident: a date hanging from one is the incident's ("charged in the June 1 shooting").
INCIDENT_NOUNS = frozenset(
    """shooting death killing murder slaying homicide attack incident crash explosion blast stabbing ambush
    bombing massacre raid clash fire collision shootout gunfight firefight melee""".split()
)

# What caused a casualty, by the words that say it: ((cause, mechanism), patterns), the first entry that
# matches wins, so specific phrases come before the words they contain ("a gas explosion" is an industrial
# accident, "a heart attack" is no violence, "opened fire" is a shooting, not a fire, "a car bomb" no crash).
CAUSE_CUES: tuple[tuple[tuple[str, str | None], tuple[str, ...]], ...] = (
    (("accident", "industrial"), (r"gas (?:leak|explosion|cylinder)", r"(?:coal )?mine (?:accident|explosion|collapse|blast)",
                                  r"(?:factory|plant|refinery|boiler|chemical) (?:explosion|blast|fire|leak|spill)",
                                  r"industrial accident", r"explosion at (?:a|the) (?:factory|plant|mine|refinery)")),
    (("disease", None), (r"heart attacks?", r"cardiac arrest", r"diseases?", r"outbreaks?", r"epidemics?",
                         r"pandemics?", r"cholera", r"covid(?:-19)?", r"coronavirus", r"ebola", r"measles",
                         r"malaria", r"infections?", r"infected", r"virus")),
    (("violence", "execution"), (r"execut(?:ed|ion|ions)", r"behead(?:ed|ing|ings)?", r"firing squad")),
    (("violence", "airstrike"), (r"air ?strikes?", r"air raids?", r"drone strikes?", r"shelling", r"shelled",
                                 r"artillery", r"mortars?", r"rockets?", r"missiles?", r"bombard(?:ed|ment|ments)",
                                 r"barrel bombs?", r"warplanes?", r"bombers? jets?")),
    (("violence", "explosion"), (r"bomb(?:s|ing|ings|er|ers|ed)?", r"blasts?", r"explosions?", r"explosives?",
                                 r"exploded", r"detonat(?:ed|ion)", r"grenades?", r"land ?mines?", r"ieds?",
                                 r"dynamit(?:e|ed)")),
    (("violence", "shooting"), (r"shot", r"shoot(?:s|ing|ings|er|ers)?", r"shoot-?outs?", r"gunm[ae]n", r"gunfire",
                                r"gunshots?", r"open(?:ed)? fire", r"fired (?:on|at|into)", r"snipers?", r"drive-by",
                                r"guns?", r"handguns?", r"pistols?", r"rifles?", r"shotguns?", r"revolvers?",
                                r"firearms?", r"bullets?", r"discharged", r"hunting accident")),
    (("violence", "stabbing"), (r"stabb?(?:ed|ing|ings|s)?", r"knife", r"knives", r"machetes?", r"beaten",
                                r"beating", r"bludgeon(?:ed)?", r"hacked")),
    (("violence", "clash"), (r"clash(?:es|ed)?", r"fighting", r"firefights?", r"gun ?battles?", r"battles?",
                             r"ambush(?:ed|es)?", r"combat", r"skirmish(?:es)?", r"offensive")),
    (("violence", None), (r"murder(?:s|ed|ing)?", r"homicides?", r"massacre[ds]?", r"(?<!heart )attack(?:s|ed|ers?)?",
                          r"assault(?:s|ed)?", r"assassinat(?:ed|ion)", r"slain", r"lynch(?:ed|ing)", r"strangled",
                          r"militants?", r"insurgents?", r"terroris[tm]s?", r"rebels?", r"guerrillas?", r"gangs?",
                          r"assassins?", r"murderers?", r"violence", r"kidnap(?:s|ped|ping|pings|pers?)",
                          r"abduct(?:s|ed|ion|ions|ors?)", r"hostages?")),
    (("disaster", "earthquake"), (r"earthquakes?", r"quakes?", r"tremors?", r"tsunami", r"aftershocks?")),
    (("disaster", "flood"), (r"flood(?:s|ing|ed|waters)?", r"flash floods?", r"torrential rains?", r"monsoon")),
    (("disaster", "storm"), (r"storms?", r"hurricanes?", r"typhoons?", r"cyclones?", r"tornado(?:e?s)?",
                             r"blizzards?")),
    (("disaster", "landslide"), (r"landslides?", r"mudslides?", r"avalanches?")),
    (("disaster", "heat"), (r"heat ?waves?", r"heat ?stroke", r"extreme heat")),
    # A vehicle named is no accident ("the bus to Usulutan was attacked"): its crash, sinking or derailing is.
    (("accident", "air"), (r"(?:plane|air|airliner|aircraft|helicopter|jet) crash(?:es|ed)?",
                           r"(?:plane|aircraft|helicopter|airliner) (?:went down|crashed)")),
    (("accident", "rail"), (r"derail(?:ed|ment|ments)?", r"rail crash", r"train (?:crash|collision|accident)")),
    (("accident", "sea"), (r"capsiz(?:ed|es|ing)", r"shipwrecks?", r"sank", r"sinking")),
    (("accident", "road"), (r"crash(?:es|ed)?", r"collisions?", r"collided", r"(?:car|traffic|road) accidents?",
                            r"hit-and-run", r"run over", r"overturned", r"hit by an? (?:car|truck|bus|vehicle|train)")),
    (("accident", "fire"), (r"blaze", r"house fire", r"fire broke out", r"caught fire", r"burn(?:ed|t) to death",
                            r"flames", r"inferno", r"(?:a|the) fire")),
    (("accident", "collapse"), (r"collaps(?:e|ed|es)", r"stampede", r"crush")),
    (("accident", None), (r"accident(?:s|al|ally)?", r"electrocuted", r"drowned")),
)

# The words that state a casualty, one entry a trigger: (lemma, how it takes its victims, outcome, the forms the
# candidate filter finds it by). How: "transitive" (its object, or its subject in the passive, is the victim:
# "killed 7", "7 were killed"), "passive" (only in the passive: "was hit in the leg", not "hit the city"),
# "intransitive" (its subject is the victim: "7 died"), "noun" (the victims hang off it: "15 deaths"),
# "adjective" (predicated of the victim: "found dead"). Adding a trigger is one line here and a test row.
TRIGGERS: tuple[tuple[str, str, str, str], ...] = (
    ("kill", "transitive", "killed", r"kill"),
    ("murder", "transitive", "killed", r"murder"),
    ("assassinate", "transitive", "killed", r"assassinat"),
    ("slay", "transitive", "killed", r"slay|slain"),
    ("massacre", "transitive", "killed", r"massacr"),
    ("execute", "transitive", "killed", r"execut(?:e[ds]?|ing|ions?)\b"),
    ("behead", "transitive", "killed", r"behead"),
    ("slaughter", "transitive", "killed", r"slaughter"),
    ("martyr", "transitive", "killed", r"martyr"),
    ("lynch", "transitive", "killed", r"lynch(?:ed|ing|ings)\b"),
    ("strangle", "transitive", "killed", r"strangl"),
    ("stab to death", "transitive", "killed", r"stab(?:s|bed|bing|bings)?\b"),
    ("wound", "transitive", "injured", r"wound"),
    ("injure", "transitive", "injured", r"injur"),
    ("hurt", "transitive", "injured", r"hurt"),
    ("maim", "transitive", "injured", r"maim"),
    # "shooting" alone names the event ("the shooting happened at 9 p.m."); as a verb it takes an object
    ("shoot", "transitive", "injured",
     r"shot(?!gun)|shoots?\b|shooting (?:an?|the|his|her|him|them|their|one|two|three|four|five|\d)\b"),
    ("stab", "transitive", "injured", r"stab(?:s|bed|bing|bings)?\b"),
    ("hospitalize", "transitive", "injured", r"hospitali[sz]"),
    ("hospitalise", "transitive", "injured", r"hospitali[sz]"),
    # "left two dead and sent a girl to the hospital", "were sent to hospitals": only with a hospital (`triggers`)
    ("send", "transitive", "injured", r"sen(?:ds?|t|ding)\b[^.;]{0,60}?\bhospitals?\b"),
    ("transport", "transitive", "injured", r"transport(?:s|ed|ing)?\b[^.;]{0,60}?\bhospitals?\b"),
    ("abduct", "transitive", "captured", r"abduct"),
    ("kidnap", "transitive", "captured", r"kidnap"),
    ("capture", "transitive", "captured", r"captur"),
    # "taken hostage", "took prisoner" (`triggers`); "were taken to the hospital" an injury
    ("take", "transitive", "captured", r"hostage|prisoner|\bt(?:ake[ns]?|aking|ook)\b[^.;]{0,60}?\bhospitals?\b"),
    ("hit", "passive", "injured", r"hit(?:s|ting)?\b"),
    ("strike", "passive", "injured", r"struck\b|striking\b"),
    ("graze", "transitive", "injured", r"graz(?:e[ds]?|ing)\b"),
    ("die", "intransitive", "killed", r"die[ds]?\b|dying"),
    ("perish", "intransitive", "killed", r"perish"),
    ("succumb", "intransitive", "killed", r"succumb"),
    ("pass away", "intransitive", "killed", r"pass(?:e[ds]|ing)?\s+away"),  # a verb and its particle
    ("drown", "intransitive", "killed", r"drown"),
    # "was taken to a hospital but did not survive": only negated (`triggers`)
    ("survive", "intransitive", "killed", r"(?:not|n't|never)\s+survive"),
    ("disappear", "intransitive", "missing", r"disappear"),
    ("vanish", "intransitive", "missing", r"vanish"),
    ("death", "noun", "killed", r"death"),
    ("killing", "noun", "killed", r"kill"),
    ("murder", "noun", "killed", r"murder"),
    ("slaying", "noun", "killed", r"slay"),
    ("massacre", "noun", "killed", r"massacr"),
    ("assassination", "noun", "killed", r"assassinat"),
    ("fatality", "noun", "killed", r"fatalit"),
    ("casualty", "noun", "killed", r"casualt"),
    ("body", "noun", "killed", r"bod(?:y|ies)\b"),
    ("martyr", "noun", "killed", r"martyr"),
    ("corpse", "noun", "killed", r"corpse"),
    ("dead", "noun", "killed", r"dead\b"),
    ("homicide", "noun", "killed", r"homicides?\b(?! (?:detective|investigat|unit|division|squad|charge|case))"),
    ("injury", "noun", "injured", r"injur"),
    ("wound", "noun", "injured", r"wound"),
    ("wounded", "noun", "injured", r"wound"),
    ("injured", "noun", "injured", r"injur"),
    ("abduction", "noun", "captured", r"abduct"),
    ("kidnapping", "noun", "captured", r"kidnap"),
    ("hostage", "noun", "captured", r"hostage"),
    ("prisoner", "noun", "captured", r"prisoner"),
    ("dead", "adjective", "killed", r"dead\b"),
    ("deceased", "adjective", "killed", r"deceased"),
    ("injured", "adjective", "injured", r"injur"),
    ("wounded", "adjective", "injured", r"wound"),
    ("hurt", "adjective", "injured", r"hurt"),
    ("missing", "adjective", "missing", r"missing"),
    ("unaccounted", "adjective", "missing", r"unaccounted"),
)
# Past participles of the transitive triggers that are not the lemma with "-ed"/"-d": a participle before its
# victim names them ("the slain journalist", "the kidnapped engineers") however the tagger reads it.
IRREGULAR_PARTICIPLES = {"slay": "slain", "shoot": "shot", "hurt": "hurt", "stab": "stabbed", "kidnap": "kidnapped"}
# Words that make a sentence worth parsing without being a trigger of their own: tolls ("the toll rose to 40"),
# losses ("lost their lives", "the lives of"), captives.
CANDIDATE_CUES = (r"captive", r"tolls?\b", r"lost|lose|losing|lives of")
# Another story's title that pages carry beside the article, not the article's text: a video playlist's item, a
# duration and a title ("1:12 For second straight week, searchers looking for Jessica Runions find a man's body"), or
# a link to a related story ("Related Coverage 3-year-old child shot", "READ MORE | 2 dead", "RELATED: SAPD arrests").
OTHER_STORY_RE = re.compile(r"^\s*(?:\d{1,2}:\d{2}\s+(?![AaPp]\.?[Mm]\b)[A-Z]"
                            r"|(?i:related(?:\s+(?:coverage|stories|articles|content|links))?|read\s+more|see\s+also)"
                            r"\s*[:|]?\s+\S)")
# A line that opens a list of other stories, which runs to the end of the page ("More stories you may like on 7News",
# "More from :", "RELATED COVERAGE"): where the article's text ends.
OTHER_STORIES_RE = re.compile(
    r"^[ \t]*(?:more\s+stories|more\s+from|related\s+(?:coverage|stories|articles|content|links)"
    r"|you\s+(?:may|might)\s+also\s+like|recommended(?:\s+for\s+you|\s+stories)?|most\s+(?:read|popular|viewed)"
    r"|around\s+the\s+web)\b[^\n.]{0,40}$", re.IGNORECASE | re.MULTILINE)
# Nouns that sum casualties: their number is given by a verb ("the toll surpassed 1,000").
TOLL_NOUNS = frozenset({"toll", "number", "tally", "count", "total", "figure"})

# The nouns that name people, and those that never do (a group such as "family" is counted by its size).
PERSON_NOUNS = frozenset({
    "person", "people", "man", "woman", "male", "female", "child", "boy", "girl", "baby", "infant",
    "toddler", "teen", "teenager", "youth", "adult", "kid", "son", "daughter", "father", "mother",
    "brother", "sister", "wife", "husband", "friend", "neighbor", "neighbour", "relative",
    "soldier", "troop", "fighter", "militant", "rebel", "guerrilla", "insurgent", "civilian",
    "member", "officer", "policeman", "policemen", "police", "guard", "commander", "general",
    "colonel", "lieutenant", "captain", "sergeant", "major", "worker", "student", "resident",
    "villager", "peasant", "farmer", "victim", "martyr", "citizen", "national", "journalist",
    "reporter", "hostage", "passenger", "volunteer", "recruit", "militiaman", "gunman",
    "jihadist", "agent", "employee", "staffer", "pilot", "sailor", "marine",
    "airman", "personnel", "official", "leader", "driver", "bystander", "pedestrian",
    "customer", "patient", "nurse", "doctor", "teacher", "priest", "nun", "tourist",
    "refugee", "migrant", "protester", "protestor", "demonstrator", "inmate", "prisoner",
    "suspect", "shooter", "deputy", "trooper", "sheriff", "detective", "mayor",
    "governor", "judge", "minister", "president", "senator", "congressman", "diplomat",
    "ambassador", "activist", "politician", "candidate", "councilman", "businessman",
    "owner", "clerk", "cashier", "security", "fireman", "firefighter", "paramedic",
    "individual", "occupant", "pupil", "infantryman", "paratrooper", "mercenary",
    "terrorist", "assailant", "attacker", "bomber", "cadet", "advisor", "adviser",
    "contractor", "engineer", "missionary", "monk", "cleric", "imam", "pastor", "elder",
    "other", "one", "casualty", "fatality", "body", "corpse", "dead", "wounded",
    "injured", "homeowner", "roommate", "girlfriend", "boyfriend", "cousin", "uncle", "aunt",
    "nephew", "niece", "grandmother", "grandfather", "grandson", "granddaughter", "stepson",
    "stepdaughter", "stepfather", "stepmother", "stepbrother", "stepsister", "godson", "goddaughter", "mom", "dad",
    "fiance", "fiancee", "partner", "spouse", "acquaintance", "guy",
    "teenage", "juvenile", "minor", "athlete", "player", "coach",
    "miner", "climber", "hiker", "pilgrim", "rescuer", "swimmer", "runner", "defender",
    "supporter", "follower", "believer", "worshipper", "voter", "shopper", "spectator",
    "commuter", "traveler", "traveller", "camper", "hunter", "skier", "diver", "laborer",
    "labourer", "lawyer", "banker", "dancer", "singer", "rapper", "manager", "tenant",
    "landlord", "stranger", "fisher", "gunner", "ranger", "keeper", "caretaker", "babysitter",
    "mourner",
    "partygoer", "concertgoer", "churchgoer", "bather", "surfer", "sunbather", "trekker",
    "mountaineer", "peacekeeper", "policewoman", "servicemember", "seminarian", "jesuit", "medic",
    "aid", "humanitarian", "captive",
})  # fmt: skip
# Suffixes of people nouns outside the lexicon ("motorcyclist", "Syrian", "fisherman");
# not "-er", which as many things as people end in ("luster", "border", "water").
PERSON_SUFFIXES = ("ist", "ian", "man", "men")
NON_PERSON_NOUNS = frozenset({
    "attack", "shooting", "incident", "number", "toll", "bomb", "blast", "explosion",
    "car", "vehicle", "house", "home", "building", "area", "city", "town", "village",
    "group", "family", "force", "army", "unit", "battalion", "brigade", "party", "organization",
    "government", "regime", "militia", "population", "community", "crowd", "fire",
    "power", "order", "matter", "case", "bill", "plan", "deal", "project", "proposal",
    "number", "gun", "weapon", "rifle", "handgun", "pistol", "round", "bullet", "shot",
    "animal", "dog", "cat", "horse", "deer", "bird", "cow", "time", "year", "day", "week",
    "month", "hour", "minute", "summer", "winter", "water", "river", "sea", "engine",
    "computer", "account", "character", "center", "centre", "border", "corner", "chamber",
    "water", "paper", "letter", "poster", "computer", "cancer", "murder", "danger", "anger",
    "order", "disorder", "shelter", "quarter", "headquarter", "headquarters", "monitor",
    "report", "statement", "government", "department", "settlement", "agreement",
    "piece", "part", "heart", "soul", "spirit",  # "a piece of me was killed that day"
})  # fmt: skip
# Titles before a name: "Mr. Torres", "Col. Quintero" name one person even in ALL CAPS text.
TITLES = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "gen", "general", "col", "colonel", "lt", "lieutenant",
    "maj", "major", "capt", "captain", "sgt", "sergeant", "cpl", "corporal", "pvt", "private",
    "adm", "admiral", "gov", "governor", "sen", "senator", "rep", "rev", "reverend", "father",
    "msgr", "monsignor", "bishop", "judge", "mayor", "president", "minister", "commander",
    "officer", "deputy", "sheriff", "chief", "prof", "professor", "sister", "brother",
})  # fmt: skip
# Words that describe victims by age, sex or kin, not by what they were: a list of them ("a 2-year-old girl and
# four other people") is one group of victims; a list naming other kinds of victims ("the rector, five other priests
# and two women", "four rebels, three civilians and a policeman") is broken down into its groups as parts.
DEMOGRAPHIC_NOUNS = frozenset(
    """man men woman women boy boys girl girls child children kid kids teen teens teenager teenagers baby babies
    infant infants toddler person people persons other others victim victims adult adults youth youths juvenile
    son sons daughter daughters mother father parent parents brother brothers sister sisters wife husband
    grandson granddaughter grandmother grandfather grandchild grandchildren relative relatives friend friends
    male males female females""".split()
)
# Nouns that a list may break down ("six people, three men and three women": six, not twelve); a list after
# another noun is of other groups ("four rebels, three civilians and a policeman": eight).
BREAKDOWN_HEADS = frozenset({"people", "person", "victim", "casualty", "civilian", "individual", "resident"})
COLLECTIVES = frozenset({"family", "group", "household", "crew", "team", "party"})

# Numbers and qualifiers (GUIDELINES "Counting").
NUMBER_UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
NUMBER_TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
NUMBER_MULTIPLIERS: dict[str, int] = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
# Vague quantities (GUIDELINES "Counting"); longest first so "tens of thousands" wins over "tens".
VAGUE_QUANTITIES: dict[str, int] = {
    "tens of thousands": 10_000, "hundreds of thousands": 100_000, "dozens": 12, "scores": 20,
    "hundreds": 100, "thousands": 1000, "tens": 10, "several": 2, "a few": 2, "a number of": 2,
    "a couple of": 2, "many": 10, "some": 2, "numerous": 10,
}  # fmt: skip
APPROX_QUANTITIES: dict[str, int] = {"a dozen": 12, "dozen": 12, "a score of": 20, "a hundred": 100}
QUALIFIER_PREFIXES: dict[str, str] = {
    "about": "approx", "around": "approx", "some": "approx", "nearly": "approx",
    "roughly": "approx", "approximately": "approx", "almost": "approx", "close to": "approx",
    "an estimated": "approx", "estimated": "approx", "approx.": "approx", "circa": "approx",
    "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least",
    "a minimum of": "at_least", "more than": "more_than", "over": "more_than",
    "exceeded": "more_than", "surpassed": "more_than", "in excess of": "more_than",
    "upwards of": "more_than", "above": "more_than", "exceeds": "more_than",
    "surpasses": "more_than", "topped": "more_than", "up to": "at_most",
    "as many as": "at_most", "at most": "at_most", "no more than": "at_most",
}  # fmt: skip
# Words after a number that bound it ("four or more people", "ten or fewer").
QUALIFIER_SUFFIX_RE = re.compile(r"\s+or\s+(?:(?P<more>more)|fewer|less)\b", re.IGNORECASE)  # matched at the number's end

# How claims are read.
# Verbs whose subject bears the injury named by their object or "for"/"with"/"from"
# phrase ("suffered gunshot wounds", "was taken to hospital for injuries").
SUFFERING_VERBS = frozenset({
    "suffer", "sustain", "receive", "treat", "hospitalize", "recover", "take", "transport",
    "rush", "airlift", "fly", "admit", "drive", "walk", "arrive", "show", "find", "have",
})  # fmt: skip
# The injuries suffered; also what a death comes from ("died Sunday from injuries suffered Saturday night": the
# incident is dated by the injuries).
INJURY_NOUNS = frozenset({"injury", "wound"})
# Transitive outcome verbs whose object must name people ("executed 44 search warrants").
VERBS_NEEDING_PEOPLE = frozenset({
    "execute", "capture", "take", "shoot", "hurt", "hit", "strike", "graze", "send", "transport",
})
# Verbs that state a death only negated ("was taken to a hospital but did not survive"): their negation is the
# statement, not its denial.
NEGATED_DEATH_VERBS = frozenset({"survive"})
# Where the hurt are sent ("sent a teenage girl to the hospital").
HOSPITAL_WORDS = frozenset({"hospital", "hospitals"})
# Verbs whose object the participle after it tells the state of ("the shooting left two people injured").
RESULT_VERBS = frozenset({"leave"})
# Verbs that tell the hurt carried to a hospital ("three were taken to a hospital"), which may yet have died there.
TO_HOSPITAL_VERBS = frozenset({"send", "take", "transport"})
# What someone is taken to a hospital for that is no injury ("for a mental health evaluation", "as a precaution").
CHECK_PURPOSES = frozenset(
    "evaluation checkup check observation questioning test testing examination precaution assessment".split()
)
# Triggers that state a casualty only with their complement ("taken hostage", "sent to the hospital"): never a
# participle before its victim.
COMPLEMENT_BOUND_VERBS = frozenset({"take", "send", "transport"})
REFLEXIVES = frozenset({"himself", "herself", "themselves", "itself", "myself", "yourself", "ourselves"})
DEAD_BODY_WORDS = frozenset({
    "dead", "lifeless", "charred", "burned", "burnt", "decomposed", "mutilated", "decapitated",
    "headless", "bullet-riddled", "naked", "unidentified",
})  # fmt: skip
FATAL_WORDS = frozenset({"fatal", "fatally", "mortal", "mortally", "dead", "lethal"})
# Injury verbs that state a death with one of those words or "to death" ("shot dead", "fatally struck by a bullet",
# "stabbed to death").
MAY_KILL_VERBS = frozenset("shoot stab wound injure strike hit".split())
FINDING_VERBS = frozenset({
    "find", "discover", "recover", "identify", "pull", "dump", "retrieve", "locate", "exhume", "remove",
})  # fmt: skip
CAPTIVE_WORDS = frozenset({"hostage", "hostages", "prisoner", "prisoners", "captive", "captives"})
LIFE_TAKING_VERBS = frozenset({"claim", "take", "cost"})

# What asserts nothing happened.
MODALS = frozenset({"could", "would", "might", "may", "will", "shall", "should", "can", "'ll", "'d", "wo", "ca"})
# Verbs whose object is what they would bring about ("could cause the deaths of thousands"): a modal on them
# makes their object unreal, however definite; other verbs' definite objects are presupposed ("will investigate
# the deaths of five people": the deaths happened).
CAUSING_VERBS = frozenset("cause lead result bring produce trigger spark mean leave".split())
NON_FACTIVE_VERBS = frozenset({
    "threaten", "try", "attempt", "plan", "want", "intend", "vow", "seek", "aim", "expect",
    "fear", "hope", "warn", "prepare", "plot", "conspire", "order", "urge", "refuse", "fail",
    "deny", "predict", "risk", "avoid", "prevent", "wish", "desire", "decide", "promise",
})  # fmt: skip
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "lest"})
DENYING_VERBS = frozenset({"deny", "reject", "dismiss", "refute", "dispute", "disprove"})
CLAIM_NOUNS = frozenset({"claim", "report", "allegation", "rumor", "rumour", "suggestion", "account", "charge"})
HEDGES = frozenset({"potentially", "possibly", "perhaps", "maybe", "hypothetically"})
# "was almost killed", "nearly died": the outcome did not happen.
NEAR_MISSES = frozenset({"almost", "nearly", "narrowly"})
# "attempted murder", "a failed assassination": the outcome a noun names did not happen.
ATTEMPTED_WORDS = frozenset({"attempted", "failed", "foiled", "thwarted", "botched"})

# Who a figure is credited to.
REPORTING_VERBS = frozenset({
    "say", "tell", "report", "announce", "confirm", "claim", "state", "note", "add",
    "quote", "cite", "estimate", "acknowledge", "admit", "disclose", "reveal", "indicate",
    "declare", "insist", "explain", "write", "tweet", "post", "publish", "allege", "count",
    "record", "document", "put", "show", "release", "issue",
})  # fmt: skip
SOURCE_PRONOUNS = frozenset({"it", "he", "she", "they", "we", "i", "you", "who", "which", "that", "this"})

# Tolls.
TOLL_LEMMAS = frozenset({"toll", "tally"})
CUMULATIVE_VERBS = frozenset({"lose"})

# Victim phrases.
# Words of one sex, so that "he" is not read as a woman named before.
MASCULINE_WORDS = frozenset(
    "he him his man men boy boys father husband son brother grandfather uncle nephew stepfather stepson".split())
FEMININE_WORDS = frozenset(
    "she her woman women girl girls mother wife daughter sister grandmother aunt niece stepmother stepdaughter".split())
# Who did the killing: a perpetrator killed or hurt is a mention of their own, never added to the victims' count
# ("the gunman was killed by police after he killed three people": 1 and 3, not 4).
PERPETRATOR_NOUNS = frozenset(
    """gunman gunmen shooter shooters suspect suspects attacker attackers assailant assailants bomber bombers
    perpetrator perpetrators killer killers robber robbers intruder intruders hijacker hijackers""".split()
)
SINGULAR_PRONOUNS = frozenset({"he", "she", "him", "her"})
PERSON_PRONOUNS = SINGULAR_PRONOUNS | frozenset({"they", "them"})
# Determiners of one person ("a 16-year-old", "the 6-year-old", "another").
SINGULAR_DETERMINERS = frozenset({"a", "an", "the", "another", "one"})
INDEFINITE_ARTICLES = frozenset({"a", "an"})
RELATIVE_PRONOUNS = frozenset({"who", "whom", "that", "which"})
DENIALS = frozenset({"no", "nobody", "none", "neither", "noone"})
# Determiners that refer back to someone told before ("the mother", "his mother", "that man").
REFERRING_DETERMINERS = frozenset("the this that his her their its".split())
# Words of the dead as a group: "two of the dead" are some of the dead, not of the hurt.
DEAD_GROUP_WORDS = frozenset("dead killed bodies fatalities deaths".split())
# Words that make a person another than one told before ("another man", "a second victim").
OTHER_PERSON_WORDS = frozenset("another other second third fourth fifth".split())
# "a fourth shooting victim was found" after three: the ordinal counts the victims told so far, this one included.
ORDINAL_NUMBERS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8}
VICTIM_NOUNS = frozenset({"victim"})
# Where a person is hit: "hitting the trooper in the elbow", "struck him in the chest" state an injury in the active
# too (a passive-only verb otherwise: "hit the city").
BODY_PARTS = frozenset(
    """head face forehead temple eye jaw neck throat shoulder shoulders chest back side stomach abdomen torso hip
    hips groin buttocks arm arms elbow forearm wrist hand hands finger fingers leg legs thigh calf knee ankle foot
    feet toe toes heel""".split()
)
# Where a shot wounds and seldom kills: a shooting told with one ("was shot in the leg", "shot himself in the
# hand", "shot to the elbow") tells an injury, not again a death the text reports.
LIMBS = frozenset(
    """shoulder shoulders hip hips buttocks arm arms elbow forearm wrist hand hands finger fingers leg legs thigh calf
    knee ankle foot feet toe toes heel""".split()
)
# The prepositions before where a person was hit ("in the leg", "to the elbow", "through the arm", "on the head").
HIT_PREPOSITIONS = frozenset({"in", "to", "through", "on"})
# What is fired: a person it hits is hurt, in the active too ("a bullet struck her", "bullets started flying,
# striking five teenage boys").
PROJECTILE_WORDS = frozenset("bullet round gunfire gunshot pellet shrapnel".split())
# Prepositions of time before a clause: "recovering after being shot", "before killing himself" happen to the
# subject of the clause they hang from ("wrote about being shot" does not).
TIME_PREPOSITIONS = frozenset("after before while upon following".split())

# Toll wording.
# Verbs by which a figure includes or leaves out another ("that does not include the 629 who died"): that figure is
# of the same kind, a toll's if it is one.
INCLUDING_VERBS = frozenset({"include", "exclude"})
# Verbs that give a toll its figure through a preposition: "bringing the toll to 27,000".
RAISING_VERBS = frozenset({"bring", "push", "raise", "take", "put", "lift", "drive", "send"})
TOLL_PREPOSITIONS = frozenset({"to", "at", "from", "past", "above", "beyond", "over"})
# The words that give a toll's figures their own phrases ("rose from 400 in July to 1,000").
TOLL_RANGE_WORDS = frozenset({"from", "to"})
# Verbs of change that give an outcome noun its figure as a toll ("deaths rose to 300", "casualties climbed to 40").
TOLL_CHANGE_VERBS = frozenset(
    "rise climb increase reach jump grow soar surge mount double triple exceed surpass top hit stand".split()
)

# Dates.
DURATION_NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "a couple of": 2, "a few": 3, "few": 3, "several": 3,
}  # fmt: skip

# "The shooting comes a week after a fatal shooting at a party": what an incident follows by a span happened that
# long before (as "a week ago"); the words before the span that say so.
FOLLOWED_BY_SPAN = r"(?:comes?|came|coming|follows?|followed|following)\s+(?:(?:just|only|barely|about|nearly|almost|less\s+than)\s+)?"

# "Rohan Levy died Thursday, three days after he was shot": the span between the injuries and the death they came
# from (group "count", a number or a word of `DURATION_NUMBER_WORDS`; group "unit").
SPAN_AFTER_INJURY_RE = re.compile(
    rf"\b(?P<count>\d{{1,2}}|{'|'.join(sorted(DURATION_NUMBER_WORDS, key=len, reverse=True))})\s+(?P<unit>day|week)s?"
    r"\s+after\s+(?:being|(?:he|she|they|the\s+\w+)\s+(?:was|were|had\s+been))\s+"
    r"(?:shot|stabbed|wounded|injured|hurt|struck|hit|beaten|attacked)\b", re.IGNORECASE)

# After an injury verb, the share of its victims who died ("five people were shot, three fatally", "two shot,
# one of them fatally"): the number is group 1.
FATAL_SHARE_RE = re.compile(
    r"^\s*(?:\w+\s+){0,2}?[,;(-]+\s*(\w+)(?:\s+of\s+(?:them|whom|those))?\s+(?:fatally|mortally)\b", re.IGNORECASE
)

# A wound by what is fired, which does not say whether the person lived ("found with a gunshot wound to the head").
GUNSHOT_WOUND_RE = re.compile(rf"\b(?:{'|'.join(sorted(PROJECTILE_WORDS))})\s+wounds?\b", re.IGNORECASE)
# Words saying a person who was shot lived.
SURVIVAL_RE = re.compile(
    r"\b(?:condition|stable|survive|surviving|survived|recover|recovering|treated|treatment|released"
    r"|non-life|not life|expected to live|injur|wound|graze|surgery)", re.IGNORECASE
)

# What just after a number (an age, a unit, an hour) or just before it (a unit's name, a month, a sign) says it
# is no count of people.
NON_COUNT_AFTER_RE = re.compile(
    r"^(?:\s*-?\s*(?:year|month|week|day)s?[- ]old\b|\s*(?:years?|months?|weeks?|days?|hours?"
    r"|minutes?|seconds?|percent|per cent|%|a\.m\.|p\.m\.|am\b|pm\b|gmt\b|block\b|dollars?"
    r"|pounds?|euros?|miles?|kilometers?|km\b|meters?|feet|foot|inches?|kilos?|kg\b|tons?"
    r"|airstrikes?|air strikes?|strikes|raids?|rockets?|shells?|rounds?|shots|bullets?"
    r"|casings?|calibre|caliber|mm\b|times?\b|th\b|st\b|nd\b|rd\b))",
    re.IGNORECASE,
)
NON_COUNT_BEFORE_RE = re.compile(
    r"(?:\b(?:brigade|battalion|division|regiment|unit|company|squad|platoon|corps|route"
    r"|highway|interstate|flight|room|apartment|apt\.?|suite|district|ward|precinct"
    r"|station|channel|chapter|article|resolution|no\.?|number|aged?|page|level|floor"
    r"|channel|year|class|grade|gate|bus|line|exit|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
    r"|january|february|march|april|june|july|august|september|october|november|december)\.?"
    r"|[$£€#:/])\s*$",
    re.IGNORECASE,
)

# Words a full stop follows inside a sentence (titles, states, months, firms).
ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "pvt",
    "adm", "cmdr", "gov", "sen", "rep", "rev", "st", "mt", "ft", "no", "vs", "jr", "sr",
    "inc", "corp", "co", "ltd", "dept", "univ", "prof", "pres", "supt", "insp", "det",
    "ave", "blvd", "rd", "hwy", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla",
    "ga", "ill", "ind", "kan", "kans", "ky", "la", "md", "mass", "mich", "minn", "miss", "mo",
    "mont", "neb", "nev", "okla", "ore", "pa", "tenn", "tex", "va", "vt", "wash", "wis",
    "wyo", "approx", "est", "e.g", "i.e", "u.s", "u.k", "u.n",
})  # fmt: skip
# A weekday or month after "a.m."/"p.m." goes on the sentence ("at 9 p.m. Friday").
WEEKDAY_OR_MONTH_AFTER_RE = re.compile(
    r"\s+(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)", re.I
)

# Reading places and people in a text: the words joining a list of countries, an institution "of" a country,
# people's names by their ages, titles and speech, a place after a locative preposition, a phrase naming an incident.
LIST_GAP_RE = re.compile(r"\s*(?:,|,?\s*and|,?\s*or)\s*", re.IGNORECASE)

INSTITUTION_BEFORE_RE = re.compile(r"\b(\w+)\s+of\s+(?:the\s+)?$", re.IGNORECASE)

# A given name and a surname before an age ("Maria Rodriguez, 25", "Abdi Abdi, age 18"), and a surname
# after a title ("Officer Tyler", "Sgt. Perez"): the surname is a person's in that text. These patterns are searched
# through whole texts, so each says its first character first ("(?=[A-Z])"): the engine passes over the other
# characters at once instead of trying the pattern at each (the six of them 0.9 -> 0.6 ms a benchmark page).
_NAME = r"(?:Mc|Mac|La|Le|De|Di|Du|O')?[A-Z][a-z]+"  # "Tyler", "McDonald", "LaMont", "DeShawn", "O'Brien"
SURNAME_RE = re.compile(
    rf"(?=[A-Z])\b({_NAME})(?: [A-Z]\.)? ({_NAME}(?:-[A-Z][a-z]+)?)(?:, (?:age |aged )?\d{{1,3}}| \(\d{{1,3}}\))\b")
# "McCloud, 34, was found dead": one name with an age between commas.
ONE_NAME_AGED_RE = re.compile(rf"(?=[A-Z])\b({_NAME}), (?:age |aged )?\d{{1,3}},")
TITLED_RE = re.compile(r"(?=[A-Z])\b(?:{})\.? ({})(?: ({}))?\b".format(
    "|".join(sorted(t.capitalize() for t in TITLES)), _NAME, _NAME))
# "22-year-old Emily McDonald": a given name and a surname after an age.
AGED_NAME_RE = re.compile(rf"(?=\d)\b\d{{1,3}}-(?:year|week|month)-old ({_NAME}) ({_NAME})\b")
SPEAKER_RE = re.compile(rf"(?=[A-Z])\b({_NAME}) (?:said|says|told|added)\b")
# "his wife, Mary, and a friend", "the victim, Lisa Ortiz,", "his daughters, Madison and Brooklyn": names put beside
# a word for people.
APPOSED_NAME_RE = re.compile(
    rf"(?=[a-z])\b(?:{'|'.join(sorted(DEMOGRAPHIC_NOUNS))}), ({_NAME})(?: ({_NAME}))?(?:,? and ({_NAME}))?"
    rf"(?=,|\.|\s+(?:and|was|were|who)\b)")

# A place after a locative preposition, up to two words on ("in the southern town of X", "in Ilobasco, Cabanas").
LOCATIVE_BEFORE_RE = re.compile(
    r"\b(?:in|near|at|around|outside|inside|across|into|on|of|from|throughout)\s+(?:the\s+)?(?:\w+,?\s+){0,2}$",
    re.IGNORECASE)

# A sentence naming its incident: an incident noun after an article ("a shooting that happened early Sunday"), or a
# shooting told without one ("gunmen opened fire ... on Monday afternoon", "shots rang out").
INCIDENT_NOUN_RE = re.compile(rf"\b(?:a|an|the)\s+(?:\w+\s+)?(?:{'|'.join(sorted(INCIDENT_NOUNS))})\b"
                              r"|\bopen(?:s|ed|ing)?\s+fire\b|\bshots\s+(?:were\s+)?(?:fired|rang\s+out)\b", re.IGNORECASE)
# A sentence telling when its incident happened ("The shooting happened ... just before 9 p.m. Monday"): its day is
# the incident's before that of a sentence naming it beside another event ("was arrested Friday for the shooting").
INCIDENT_HAPPENED_RE = re.compile(
    rf"\b(?:{'|'.join(sorted(INCIDENT_NOUNS))})s?\s+(?:happened|occurred|took\s+place|erupted|broke\s+out|unfolded)\b",
    re.IGNORECASE)

# An incident's address ("the 5600 block of South Princeton Avenue": group 1 or 2 the street), unless someone lives
# there (`RESIDENT_ADDRESS_RE`): streets tell two shootings of one city and day apart.
_STREET_NAME = rf"(?:(?:{'|'.join(COMPASS_PREFIXES)})\.?\s+)?(?:[A-Z][a-z]+|\d+(?:st|nd|rd|th))(?:\s+[A-Z][a-z]+)?"
BLOCK_RE = re.compile(rf"{BLOCK_OF}({_STREET_NAME})()")
# An age given as a word ("16-year-old"): it tells one victim from another.
AGE_RE = re.compile(r"\b\d{1,3}-(?:year|month|week)-old\b", re.IGNORECASE)

# The words before a colon that open a headline, saying who tells it or what kind of news it is ("Police:",
# "Phoenix Police:", "UPDATE:", "Atlanta News:"): no part of the sentence the headline is.
HEADLINE_KICKER_RE = re.compile(r"^(?:[A-Z][\w.'’&-]*\s+){0,3}[A-Z][\w.'’&-]*:\s+")

# A name that owns what follows it ("Brown's sister"): the name of someone else than the victim.
POSSESSOR_RE = re.compile(r"\b[\w-]+['’]s\b")
# A person told as one of a group ("Duhart was one of five people injured", "Maria Lopez, 25, was among the wounded").
MEMBER_OF_GROUP_RE = re.compile(
    r"(?P<name>(?:[A-Z][\w'’-]+\s+){0,2}[A-Z][\w'’-]+)(?:,\s*\d{1,3},)?\s+(?:was|is)\s+(?:one\s+of|among)\b")

# What opens a clause told as what came before its main one ("one person is dead after six people were shot"):
# the dead of the main clause are of the hurt of that clause.
BEFORE_MARKS = frozenset({"after"})
# Verbs whose victims may have died of it ("six people were shot", one fatally): unlike "wounded", their count
# holds the dead it is told with.
INCLUSIVE_HARM_VERBS = frozenset({"shoot", "stab"})
# Their participles, which the parse of a headline may take for nouns ("6 Shot, 1 Dead").
INCLUSIVE_HARM_PARTICIPLES = frozenset({"shot", "stabbed"})

# "Were killed along with three civilians", "died together with his son": those the verb happened to as well.
COMPANION_PREPOSITIONS = frozenset({"with"})
COMPANION_ADVERBS = frozenset({"along", "together"})
# "Two officers were wounded, as was a bystander", "two died, as did the gunman": a clause of this mark and verb, with
# nothing of its own but a subject, says the outcome of the verb it hangs on happened to that subject too.
LIKEWISE_MARKS = frozenset({"as"})
LIKEWISE_VERBS = frozenset({"be", "do"})

# What stamps a page's own dates ("Posted: Friday, July 3, 2015", "Updated Nov. 27"): no event's date.
PAGE_STAMP_BEFORE_RE = re.compile(r"\b(?:posted|updated|published|created|modified)\s*(?:on|at)?\s*:?\s*$", re.IGNORECASE)
