"""Failures said plainly: the run's summary lists its rejects by stage and reason with their sources and a hint,
a run whose every feed failed exits 3, Ctrl-C is one line and exit 130, `eval` on a bad file has no traceback."""
from __future__ import annotations

import signal
import subprocess
import sys
import pathlib

from casualty_events.pipelines.cli import main
from tests.test_scheduled_runs import Entry, HeldRoute, atom_feed, casualty_page, feed_reply
from tests.http_fixture import html

CASUALTIES = pathlib.Path(sys.executable).with_name("casualties")


def test_the_summary_lists_rejects_by_reason_with_sources_and_hints(http_server, tmp_path, capsys):
    http_server.route("/a/story.html", html(casualty_page("Three", "12")))
    feed = http_server.url("/feed.xml")
    code = main(["run", feed, http_server.url("/a/story.html"), "--output", str(tmp_path / "out"),
                 "--min-host-gap", "0"])
    printed = capsys.readouterr()
    assert code == 3
    assert "feed/private_address: " in printed.out and feed in printed.out
    assert "hint: loopback and intranet hosts need --allow-private-hosts" in printed.out
    assert "every feed failed (2 of 2)" in printed.err


def test_an_article_url_given_as_a_feed_gets_a_hint(http_server, tmp_path, capsys):
    http_server.route("/a/story.html", html(casualty_page("Three", "12")))
    code = main(["run", http_server.url("/a/story.html"), "--output", str(tmp_path / "out"), "--min-host-gap", "0",
                 "--allow-private-hosts"])
    printed = capsys.readouterr().out
    assert code == 3
    assert "feed/not_a_feed" in printed and "is this an article URL?" in printed


def test_ctrl_c_is_one_line_and_exit_130(http_server, tmp_path):
    held = HeldRoute(html(casualty_page("Seven", "20")))
    http_server.route("/feed.xml", feed_reply(atom_feed([Entry("/a/held.html")])))
    http_server.route("/a/held.html", held)
    process = subprocess.Popen(
        [str(CASUALTIES), "run", http_server.url("/feed.xml"), "--output", str(tmp_path / "out"),
         "--allow-private-hosts", "--min-host-gap", "0"],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert held.arrived.wait(timeout=180), "the run never requested the held article"
        process.send_signal(signal.SIGINT)
        held.release.set()
        _, err = process.communicate(timeout=120)
    finally:
        held.release.set()
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert not list((tmp_path / "out" / "_runs").glob("*.json"))


def test_eval_on_a_missing_or_broken_file_says_which_without_a_traceback(tmp_path, capsys):
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"doc_id": "a"}\n{"doc_id": \n')
    assert main(["eval", str(tmp_path / "missing.jsonl"), str(broken)]) == 2
    assert f"cannot read {tmp_path / 'missing.jsonl'}" in capsys.readouterr().err
    assert main(["eval", str(broken), str(broken)]) == 2
    assert f"{broken}:2: not a JSON line" in capsys.readouterr().err
