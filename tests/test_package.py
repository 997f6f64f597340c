"""Package-level promises: import cost, typing marker, no framework in the core."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import govforms

PACKAGE = Path(govforms.__file__).parent


def run(code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout.strip()


def test_import_govforms_loads_no_reference_data_and_no_parts() -> None:
    loaded = run("import sys, govforms; print(' '.join(sorted(sys.modules)))").split()
    assert not [m for m in loaded if m.startswith(("govforms._data", "govforms.fields"))]
    assert "pydantic" not in loaded


def test_core_imports_no_web_framework() -> None:
    code = (
        "import sys, govforms.fields, govforms.payments, govforms.identity, "
        "govforms.submissions, govforms.cli\n"
        "govforms.cli.build_parser()\n"
        "bad = [m for m in ('django', 'flask', 'wtforms', 'fastapi', 'starlette') "
        "if m in sys.modules]\n"
        "print(','.join(bad))"
    )
    assert run(code) == ""


def test_py_typed_is_shipped() -> None:
    assert (PACKAGE / "py.typed").is_file()
