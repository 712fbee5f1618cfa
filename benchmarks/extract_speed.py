"""How much the cheap candidate filter saves: extract_many against parsing whole documents.

Usage: python benchmarks/extract_speed.py [DOCS.jsonl] [--batch-size N] [--limit N] [--repeat N]

DOCS.jsonl has one document per line with "text" and optionally "published"
and "title" (gold files qualify). (a) is `CasualtyExtractor.extract_many`:
rule-split sentences, only candidates parsed, in batches. (b) runs the full
spaCy pipeline over every whole document and applies the same rules
(`CasualtyExtractor.extract_whole_many`). Both are timed after a warm-up that loads
the model and the gazetteer, each the best of --repeat interleaved runs; the
script prints docs/s for each, the speed-up, and whether the two give the same
mentions.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

from casualty_events.transforms.casualties.extractor import CasualtyExtractor, Document

DEFAULT_DOCS = Path(__file__).resolve().parent.parent / "tests" / "data" / "seeds_gold.jsonl"


def load_documents(path: Path, limit: int | None) -> list[Document]:
    docs: list[Document] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            row = json.loads(line)
            published = dt.date.fromisoformat(row["published"][:10]) if row.get("published") else None
            docs.append((row["text"], published, row.get("title")))
    return docs[:limit] if limit else docs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs", nargs="?", type=Path, default=DEFAULT_DOCS)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    parser.add_argument("--repeat", type=int, default=3, help="time each way this many times, keep the best")
    args = parser.parse_args(argv)
    docs = load_documents(args.docs, args.limit)
    extractor = CasualtyExtractor()
    extractor.extract(*docs[0])  # warm-up: model, gazetteer, first-call caches

    fast_seconds = slow_seconds = float("inf")
    for _ in range(args.repeat):  # interleaved, best of each: other load on the machine only slows a run down
        start = time.perf_counter()
        fast = list(extractor.extract_many(docs, batch_size=args.batch_size))
        fast_seconds = min(fast_seconds, time.perf_counter() - start)
        start = time.perf_counter()
        slow = list(extractor.extract_whole_many(docs, batch_size=args.batch_size))
        slow_seconds = min(slow_seconds, time.perf_counter() - start)

    differing = [i for i, (a, b) in enumerate(zip(fast, slow)) if a != b]
    words = sum(len(text.split()) for text, _, _ in docs)
    print(f"documents: {len(docs)} ({words} words) from {args.docs}")
    print(f"(a) extract_many, candidates only: {len(docs) / fast_seconds:8.1f} docs/s  ({fast_seconds:.2f} s)")
    print(f"(b) full pipeline, whole documents: {len(docs) / slow_seconds:8.1f} docs/s  ({slow_seconds:.2f} s)")
    print(f"speed-up: {slow_seconds / fast_seconds:.2f}x")
    print(f"mentions: {sum(map(len, fast))} vs {sum(map(len, slow))}; identical: {not differing}"
          + (f" ({len(docs) - len(differing)}/{len(docs)} documents identical)" if differing else ""))
    for i in differing[:5]:
        only_fast = [m.evidence[:80] + f" [{m.outcome} {m.count}]" for m in fast[i] if m not in slow[i]]
        only_slow = [m.evidence[:80] + f" [{m.outcome} {m.count}]" for m in slow[i] if m not in fast[i]]
        print(f"  document {i}: only (a): {only_fast}; only (b): {only_slow}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
