"""Events across articles, tolls apart, syndicated copies: the functional core, on rows of our own."""
from __future__ import annotations

import datetime as dt
import json

from casualty_events.pipelines.cli import main
from casualty_events.transforms.casualties.lexicon import en
from casualty_events.transforms.duplicates import Candidate, CopyIndex, band_keys, is_copy
from casualty_events.transforms.events.events import resolve_mentions
from casualty_events.transforms.events.reports import distinctive_terms, streets_named
from casualty_events.transforms.events.tolls import toll_rows

UTC = dt.timezone.utc


def row(article: str, fact: int, outcome: str, count: int, *, day: str, precision: str = "day",
        location: str | None = "Dayton", country: str | None = "US", scope: str = "incident",
        published: str = "2024-03-12", victims: str = "people", source: str | None = None, **extra) -> dict:
    """A mention row as the mentions table holds it."""
    return {
        "article_id": article, "fact_id": f"{article}/f{fact}", "part_of": None, "outcome": outcome,
        "count": count, "count_high": None, "count_qualifier": "exact", "scope": scope, "victims": victims,
        "location": location, "country_code": country, "latitude": None, "longitude": None,
        "event_date": dt.date.fromisoformat(day), "date_precision": precision,
        "evidence": extra.pop("evidence", f"{count} {outcome} in {location}"), "char_start": 10 * fact,
        "source": source or f"{article}.example",
        "published_at": dt.datetime.fromisoformat(published).replace(tzinfo=UTC),
        **extra,
    }


def test_reports_of_one_incident_in_several_articles_are_one_event():
    rows = [
        row("a", 0, "killed", 2, day="2024-03-11"), row("a", 1, "injured", 3, day="2024-03-11"),
        row("b", 0, "killed", 2, day="2024-03-11", published="2024-03-13"),
        row("c", 0, "killed", 3, day="2024-03-12", published="2024-03-14"),  # a victim died: a later report
        row("c", 1, "injured", 3, day="2024-03-12", published="2024-03-14"),
    ]
    [event] = resolve_mentions(rows, en)
    assert event["article_ids"] == ["a", "b", "c"]
    assert (event["killed"], event["killed_low"], event["killed_high"]) == (2, 2, 3)  # most reports, never a sum
    assert (event["injured"], event["injured_low"], event["injured_high"]) == (3, 3, 3)
    assert event["articles"] == 3 and event["sources"] == 3
    assert event["event_date"] == dt.date(2024, 3, 11) and event["date_precision"] == "day"
    assert (event["location"], event["admin1_code"], event["admin1"], event["country_code"]) == (
        "Dayton", "US-OH", "Ohio", "US")
    assert event["place_precision"] == "town" and event["latitude"] is not None
    assert event["geonames_id"] == 4509884  # Dayton, Ohio
    assert event["first_reported_at"] < event["last_reported_at"]
    assert event["fact_ids"] == ["a/f0", "a/f1", "b/f0", "c/f0", "c/f1"]
    assert event["evidence"] == "2 killed in Dayton"  # the best report's statement of the best figure


def test_a_tie_between_reports_goes_to_the_latest():
    rows = [row("a", 0, "killed", 1, day="2024-03-11", evidence="One killed on Hearne Avenue"),
            row("b", 0, "killed", 2, day="2024-03-11", published="2024-03-15", evidence="Two killed on Hearne Avenue")]
    [event] = resolve_mentions(rows, en)
    assert (event["killed"], event["killed_low"], event["killed_high"]) == (2, 1, 2)


def test_two_incidents_on_one_day_in_one_city_stay_apart():
    rows = [row("a", 0, "killed", 1, day="2024-03-11"), row("a", 1, "injured", 4, day="2024-03-11"),
            row("b", 0, "killed", 3, day="2024-03-11"), row("b", 1, "injured", 0 + 2, day="2024-03-11")]
    assert len(resolve_mentions(rows, en)) == 2


