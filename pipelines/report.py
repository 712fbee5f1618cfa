"""`casualties report`: one self-contained HTML file an analyst opens offline to see the dataset at a glance.

Deaths and injuries of incidents per day and per country, cumulative tolls on
a chart of their own (never stacked on incidents), a map of the located
events by how precise their place is, the top events with their best report
and its evidence, and the health of the last runs. Charts are drawn by
matplotlib as inline SVG and the page by a Jinja template with autoescaping:
no script, no stylesheet or font from elsewhere, so it opens with no network.
It reads the current rows of the events and tolls tables: one row per
incident, so what it sums is countable.
"""
from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import io

import jinja2
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 (after the backend is chosen)
import pycountry  # noqa: E402

from casualty_events.pipelines import dataset, delta_tables  # noqa: E402
from casualty_events.schemas.tables import TABLES  # noqa: E402
from casualty_events.transforms.storage import Location, read_json  # noqa: E402

TOP_STATEMENTS = 15
LAST_RUNS = 10
TOP_COUNTRIES = 15
COLOURS = {"killed": "#b2182b", "injured": "#ef8a62", "missing": "#67a9cf", "captured": "#2166ac"}
PRECISION_COLOURS = {"place": "#1b7837", "country": "#c2a5cf"}


@dataclasses.dataclass(frozen=True)
class ReportData:
    """What the page shows, read from the tables and the manifests."""

    mentions: list[dict]
    runs: list[dict]
    rejects: list[dict]
    generated_at: dt.datetime


def load(output: Location) -> ReportData:
    """Events (one row per incident and outcome) and tolls as rows of one shape: what the charts draw."""
    events = delta_tables.read_current(output, TABLES["events"]).to_pylist()
    cited = {event["evidence_article_id"] for event in events}
    articles = {row["article_id"]: row for row in delta_tables.read_current(
        output, TABLES["articles"], ["article_id", "url", "title", "source"]).to_pylist() if row["article_id"] in cited}
    mentions = [
        {**{key: event[key] for key in ("location", "country_code", "latitude", "longitude", "place_precision",
                                        "event_date", "evidence", "date_precision", "articles")},
         **articles.get(event["evidence_article_id"], {"url": None, "title": None, "source": None}),
         "scope": "incident", "outcome": outcome, "count": event[outcome]}
        for event in events for outcome in ("killed", "injured") if event[outcome] is not None
    ]
    mentions += [{**row, "scope": "cumulative", "event_date": row["as_of_date"]} for row in delta_tables.read_current(
        output, TABLES["tolls"], ["outcome", "count", "country_code", "who", "as_of_date"]).to_pylist()]
    rejects = delta_tables.read_current(output, TABLES["rejects"], ["stage", "reason", "run_id"]).to_pylist()
    runs_folder = output / dataset.RUNS
    names = sorted(runs_folder.files(".json"))[-LAST_RUNS:]
    runs = [read_json(runs_folder / name, {}) for name in reversed(names)]
    return ReportData(mentions, runs, rejects, dt.datetime.now(dt.timezone.utc))


def _svg(figure) -> str:
    """The figure as inline SVG markup (matplotlib writes no external reference)."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight")
    plt.close(figure)
    text = buffer.getvalue()
    return text[text.index("<svg"):]


def _incident_totals(mentions: list[dict], key: str) -> dict[object, collections.Counter]:
    """Killed and injured of incidents, summed by the row's `key` (its event date, its country)."""
    totals: dict[object, collections.Counter] = collections.defaultdict(collections.Counter)
    for row in mentions:
        if row["scope"] == "incident" and row["outcome"] in ("killed", "injured"):
            totals[row[key] or "unknown"][row["outcome"]] += row["count"]
    return totals


