"""The bundled seed feed (seeds/) against the gold annotations of its five articles.

The pages are full news-site pages (navigation, tickers, comments, newsletter
boxes, footers); these tests check that the feed parses, that trafilatura keeps
every article paragraph and every gold anchor while dropping the site chrome,
and that the page metadata carries the gold title and publication date.
"""

import datetime
import functools
import json
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
import trafilatura

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
FEED = SEEDS / "feed.xml"
GOLD = [
    json.loads(line)
    for line in (ROOT / "tests" / "data" / "seeds_gold.jsonl").read_text(encoding="utf-8").splitlines()
    if line.strip()
]
GOLD_BY_ID = {doc["doc_id"]: doc for doc in GOLD}
SERVER = "http://127.0.0.1:8000/"

# Per article: the outlet's og:site_name; lines of the seed text that are site
# chrome on the original page; lines that are article furniture rather than
# body text (headline, byline, section label, photo caption); and text from
# the page's comments, newsletter box, cookie banner and footer.
SITES = {
    "000_491a68b01961f8b1": {
        "sitename": "Gulf Watch Daily",
        "chrome_lines": [
            "News Ticker",
            "Leave a Reply",
            "Your email address will not be published. Required fields are marked *",
        ],
        "furniture": ["Increasing number of Iranian troops killed in Syrian conflict"],
        "page_chrome": [
            "Nobody in Tehran will say how much this war really costs",
            "I would like to see a source for the 20,000 figure",
            "Get the Gulf Watch briefing",
            "We use cookies to ensure that we give you the best experience",
            "2016 Gulf Watch Daily. All rights reserved.",
            "Afghan recruits describe life on the Syrian front",
        ],
    },
    "001_dd1a354d29bd16ba": {
        "sitename": "The Liberty Courier",
        "chrome_lines": ["Please let us know if you're having issues with commenting."],
        "furniture": [
            "Over 1,000 Iranian ‘Martyrs’ Killed Fighting for Assad in Syria",
            "Syrian pro-regime fighters walk in a bombed-out steet in Ramussa",
        ],
        "page_chrome": [
            "And we sent them pallets of cash.",
            "Reuters had the same number this morning.",
            "Sign up for our newsletter",
            "Get the Courier daily briefing",
            "2016 The Liberty Courier. All Rights Reserved.",
            "Iran Expands Shiite Militia Recruitment in Afghanistan",
        ],
    },
    "002_62d849f64fb74989": {
        "sitename": "Defense Wire",
        "chrome_lines": [
            "UNITED24 - Make a charitable donation in support of Ukraine!",
            "NEWSLETTER",
            "Join the GlobalSecurity.org mailing list",
        ],
        "furniture": [
            "Weapons of Mass Destruction (WMD)",
            "Official: More Than 1,000 Iranian Soldiers Killed in Syria",
            "By VOA News November 22, 2016",
        ],
        "page_chrome": [
            "The jump from 400 to 1,000 in four months",
            "Would be useful to have the Farsi original",
            "2000-2016 Defense Wire. All Rights Reserved.",
            "Page last modified",
            "Aleppo hospitals knocked out of service",
        ],
    },
    "003_7b30fd3c03378977": {
        "sitename": "Levant Review",
        "chrome_lines": ["Logo Wide", "Helpful keywords"],
        "furniture": ["Iran’s Losses Increase in Syria as Support for Assad Endures"],
        "page_chrome": [
            "The names from the Fatima battalions are almost never reported",
            "Is there an Arabic version of the original article?",
            "Subscribe to the Levant Review newsletter",
            "This website uses cookies to improve your experience.",
            "2016 Levant Review. All rights reserved.",
            "Hezbollah Funerals in the Bekaa",
        ],
    },
    "004_e0e54f10444f1ed0": {
        "sitename": "Iran Observer",
        "chrome_lines": [],
        "furniture": ["Iranian death toll continues to rise!"],
        "page_chrome": [
            "Advisers do not die by the dozen.",
            "Thanks for keeping track of this.",
            "Enter your email address to receive new posts",
            "Protest outside Evin prison enters second day",
            "2015 Iran Observer",
            "Russian airstrikes and Iranian ground troops: an uneasy alliance",
        ],
    },
}

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