def test_a_report_linking_two_events_that_can_be_one_incident_joins_them():
    rows = [row("a", 0, "killed", 2, day="2024-03-11", location="Dayton", admin1_code="US-OH"),
            row("b", 0, "killed", 1, day="2024-03-11", location="Montgomery County", admin1_code="US-OH",
                published="2024-03-13"),
            row("c", 0, "killed", 2, day="2024-03-11", location="Montgomery County", admin1_code="US-OH",
                published="2024-03-14")]  # c shares its county with b and its count with a, in a's state
    [event] = resolve_mentions(rows, en)
    assert event["article_ids"] == ["a", "b", "c"]
    assert (event["location"], event["place_precision"]) == ("Dayton", "town")  # the town inside the county
    rows = [row("a", 0, "killed", 1, day="2024-03-11"), row("a", 1, "injured", 4, day="2024-03-11"),
            row("b", 0, "killed", 3, day="2024-03-11", location="Montgomery County", admin1_code="US-OH"),
            row("b", 1, "injured", 2, day="2024-03-11", location="Montgomery County", admin1_code="US-OH"),
            row("c", 0, "killed", 1, day="2024-03-11", location="Montgomery County", admin1_code="US-OH",
                published="2024-03-14")]
    assert len(resolve_mentions(rows, en)) == 2  # a and b tell other counts: no report joins them


def test_a_big_city_alone_links_only_reports_of_equal_counts():
    # Dayton (140,000 people) has several shootings a day: "1 killed" and "4 injured" there are two of them
    rows = [row("a", 0, "killed", 1, day="2024-03-11"), row("b", 0, "injured", 4, day="2024-03-11")]
    assert len(resolve_mentions(rows, en)) == 2
    rows[1] = row("b", 0, "killed", 1, day="2024-03-11")  # the same count: one incident told twice
    assert len(resolve_mentions(rows, en)) == 1
    # a part of the city, a small town, or a rare name in common link them whatever the counts
    for place in ("Dayton (Belmont)", "Kettering"):
        rows = [row("a", 0, "killed", 1, day="2024-03-11", location=place),
                row("b", 0, "injured", 4, day="2024-03-11", location=place)]
        assert len(resolve_mentions(rows, en)) == 1, place
    rows = [row("a", 0, "killed", 1, day="2024-03-11", evidence="Tyrone Smith was killed"),
            row("b", 0, "injured", 4, day="2024-03-11", evidence="Tyrone Smith and three others were shot")]
    assert len(resolve_mentions(rows, en)) == 1
    rows = [row("a", 0, "killed", 1, day="2024-03-11", evidence="A 14-year-old boy was killed"),  # an age too
            row("b", 0, "injured", 4, day="2024-03-11", evidence="A 14-year-old and three men were shot")]
    assert len(resolve_mentions(rows, en)) == 1


def test_two_shootings_of_one_city_and_day_on_other_blocks_stay_apart():
    rows = [row("a", 0, "killed", 1, day="2024-03-11", evidence="A man was shot dead in the 5600 block of South "
                "Princeton Avenue."),
            row("b", 0, "injured", 1, day="2024-03-11", evidence="A woman was wounded in the 5000 block of West "
                "Wabansia Avenue."),
            row("c", 0, "killed", 1, day="2024-03-11", evidence="Police named the man shot in the 5600 block of "
                "S. Princeton.")]
    events = resolve_mentions(rows, en)
    assert sorted(e["article_ids"] for e in events) == [["a", "c"], ["b"]]


def test_reports_of_two_towns_need_much_in_common():
    rows = [row("a", 0, "killed", 1, day="2024-03-11", location="Kettering", evidence="A 16-year-old was killed"),
            row("b", 0, "killed", 1, day="2024-03-11", location="Xenia", evidence="A 16-year-old was shot dead")]
    assert len(resolve_mentions(rows, en)) == 2  # an age in common is not enough across towns


def test_where_a_victim_lived_is_no_address_of_the_shooting():
    rows = [row("a", 0, "killed", 1, day="2024-03-11", evidence="Tyrone Smith was shot dead in the 3500 block of "
                "South Parnell Avenue."),
            row("b", 0, "killed", 1, day="2024-03-11", evidence="Tyrone Smith of the 900 block of West 36th Street "
                "was pronounced dead.")]
    assert len(resolve_mentions(rows, en)) == 1
    assert streets_named("Bandemer, who lived in the 900 block of West 36th Street, died.", en) == set()
    assert streets_named("Jacory Wesley, of the 7000 block of Penny Street, shot him in the 6300 block of Hearne "
                         "Avenue.", en) == {"hearne"}


def test_reports_of_other_days_or_places_are_other_events():
    rows = [row("a", 0, "killed", 2, day="2024-03-11"),
            row("b", 0, "killed", 2, day="2024-03-14"),
            row("c", 0, "killed", 2, day="2024-03-11", location="Toledo")]
    assert len(resolve_mentions(rows, en)) == 3


