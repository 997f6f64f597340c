"""A Django ``Form`` class from a :class:`~govforms.submissions.FormDefinition`.

One Django field per top-level question collects the raw answer (with a widget and HTML hints
suited to its type); ``clean()`` then validates all answers at once with the definition, so
``show_if`` conditions, options and error codes are exactly the definition's. Errors are added
to the field they concern, with our code and params and the active language's message
(:func:`~govforms.contrib.django.validators.to_django_error`). After ``is_valid()``,
``form.validated_answers`` is the :class:`~govforms.submissions.ValidatedAnswers` and
``cleaned_data`` holds the same normalised answers. Labels and help texts follow the active
language when the form is rendered.

A repeating group (``type: group``) is shown as a fixed number of rows of fields named
``children-0-name``, ``children-1-name``... (see :func:`form_class_from_definition`); uploaded
files become attachment references (name, content type, size, SHA-256), the bytes stay in
``request.FILES`` for the host to store.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django import forms  # type: ignore[import-untyped]
from django.core.files.uploadedfile import UploadedFile  # type: ignore[import-untyped]
from django.utils.functional import lazy  # type: ignore[import-untyped]

from govforms.contrib._definition import (
    attachment_reference,
    class_name,
    html_attrs,
    input_kind,
    without_trailing_blank_items,
)
from govforms.contrib.django.fields import MyNumberInput
from govforms.contrib.django.validators import active_locale, to_django_error
from govforms.errors import FieldError, ValidationErrors

if TYPE_CHECKING:
    from govforms.submissions import FieldSpec, FormDefinition, LocalizedText

__all__ = ["form_class_from_definition"]


def _text(text: LocalizedText | None) -> Any:
    if text is None:
        return ""
    return lazy(lambda: text.get(active_locale()), str)()


class _ListField(forms.Field):  # type: ignore[misc]
    """Collects a list of strings (checkboxes) without judging it."""

    def to_python(self, value: Any) -> list[str]:
        if not value:
            return []
        return [str(item) for item in value]


def _field(spec: FieldSpec) -> Any:
    kind = input_kind(spec, "Django")
    attrs = html_attrs(spec)
    common: dict[str, Any] = {
        "required": False,
        "label": _text(spec.label),
        "help_text": _text(spec.help),
    }
    choices = [(c.value, _text(c.label) if c.label else c.value) for c in spec.choices or ()]
    if kind == "select":
        widget = forms.Select(attrs=attrs, choices=[("", "---------"), *choices])
        return forms.CharField(widget=widget, strip=False, **common)
    if kind == "checkboxes":
        return _ListField(
            widget=forms.CheckboxSelectMultiple(attrs=attrs, choices=choices), **common
        )
    if kind == "checkbox":
        return forms.BooleanField(widget=forms.CheckboxInput(attrs=attrs), **common)
    if kind == "file":
        return forms.FileField(widget=forms.ClearableFileInput(attrs=attrs), **common)
    widget = {
        "textarea": forms.Textarea,
        "email": forms.EmailInput,
        "number": forms.NumberInput,
        "secret": MyNumberInput,
    }.get(kind, forms.TextInput)(attrs=attrs)
    return forms.CharField(widget=widget, strip=False, **common)


def _answer(value: Any) -> Any:
    if isinstance(value, UploadedFile):
        try:
            return attachment_reference(value.name or "", value.content_type, value.chunks())
        except FieldError:
            return {}
    return value


def _row_label(group: LocalizedText, index: int, member: LocalizedText) -> Any:
    return lazy(
        lambda: f"{group.get(active_locale())} {index + 1}: {member.get(active_locale())}", str
    )()


class _DefinitionForm(forms.Form):  # type: ignore[misc]
    definition: FormDefinition
    group_rows: dict[str, int]
    validated_answers: Any = None
    cleaned_data: dict[str, Any]

    def _raw(self, data: dict[str, Any]) -> dict[str, Any]:
        raw: dict[str, Any] = {}
        for spec in self.definition.fields:
            if spec.type != "group":
                raw[spec.name] = _answer(data.get(spec.name))
                continue
            items = [
                {
                    m.name: _answer(data.get(f"{spec.name}-{index}-{m.name}"))
                    for m in spec.fields or ()
                }
                for index in range(self.group_rows[spec.name])
            ]
            raw[spec.name] = without_trailing_blank_items(items)
        return raw

    def _field_for(self, path: Sequence[str | int]) -> str | None:
        if not path or not isinstance(path[0], str):
            return None
        name = path[0]
        if name in self.group_rows:
            spec = self.definition.field(name)
            members = spec.fields or ()
            index = path[1] if len(path) > 2 and isinstance(path[1], int) else 0
            member = path[2] if len(path) > 2 else members[0].name
            name = f"{name}-{index}-{member}"
        return name if name in self.fields else None

    def clean(self) -> Any:
        raw = self._raw(super().clean())
        try:
            answers = self.definition.validate(raw)
        except ValidationErrors as errors:
            for path, error in errors:
                name = self._field_for(path)
                if name is not None and name not in self.cleaned_data:
                    continue  # already has an error
                self.add_error(name, to_django_error(error))
            return self.cleaned_data
        self.validated_answers = answers
        self.cleaned_data = dict(answers)
        return self.cleaned_data


def _rows(spec: FieldSpec, group_rows: int) -> int:
    rows = group_rows if spec.max_items is None else min(group_rows, spec.max_items)
    return max(rows, spec.min_items or 0, 1)


def form_class_from_definition(definition: FormDefinition, *, group_rows: int = 3) -> type[Any]:
    """A ``django.forms.Form`` subclass asking every top-level question of ``definition``.

    A repeating group is shown as ``group_rows`` rows (fewer when its ``max_items`` is lower,
    more when its ``min_items`` is higher) of fields named ``children-0-name``,
    ``children-1-name``...; blank rows at its end are ignored. A group inside a group is
    refused with ``contrib.unsupported_field_type``.
    """
    attrs: dict[str, Any] = {
        "definition": definition,
        "group_rows": {},
        "__module__": __name__,
        "__doc__": f"{definition.title.en} ({definition.id} v{definition.version})",
    }
    for spec in definition.fields:
        if spec.type != "group":
            attrs[spec.name] = _field(spec)
            continue
        rows = _rows(spec, group_rows)
        attrs["group_rows"][spec.name] = rows
        for index in range(rows):
            for member in spec.fields or ():
                field = _field(member)
                field.label = _row_label(spec.label, index, member.label)
                attrs[f"{spec.name}-{index}-{member.name}"] = field
    return type(class_name(definition.id), (_DefinitionForm,), attrs)
