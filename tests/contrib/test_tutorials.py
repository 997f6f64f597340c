"""Every piece of code in the tutorials, getting started and security pages is exercised.

* A ``python`` (or ``html``) block introduced by a line naming a file (`` `examples/...`: ``)
  must equal that file, byte for byte; the example apps are run by the other tests of this
  package (Django, Flask and FastAPI test clients).
* A ``pycon`` block is a doctest and is run here.
* Any other ``python`` block fails this test: code in the docs is either a tested file or a
  doctest.
"""

from __future__ import annotations

import doctest
import os
import re
import subprocess
import sys
from pathlib import Path

import django
import pytest

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.contrib.django_settings")
django.setup()

ROOT = Path(__file__).resolve().parents[2]
PAGES = [
    "docs/getting-started.md",
    "docs/tutorials/django.md",
    "docs/tutorials/flask.md",
    "docs/tutorials/fastapi.md",
    "docs/security.md",
]
BLOCK_RE = re.compile(r"^```(?P<lang>[\w-]*)\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)
LABEL_RE = re.compile(r"`(?P<path>examples/[^`]+)`:\n\n$")


def blocks(page: str) -> list[tuple[str, str, str | None]]:
    """``(lang, body, labelled path or None)`` for every fenced block of ``page``."""
    text = (ROOT / page).read_text(encoding="utf-8")
    out = []
    for match in BLOCK_RE.finditer(text):
        label = LABEL_RE.search(text[: match.start()][-200:])
        out.append((match["lang"], match["body"], label["path"] if label else None))
    return out


@pytest.mark.parametrize("page", PAGES)
def test_included_files_match_the_examples(page: str) -> None:
    included = [(path, body) for _, body, path in blocks(page) if path]
    assert included or page in ("docs/getting-started.md", "docs/security.md")
    for path, body in included:
        assert body == (ROOT / path).read_text(encoding="utf-8"), f"{page}: {path} drifted"


@pytest.mark.parametrize("page", PAGES)
def test_python_blocks_are_files_or_doctests(page: str) -> None:
    for lang, body, path in blocks(page):
        if lang == "python":
            assert path is not None, f"{page}: untested python block:\n{body}"


@pytest.mark.parametrize("page", PAGES)
def test_doctests_in_the_page_pass(page: str) -> None:
    text = "\n".join(body for lang, body, _ in blocks(page) if lang == "pycon")
    parser = doctest.DocTestParser()
    test = parser.get_doctest(text, {}, page, str(ROOT / page), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    output: list[str] = []
    result = runner.run(test, out=output.append)
    assert result.failed == 0, "".join(output)
    if page != "docs/tutorials/fastapi.md":
        assert result.attempted > 0, page


def test_the_site_builds_with_warnings_as_errors(tmp_path: Path) -> None:
    """``mkdocs build --strict``: every page in the nav exists, every page is in the nav, and
    every link and anchor resolves. Needs the ``docs`` extra."""
    pytest.importorskip("mkdocs")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site" / "tutorials" / "django" / "index.html").exists()
