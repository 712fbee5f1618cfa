"""Local files (bare paths and file:// URLs) read like fetched pages, with the same size cap.

Only requests that explicitly allow it read the disk: a feed read from disk
may name local articles, a feed fetched over the network never may.
"""
from __future__ import annotations

import mimetypes
import pathlib
import urllib.parse
import urllib.request

from casualty_events.schemas.codes import Reason
from casualty_events.transforms.http import FetchError, Response, media_type

CONTENT_TYPES_BY_SUFFIX = {
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "application/xhtml+xml",
    ".xml": "application/xml",
    ".rss": "application/xml",
    ".atom": "application/xml",
}
LOCAL_HOSTS = ("", "localhost")


def is_local(location: str) -> bool:
    """True for a file:// URL or a bare path (no scheme; a one-letter scheme is a Windows drive)."""
    try:
        scheme = urllib.parse.urlsplit(location).scheme.lower()
    except ValueError:  # not even a URL (e.g. an unclosed IPv6 bracket): the network side says why
        return False
    return scheme == "file" or len(scheme) <= 1


def local_path(location: str) -> pathlib.Path:
    """The filesystem path of a file:// URL or bare path; a file URL naming another machine is refused."""
    parts = urllib.parse.urlsplit(location)
    if parts.scheme.lower() != "file":
        return pathlib.Path(location)
    if parts.netloc.lower() not in LOCAL_HOSTS:
        raise FetchError(Reason.SCHEME, f"file URL names another machine: {location!r}")
    return pathlib.Path(urllib.request.url2pathname(parts.path))


def guess_content_type(path: pathlib.Path) -> str | None:
    """The content type a server would likely send for this file name."""
    suffix = path.suffix.lower()
    return CONTENT_TYPES_BY_SUFFIX.get(suffix) or mimetypes.guess_type(path.name)[0]


def read_local(location: str, max_bytes: int, accept: tuple[str, ...] | None = None) -> Response:
    """A local file as a 200 response; missing, unreadable, too large or the wrong type is a `FetchError`."""
    path = local_path(location)
    content_type = guess_content_type(path)
    if accept is not None and content_type not in accept:
        raise FetchError(Reason.CONTENT_TYPE, f"{path} looks like {content_type or 'an unknown type'}, "
                                         f"not one of {', '.join(accept)}")
    try:
        with path.open("rb") as handle:
            body = handle.read(max_bytes + 1)
    except FileNotFoundError as error:
        raise FetchError(Reason.FILE_NOT_FOUND, f"{path} does not exist") from error
    except OSError as error:
        raise FetchError(Reason.FILE_ERROR, f"{path}: {error.strerror or error}") from error
    if len(body) > max_bytes:
        raise FetchError(Reason.TOO_LARGE, f"{path} is larger than {max_bytes} bytes")
    _, charset = media_type(content_type)
    return Response(
        url=path.resolve().as_uri(),
        status=200,
        headers={"content-type": content_type} if content_type else {},
        body=body,
        content_type=content_type,
        charset=charset,
    )
