"""`casualties maintain`: holds the run lock, finishes what an earlier run left, then compacts or repairs."""
from __future__ import annotations

import argparse
import logging
import sys

from casualty_events.pipelines import convert, dataset, maintain
from casualty_events.pipelines.settings import EXIT_FAILED, EXIT_OK
from casualty_events.transforms.storage import Location

LOG = logging.getLogger("casualties")


def maintain_command(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    output = Location.of(args.output)
    try:
        if not (output / dataset.STATE).is_dir():
            raise dataset.OutputError(f"{output} holds no dataset (no {dataset.STATE}/ folder)")
        with dataset.run_lock(output):
            for note in dataset.recover(output) + convert.convert(output):
                print(note)
            if args.repair:
                for note in maintain.repair(output):
                    print(note)
                return EXIT_OK
            dataset.check_tables(output)
            for upkeep in maintain.compact_and_vacuum(output, args.vacuum_hours):
                print(upkeep.line())
    except dataset.OutputError as error:
        print(f"casualties maintain: {error}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK
