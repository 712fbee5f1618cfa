"""Fixtures every test module may use by name: the loaded extractor and a loopback HTTP server."""
from tests.extractor_fixture import extractor  # noqa: F401
from tests.http_fixture import http_server  # noqa: F401
