"""A JSON Schema (draft 2020-12) of a form's raw answers, for front ends.

The schema describes what a browser may post: each field's JSON type and limits, its labels
(``title`` in the chosen locale, both under ``x-label``), the unconditional ``required`` list,
and each ``show_if`` as an ``if``/``then`` that makes a conditional field required. It is a
description for front ends: :meth:`FormDefinition.validate` remains the authority (it also
accepts 和暦 dates, full-width digits and the other spellings residents type).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from govforms.submissions.conditions import Condition
    from govforms.submissions.forms import FieldSpec, FormDefinition

__all__ = ["form_json_schema"]

_DRAFT: Final = "https://json-schema.org/draft/2020-12/schema"

_STRING_FORMATS: Final[dict[str, dict[str, Any]]] = {
    "name": {"type": "string", "maxLength": 100},
    "name_kana": {"type": "string", "maxLength": 100},
    "my_number": {"type": "string", "format": "my-number", "writeOnly": True},
    "corporate_number": {"type": "string", "format": "corporate-number"},
    "postal_code": {"type": "string", "format": "postal-code", "examples": ["100-0001"]},
    "address": {"type": "string", "maxLength": 200},
    "phone": {"type": "string", "format": "phone", "examples": ["03-1234-5678"]},
    "date": {"type": "string", "format": "date", "examples": ["2024-04-01", "令和6年4月1日"]},
    "email": {"type": "string", "format": "email", "maxLength": 254},
    "text": {"type": "string", "maxLength": 200},
    "textarea": {"type": "string", "maxLength": 4000},
}
_FILE: Final[dict[str, Any]] = {
    "type": "object",
    "required": ["name", "content_type", "size", "sha256"],
    "properties": {
        "name": {"type": "string", "maxLength": 255},
        "content_type": {"type": "string"},
        "size": {"type": "integer", "minimum": 0},
        "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
    },
    "additionalProperties": False,
}


def _condition(cond: Condition) -> dict[str, Any]:
    test: dict[str, Any] = (
        {"const": cond.equals} if cond.equals is not None else {"enum": list(cond.one_of or ())}
    )
    return {"properties": {cond.field: test}, "required": [cond.field]}


def _field(spec: FieldSpec, locale: str) -> dict[str, Any]:
    kind = spec.type
    if kind in _STRING_FORMATS:
        out = dict(_STRING_FORMATS[kind])
        if spec.max_length is not None:
            out["maxLength"] = spec.max_length
        if spec.min_length is not None:
            out["minLength"] = spec.min_length
    elif kind == "number":
        out = {"type": "integer"}
        if spec.min is not None:
            out["minimum"] = spec.min
        if spec.max is not None:
            out["maximum"] = spec.max
    elif kind == "choice":
        out = {"type": "string", "enum": [c.value for c in spec.choices or ()]}
    elif kind == "multi_choice":
        out = {
            "type": "array",
            "items": {"enum": [c.value for c in spec.choices or ()]},
            "uniqueItems": True,
        }
    elif kind == "consent":
        out = {"type": "boolean"}
        if spec.required:
            out["const"] = True
    elif kind == "file":
        out = dict(_FILE)
        if spec.accept:
            out["x-accept"] = list(spec.accept)
    else:  # group
        out = {"type": "array", "items": _object(spec.fields or (), locale)}
    if kind in ("multi_choice", "group"):
        if spec.min_items is not None:
            out["minItems"] = spec.min_items
        if spec.max_items is not None:
            out["maxItems"] = spec.max_items
    out["title"] = spec.label.get(locale)
    out["x-label"] = {"ja": spec.label.ja, "en": spec.label.en}
    out["x-field-type"] = kind
    if spec.help is not None:
        out["description"] = spec.help.get(locale)
    if spec.choices and any(c.label is not None for c in spec.choices):
        out["x-choice-labels"] = {
            c.value: {"ja": c.label.ja, "en": c.label.en} for c in spec.choices if c.label
        }
    return out


def _object(fields: Sequence[FieldSpec], locale: str) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {spec.name: _field(spec, locale) for spec in fields},
        "required": [spec.name for spec in fields if spec.required and spec.show_if is None],
        "additionalProperties": False,
    }
    conditional = [
        {"if": _condition(spec.show_if), "then": {"required": [spec.name]}}
        for spec in fields
        if spec.required and spec.show_if is not None
    ]
    if conditional:
        schema["allOf"] = conditional
    return schema


def form_json_schema(form: FormDefinition, locale: str = "ja") -> dict[str, Any]:
    """The JSON Schema of ``form``'s raw answers (see the module docstring)."""
    schema: dict[str, Any] = {"$schema": _DRAFT, "title": form.title.get(locale)}
    schema.update(_object(form.fields, locale))
    schema["x-form"] = {
        "id": form.id,
        "version": form.version,
        "requires_signature": form.requires_signature,
        "payment_methods": list(form.payment_methods),
    }
    return schema
