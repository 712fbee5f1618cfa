"""The index: built from packaged data, cached per user, right on places we know."""

import gc

import pytest

from casualty_events.transforms.casualties.lexicon import en
from casualty_events.transforms.casualties.gazetteer import data, lookup

# Places we know, with where they are: towns of conflict regions well under the old 15,000-people floor among
# them (Djibo, Bakhmut), exonyms (Kiev, Raqqa) and small US towns that share their names with bigger ones abroad.
KNOWN_PLACES = [
    ("Aleppo", "SY", None, 36.20, 37.16), ("Raqqa", "SY", None, 35.95, 39.01), ("Homs", "SY", None, 34.72, 36.72),
    ("Mosul", "IQ", None, 36.34, 43.12), ("Fallujah", "IQ", None, 33.35, 43.78),
    ("Kandahar", "AF", None, 31.61, 65.71), ("Kunduz", "AF", None, 36.73, 68.86),
    ("Maiduguri", "NG", None, 11.85, 13.16), ("Mopti", "ML", None, 14.48, -4.18), ("Timbuktu", "ML", None, 16.77, -3.01),
    ("Djibo", "BF", None, 14.10, -1.63), ("Goma", "CD", None, -1.67, 29.23), ("Mogadishu", "SO", None, 2.04, 45.34),
    ("Mariupol", "UA", None, 47.10, 37.54), ("Bakhmut", "UA", None, 48.59, 38.00), ("Kiev", "UA", None, 50.45, 30.52),
    ("Kyiv", "UA", None, 50.45, 30.52), ("Sittwe", "MM", None, 20.15, 92.90), ("Lashio", "MM", None, 22.94, 97.75),
    ("Khan Younis", "PS", None, 31.34, 34.31), ("Medellin", "CO", None, 6.25, -75.57),
    ("San Salvador", "SV", None, 13.69, -89.19), ("Ayacucho", "PE", None, -13.16, -74.22),
    ("Carthage, N.C.", "US", "US-NC", 35.35, -79.42), ("Newtown, Conn.", "US", "US-CT", 41.41, -73.30),
    ("Chicago", "US", "US-IL", 41.85, -87.65), ("Idlib province", "SY", "SY-ID", 35.93, 36.63),
    # a town of two languages by either name ("Donostia / San Sebastián")
    ("Donostia", "ES", None, 43.31, -1.97), ("San Sebastian, Spain", "ES", None, 43.31, -1.97),
]  # fmt: skip


@pytest.mark.parametrize(("name", "country", "admin1", "latitude", "longitude"), KNOWN_PLACES)
def test_places_we_know_are_where_they_are(name, country, admin1, latitude, longitude) -> None:
    place = lookup(name, en)
    assert (place.country_code, place.iso_admin1) == (country, admin1)
    assert (place.latitude, place.longitude) == (pytest.approx(latitude, abs=0.05), pytest.approx(longitude, abs=0.05))
    assert place.precision in {"town", "admin1"}


def test_the_gazetteer_is_built_once_then_read_from_the_users_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    data.load_index.cache_clear()
    (tmp_path / "casualty-events").mkdir()
    (tmp_path / "casualty-events" / "gazetteer-of-an-older-version.pickle").write_bytes(b"old")
    try:
        built = data.load_index()
        [cached] = (tmp_path / "casualty-events").glob("gazetteer-*.pickle")  # the older one is gone
        data.load_index.cache_clear()
        assert data.load_index() == built  # read back from the file
        cached.write_bytes(b"not a pickle")  # a damaged cache is built again, not trusted
        data.load_index.cache_clear()
        assert data.load_index() == built
        assert cached.read_bytes()[:1] == b"\x80"  # pickle protocol header: rewritten whole
    finally:
        data.load_index.cache_clear()


@pytest.mark.parametrize("enabled_before", [True, False])
def test_the_cache_is_read_with_the_cycle_collector_paused_then_as_it_was(enabled_before, monkeypatch):
    load = data.pickle.load
    seen = []

    def spied_load(handle):
        seen.append(gc.isenabled())
        return load(handle)

    data.load_index()  # the cache exists
    monkeypatch.setattr(data.pickle, "load", spied_load)
    data.load_index.cache_clear()
    (gc.enable if enabled_before else gc.disable)()
    try:
        data.load_index()
        assert (seen, gc.isenabled()) == ([False], enabled_before)
    finally:
        gc.enable()
        data.load_index.cache_clear()