def norm(text):
    """Collapse whitespace (including no-break spaces) and fold curly quotes."""
    return " ".join(text.translate(_QUOTES).split())


def page_url(doc_id):
    return urljoin(SERVER, f"articles/{doc_id}.html")


@functools.lru_cache(maxsize=None)
def extraction(doc_id):
    html = (SEEDS / "articles" / f"{doc_id}.html").read_text(encoding="utf-8")
    doc = trafilatura.bare_extraction(
        html, url=page_url(doc_id), with_metadata=True, include_comments=False
    )
    return doc.as_dict()


def parse_served_feed():
    return feedparser.parse(
        FEED.read_bytes(),
        response_headers={
            "content-location": urljoin(SERVER, "feed.xml"),
            "content-type": "application/rss+xml; charset=utf-8",
        },
    )


def test_gold_and_sites_cover_the_same_five_articles():
    assert len(GOLD) == 5
    assert set(GOLD_BY_ID) == set(SITES)
    assert {p.stem for p in (SEEDS / "articles").glob("*.html")} == set(SITES)


def test_feed_lists_the_five_articles_with_gold_dates():
    feed = parse_served_feed()
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    assert feed.feed.title == "Casualty events seed feed"
    assert feed.feed.language == "en"
    assert len(feed.entries) == 5
    for entry in feed.entries:
        gold = GOLD_BY_ID[entry.id]
        assert entry.link == page_url(entry.id)
        published = datetime.date(*entry.published_parsed[:3])
        assert published.isoformat() == gold["published"]
        assert norm(entry.title) == norm(gold["title"])
        assert entry.summary


def test_feed_links_resolve_against_the_feed_file():
    # Parsed from a path, feedparser leaves relative links as they are; joined
    # with the feed's own file URI they name the bundled pages.
    feed = feedparser.parse(str(FEED))
    assert len(feed.entries) == 5
    for entry in feed.entries:
        assert entry.link == f"articles/{entry.id}.html"
        target = urljoin(FEED.as_uri(), entry.link)
        assert target == (SEEDS / "articles" / f"{entry.id}.html").as_uri()


@pytest.mark.parametrize("doc_id", sorted(SITES))
def test_extraction_keeps_every_gold_anchor(doc_id):
    doc = extraction(doc_id)
    text, title = norm(doc["text"]), norm(doc["title"])
    gold_title = norm(GOLD_BY_ID[doc_id]["title"])
    for fact in GOLD_BY_ID[doc_id]["facts"]:
        for anchor in fact["anchors"]:
            anchor = norm(anchor)
            if anchor in gold_title:
                assert anchor in text or anchor in title, (fact["id"], anchor)
            else:
                assert anchor in text, (fact["id"], anchor)


@pytest.mark.parametrize("doc_id", sorted(SITES))
def test_extraction_keeps_every_body_paragraph(doc_id):
    site = SITES[doc_id]
    skipped = [norm(line) for line in site["chrome_lines"] + site["furniture"]]
    text = norm(extraction(doc_id)["text"])
    body = [
        norm(line)
        for line in GOLD_BY_ID[doc_id]["text"].splitlines()
        if line.strip() and not any(norm(line).startswith(s) for s in skipped)
    ]
    assert len(body) >= 7
    for paragraph in body:
        assert paragraph in text


@pytest.mark.parametrize("doc_id", sorted(SITES))
def test_extraction_drops_site_chrome(doc_id):
    site = SITES[doc_id]
    text = norm(extraction(doc_id)["text"])
    for chrome in site["chrome_lines"] + site["page_chrome"]:
        assert norm(chrome) not in text


@pytest.mark.parametrize("doc_id", sorted(SITES))
def test_extraction_metadata_matches_gold(doc_id):
    doc = extraction(doc_id)
    gold = GOLD_BY_ID[doc_id]
    assert norm(doc["title"]) == norm(gold["title"])
    assert doc["date"] == gold["published"]
    assert doc["sitename"] == SITES[doc_id]["sitename"]
