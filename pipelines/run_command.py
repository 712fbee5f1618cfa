"""`casualties run`: options to settings, logging, the run, its summary and exit code."""
from __future__ import annotations

import argparse
import contextlib
import dataclasses
import difflib
import logging
import os
import re
import sys
import tempfile
from collections.abc import Iterator

from casualty_events.pipelines.dataset import CommitUnfinished
from casualty_events.pipelines.run import RunSettings, execute
from casualty_events.pipelines.settings import EXIT_FAILED, EXIT_OK, EXIT_TOO_MANY_FAILURES, SEED_FEED
from casualty_events.schemas.codes import HINTS
from casualty_events.transforms.feeds import FeedListError, read_feeds_file, resolve_feed_locations
from casualty_events.transforms.http import FetchPolicy

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
    if args.parallel_hosts is not None:
        overrides["parallel_hosts"] = args.parallel_hosts
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
        f"  articles  {c['articles_fetched']} fetched, {c['articles_extracted']} extracted "
        f"({c.get('articles_duplicate', 0)} copies of articles already in, adding nothing), "
        f"{c['articles_rejected']} rejected",
        f"  mentions  {c['mentions']}",
        f"  events    {c.get('events_resolved', 0)} in the {c.get('event_windows', 0)} windows resolved again "
        f"(country and month); tolls {c.get('tolls', 0)}",
        f"  rejects   {sum(group['count'] for group in manifest['rejects'])}"
        + (" (the table rejects/ has every one)" if manifest["rejects"] else ""),
        *reject_lines(manifest["rejects"]),
        f"  output    {manifest['options']['output']} (manifest: _runs/{manifest['run_id']}.json)",
    ]
    lines += [f"  WARNING: {problem}" for problem in manifest["accounting_problems"]]
    return "\n".join(lines)


def reject_lines(groups: list[dict], most: int = 8) -> list[str]:
    """Rejects by stage and reason, with the first sources of each and a hint where one applies."""
    lines = []
    for group in groups[:most]:
        sources = ", ".join(example["source"] or "?" for example in group["examples"])
        more = f" and {group['count'] - len(group['examples'])} more" if group["count"] > len(group["examples"]) else ""
        lines.append(f"    {group['count']:>5}  {group['stage']}/{group['reason']}: {sources}{more}")
        if group["reason"] in HINTS:
            lines.append(f"           hint: {HINTS[group['reason']]}")
    if len(groups) > most:
        lines.append(f"           ... and {len(groups) - most} other reasons")
    return lines


def too_many_failures(manifest: dict, max_ratio: float) -> str | None:
    """Why the run should exit 3, or None."""
    counts = manifest["counts"]
    if counts["feeds_total"] and counts["feeds_failed"] == counts["feeds_total"]:
        return f"every feed failed ({counts['feeds_failed']} of {counts['feeds_total']})"
    if manifest["failure_ratio"] > max_ratio:
        return f"failure ratio {manifest['failure_ratio']:.3f} passed --max-failure-ratio {max_ratio:.3f}"
    return None


def _pipeline_option_classes(base: type) -> Iterator[type]:
    for subclass in base.__subclasses__():
        yield subclass
        yield from _pipeline_option_classes(subclass)


def dask_installed() -> bool:
    """Whether the Dask runner can be used (the `dask` extra); importing it also registers its options."""
    try:
        import apache_beam.runners.dask.dask_runner  # noqa: F401
    except ImportError:
        return False
    return True


def unknown_beam_options(beam_args: list[str]) -> list[str]:
    """The options neither we nor any of Beam's option groups know: Beam would only warn and drop them."""
    from apache_beam.options.pipeline_options import PipelineOptions

    known = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    for options_class in set(_pipeline_option_classes(PipelineOptions)):
        with contextlib.suppress(argparse.ArgumentError):  # a few groups re-declare another's option
            options_class._add_argparse_args(known)
    _, unknown = known.parse_known_args(beam_args)
    return [token.split("=", 1)[0] for token in unknown if token.startswith("--")]


