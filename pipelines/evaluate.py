"""`casualties eval GOLD.jsonl MENTIONS.jsonl`: score extracted mentions against gold facts.

The matching rules are the reference scorer's, so that numbers agree: a
mention matches a fact of the same document when the outcome and count (and
the upper bound where the fact has one) are equal and, where the fact lists
anchors, the evidence contains one of them, with case, whitespace and quote
style folded. Several mentions of one fact count once. In an `exhaustive`
document an unmatched mention is a false positive; in a `partial` one it is
only reported as unconfirmed, and precision is measured on exhaustive
documents alone. Field accuracy is read on the best-agreeing mention of each
matched fact.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2032": "'"})
_SPACES_RE = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """Text as compared: NFKC, straight quotes, single spaces, lower case."""
    normal = unicodedata.normalize("NFKC", text or "").translate(_QUOTES)
    return _SPACES_RE.sub(" ", normal).strip().lower()


def _int_or_none(value: object) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _date_or_none(value: object) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def matches(fact: dict, mention: dict) -> bool:
    """Whether a system mention states the gold fact."""
    if (mention.get("outcome") or "").lower() != fact["outcome"]:
        return False
    if _int_or_none(mention.get("count")) != fact["count"]:
        return False
    if fact.get("count_high") is not None and _int_or_none(mention.get("count_high")) != fact["count_high"]:
        return False
    anchors = fact.get("anchors") or []
    evidence = fold(mention.get("evidence"))
    return not anchors or any(fold(anchor) in evidence for anchor in anchors)


def _overlaps(value: str, accepted: list[str]) -> bool:
    return bool(value) and any(fold(a) in value or value in fold(a) for a in accepted)


def field_checks(fact: dict, mention: dict) -> Iterator[tuple[str, bool]]:
    """(field, correct) for each field the gold fact specifies."""
    if fact.get("scope"):
        yield "scope", (mention.get("scope") or "").lower() == fact["scope"]
    if "country_code" in fact:
        yield "country_code", (mention.get("country_code") or None) == fact["country_code"]
    if fact.get("location"):
        yield "location", _overlaps(fold(mention.get("location")), fact["location"])
    if fact.get("victims"):
        victims = fold(mention.get("victims"))
        yield "victims", any(fold(v) in victims for v in fact["victims"])
    if fact.get("event_date"):
        low, high = (_date_or_none(d) for d in fact["event_date"])
        got = _date_or_none(mention.get("event_date"))
        yield "event_date", got is not None and low <= got <= high
    if "attribution" in fact:
        attribution = fold(mention.get("attribution"))
        if fact["attribution"] is None:
            yield "attribution", not attribution
        else:
            yield "attribution", _overlaps(attribution, fact["attribution"])


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def score(gold_docs: list[dict], mentions: list[dict]) -> dict:
    """Precision, recall, F1, field accuracy and the itemised misses and false positives."""
    by_doc: dict[str, list[dict]] = {}
    for mention in mentions:
        by_doc.setdefault(str(mention.get("doc_id")), []).append(mention)
    tp = fp = fn = unconfirmed = tp_in_exhaustive = 0
    tiers: dict[str, list[int]] = {}  # tier -> [found, missed]
    fields: dict[str, list[int]] = {}  # field -> [correct, checked]
    misses: list[tuple] = []
    false_positives: list[tuple] = []
    for doc in gold_docs:
        doc_id = str(doc["doc_id"])
        system = by_doc.get(doc_id, [])
        exhaustive = doc.get("gold", "partial") == "exhaustive"
        matched: set[int] = set()
        for fact in doc["facts"]:
            tier = tiers.setdefault(fact.get("tier", "core"), [0, 0])
            hits = [i for i, mention in enumerate(system) if matches(fact, mention)]
            if not hits:
                fn += 1
                tier[1] += 1
                anchor = (fact.get("anchors") or [f"{fact['outcome']} {fact['count']}"])[0]
                misses.append((doc_id, fact["id"], anchor))
                continue
            tp += 1
            tp_in_exhaustive += exhaustive
            tier[0] += 1
            matched.update(hits)
            best = max((system[i] for i in hits), key=lambda m: sum(ok for _, ok in field_checks(fact, m)))
            for name, ok in field_checks(fact, best):
                tally = fields.setdefault(name, [0, 0])
                tally[0] += ok
                tally[1] += 1
        for i, mention in enumerate(system):
            if i in matched:
                continue
            if exhaustive:
                fp += 1
                evidence = (mention.get("evidence") or "")[:120]
                false_positives.append((doc_id, mention.get("outcome"), mention.get("count"), evidence))
            else:
                unconfirmed += 1
    measured = any(doc.get("gold", "partial") == "exhaustive" for doc in gold_docs)
    precision = _ratio(tp_in_exhaustive, tp_in_exhaustive + fp) if measured else None
    recall = _ratio(tp, tp + fn)
    f1 = None if precision is None else _ratio(2 * precision * recall, precision + recall)
    return {
        "docs": len(gold_docs),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "unconfirmed": unconfirmed,
        "precision": None if precision is None else round(precision, 4),
        "recall": round(recall, 4),
        "f1": None if f1 is None else round(f1, 4),
        "unconfirmed_per_doc": round(unconfirmed / len(gold_docs), 3) if gold_docs else 0.0,
        "recall_by_tier": {name: round(_ratio(found, found + missed), 4) for name, (found, missed) in sorted(tiers.items())},
        "field_accuracy": {name: round(_ratio(ok, n), 4) for name, (ok, n) in sorted(fields.items())},
        "misses": misses,
        "false_positives": false_positives,
    }


class InputError(ValueError):
    """An input file that cannot be read, named with the line at fault."""


def load_jsonl(path: str | Path) -> list[dict]:
    """One JSON object a line (lines end at `\\n` only); an unreadable file or line is an `InputError`."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror}") from None
    rows = []
    for number, line in enumerate(data.split(b"\n"), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise InputError(f"{path}:{number}: not a JSON line ({error})") from None
        if not isinstance(row, dict):
            raise InputError(f"{path}:{number}: not a JSON object")
        rows.append(row)
    return rows


def summary_line(result: dict) -> str:
    """The one-line summary, in the reference scorer's format."""
    def shown(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.3f}"

    return (
        f"docs={result['docs']} tp={result['tp']} fp={result['fp']} fn={result['fn']} "
        f"precision={shown(result['precision'])} recall={result['recall']:.3f} f1={shown(result['f1'])}"
    )


def report(result: dict) -> str:
    """The readable report: misses, false positives, tiers, fields, the summary line."""
    lines = [f"missed   {doc_id} {fact_id}: {anchor}" for doc_id, fact_id, anchor in result["misses"]]
    lines += [f"spurious {doc_id} {outcome} {count}: {evidence}" for doc_id, outcome, count, evidence in result["false_positives"]]
    lines.append(f"recall by tier: {result['recall_by_tier']}")
    lines.append(f"field accuracy: {result['field_accuracy']}")
    if result["unconfirmed"]:
        lines.append(
            f"unconfirmed mentions (partially annotated documents): {result['unconfirmed']}"
            f" ({result['unconfirmed_per_doc']} per document)"
        )
    lines.append(summary_line(result))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="casualties eval", description="Score casualty mentions against gold facts.")
    parser.add_argument("gold", help="gold JSONL: one document per line with its facts")
    parser.add_argument("mentions", help="mentions JSONL: one mention per line with its doc_id")
    parser.add_argument("--json", action="store_true", help="print the whole result as JSON")
    parser.add_argument("--min-f1", type=float, default=None, help="exit 1 when F1 is below this")
    parser.add_argument("--min-recall", type=float, default=None, help="exit 1 when recall is below this")
    args = parser.parse_args(argv)
    try:
        result = score(load_jsonl(args.gold), load_jsonl(args.mentions))
    except InputError as error:
        print(f"casualties eval: {error}", file=sys.stderr)
        return 2
    print(json.dumps(result, indent=2) if args.json else report(result))
    if args.min_f1 is not None and (result["f1"] or 0.0) < args.min_f1:
        return 1
    if args.min_recall is not None and result["recall"] < args.min_recall:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
