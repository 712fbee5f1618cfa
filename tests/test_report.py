"""`casualties report` on the seeds' dataset: one self-contained HTML page, rendered by a real headless Chromium
with no console message and no request from the page; its screenshot is kept in build/test-artifacts/."""
from __future__ import annotations

import json
import os
import pathlib
import shutil
import subprocess

import pytest

from casualty_events.pipelines.cli import main

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEED_FEED = ROOT / "seeds" / "feed.xml"
ARTIFACTS = ROOT / "build" / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# As the workplace's browser probe starts it: no first-run, sync, updates or background traffic of its own.
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--host-resolver-rules=MAP * ~NOTFOUND")


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> pathlib.Path:
    folder = tmp_path_factory.mktemp("report")
    assert main(["run", str(SEED_FEED), "--output", str(folder / "data"), "-q"]) == 0
    assert main(["report", "--output", str(folder / "data"), "--html", str(folder / "report.html")]) == 0
    return folder / "report.html"


def test_the_page_holds_every_section_and_loads_nothing_from_elsewhere(report):
    page = report.read_text(encoding="utf-8")
    for heading in ("When", "Where", "Tolls", "Top events", "Run health"):
        assert f"<h2>{heading}</h2>" in page
    assert page.count("<svg") == 4  # per day, per country, map, tolls
    assert "<script" not in page and "<link" not in page and "@import" not in page and " src=" not in page
    assert "seven Iran-backed Hezbollah fighters" in page
    assert "never add them to the charts above" in page


def test_a_report_needs_a_dataset(tmp_path, capsys):
    assert main(["report", "--output", str(tmp_path), "--html", str(tmp_path / "r.html")]) == 1
    assert "holds no dataset" in capsys.readouterr().err


def page_requests(net_log: pathlib.Path) -> list[str]:
    """URLs the page asked for (the browser's own requests have no origin as initiator)."""
    log = json.loads(net_log.read_text())
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    starts = [event["params"] for event in log["events"] if event["type"] == start and "url" in event.get("params", {})]
    return [params["url"] for params in starts if params.get("initiator") != "not an origin"]


@pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"),
                    reason="needs Debian's chromium (apt-get install chromium), which .ci/run installs")
def test_chromium_renders_the_report_with_no_console_message_and_no_request(report, tmp_path):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    screenshot = ARTIFACTS / "report.png"
    screenshot.unlink(missing_ok=True)
    finished = subprocess.run(
        [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr", "--v=0",
         f"--log-net-log={tmp_path / 'net.json'}", "--window-size=1200,3000", f"--screenshot={screenshot}",
         report.as_uri()],
        capture_output=True, text=True, timeout=180)
    assert finished.returncode == 0, finished.stderr[-2000:]
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and screenshot.stat().st_size > 50_000
    assert [line for line in finished.stderr.splitlines() if ":CONSOLE" in line] == []
    assert page_requests(tmp_path / "net.json") == []