def test_an_undated_follow_up_joins_the_incident_it_follows():
    rows = [row("a", 0, "killed", 1, day="2024-03-09"),
            row("b", 0, "killed", 1, day="2024-03-12", precision="published", published="2024-03-12")]
    [event] = resolve_mentions(rows, en)
    assert event["article_ids"] == ["a", "b"] and event["event_date"] == dt.date(2024, 3, 9)


def test_a_report_dating_the_incident_to_a_month_or_week_joins_the_incident_of_a_day_in_it():
    shooting = row("a", 0, "killed", 1, day="2024-03-09", published="2024-03-10")
    sentenced = row("b", 0, "killed", 1, day="2024-03-31", precision="month", published="2024-12-19",
                    evidence="charged in the March 2024 shooting in which a girl was killed")
    recalled = row("c", 0, "killed", 1, day="2024-03-16", precision="week", published="2024-03-17",
                   evidence="a week after a fatal shooting at a party")
    [event] = resolve_mentions([shooting, sentenced, recalled], en)
    assert event["article_ids"] == ["a", "b", "c"] and event["event_date"] == dt.date(2024, 3, 9)
    later = row("d", 0, "killed", 1, day="2024-03-20", published="2024-03-21")  # outside the week told
    assert len(resolve_mentions([recalled, later], en)) == 2


def test_a_county_and_a_town_far_from_the_town_it_is_named_after_are_other_places():
    def report(article: str, place: str) -> dict:
        return row(article, 0, "killed", 1, day="2024-03-22", location=place, admin1_code="US-CA",
                   evidence=f"One man was killed in {place}")
    assert len(resolve_mentions([report("a", "Fresno County"), report("b", "Indio")], en)) == 2  # 400 km apart
    [event] = resolve_mentions([report("a", "Riverside County"), report("b", "Indio")], en)  # Indio is in it
    assert event["article_ids"] == ["a", "b"] and event["location"] == "Indio"


def test_an_article_telling_of_two_incidents_gives_two_events():
    rows = [row("a", 0, "killed", 7, day="2016-11-05", location="Aleppo", country="SY", published="2016-11-07"),
            row("a", 1, "killed", 1, day="2016-10-10", location="Aleppo", country="SY", published="2016-11-07")]
    events = resolve_mentions(rows, en)
    assert sorted(e["killed"] for e in events) == [1, 7]
    assert {e["event_window"] for e in events} == {"SY/2016-11", "SY/2016-10"}


def test_an_undated_incident_mentioned_in_passing_is_background():
    rows = [row("a", 0, "killed", 7, day="2016-11-05", location="Aleppo", country="SY"),
            row("a", 1, "killed", 7, day="2016-11-05", location="Aleppo", country="SY", char_start=50),
            row("a", 2, "killed", 30, day="2016-11-07", precision="published", location="Mosul", country="IQ")]
    [event] = resolve_mentions(rows, en)
    assert (event["killed"], event["country_code"]) == (7, "SY")


def test_the_same_toll_in_one_small_town_is_one_event_even_when_a_date_was_misread():
    rows = [row("a", 0, "killed", 5, day="2016-08-06", location="Sinking Spring", published="2016-08-07"),
            row("b", 0, "killed", 5, day="2016-08-15", location="Sinking Spring", published="2016-08-16")]
    [event] = resolve_mentions(rows, en)  # b dated by "investigators said Monday", nine days on
    assert event["article_ids"] == ["a", "b"] and event["event_date"] == dt.date(2016, 8, 6)
    lone = [{**r, "count": 1} for r in rows]  # one victim: two incidents of one town in a month are not rare
    assert len(resolve_mentions(lone, en)) == 2
    city = [{**r, "location": "Dayton"} for r in rows]  # a city names many incidents
    assert len(resolve_mentions(city, en)) == 2


def test_reports_sharing_rare_names_are_one_event_even_when_a_place_or_a_date_was_misread():
    story = "Aynis Vargas, 12, was killed outside 256 Hartford Avenue; Vilma Tineo was wounded."
    rows = [row("a", 0, "killed", 1, day="2013-06-15", location="Providence", evidence=story),
            row("b", 0, "killed", 1, day="2013-06-15", location="Sharon", evidence="Police named Aynis Vargas, "
                "shot on Hartford Avenue, and Vilma Tineo."),
            row("c", 0, "killed", 1, day="2013-06-27", location="Providence", published="2013-06-30",
                evidence=f"Four men were charged. {story}")]
    other = [row(f"x{n}", 0, "killed", 1, day=f"2013-06-{10 + n:02d}", location=f"Town{n}",
                 evidence=f"Kevin Roe{n} was killed.") for n in range(12)]  # the window's other reports
    events = resolve_mentions(rows + other, en)
    [event] = [e for e in events if "a" in e["article_ids"]]
    assert event["article_ids"] == ["a", "b", "c"]
    assert event["event_date"] == dt.date(2013, 6, 15)
    assert len(events) == 13


