"""Address tests read the reference data shipped in the package, reloaded per module.

Some tests install refreshed data into a temporary user directory; reloading before and after
each module keeps one module's data from leaking into the next.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from govforms import _data


@pytest.fixture(autouse=True, scope="module")
def _packaged_data(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GOVFORMS_DATA_DIR", str(tmp_path_factory.mktemp("no-user-data")))
        _data.reload()
        yield
    _data.reload()
