"""The message catalogue: every code has every locale, and every placeholder is a parameter."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from govforms._messages import LOCALES, catalogue, placeholders, render

SRC = Path(__file__).resolve().parents[1] / "src" / "govforms"
CODE_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")
# A literal code in a raise: SomethingError("code.name"
RAISED_RE = re.compile(r'(?:Error|_error)\(\s*"([a-z_0-9]+\.[a-z_0-9.]+)"')


@pytest.mark.parametrize("code", sorted(catalogue()))
def test_every_code_is_complete(code: str) -> None:
    entry = catalogue()[code]
    assert CODE_RE.match(code), code
    declared = set(entry["params"])
    for locale in LOCALES:
        template = entry[locale]  # type: ignore[literal-required]
        assert template.strip(), (code, locale)
        assert placeholders(template) <= declared, (code, locale, placeholders(template))


def test_rendering_fills_every_placeholder() -> None:
    for code, entry in catalogue().items():
        params = {name: f"<{name}>" for name in entry["params"]}
        for locale in LOCALES:
            text = render(code, params, locale)
            assert "{" not in text, (code, locale, text)


def test_every_code_raised_in_source_is_in_the_catalogue() -> None:
    missing = set()
    for path in SRC.rglob("*.py"):
        for code in RAISED_RE.findall(path.read_text(encoding="utf-8")):
            if code not in catalogue():
                missing.add((str(path.relative_to(SRC)), code))
    assert not missing


def test_list_params_render_per_locale() -> None:
    params = {"characters": ["－", "U+200B"], "positions": [4, 7]}
    assert "－、U+200B" in render("kana.invalid_character", params, "ja")
    assert "－, U+200B" in render("kana.invalid_character", params, "en")


def test_unknown_code_and_locale() -> None:
    assert render("no.such", {}, "en") == "no.such"
    assert render("postal_code.format", {}, "fr") == render("postal_code.format", {}, "ja")