def test_a_common_word_links_nothing():
    rows = [row("a", 0, "killed", 1, day="2024-03-11", location="Dayton", evidence="A man was killed in Chicago."),
            row("b", 0, "killed", 1, day="2024-03-11", location="Toledo", evidence="A man was killed in Chicago.")]
    assert len(resolve_mentions(rows, en)) == 2
    assert distinctive_terms("A man was shot on Jan. 29 near Market Street.", en) == {"market"}  # a month is no name


def test_the_event_id_stays_as_later_reports_join():
    first = [row("a", 0, "killed", 2, day="2024-03-11")]
    [alone] = resolve_mentions(first, en)
    [joined] = resolve_mentions(first + [row("b", 0, "killed", 2, day="2024-03-11", published="2024-03-13")], en)
    assert joined["event_id"] == alone["event_id"]
    assert joined["articles"] == 2


def test_cumulative_tolls_and_parts_are_no_incident():
    rows = [row("a", 0, "killed", 1000, day="2024-03-12", scope="cumulative"),
            row("a", 1, "killed", 12, day="2024-03-10"),
            {**row("a", 2, "killed", 4, day="2024-03-10"), "part_of": "a/f1"}]
    [event] = resolve_mentions(rows, en)
    assert (event["killed"], event["fact_ids"]) == (12, ["a/f1"])


def test_a_toll_is_one_series_however_its_victims_are_named():
    rows = [row("a", 0, "killed", 1000, day="2016-11-22", scope="cumulative", victims="Iranian soldiers",
                location="Syria", country="SY"),
            row("b", 0, "killed", 1000, day="2016-11-23", scope="cumulative", victims="Iran's martyrs",
                location="Syria", country="SY"),
            row("b", 1, "killed", 400, day="2016-07-31", precision="month", scope="cumulative",
                victims="Iran-deployed fighters", location="Syria", country="SY"),
            row("c", 0, "killed", 289, day="2016-11-22", scope="cumulative", victims="289 people",
                location="Aleppo", country="SY")]
    tolls = toll_rows(rows, en)
    assert len(tolls) == 4
    iranian = [t for t in tolls if t["who"] == "IR"]
    assert len(iranian) == 3 and len({t["series_id"] for t in iranian}) == 1
    assert iranian[0]["series"] == "killed · SY · IR"
    assert [t["who"] for t in tolls if t["count"] == 289] == ["unspecified"]  # "people" says not who
    assert resolve_mentions(rows, en) == []  # a toll is never an incident


AGENCY_STORY = (
    "Police in Dayton said two men were killed and three people were wounded when gunfire broke out outside a bar "
    "late on Monday night. Officers arrived within minutes and found the victims on the sidewalk. The wounded were "
    "taken to Miami Valley Hospital, where one was listed in critical condition. No arrests had been made by Tuesday "
    "morning, and police asked anyone with information to call the tip line. The shooting was the third in the "
    "neighbourhood this month, residents said, and the city council will discuss more patrols on Thursday."
)


def test_a_syndicated_copy_is_found_and_another_story_is_not():
    copy = "By Staff Writer\n" + AGENCY_STORY.replace(" residents said,", " residents told reporters,") + \
        "\nCopyright 2024 The Associated Press. All rights reserved."
    other = AGENCY_STORY.replace("Dayton", "Toledo").replace("bar", "church").replace("Monday", "Sunday") \
        .replace("two men", "a woman").replace("third", "first").replace("Thursday", "Friday") \
        .replace("tip line", "sheriff").replace("critical", "stable").replace("minutes", "the hour")
    assert is_copy(band_keys(AGENCY_STORY), band_keys(copy))
    assert not is_copy(band_keys(AGENCY_STORY), band_keys(other))
    assert band_keys("Two killed.") == band_keys("two  KILLED")  # a short text: only an equal one is a copy
    assert not is_copy(band_keys("Two killed."), band_keys("Three killed."))


def test_the_oldest_of_a_runs_copies_is_the_original_and_the_dataset_comes_first():
    at = dt.datetime(2024, 3, 12, tzinfo=UTC)
    keys = band_keys(AGENCY_STORY)
    index = CopyIndex({})
    run = [Candidate("late", at + dt.timedelta(hours=2), keys), Candidate("early", at, keys),
           Candidate("alone", at, band_keys(AGENCY_STORY[::-1]))]
    assert index.duplicates(run) == {"late": "early"}
    assert CopyIndex({"held": keys}).duplicates([Candidate("new", at, keys)]) == {"new": "held"}
    assert CopyIndex({"same": keys}).duplicates([Candidate("same", at, keys)]) == {}  # processed again: no copy


