"""The CLI's own parsing: Beam's options pass through, ours are checked, mistakes are usage errors."""
from __future__ import annotations

import pytest

from pipelines.cli import build_parser, main, run_option_strings, split_beam_args


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


def test_version(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out.startswith("casualties ")
