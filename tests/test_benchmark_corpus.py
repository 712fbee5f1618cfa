"""The benchmarks' corpus (`benchmarks/run_time.py`): every article a page of its own, made of the seed pages and of
any folder of real pages, served on loopback."""
from __future__ import annotations

import importlib.util
import pathlib
import re
import urllib.request

import pytest

BENCHMARKS = pathlib.Path(__file__).resolve().parent.parent / "benchmarks"
SEEDS = 5
PORT = 18791


@pytest.fixture(scope="module")
def run_time():
    spec = importlib.util.spec_from_file_location("run_time", BENCHMARKS / "run_time.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture()
def pages(tmp_path: pathlib.Path) -> pathlib.Path:
    (tmp_path / "a.html").write_text("<html><body><p>First paragraph.</p><p>Second.</p></body></html>")
    (tmp_path / "b.html").write_bytes("<html><body><div>Caf\xe9 without paragraphs</div></body></html>"
                                      .encode("latin-1"))
    (tmp_path / "notes.txt").write_text("not a page")
    return tmp_path


def _opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback, whatever the environment's proxy


def test_a_folder_of_pages_joins_the_seed_pages(run_time, pages):
    bases = run_time.corpus([pages])

    assert len(run_time.corpus()) == SEEDS
    assert bases[:SEEDS] == run_time.corpus()
    assert bases[SEEDS:] == ["<html><body><p>First paragraph.</p><p>Second.</p></body></html>",
                             "<html><body><div>Caf\ufffd without paragraphs</div></body></html>"]


def test_a_folder_without_pages_is_an_error(run_time, tmp_path):
    (tmp_path / "notes.txt").write_text("not a page")

    with pytest.raises(ValueError, match="no .html pages"):
        run_time.corpus([tmp_path])
    with pytest.raises(ValueError, match="no .html pages"):
        run_time.corpus([tmp_path / "missing"])


def test_every_article_is_a_page_of_its_own_with_a_casualty_statement(run_time, pages):
    bases = run_time.corpus([pages])
    articles = [run_time.page(number, bases).decode("utf-8") for number in range(3 * len(bases))]

    assert len(set(articles)) == len(articles)
    assert all("people were killed" in article for article in articles)
    assert articles[SEEDS].startswith("<html><body><p>First paragraph.</p><p>In a separate incident reported as "
                                      f"item {SEEDS},")
    assert re.fullmatch(r"<html><body><div>Caf\ufffd without paragraphs</div><p>In a separate incident reported "
                        rf"as item {SEEDS + 1},[^<]*</p></body></html>", articles[SEEDS + 1])


def test_the_feeds_on_loopback_link_every_article_once(run_time, pages):
    opener = _opener()
    with run_time.serve(9, 2, port=PORT, bases=run_time.corpus([pages])) as feeds:
        links = [link for feed in feeds
                 for link in re.findall(r"<link>([^<]+)</link>", opener.open(feed).read().decode("utf-8"))]
        assert sorted(int(link.rsplit("/", 1)[1][:-5]) for link in links) == list(range(9))
        article = next(link for link in links if link.endswith(f"/a/{SEEDS}.html"))
        body = opener.open(article).read().decode("utf-8")

    assert len(feeds) == 2
    assert body == run_time.page(SEEDS, run_time.corpus([pages])).decode("utf-8")