def test_events_command_resolves_extracted_mentions(tmp_path, capsys):
    mentions = [
        {"doc_id": doc, **{k: v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v
                           for k, v in row(doc, 0, "killed", 2, day="2024-03-11").items()}}
        for doc in ("d1", "d2")
    ]
    source = tmp_path / "mentions.jsonl"
    source.write_text("".join(json.dumps(m) + "\n" for m in mentions))
    assert main(["events", "--input", str(source), "--output", str(tmp_path / "events.jsonl")]) == 0
    [event] = [json.loads(line) for line in (tmp_path / "events.jsonl").read_text().splitlines()]
    assert event["doc_ids"] == ["d1", "d2"] and event["fact_ids"] == ["d1/f0", "d2/f0"]
    assert (event["killed"], event["event_date"], event["location"], event["country_code"]) == (
        2, "2024-03-11", "Dayton, OH", "US")
    source.write_text('{"doc_id": "d1"}\n')
    assert main(["events", "--input", str(source), "--output", str(tmp_path / "bad.jsonl")]) == 1
    assert "mentions.jsonl:1" in capsys.readouterr().err


def test_an_incident_an_article_recalls_from_long_before_makes_no_event():
    news = row("a", 0, "killed", 1, day="2024-03-11", evidence="A man was killed Monday on Hearne Avenue")
    recalled = row("a", 1, "killed", 4, day="2009-06-01", published="2024-03-12",
                   evidence="the deadliest shooting since June 1, 2009, when four were killed")
    [event] = resolve_mentions([news, recalled], en)
    assert (event["killed"], event["event_date"], event["fact_ids"]) == (1, dt.date(2024, 3, 11), ["a/f0"])
    last_month = row("a", 1, "killed", 4, day="2024-02-20", evidence="four were killed on Feb. 20")
    assert len(resolve_mentions([news, last_month], en)) == 2  # recent news of its own
    wilson = [row("a", 2, "killed", 1, day="2023-06-28", victims="Sharen Wilson", published="2024-03-12",
                  evidence="awaiting trial in the June 28 abduction and death of Sharen Wilson"),
              row("a", 3, "killed", 1, day="2024-03-03", victims="Wilson", published="2024-03-12",
                  evidence="where he is accused of killing Wilson, and where officers March 3 found his pants")]
    assert len(resolve_mentions([news, *wilson], en)) == 1  # a recent day read once does not make it news
    trial = row("b", 0, "killed", 4, day="2009-06-01", published="2024-03-12", evidence="a trial for the 2009 killings")
    assert [e["event_date"] for e in resolve_mentions([trial], en)] == [dt.date(2009, 6, 1)]  # what the article is about


def test_an_undated_report_of_the_first_meets_the_incident_of_the_day_before():
    rows = [row("a", 0, "killed", 1, day="2016-10-31", location="Fresno", published="2016-10-31",
                victims="a deputy"),
            row("b", 0, "killed", 1, day="2016-11-01", precision="published", location="Fresno",
                published="2016-11-01", victims="a deputy")]
    [event] = resolve_mentions(rows, en)
    assert event["article_ids"] == ["a", "b"] and event["event_window"] == "US/2016-10"


def test_a_gallerys_captions_are_one_statement():
    captions = [row("a", 0, "injured", 2, day="2024-03-11", victims="a girl and her mother", char_start=100 + i,
                    evidence=f"Photo: Image {i} of 9 A girl and her mother were shot") for i in range(1, 10)]
    told = [row("a", 1, "injured", 1, day="2024-03-11", victims="her mother", char_start=10,
                evidence="Her mother was shot and survived."),
            row("a", 1, "injured", 1, day="2024-03-11", victims="the mother", char_start=300,
                evidence="The mother was treated for a wound to the arm.")]
    [event] = resolve_mentions(captions + told, en)
    assert event["injured"] == 1  # two statements of 1 outweigh nine captions of 2 that differ only in numbers


