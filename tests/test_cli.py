"""The CLI: Beam's options pass through, ours are checked, mistakes are usage errors; extract and eval."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from casualty_events.pipelines.cli import build_parser, main, run_option_strings, split_beam_args
from casualty_events.pipelines.run_command import fetch_policy
from casualty_events.transforms.http import FetchPolicy


def test_beam_options_with_separate_values_are_not_taken_for_feeds():
    ours, beam_args = split_beam_args(
        ["feed.xml", "--dask_client_address", "127.0.0.1:8786", "--output", "out", "--direct_num_workers=2"],
        run_option_strings(build_parser()),
    )
    assert ours == ["feed.xml", "--output", "out"]
    assert beam_args == ["--dask_client_address", "127.0.0.1:8786", "--direct_num_workers=2"]


@pytest.mark.parametrize("typo, suggestion", [("--outptu", "--output"), ("--full_refresh", "--full-refresh")])
def test_a_mistyped_option_is_a_usage_error_with_a_suggestion(typo, suggestion, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["run", typo, "x"])
    assert stopped.value.code == 2
    assert f"unrecognized option {typo} (did you mean {suggestion}?)" in capsys.readouterr().err


def test_the_fetch_options_set_the_policy_and_say_its_defaults(capsys):
    """What `--min-host-gap` and `--parallel-hosts` set, and the defaults their help names (the policy's own)."""
    policy = fetch_policy(build_parser().parse_args(["run", "--min-host-gap", "0.5", "--parallel-hosts", "3"]))
    assert (policy.min_host_gap, policy.parallel_hosts) == (0.5, 3)
    defaults = fetch_policy(build_parser().parse_args(["run"]))
    assert defaults == FetchPolicy(obey_robots=True, allow_private_hosts=False)
    with pytest.raises(SystemExit):
        main(["run", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert f"(default {defaults.min_host_gap})" in help_text and f"(default {defaults.parallel_hosts})" in help_text


def test_version(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out.startswith("casualties ")


def test_extract_reads_a_documents_url_as_a_hint_of_its_country(tmp_path, extractor):
    docs = tmp_path / "docs.jsonl"
    text = "Two men were stabbed to death in Richmond on Friday night, police said."
    docs.write_text(json.dumps({"doc_id": "uk", "text": text, "published": "2024-03-16",
                                "url": "https://www.example.co.uk/news/1"}) + "\n"
                    + json.dumps({"doc_id": "com", "text": text, "published": "2024-03-16"}) + "\n")
    mentions = tmp_path / "m.jsonl"
    assert main(["extract", "--input", str(docs), "--output", str(mentions)]) == 0
    rows = [json.loads(line) for line in mentions.read_text().splitlines()]
    assert {row["doc_id"]: row["country_code"] for row in rows} == {"uk": "GB", "com": "US"}


def test_extract_reports_malformed_lines_by_number_and_does_the_others(tmp_path, capsys, extractor):
    docs = tmp_path / "docs.jsonl"
    docs.write_text(
        '{"doc_id": "a", "text": "Three soldiers were killed in an ambush on Monday.", "published": "2024-03-06",'
        ' "facts": [], "gold": "partial"}\n'
        "not json at all\n"
        '{"doc_id": "b"}\n'
        '{"doc_id": "c", "text": "Two people were wounded in Lyon.", "published": "yesterday"}\n'
        '{"doc_id": 7, "text": "Nobody was hurt."}\n'
    )
    mentions = tmp_path / "m.jsonl"
    assert main(["extract", "--input", str(docs), "--output", str(mentions)]) == 1
    err = capsys.readouterr().err
    assert f"{docs}:2: skipped: not JSON" in err
    assert f"{docs}:3: skipped: needs \"doc_id\" and a string \"text\"" in err
    assert f"{docs}:4: skipped: \"published\" is not a date" in err
    assert "5 documents, 1 mentions" in err and "3 not extracted" in err
    [row] = [json.loads(line) for line in mentions.read_text().splitlines()]
    assert (row["doc_id"], row["outcome"], row["count"], row["event_date"]) == ("a", "killed", 3, "2024-03-04")
    assert row["evidence"] == "Three soldiers were killed in an ambush on Monday."
    assert (row["char_start"], row["char_end"]) == (0, len(row["evidence"]))


def test_eval_scores_mentions_against_gold(tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc_id": "a", "published": "2024-03-06", "text": "t", "gold": "exhaustive",
                                "facts": [{"id": "f1", "outcome": "killed", "count": 3, "anchors": []}]}) + "\n")
    mentions = tmp_path / "m.jsonl"
    mentions.write_text(json.dumps({"doc_id": "a", "outcome": "killed", "count": 3, "evidence": "x"}) + "\n"
                        + json.dumps({"doc_id": "a", "outcome": "injured", "count": 2, "evidence": "y"}) + "\n")
    assert main(["eval", str(gold), str(mentions)]) == 0
    assert "tp=1 fp=1 fn=0 precision=0.500 recall=1.000 f1=0.667" in capsys.readouterr().out


def test_a_local_run_does_not_import_dask():
    """Checking a local run's options leaves Dask unimported (0.5 s of every run, a no-change one included); a
    Dask option still is known."""
    script = (
        "import sys\n"
        "from casualty_events.pipelines.cli import build_parser\n"
        "from casualty_events.pipelines.run_command import check_beam_args\n"
        "check_beam_args([], build_parser(), set(), 'DirectRunner')\n"
        "print('dask' in sys.modules, 'apache_beam.runners.dask.dask_runner' in sys.modules)\n"
        "check_beam_args(['--dask_npartitions=2'], build_parser(), set(), 'DirectRunner')\n"
        "print('apache_beam.runners.dask.dask_runner' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False", "True"]


def test_the_run_command_does_not_import_trafilatura():
    """A run's own process reads no page (its workers do), and a run with nothing new none at all: trafilatura
    (0.12 s) is imported by the first page read."""
    script = ("import sys\n"
              "import casualty_events.pipelines.run_command\n"
              "print('trafilatura' in sys.modules)\n"
              "from casualty_events.transforms.articles import page_extractor\n"
              "page_extractor()\n"
              "print('trafilatura' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]
