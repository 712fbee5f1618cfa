"""`casualties`: run the pipeline, extract from documents, score against gold.

Exit codes: 0 success, 1 the run failed, 2 usage error, 3 the run completed
but its share of failures passed --max-failure-ratio.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib.metadata
import json
import logging
import pathlib
import signal
import sys
import threading
from collections.abc import Iterator

from casualty_events.pipelines.settings import (
    DEFAULT_MAX_FAILURE_RATIO,
    DEFAULT_MODEL,
    DEFAULT_RUNNER,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
)
from casualty_events.transforms.text import clean_text, usable_date


def _version() -> str:
    try:
        return importlib.metadata.version("casualty-events")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _ratio(value: str) -> float:
    ratio = float(value)
    if not 0.0 <= ratio <= 1.0:
        raise argparse.ArgumentTypeError("must be between 0 and 1")
    return ratio


def _positive(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not number > 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return number


def _positive_int(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"not a whole number of 1 or more: {value!r}")
    return int(value)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="casualties", description="Turn news feeds into a dataset of dated casualty events."
    )
    parser.add_argument("--version", action="version", version=f"casualties {_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser(
        "run", help="read feeds, extract casualty events, write Parquet",
        description="Read feeds, fetch their articles, extract casualty mentions and write hive-partitioned "
        "Parquet under --output. Options this command does not know are passed to Apache Beam "
        "(e.g. --dask_client_address=HOST:PORT, --dask_npartitions=N).",
        epilog="Exit codes: 0 success, 1 run failed, 2 usage error, 3 too many failures (--max-failure-ratio).",
    )
    run.add_argument("feeds", nargs="*", metavar="FEED",
                     help="http(s) URL, local path or file:// URL of an RSS/Atom feed, or a local OPML file "
                     "(default: the bundled seed feed)")
    run.add_argument("--feeds-file", type=pathlib.Path, help="a file with one FEED a line (# comments)")
    run.add_argument("--output", default="data",
                     help="output folder, or an object-store URI such as s3://bucket/prefix (default ./data)")
    run.add_argument("--runner", default=DEFAULT_RUNNER,
                     help="Beam runner: FnApiRunner (default, local), DaskRunner, DataflowRunner, FlinkRunner, ...")
    run.add_argument("--model", default=DEFAULT_MODEL, help=f"installed spaCy model (default {DEFAULT_MODEL})")
    run.add_argument("--workers", type=_positive_int, metavar="N",
                     help="processes that read articles on this machine with the local runner (default: one per "
                     "core); a cluster's runner spreads them over its own workers")
    run.add_argument("--full-refresh", action="store_true", help="ignore the state of earlier runs")
    run.add_argument("--since", type=_date, metavar="DATE", help="skip entries published before DATE (YYYY-MM-DD)")
    run.add_argument("--max-failure-ratio", type=_ratio, default=DEFAULT_MAX_FAILURE_RATIO, metavar="R",
                     help="exit 3 when failed feeds and articles exceed this share of those attempted "
                     f"(default {DEFAULT_MAX_FAILURE_RATIO}); a run whose every feed failed exits 3 too")
    run.add_argument("--max-article-seconds", type=_positive, default=60.0, metavar="S",
                     help="give up extracting one article after S seconds, a reject too_slow (default 60)")
    run.add_argument("--max-run-minutes", type=_positive, metavar="M",
                     help="after M minutes fetch and extract nothing more: commit what is done and leave the rest, "
                     "as rejects run_deadline, for the next run (default: no limit)")
    run.add_argument("--user-agent", help="User-Agent header (default names the project and its URL)")
    run.add_argument("--min-host-gap", type=float, metavar="SECONDS",
                     help="minimum gap between two requests to one host (default 1.0)")
    run.add_argument("--parallel-hosts", type=_positive_int, metavar="N",
                     help="hosts fetched at once, each one request at a time (default 32)")
    run.add_argument("--allow-private-hosts", action="store_true",
                     help="allow loopback and private addresses (tests, intranets)")
    run.add_argument("--ignore-robots", action="store_true", help="do not read robots.txt (only for your own sites)")
    run.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    run.add_argument("-v", "--verbose", action="count", default=0, help="more logging (-vv for debug)")

    extract = commands.add_parser(
        "extract", help="extract casualty mentions from documents in JSON Lines",
        description="Read documents {doc_id, text, published?, title?, url?} one per line and write one mention "
        "per line (a url's country domain, as .co.uk, is a hint for a text that does not say its country). A "
        "malformed line is reported with its number and skipped; the exit code is then 1.",
    )
    extract.add_argument("--input", required=True, type=pathlib.Path, metavar="DOCS.jsonl", help="- for stdin")
    extract.add_argument("--output", required=True, type=pathlib.Path, metavar="MENTIONS.jsonl", help="- for stdout")
    extract.add_argument("--max-seconds", type=_positive, default=60.0, metavar="S",
                         help="give up on a document after S seconds (default 60)")
    extract.add_argument("--model", default=DEFAULT_MODEL, help=f"installed spaCy model (default {DEFAULT_MODEL})")

    events = commands.add_parser(
        "events", help="resolve extracted mentions into events, as the events table does",
        description="Read the mentions `casualties extract` wrote and write one event a line: the reports of "
        "one incident across documents resolved into one, with event_id, doc_ids, fact_ids, killed, injured "
        "(best, low, high), event_date, location and country_code.",
    )
    events.add_argument("--input", required=True, type=pathlib.Path, metavar="MENTIONS.jsonl", help="- for stdin")
    events.add_argument("--output", required=True, type=pathlib.Path, metavar="EVENTS.jsonl", help="- for stdout")

    maintain = commands.add_parser(
        "maintain", help="compact and vacuum the tables, or repair a damaged dataset",
        description="Compact the small files of every table into large ones, checkpoint the logs and delete the "
        "files no version younger than --vacuum-hours needs (time travel reaches that far back). Holds the run "
        "lock, so it can run from cron beside the runs. --repair instead takes damaged files out of the tables "
        "and rebuilds the state from them.",
    )
    maintain.add_argument("--output", default="data", help="output folder or object-store URI (default ./data)")
    maintain.add_argument("--vacuum-hours", type=float, default=168.0, metavar="N",
                          help="keep the files of versions younger than N hours (default 168, a week)")
    maintain.add_argument("--repair", action="store_true",
                          help="take missing or damaged data files out of the tables and rebuild _state/ from them")

    report = commands.add_parser(
        "report", help="write one self-contained HTML page of the dataset",
        description="Charts of incident deaths and injuries per day and per country, cumulative tolls apart, a "
        "map by place precision, the top statements with their sources, and the health of the last runs, in one "
        "HTML file that opens offline.",
    )
    report.add_argument("--output", default="data", help="the dataset: output folder or object-store URI (default ./data)")
    report.add_argument("--html", type=pathlib.Path, default=pathlib.Path("report.html"), metavar="FILE",
                        help="where to write the page (default ./report.html)")

    evaluate = commands.add_parser(
        "eval", help="score mentions against gold annotations",
        description="Score MENTIONS.jsonl against GOLD.jsonl with the matching rules of the reference scorer.",
    )
    evaluate.add_argument("gold", metavar="GOLD.jsonl")
    evaluate.add_argument("mentions", metavar="MENTIONS.jsonl")
    evaluate.add_argument("--json", action="store_true", help="print the whole result as JSON")
    return parser


def run_option_strings(parser: argparse.ArgumentParser) -> set[str]:
    """The option strings `casualties run` itself knows (argparse keeps them on its private attributes)."""
    run_parser = parser._subparsers._group_actions[0].choices["run"]
    return set(run_parser._option_string_actions)


def split_beam_args(argv: list[str], own_options: set[str]) -> tuple[list[str], list[str]]:
    """(our arguments, Beam's): a `--name value` or `--name=value` that is not ours goes to Beam.

    Done before argparse, which would otherwise take the value of a Beam option
    for a FEED.
    """
    ours, beam_args = [], []
    tokens = iter(argv)
    for token in tokens:
        name = token.split("=", 1)[0]
        if not token.startswith("--") or name in own_options or token == "--":
            ours.append(token)
            continue
        beam_args.append(token)
        if "=" not in token:
            value = next(tokens, None)
            if value is not None:
                if value.startswith("-"):
                    ours.append(value)
                else:
                    beam_args.append(value)
    return ours, beam_args


def _not_beams_gcp_notice(record: logging.LogRecord) -> bool:
    """Beam warns at import that Google Cloud clients are missing; this tool does not use them."""
    return "apitools not found" not in record.getMessage()


_INTERRUPTED = threading.Event()


def _interrupt(signum, frame) -> None:
    """Ctrl-C: note it, silence the tracebacks Beam would log for the stage it interrupts, and stop."""
    _INTERRUPTED.set()
    logging.disable(logging.CRITICAL)
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """Every command; Ctrl-C is one line and exit 130 (Beam wraps the interrupt in its own errors, hence the flag)."""
    _INTERRUPTED.clear()
    previous = signal.signal(signal.SIGINT, _interrupt) if threading.current_thread() is threading.main_thread() \
        else None
    try:
        code = _main(argv)
    except KeyboardInterrupt:
        code = EXIT_INTERRUPTED
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
        logging.disable(logging.NOTSET)
    if _INTERRUPTED.is_set():
        print("casualties: interrupted; nothing more was committed (the next run clears what this one left)",
              file=sys.stderr)
        return EXIT_INTERRUPTED
    return code


def _main(argv: list[str] | None) -> int:
    logging.getLogger().addFilter(_not_beams_gcp_notice)
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    beam_args: list[str] = []
    if "run" in argv:
        at = argv.index("run") + 1
        ours, beam_args = split_beam_args(argv[at:], run_option_strings(parser))
        argv = argv[:at] + ours
    args = parser.parse_args(argv)
    if args.command == "run":
        from casualty_events.pipelines.run_command import run_command

        return run_command(args, beam_args, parser, run_option_strings(parser))
    if args.command == "extract":
        return extract_command(args)
    if args.command == "report":
        return report_command(args)
    if args.command == "events":
        return events_command(args)
    if args.command == "maintain":
        from casualty_events.pipelines.maintain_command import maintain_command

        return maintain_command(args)
    from casualty_events.pipelines import evaluate

    return evaluate.main([args.gold, args.mentions] + (["--json"] if args.json else []))


def parse_document(line: str) -> tuple[str, str, dt.date | None, str | None, str | None]:
    """(doc_id, text, published, title, url) of one input line; ValueError says what is wrong.

    Text is cleaned of lone surrogates and control characters; a `published` date too near the ends of the
    calendar to reckon with (0001-01-01) counts as absent.
    """
    try:
        doc = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON ({error.msg})") from None
    if not isinstance(doc, dict):
        raise ValueError("not a JSON object")
    if "doc_id" not in doc or not isinstance(doc.get("text"), str):
        raise ValueError('needs "doc_id" and a string "text"')
    published = doc.get("published")
    try:
        published = dt.date.fromisoformat(str(published)[:10]) if published else None
    except ValueError:
        raise ValueError(f'"published" is not a date: {published!r}') from None
    title = clean_text(doc["title"]) if isinstance(doc.get("title"), str) else None
    url = doc["url"] if isinstance(doc.get("url"), str) else None
    return clean_text(str(doc["doc_id"])), clean_text(doc["text"]), usable_date(published), title, url


def read_documents(data: bytes, name: str) -> Iterator[tuple[int, tuple | None]]:
    """(line number, document) of every non-blank line, or (line number, None) after reporting why it is unusable.

    Lines end at `\n` only: U+2028, U+2029 and U+0085 are characters inside a JSON string, not line ends.
    """
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        try:
            yield number, parse_document(raw.decode("utf-8"))
        except UnicodeDecodeError as error:
            print(f"{name}:{number}: skipped: not UTF-8 (byte {error.start + 1} of the line)", file=sys.stderr)
            yield number, None
        except ValueError as error:
            print(f"{name}:{number}: skipped: {error}", file=sys.stderr)
            yield number, None


def extract_command(args) -> int:
    """Documents in, mentions out, one document at a time; a document the extractor fails on is reported with its
    line and id, and the others are written."""
    from casualty_events.transforms.casualties.extractor import CasualtyExtractor
    from casualty_events.transforms.casualties.gazetteer import site_country

    try:
        data = sys.stdin.buffer.read() if str(args.input) == "-" else args.input.read_bytes()
    except OSError as error:
        print(f"casualties extract: cannot read {args.input}: {error.strerror}", file=sys.stderr)
        return EXIT_USAGE
    name = "<stdin>" if str(args.input) == "-" else str(args.input)
    documents = [(number, doc) for number, doc in read_documents(data, name)]
    bad = sum(1 for _, doc in documents if doc is None)
    documents = [(number, doc) for number, doc in documents if doc is not None]
    extractor = CasualtyExtractor(args.model)
    mentions = 0
    with _output(args.output) as out:
        for number, (doc_id, text, published, title, url) in documents:
            try:
                found = extractor.extract(text, published, title, max_seconds=args.max_seconds,
                                          site_country=site_country(url))
            except Exception as error:  # noqa: BLE001 (one bad document must not lose the others)
                bad += 1
                print(f"{name}:{number}: doc_id {doc_id!r}: not extracted: {type(error).__name__}: {error}",
                      file=sys.stderr)
                continue
            for mention in found:
                out.write(json.dumps({"doc_id": doc_id, **mention.to_json(), **mention.fact_ids(doc_id),
                                      "published": published.isoformat() if published else None},
                                     ensure_ascii=False) + "\n")
                mentions += 1
    print(f"{len(documents) + bad} documents, {mentions} mentions -> {args.output}"
          + (f"; {bad} not extracted" if bad else ""), file=sys.stderr)
    return EXIT_FAILED if bad else EXIT_OK


def events_command(args) -> int:
    """Mentions in, events out; a line that is not a mention stops it with its number (exit 1)."""
    from casualty_events.pipelines.events_command import events_command as resolve

    name = "<stdin>" if str(args.input) == "-" else str(args.input)
    try:
        lines = sys.stdin.read().splitlines() if name == "<stdin>" else args.input.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        print(f"casualties events: cannot read {args.input}: {error}", file=sys.stderr)
        return EXIT_USAGE
    try:
        with _output(args.output) as out:
            count = resolve(lines, name, out)
    except ValueError as error:
        print(f"casualties events: {error}", file=sys.stderr)
        return EXIT_FAILED
    print(f"{count} events -> {args.output}", file=sys.stderr)
    return EXIT_OK


def report_command(args) -> int:
    from casualty_events.pipelines import delta_tables, report
    from casualty_events.schemas.tables import TABLES
    from casualty_events.transforms.storage import Location

    output = Location.of(args.output)
    if not delta_tables.exists(output, TABLES["mentions"]):
        print(f"casualties report: {output} holds no dataset (no mentions table); run `casualties run` first",
              file=sys.stderr)
        return EXIT_FAILED
    report.write_report(output, args.html)
    print(f"report written to {args.html.resolve()}")
    return EXIT_OK


@contextlib.contextmanager
def _output(path: pathlib.Path):
    """The output file, or standard output for `-`."""
    if str(path) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        yield handle


if __name__ == "__main__":
    sys.exit(main())