def test_events_command_reads_the_documents_dates(tmp_path, capsys):
    lines = [{"doc_id": "d1", "published": "2024-03-12", **{k: v.isoformat() if isinstance(v, dt.date) else v
             for k, v in fact.items() if k != "published_at"}}
             for fact in (row("d1", 0, "killed", 1, day="2024-03-11"), row("d1", 1, "killed", 4, day="2009-06-01"))]
    source = tmp_path / "mentions.jsonl"
    source.write_text("".join(json.dumps(line) + "\n" for line in lines))
    assert main(["events", "--input", str(source), "--output", str(tmp_path / "events.jsonl")]) == 0
    [event] = [json.loads(line) for line in (tmp_path / "events.jsonl").read_text().splitlines()]
    assert event["event_date"] == "2024-03-11"  # the 2009 killings are recalled, read against the document's date
    source.write_text(json.dumps({**lines[0], "published": "last week"}) + "\n")
    assert main(["events", "--input", str(source), "--output", str(tmp_path / "bad.jsonl")]) == 1
    assert '"published" is not a date' in capsys.readouterr().err


def test_an_event_that_absorbed_older_ones_names_them():
    from casualty_events.pipelines.resolution import _with_merged_ids

    held = {"old-a": {"a/f0"}, "old-b": {"b/f0"}, "gone": {"z/f0"}}
    rows = [{"event_id": "old-a", "fact_ids": ["a/f0", "b/f0", "c/f0"]}, {"event_id": "new", "fact_ids": ["d/f0"]}]
    merged = {row["event_id"]: row["merged_ids"] for row in _with_merged_ids(rows, held)}
    assert merged == {"old-a": ["old-b"], "new": []}  # "gone" lost its facts: it merged into nothing


def test_a_part_of_a_city_shares_its_place_with_the_part_not_with_the_whole_city():
    rows = [row("a", 0, "killed", 1, day="2024-03-11", location="Chicago (Chatham)"),
            row("b", 0, "killed", 1, day="2024-03-11", location="Chatham", published="2024-03-13"),
            row("c", 0, "injured", 2, day="2024-03-11", location="Chicago")]
    events = resolve_mentions(rows, en)
    assert sorted(e["article_ids"] for e in events) == [["a", "b"], ["c"]]
    chatham = next(e for e in events if e["article_ids"] == ["a", "b"])
    assert (chatham["location"], chatham["admin1_code"]) == ("Chicago (Chatham)", "US-IL")


def test_the_shot_who_died_are_counted_killed_not_also_injured():
    rows = [row("a", 0, "injured", 1, day="2024-03-11", victims="A 16-year-old boy"),
            row("a", 1, "killed", 1, day="2024-03-11", victims="A 16-year-old boy"),
            row("b", 0, "killed", 1, day="2024-03-11", victims="Tyrone Smith, 16", published="2024-03-13"),
            row("b", 1, "injured", 1, day="2024-03-11", victims="the victim", published="2024-03-13")]
    [event] = resolve_mentions(rows, en)
    assert (event["killed"], event["injured"]) == (1, None)
    rows = [row("c", 0, "killed", 1, day="2024-03-11", victims="A 16-year-old boy"),
            row("c", 1, "injured", 1, day="2024-03-11", victims="another 16-year-old boy")]
    [event] = resolve_mentions(rows, en)
    assert (event["killed"], event["injured"]) == (1, 1)  # another victim


def test_the_dead_a_group_of_the_shot_names_are_counted_killed_and_the_rest_injured():
    rows = [row("a", 0, "injured", 2, day="2016-06-01", location="San Antonio", victims="A 7-year-old girl and her mother",
                evidence="A 7-year-old girl and her mother were shot Wednesday night."),
            row("a", 1, "killed", 1, day="2016-06-01", location="San Antonio", victims="7-year-old Iris Rodriguez",
                evidence="Police seek the man wanted in the shooting death of 7-year-old Iris Rodriguez.")]
    [event] = resolve_mentions(rows, en)
    assert (event["killed"], event["injured"]) == (1, 1)
    rows[1]["victims"] = "a 30-year-old man"  # another victim: the group is still two injured
    [event] = resolve_mentions(rows, en)
    assert (event["killed"], event["injured"]) == (1, 2)


def test_kin_the_dead_were_named_as_told_as_shot_are_not_also_injured():
    rows = [row("a", 0, "killed", 4, day="2015-06-21", location="Roy", victims="Russell Smith, his wife, Shawna "
                "Smith, and their two children"),
            row("a", 1, "injured", 1, day="2015-06-21", location="Roy", victims="his wife and children",
                evidence="Police said the father shot his wife and children before killing himself.")]
    [event] = resolve_mentions(rows, en)
    assert (event["killed"], event["injured"]) == (4, None)
    rows[1]["victims"] = "his neighbor"
    assert resolve_mentions(rows, en)[0]["injured"] == 1