def _paired_bars(labels: list[str], values: dict[str, list[int]], title: str, horizontal: bool) -> str:
    """Killed and injured side by side for each label (never stacked)."""
    size = (10, 0.35 * len(labels) + 1) if horizontal else (10, 3.2)
    figure, axes = plt.subplots(figsize=size)
    width = 0.4
    for offset, outcome in ((-width / 2, "killed"), (width / 2, "injured")):
        draw = axes.barh if horizontal else axes.bar
        draw([i + offset for i in range(len(labels))], values[outcome], width, label=outcome, color=COLOURS[outcome])
    if horizontal:
        axes.set_yticks(range(len(labels)), labels, fontsize=8)
        axes.invert_yaxis()
        axes.set_xlabel("people")
    else:
        axes.set_xticks(range(len(labels)), labels, rotation=60, ha="right", fontsize=7)
        axes.set_ylabel("people")
    axes.set_title(title)
    axes.legend(frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    return _svg(figure)


def incidents_per_day(mentions: list[dict]) -> str | None:
    """Killed and injured of incidents per event date."""
    totals = _incident_totals(mentions, "event_date")
    days = sorted(totals)
    if not days:
        return None
    return _paired_bars([d.isoformat() for d in days], {o: [totals[d][o] for d in days] for o in ("killed", "injured")},
                        "Incidents: people killed and injured per event date", horizontal=False)


def incidents_per_country(mentions: list[dict]) -> str | None:
    """Killed and injured of incidents per country, the countries with most first."""
    totals = _incident_totals(mentions, "country_code")
    if not totals:
        return None
    countries = sorted(totals, key=lambda c: (-totals[c]["killed"] - totals[c]["injured"], c))[:TOP_COUNTRIES]
    return _paired_bars([country_name(c) for c in countries],
                        {o: [totals[c][o] for c in countries] for o in ("killed", "injured")},
                        "Incidents: people killed and injured per country", horizontal=True)


def tolls(mentions: list[dict]) -> str | None:
    """Cumulative tolls as reported, one line per series (who, where, outcome; the largest figure of a day), on
    their own chart."""
    series: dict[tuple[str, str, str], dict[dt.date, int]] = collections.defaultdict(dict)
    for row in mentions:
        if row["scope"] == "cumulative":
            points = series[(row.get("who") or "unspecified", row["country_code"] or "unknown", row["outcome"])]
            points[row["event_date"]] = max(points.get(row["event_date"], 0), row["count"])
    if not series:
        return None
    figure, axes = plt.subplots(figsize=(10, 3.2))
    for (who, country, outcome), points in sorted(series.items()):
        days = sorted(points)
        label = f"{country_name(who) if len(who) == 2 and who.isupper() else who} in {country_name(country)}, {outcome}"
        axes.plot(days, [points[day] for day in days], marker="o", label=label)
    axes.set_ylabel("people (cumulative)")
    axes.set_title("Cumulative tolls as reported (not incidents: never add them to the charts above)")
    axes.legend(frameon=False, fontsize=7)
    axes.spines[["top", "right"]].set_visible(False)
    figure.autofmt_xdate()
    return _svg(figure)


def place_precision(row: dict) -> str | None:
    """`country` when the event's place is a country or wider, `place` for anything finer, None when unlocated."""
    if row["latitude"] is None or row["longitude"] is None:
        return None
    return "country" if row["place_precision"] in ("country", "region") else "place"


def event_map(mentions: list[dict]) -> str | None:
    """Located incidents by longitude and latitude, coloured by how precise the place is."""
    located = [(row, place_precision(row)) for row in mentions if row["scope"] == "incident"]
    located = [(row, precision) for row, precision in located if precision]
    if not located:
        return None
    figure, axes = plt.subplots(figsize=(10, 5))
    for precision, colour in PRECISION_COLOURS.items():
        points = [row for row, p in located if p == precision]
        if points:
            axes.scatter([r["longitude"] for r in points], [r["latitude"] for r in points],
                         s=[20 + 4 * min(r["count"], 100) for r in points], c=colour, alpha=0.6,
                         label={"place": "finer than a country", "country": "country only (its centre)"}[precision])
    for row, _ in sorted(located, key=lambda item: -item[0]["count"])[:10]:
        axes.annotate(row["location"], (row["longitude"], row["latitude"]), fontsize=7, xytext=(4, 4),
                      textcoords="offset points")
    axes.set_xlim(-180, 180)
    axes.set_ylim(-60, 80)
    axes.set_xlabel("longitude")
    axes.set_ylabel("latitude")
    axes.grid(color="#dddddd", linewidth=0.5)
    axes.set_title("Where: incidents by place (area: people)")
    axes.legend(frameon=False, loc="lower left", markerscale=0.5)
    return _svg(figure)


def country_name(code: str | None) -> str:
    country = pycountry.countries.get(alpha_2=code) if code and len(code) == 2 else None
    if country is None:
        return code or "unknown"
    return getattr(country, "common_name", None) or country.name


def top_events(mentions: list[dict]) -> list[dict]:
    incidents = [row for row in mentions if row["scope"] == "incident" and row["outcome"] == "killed"]
    return sorted(incidents, key=lambda row: (-row["count"], row["event_date"]))[:TOP_STATEMENTS]


def rejects_by_reason(rejects: list[dict], runs: list[dict]) -> list[tuple[str, str, int]]:
    recent = {run.get("run_id") for run in runs}
    counts = collections.Counter((row["stage"], row["reason"]) for row in rejects if row["run_id"] in recent)
    return [(stage, reason, count) for (stage, reason), count in counts.most_common()]


def render(data: ReportData, output: Location) -> str:
    environment = jinja2.Environment(loader=jinja2.PackageLoader("casualty_events.pipelines", "."),
                                     autoescape=True, undefined=jinja2.StrictUndefined)
    template = environment.get_template("report.html.j2")
    incident = [row for row in data.mentions if row["scope"] == "incident"]
    return template.render(
        output=str(output),
        generated_at=data.generated_at.strftime("%Y-%m-%d %H:%M UTC"),
        totals={
            "events": len({(r["event_date"], r["evidence"]) for r in incident}),
            "killed": sum(r["count"] for r in incident if r["outcome"] == "killed"),
            "injured": sum(r["count"] for r in incident if r["outcome"] == "injured"),
            "countries": len({r["country_code"] for r in incident if r["country_code"]}),
            "unlocated": sum(1 for r in incident if place_precision(r) is None),
        },
        charts={"per_day": incidents_per_day(data.mentions), "per_country": incidents_per_country(data.mentions),
                "tolls": tolls(data.mentions), "map": event_map(data.mentions)},
        top=top_events(data.mentions),
        country_name=country_name,
        runs=data.runs,
        rejects=rejects_by_reason(data.rejects, data.runs),
    )


def write_report(output: Location, html_path) -> None:
    """Read the dataset at `output` and write the page to `html_path`."""
    page = render(load(output), output)
    html_path.parent.mkdir(parents=True, exist_ok=True)
    html_path.write_text(page, encoding="utf-8")
