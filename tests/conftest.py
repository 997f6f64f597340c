"""Shared test helpers: every test that expects an error checks it the same way."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from govforms._messages import LOCALES, catalogue
from govforms.errors import GovFormsError

# Timing is not what these properties test: no per-example deadline (CI shares 2 cores).
settings.register_profile(
    "govforms", deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.load_profile("govforms")


def check_error(error: GovFormsError, code: str, **params: Any) -> None:
    """``error`` has ``code``, exactly the params the catalogue declares, and renders in every
    locale without a leftover placeholder; ``params`` given here must match."""
    assert error.code == code, f"expected {code}, got {error.code} {error.params}"
    entry = catalogue()[code]
    assert set(error.params) == set(entry["params"]), (code, error.params)
    for name, value in params.items():
        assert error.params[name] == value, (name, error.params)
    for locale in LOCALES:
        text = error.message(locale)
        assert text and not any("{" + name + "}" in text for name in entry["params"]), text
    assert error.__cause__ is None and (error.__suppress_context__ or error.__context__ is None)


@contextmanager
def raises_code(code: str, **params: Any) -> Iterator[None]:
    """``with raises_code("my_number.checksum"): ...`` — pytest.raises plus :func:`check_error`."""
    with pytest.raises(GovFormsError) as info:
        yield
    check_error(info.value, code, **params)


@pytest.fixture
def expect_code() -> Callable[..., Any]:
    return raises_code
