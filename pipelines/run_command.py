"""`casualties run`: options to settings, logging, the run, its summary and exit code."""
from __future__ import annotations

import argparse
import dataclasses
import difflib
import logging
import sys

from pipelines.cli import EXIT_FAILED, EXIT_OK, EXIT_TOO_MANY_FAILURES, SEED_FEED
from pipelines.run import RunSettings, execute
from transforms.feeds import FeedListError, read_feeds_file, resolve_feed_locations
from transforms.http import FetchPolicy

LOG = logging.getLogger("casualties")


def configure_logging(quiet: bool, verbose: int) -> None:
    """Warnings by default (Beam is chatty at INFO); -v for INFO, -vv for DEBUG, -q for errors only."""
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", force=True)


def fetch_policy(args: argparse.Namespace) -> FetchPolicy:
    """The default policy with what the user overrode."""
    overrides = {"allow_private_hosts": args.allow_private_hosts, "obey_robots": not args.ignore_robots}
    if args.user_agent:
        overrides["user_agent"] = args.user_agent
    if args.min_host_gap is not None:
        overrides["min_host_gap"] = args.min_host_gap
    return dataclasses.replace(FetchPolicy(), **overrides)


def summary(manifest: dict) -> str:
    """The lines printed at the end of a run, from its manifest."""
    c = manifest["counts"]
    lines = [
        f"run {manifest['run_id']}",
        f"  feeds     {c['feeds_total']} ({c['feeds_ok']} ok, {c['feeds_not_modified']} not modified, "
        f"{c['feeds_failed']} failed)",
        f"  entries   {c['entries']} ({c['articles_skipped_seen']} already processed, "
        f"{c['entries_skipped_duplicate']} duplicates, {c['entries_skipped_older']} older than --since)",
        f"  articles  {c['articles_fetched']} fetched, {c['articles_extracted']} extracted, "
        f"{c['articles_rejected']} rejected",
        f"  mentions  {c['mentions']}",
        f"  rejects   {c['articles_rejected'] + c['feeds_failed']} (see rejects/)",
        f"  output    {manifest['options']['output']} (manifest: _runs/{manifest['run_id']}.json)",
    ]
    lines += [f"  WARNING: {problem}" for problem in manifest["accounting_problems"]]
    return "\n".join(lines)


def check_beam_args(beam_args: list[str], parser: argparse.ArgumentParser) -> None:
    """Beam's options are snake_case: a hyphenated one, which Beam would only warn about and drop, is a typo of ours."""
    run_parser = parser._subparsers._group_actions[0].choices["run"]
    for token in beam_args:
        name = token.split("=", 1)[0]
        if name.startswith("--") and "-" in name[2:]:
            close = difflib.get_close_matches(name, list(run_parser._option_string_actions), n=1)
            parser.error(f"unrecognized option {name}" + (f" (did you mean {close[0]}?)" if close else ""))


def run_command(args: argparse.Namespace, beam_args: list[str], parser: argparse.ArgumentParser) -> int:
    check_beam_args(beam_args, parser)
    configure_logging(args.quiet, args.verbose)
    try:
        named = list(args.feeds) + (read_feeds_file(str(args.feeds_file)) if args.feeds_file else [])
        feeds = resolve_feed_locations(named or [str(SEED_FEED)])
    except FeedListError as error:
        parser.error(str(error))
    settings = RunSettings(
        feeds=tuple(feeds),
        output=args.output,
        runner=args.runner,
        model=args.model,
        policy=fetch_policy(args),
        full_refresh=args.full_refresh,
        since=args.since,
        max_failure_ratio=args.max_failure_ratio,
        progress=sys.stderr.isatty() and not args.quiet,
    )
    try:
        manifest = execute(settings, beam_args)
    except Exception as error:  # the run failed: nothing was committed, say why and exit 1
        LOG.error("run failed: %s: %s", type(error).__name__, error, exc_info=args.verbose > 0)
        return EXIT_FAILED
    if not args.quiet:
        print(summary(manifest))
    if manifest["failure_ratio"] > settings.max_failure_ratio:
        LOG.error("failure ratio %.3f passed --max-failure-ratio %.3f",
                  manifest["failure_ratio"], settings.max_failure_ratio)
        return EXIT_TOO_MANY_FAILURES
    return EXIT_OK

