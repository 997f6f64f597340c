"""How a form definition's fields become HTML inputs, for every framework adapter.

The adapters build one framework field per top-level :class:`~govforms.submissions.FieldSpec`
that only *collects* the raw answer; the form then validates all answers at once with
``definition.validate(...)``, so conditions (``show_if``), options and error codes are exactly
the definition's. This module decides the input kind and HTML attributes; it imports no
framework.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias

from govforms.errors import ConfigurationError, FieldError

if TYPE_CHECKING:
    from govforms.submissions import FieldSpec

__all__ = [
    "InputKind",
    "attachment_reference",
    "class_name",
    "html_attrs",
    "input_kind",
    "type_attrs",
    "without_trailing_blank_items",
]

InputKind: TypeAlias = Literal[
    "text", "textarea", "email", "number", "select", "checkboxes", "checkbox", "file", "secret"
]

_KINDS: Final[dict[str, InputKind]] = {
    "name": "text",
    "name_kana": "text",
    "corporate_number": "text",
    "postal_code": "text",
    "address": "text",
    "phone": "text",
    "date": "text",
    "text": "text",
    "textarea": "textarea",
    "email": "email",
    "number": "number",
    "choice": "select",
    "multi_choice": "checkboxes",
    "consent": "checkbox",
    "file": "file",
    "my_number": "secret",
}
_ATTRS: Final[dict[str, dict[str, str]]] = {
    "name": {"autocomplete": "name"},
    "name_kana": {"autocomplete": "off"},
    "corporate_number": {"inputmode": "numeric"},
    "postal_code": {"inputmode": "numeric", "autocomplete": "postal-code"},
    "address": {"autocomplete": "street-address"},
    "phone": {"inputmode": "tel", "autocomplete": "tel"},
    "email": {"autocomplete": "email"},
    "my_number": {"autocomplete": "off", "inputmode": "numeric", "spellcheck": "false"},
}


def input_kind(spec: FieldSpec, framework: str) -> InputKind:
    """The input for ``spec``; ``contrib.unsupported_field_type`` for a repeating group."""
    kind = _KINDS.get(str(spec.type))
    if kind is None:
        raise ConfigurationError(
            "contrib.unsupported_field_type",
            field=spec.name,
            type=str(spec.type),
            framework=framework,
        )
    return kind


def type_attrs(field_type: str) -> dict[str, str]:
    """The ``autocomplete``/``inputmode``/``spellcheck`` hints for a field type (a new dict):
    the one table the definition forms and the single-field classes of every adapter read.

    >>> type_attrs("my_number")
    {'autocomplete': 'off', 'inputmode': 'numeric', 'spellcheck': 'false'}
    >>> type_attrs("text")
    {}
    """
    return dict(_ATTRS.get(field_type, {}))


def html_attrs(spec: FieldSpec) -> dict[str, str]:
    """HTML attributes: autocomplete/inputmode hints, ``min``/``max``, ``maxlength``,
    ``required`` (only when the field is always shown) and the ``show_if`` condition as
    ``data-show-if`` JSON for front-end scripts."""
    attrs = type_attrs(str(spec.type))
    if spec.min is not None:
        attrs["min"] = str(spec.min)
    if spec.max is not None:
        attrs["max"] = str(spec.max)
    if spec.max_length is not None:
        attrs["maxlength"] = str(spec.max_length)
    if spec.accept:
        attrs["accept"] = ",".join(spec.accept)
    if spec.required and spec.show_if is None and spec.type not in ("multi_choice", "consent"):
        attrs["required"] = "required"
    if spec.show_if is not None:
        attrs["data-show-if"] = json.dumps(
            spec.show_if.model_dump(exclude_none=True), ensure_ascii=False, separators=(",", ":")
        )
    return attrs


def class_name(form_id: str) -> str:
    """``"juminhyo-copy"`` -> ``"JuminhyoCopyForm"``."""
    parts = [p for p in form_id.replace("-", "_").split("_") if p]
    return "".join(p[:1].upper() + p[1:] for p in parts) + "Form"


def attachment_reference(
    name: str, content_type: str | None, chunks: Iterable[bytes]
) -> dict[str, Any]:
    """What the definition records about an uploaded file: name, type, size and SHA-256,
    computed while streaming ``chunks`` (the bytes themselves are the host's to store).

    A file without a name is ``form.file_reference_invalid``, before any byte is read.
    """
    if not name:
        raise FieldError("form.file_reference_invalid")
    digest = hashlib.sha256()
    size = 0
    for chunk in chunks:
        digest.update(chunk)
        size += len(chunk)
    return {
        "name": name,
        "content_type": (content_type or "application/octet-stream").lower(),
        "size": size,
        "sha256": digest.hexdigest(),
    }


def _blank(item: Mapping[str, Any]) -> bool:
    return all(
        v is None or v is False or v == [] or (isinstance(v, str) and not v.strip())
        for v in item.values()
    )


def without_trailing_blank_items(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A repeating group's items without the blank ones at its end (the spare rows a page
    shows); a blank item between answered ones is kept, for the definition to judge.

    >>> without_trailing_blank_items([{"a": "x"}, {"a": " "}, {"a": None, "b": []}])
    [{'a': 'x'}]
    >>> without_trailing_blank_items([{"a": ""}, {"a": "x"}])
    [{'a': ''}, {'a': 'x'}]
    """
    end = len(items)
    while end and _blank(items[end - 1]):
        end -= 1
    return items[:end]