def test_the_dead_told_again_as_a_group_with_wounds_are_not_also_injured():
    rows = [row("a", 0, "killed", 2, day="2024-03-11", victims="A mother and her son"),
            row("a", 1, "injured", 2, day="2024-03-11", victims="the two")]  # "found ... with gunshot wounds"
    [event] = resolve_mentions(rows, en)
    assert (event["killed"], event["injured"]) == (2, None)
    rows[1] = row("a", 1, "injured", 3, day="2024-03-11", victims="the three")  # more than the dead: others
    [event] = resolve_mentions(rows, en)
    assert (event["killed"], event["injured"]) == (2, 3)


def test_the_wounded_of_early_reports_who_died_by_later_ones_are_counted_killed():
    rows = [row("a", 0, "injured", 1, day="2024-03-11", victims="one person", published="2024-03-11",
                evidence="One person was shot on Hardy Circle"),
            row("b", 0, "killed", 1, day="2024-03-11", victims="the 16-year-old girl", published="2024-03-13",
                evidence="The girl shot on Hardy Circle died")]
    [event] = resolve_mentions(rows, en)
    assert (event["killed"], event["injured"]) == (1, None)
    assert (event["injured_low"], event["injured_high"]) == (None, None)
    # a later report of the wounded, more wounded than dead, or a report giving both: other victims
    for wounded in (row("a", 0, "injured", 1, day="2024-03-11", published="2024-03-14", evidence="on Hardy Circle"),
                    row("a", 0, "injured", 3, day="2024-03-11", published="2024-03-11", evidence="on Hardy Circle")):
        [event] = resolve_mentions([wounded, rows[1]], en)
        assert event["injured"] == wounded["count"]
    both = [*rows, row("c", 0, "killed", 1, day="2024-03-11", published="2024-03-12"),
            row("c", 1, "injured", 1, day="2024-03-11", published="2024-03-12")]
    [event] = resolve_mentions(both, en)
    assert (event["killed"], event["injured"]) == (1, 1)


def test_facts_of_one_article_naming_one_victim_are_one_incident_whatever_their_days():
    rows = [row("a", 0, "killed", 1, day="2017-03-24", victims="16-year-old Elian Lopez", location="Indio"),
            row("a", 1, "killed", 1, day="2017-03-27", victims="Elian", location="Indio")]
    [event] = resolve_mentions(rows, en)
    assert event["fact_ids"] == ["a/f0", "a/f1"]
    rows = [row("b", 0, "killed", 1, day="2016-04-02", victims="Mashallah Shamsa", location="Aleppo", country="SY",
                published="2016-04-12"),
            row("b", 1, "killed", 2, day="2016-04-10", victims="Murtadi Zer Hernad", location="Aleppo", country="SY",
                published="2016-04-12")]
    assert sorted(e["killed"] for e in resolve_mentions(rows, en)) == [1, 2]  # other victims, other days
    rows = [row("c", 0, "injured", 5, day="2015-11-23", victims="five protesters", location="Minneapolis",
                published="2015-11-24", evidence="Five protesters were shot Monday night near the precinct."),
            row("c", 1, "killed", 1, day="2015-11-15", victims="Jamar Clark", location="Minneapolis",
                published="2015-11-24", evidence="Protesters camped out since Nov. 15, when police shot Jamar Clark."),
            row("c", 2, "killed", 1, day="2015-11-23", victims="Clark", location="Minneapolis",
                published="2015-11-24", evidence="Protesters demanded justice in Clark's death.")]
    events = {e["event_date"]: e for e in resolve_mentions(rows, en)}  # a victim's fact goes with that victim's report
    assert (events[dt.date(2015, 11, 23)]["killed"], events[dt.date(2015, 11, 15)]["fact_ids"]) == (None, ["c/f1", "c/f2"])
    other = row("d", 0, "injured", 5, day="2015-11-23", victims="five protesters", location="Minneapolis",
                published="2015-11-25", evidence="Five protesters were shot near the Fourth Precinct of Jamar Clark.")
    events = {e["event_date"]: e for e in resolve_mentions([*rows, other], en)}  # Clark's report keeps to its day
    assert (events[dt.date(2015, 11, 23)]["article_ids"], events[dt.date(2015, 11, 15)]["article_ids"]) == (["c", "d"], ["c"])


