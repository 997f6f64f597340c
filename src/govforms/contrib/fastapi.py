"""FastAPI helpers: 422 responses with our codes, localised messages and no echoed input.

The pydantic types of :mod:`govforms.fields` need no adapter: used in a request model they
validate, describe themselves in the OpenAPI schema (``format``, ``examples``) and fail with our
code as the error ``type`` and our params as ``ctx``. What this module adds is the response:
FastAPI's default 422 body echoes each wrong ``input`` back to the client (a name, an address:
personal data in access logs and proxies) and speaks English only.
:func:`install_error_handler` replaces it with one that

* keeps ``type`` (our code, or pydantic's own such as ``missing``), ``loc`` and ``ctx``;
* renders ``msg`` from our catalogue in the request's language (``Accept-Language``);
* never includes ``input``.

Importing this module needs FastAPI (``pip install 'govforms[fastapi]'``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from govforms._messages import catalogue, render
from govforms.contrib._common import content_language, locale_for, primary_subtag, require
from govforms.errors import Locale

require("fastapi", module="govforms.contrib.fastapi", package="FastAPI", extra="fastapi")

from fastapi import FastAPI, Request  # noqa: E402
from fastapi.exceptions import RequestValidationError  # noqa: E402
from fastapi.responses import JSONResponse  # noqa: E402

__all__ = [
    "install_error_handler",
    "locale_from_accept_language",
    "localized_errors",
]


def locale_from_accept_language(header: str | None, default: Locale = "ja") -> Locale:
    """The best of ``ja``/``en``/``ja-easy`` for an ``Accept-Language`` header (RFC 9110 §12.5.4).

    やさしい日本語 is asked for with the private-use tag ``ja-x-easy``.

    >>> locale_from_accept_language("en-GB,en;q=0.9,ja;q=0.8")
    'en'
    >>> locale_from_accept_language("ja-x-easy, ja;q=0.9")
    'ja-easy'
    >>> locale_from_accept_language("fr, ja;q=0.5, en;q=0.4")
    'ja'
    >>> locale_from_accept_language("jam, en;q=0.5")
    'en'
    >>> locale_from_accept_language("", default="en")
    'en'
    """
    best: tuple[float, int, Locale] | None = None
    for index, part in enumerate((header or "").split(",")):
        tag, _, params = part.strip().partition(";")
        tag = tag.strip().lower()
        if primary_subtag(tag) not in ("ja", "en"):
            continue
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality <= 0:
            continue
        candidate = (-quality, index, locale_for(tag))
        if best is None or candidate < best:
            best = candidate
    return default if best is None else best[2]


def localized_errors(errors: Iterable[Mapping[str, Any]], locale: Locale) -> list[dict[str, Any]]:
    """Pydantic error dicts made safe to return: localised ``msg``, no ``input``.

    Errors with a govforms code get our message in ``locale`` and keep ``ctx`` (our JSON-safe
    params); pydantic's own errors keep pydantic's English message and drop ``ctx`` (it may hold
    Python objects).

    >>> from pydantic import BaseModel, ValidationError
    >>> from govforms.fields import PostalCode
    >>> class Form(BaseModel):
    ...     postal_code: PostalCode
    >>> try:
    ...     Form(postal_code="100-001")
    ... except ValidationError as error:
    ...     [item] = localized_errors(error.errors(), "ja")
    >>> item["type"], item["loc"], item["ctx"], "input" in item
    ('postal_code.format', ['postal_code'], {}, False)
    >>> item["msg"]
    '郵便番号は7桁の数字で入力してください（例: 100-0001）。'
    """
    known = catalogue()
    out: list[dict[str, Any]] = []
    for error in errors:
        code = str(error.get("type", ""))
        item: dict[str, Any] = {
            "type": code,
            "loc": [part if isinstance(part, int) else str(part) for part in error.get("loc", ())],
            "msg": str(error.get("msg", "")),
        }
        if code in known:
            ctx = dict(error.get("ctx") or {})
            item["msg"] = render(code, ctx, locale)
            item["ctx"] = ctx
        out.append(item)
    return out


def install_error_handler(app: FastAPI, *, default_locale: Locale = "ja") -> None:
    """Answer request validation errors with 422 ``{"detail": localized_errors(...)}``."""

    async def handler(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        locale = locale_from_accept_language(request.headers.get("accept-language"), default_locale)
        return JSONResponse(
            status_code=422,
            content={"detail": localized_errors(exc.errors(), locale)},
            headers={"Content-Language": content_language(locale)},
        )

    app.add_exception_handler(RequestValidationError, handler)
