"""The documentation stays true to the code."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_error_code_page_is_current() -> None:
    spec = importlib.util.spec_from_file_location(
        "gen_error_docs", ROOT / "scripts" / "gen_error_docs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--check"]) == 0, "run: python scripts/gen_error_docs.py"


def test_every_code_is_on_the_error_page() -> None:
    from govforms._messages import catalogue

    page = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    assert all(f"`{code}`" in page for code in catalogue())