def test_a_headline_that_agrees_with_no_report_of_the_body_is_no_incident_of_its_own():
    rows = [row("a", 0, "killed", 3, day="2016-11-30", precision="month", location="Lone Tree",
                evidence="A woman and her two sons were found dead in a van in Lone Tree last month.",
                published="2016-12-27"),
            row("a", 1, "killed", 3, day="2016-11-30", precision="month", location="Lone Tree",
                evidence="The coroner ruled the three deaths a murder-suicide.", published="2016-12-27"),
            {**row("a", 2, "killed", 1, day="2016-12-22", location="Douglas County", published="2016-12-27",
                   evidence="Mother gave sons drugs before shooting them, killing herself"), "char_start": None}]
    [event] = resolve_mentions(rows, en)
    assert (event["killed"], event["fact_ids"]) == (3, ["a/f0", "a/f1"])


def test_a_report_is_resolved_in_the_month_of_the_day_it_tells_most():
    told = "Christian Bandemer, 16, was pronounced dead Friday in Bridgeport."
    rows = [row("a", 0, "killed", 1, day="2016-06-03", location="Bridgeport", evidence=told,
                victims="Christian Bandemer", published="2016-06-05"),
            row("a", 1, "killed", 1, day="2016-06-03", location="Bridgeport", evidence=f"Police said {told}",
                victims="Christian Bandemer", published="2016-06-05"),
            row("a", 2, "killed", 1, day="2016-05-29", location="Bridgeport", evidence="The gun went off, killing "
                "Bandemer.", victims="Bandemer", published="2016-06-05"),  # a stray day read with another sentence
            row("b", 0, "killed", 1, day="2016-06-03", location="Bridgeport", evidence=told,
                victims="Christian Bandemer", published="2016-06-04")]
    [event] = resolve_mentions(rows, en)
    assert event["article_ids"] == ["a", "b"] and event["event_window"] == "US/2016-06"


def test_a_victim_told_again_as_the_boy_is_of_the_fact_before_whatever_its_day():
    rows = [row("a", 0, "killed", 1, day="2016-12-02", victims="A 16-year-old boy", location="North Lawndale",
                published="2016-12-03"),
            row("a", 1, "injured", 1, day="2016-11-26", victims="the boy", location="North Lawndale", published="2016-12-03")]
    [event] = resolve_mentions(rows, en)
    assert event["fact_ids"] == ["a/f0", "a/f1"]
    rows[1] = row("a", 1, "injured", 1, day="2016-11-26", victims="a woman", location="North Lawndale",
                  published="2016-12-03")
    assert len(resolve_mentions(rows, en)) == 2  # someone else, another day: another incident


def test_a_victim_told_again_goes_with_the_fact_it_tells_again_and_dates_nothing():
    rows = [row("a", 0, "injured", 5, day="2015-11-23", victims="five protesters", location="Minneapolis",
                published="2015-11-25", evidence="Gunfire left five protesters hospitalized Monday evening."),
            row("a", 1, "killed", 1, day="2014-12-31", precision="year", victims="a 17-year-old black teen",
                location="Chicago", published="2015-11-25",
                evidence="Protesters in Chicago took to the streets over the 2014 shooting death of a 17-year-old."),
            row("a", 2, "injured", 1, day="2015-11-24", victims="the teen", location="Chicago", published="2015-11-25",
                evidence="A graphic video released Tuesday shows the officer shooting the teen repeatedly.")]
    [event] = resolve_mentions(rows, en)  # the 2014 death, told again, is background, and no death of this one
    assert (event["killed"], event["injured"], event["fact_ids"]) == (None, 5, ["a/f0"])


def test_on_a_tie_a_report_counts_the_figure_its_article_tells_first():
    rows = [row("a", 0, "injured", 5, day="2024-03-11", victims="five people", char_start=10),
            row("a", 1, "injured", 1, day="2024-03-11", victims="A 19-year-old woman", char_start=200)]
    [event] = resolve_mentions(rows, en)
    assert event["injured"] == 5  # the lead's total; the woman is one of the five


def test_an_events_place_is_read_in_the_state_the_extractor_read_it_in():
    # "CALHOUN COUNTY, Miss. — ... west of Pittsboro": Mississippi's Pittsboro, not North Carolina's larger one
    [event] = resolve_mentions([row("a", 0, "killed", 1, day="2024-03-11", location="Pittsboro", admin1_code="US-MS")], en)
    assert (event["location"], event["admin1_code"]) == ("Pittsboro", "US-MS")
    [event] = resolve_mentions([row("a", 0, "killed", 1, day="2024-03-11", location="Pittsboro")], en)
    assert event["admin1_code"] == "US-NC"