def check_beam_args(beam_args: list[str], parser: argparse.ArgumentParser, own_options: set[str],
                    runner: str) -> None:
    """A mistyped option is a usage error (exit 2), with the closest option we know; so is the Dask runner
    without the `dask` extra."""
    wants_dask = runner == "DaskRunner" or any(arg.startswith("--dask") for arg in beam_args)
    # only a run that asks for Dask imports it (0.5 s that a local run, and a no-change one, would spend for nothing)
    if wants_dask and not dask_installed():
        parser.error("the Dask runner needs the dask extra: pip install 'casualty-events[dask]'")
    for name in unknown_beam_options(beam_args):
        close = difflib.get_close_matches(name, sorted(own_options), n=1)
        parser.error(f"unrecognized option {name}" + (f" (did you mean {close[0]}?)" if close else ""))


def quiet_workers(beam_args: list[str], quiet: bool, verbose: int) -> list[str]:
    """Beam's worker processes log at INFO on their own: give them our level unless the user chose one."""
    if any(arg.startswith("--default_sdk_harness_log_level") for arg in beam_args):
        return beam_args
    level = "ERROR" if quiet else ("WARNING", "INFO", "DEBUG")[min(verbose, 2)]
    return [*beam_args, f"--default_sdk_harness_log_level={level}"]


@contextlib.contextmanager
def errors_only_on_stderr(enabled: bool) -> Iterator[None]:
    """With -q, what is written to stderr while the pipeline runs passes only if it is an error.

    Beam 2.77 starts the worker processes of `multi_processing` with no pipeline options at all (they log
    `Pipeline_options: {}`), so `--default_sdk_harness_log_level` never reaches them and they print their
    start-up at INFO on the stderr they inherit from us. So the stderr descriptor itself goes to a file for the
    run, and the lines of it that say ERROR or CRITICAL (with what follows them) are written out afterwards.
    """
    if not enabled:
        yield
        return
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as captured:
        os.dup2(captured.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
            captured.seek(0)
            sys.stderr.write("".join(error_lines(captured.read().decode("utf-8", "replace"))))
            sys.stderr.flush()


def error_lines(text: str) -> Iterator[str]:
    """The lines of logged errors and critical errors, with their indented or traceback continuation lines."""
    keeping = False
    for line in text.splitlines(keepends=True):
        if re.search(r"\b(ERROR|CRITICAL)\b", line):
            keeping = True
        elif not line.startswith((" ", "\t", "Traceback")) and not re.match(r"^\w+(Error|Exception)\b", line):
            keeping = False
        if keeping:
            yield line


def run_command(args: argparse.Namespace, beam_args: list[str], parser: argparse.ArgumentParser,
                own_options: set[str]) -> int:
    check_beam_args(beam_args, parser, own_options, args.runner)
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
        max_article_seconds=args.max_article_seconds,
        max_run_minutes=args.max_run_minutes,
        workers=args.workers,
    )
    try:
        with errors_only_on_stderr(args.quiet):
            manifest = execute(settings, quiet_workers(beam_args, args.quiet, args.verbose))
    except CommitUnfinished as error:
        LOG.error("%s", error, exc_info=args.verbose > 0)
        return EXIT_FAILED
    except Exception as error:  # the run failed: nothing was committed, say why and exit 1
        LOG.error("run failed, nothing was committed: %s: %s", type(error).__name__, error,
                  exc_info=args.verbose > 0)
        return EXIT_FAILED
    if not args.quiet:
        print(summary(manifest))
    why = too_many_failures(manifest, settings.max_failure_ratio)
    if why:
        top = "; ".join(f"{g['count']} {g['stage']}/{g['reason']} ({', '.join(e['source'] or '?' for e in g['examples'])})"
                        for g in manifest["rejects"][:3])
        LOG.error("the run committed, but %s: %s", why, top)
        return EXIT_TOO_MANY_FAILURES
    return EXIT_OK

