"""Repository-wide pytest setup, for the tests in tests/ and the doctests in src/.

The suite must never read a developer's own refreshed reference data (``govforms data update``
writes to a per-user directory that takes precedence over the shipped files): point
``GOVFORMS_DATA_DIR`` at an empty directory for the whole run, so lookups use the data shipped
in the package. Tests that exercise the user directory set their own.
"""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest


def pytest_configure(config: pytest.Config) -> None:
    empty = tempfile.mkdtemp(prefix="govforms-no-user-data-")
    os.environ["GOVFORMS_DATA_DIR"] = empty
    config.add_cleanup(lambda: shutil.rmtree(empty, ignore_errors=True))
