"""Where a dataset lives: a local folder or an object-store prefix (s3://, gs://, abfs://).

Everything the run writes outside the Delta log (staged Parquet, the state,
the manifests) goes through pyarrow's file systems, so that one code path
serves a laptop's folder and a bucket; delta-rs takes the same URIs. Object
stores are configured the way their own tools are (for S3: `AWS_ACCESS_KEY_ID`,
`AWS_SECRET_ACCESS_KEY`, `AWS_REGION`, `AWS_ENDPOINT_URL` ...), read by both
pyarrow and delta-rs.
"""
from __future__ import annotations

import dataclasses
import functools
import json
import os
import pathlib
import urllib.parse

import pyarrow.fs as pafs

LOCAL_SCHEMES = ("", "file")


@functools.lru_cache(maxsize=16)
def _filesystem(base: str) -> tuple[pafs.FileSystem, str]:
    """A file system and the path of `base` in it, built once per process (S3 clients are costly to make)."""
    return pafs.FileSystem.from_uri(base)


@dataclasses.dataclass(frozen=True)
class Location:
    """A folder of a dataset: `uri` is an absolute local path or `scheme://bucket/prefix`."""

    uri: str

    @classmethod
    def of(cls, where: str | os.PathLike) -> Location:
        """A location from what a user typed: a path (made absolute), a file:// URL or an object-store URI."""
        text = os.fspath(where)
        scheme = urllib.parse.urlsplit(text).scheme if "://" in text else ""
        if scheme in LOCAL_SCHEMES:
            path = urllib.parse.urlsplit(text).path if scheme else text
            return cls(str(pathlib.Path(path).expanduser().resolve()))
        return cls(text.rstrip("/"))

    @property
    def is_local(self) -> bool:
        return "://" not in self.uri

    @property
    def name(self) -> str:
        return self.uri.rstrip("/").rsplit("/", 1)[-1]

    def __truediv__(self, part: str) -> Location:
        return Location(f"{self.uri}/{part}")

    def __str__(self) -> str:
        return self.uri

    def _fs(self) -> tuple[pafs.FileSystem, str]:
        if self.is_local:
            return pafs.LocalFileSystem(), self.uri
        scheme_and_bucket, _, rest = self.uri.partition("://")
        bucket, _, prefix = rest.partition("/")
        filesystem, bucket_path = _filesystem(f"{scheme_and_bucket}://{bucket}")
        return filesystem, f"{bucket_path}/{prefix}".rstrip("/")

    @property
    def filesystem(self) -> pafs.FileSystem:
        return self._fs()[0]

    @property
    def path(self) -> str:
        """The path of this location inside `filesystem`."""
        return self._fs()[1]

    def info(self) -> pafs.FileInfo:
        return self.filesystem.get_file_info(self.path)

    def exists(self) -> bool:
        return self.info().type != pafs.FileType.NotFound

    def is_dir(self) -> bool:
        return self.info().type == pafs.FileType.Directory

    def is_file(self) -> bool:
        return self.info().type == pafs.FileType.File

    def make_dir(self) -> None:
        self.filesystem.create_dir(self.path, recursive=True)

    def read_bytes(self) -> bytes:
        with self.filesystem.open_input_stream(self.path) as stream:
            return stream.read()

    def write_bytes(self, data: bytes) -> None:
        """Readers see the old content or the new, never half of it (a local rename; an object PUT is whole)."""
        filesystem, path = self._fs()
        if not self.is_local:
            with filesystem.open_output_stream(path) as stream:
                stream.write(data)
            return
        target = pathlib.Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, target)

    def files(self, suffix: str = "") -> dict[str, int]:
        """Every file under this folder, by path relative to it, with its size in bytes (none if no folder)."""
        filesystem, root = self._fs()
        selector = pafs.FileSelector(root, recursive=True, allow_not_found=True)
        return {
            info.path[len(root) + 1:]: info.size
            for info in filesystem.get_file_info(selector)
            if info.type == pafs.FileType.File and info.path.endswith(suffix)
        }

    def children(self) -> list[Location]:
        """The entries right under this folder, sorted by name."""
        filesystem, root = self._fs()
        selector = pafs.FileSelector(root, recursive=False, allow_not_found=True)
        return sorted((self / info.base_name for info in filesystem.get_file_info(selector)), key=str)

    def move_to(self, target: Location) -> None:
        """A rename on a local disk; a copy and a delete on an object store."""
        target.parent().make_dir()
        self.filesystem.move(self.path, target.path)

    def parent(self) -> Location:
        return Location(self.uri.rstrip("/").rsplit("/", 1)[0])

    def remove(self) -> None:
        """Delete this file or folder, if it is there."""
        info = self.info()
        if info.type == pafs.FileType.Directory:
            self.filesystem.delete_dir(self.path)
        elif info.type == pafs.FileType.File:
            self.filesystem.delete_file(self.path)


class DamagedFileError(ValueError):
    """A file the dataset relies on cannot be read as what it should be."""


def read_json(location: Location, default):
    """The JSON document at `location`, `default` when there is none; a garbled one is a `DamagedFileError`."""
    if not location.is_file():
        return default
    data = location.read_bytes()
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DamagedFileError(f"{location} is not valid JSON ({error})") from None


def write_json(location: Location, data) -> None:
    location.write_bytes((json.dumps(data, indent=2, sort_keys=True, default=str) + "\n").encode("utf-8"))
