"""A Django ``Form`` class from a :class:`~govforms.submissions.FormDefinition`.

One Django field per top-level question collects the raw answer (with a widget and HTML hints
suited to its type); ``clean()`` then validates all answers at once with the definition, so
``show_if`` conditions, options and error codes are exactly the definition's. Errors are added
to the field they concern, with our code and params and the active language's message
(:func:`~govforms.contrib.django.validators.to_django_error`). After ``is_valid()``,
``form.validated_answers`` is the :class:`~govforms.submissions.ValidatedAnswers` and
``cleaned_data`` holds the same normalised answers. Labels and help texts follow the active
language when the form is rendered.

Repeating groups (``type: group``) have no flat form representation and are refused with
``contrib.unsupported_field_type``; uploaded files become attachment references (name, content
type, size, SHA-256), the bytes stay in ``request.FILES`` for the host to store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms  # type: ignore[import-untyped]
from django.core.files.uploadedfile import UploadedFile  # type: ignore[import-untyped]
from django.utils.functional import lazy  # type: ignore[import-untyped]

from govforms.contrib._definition import (
    attachment_reference,
    class_name,
    html_attrs,
    input_kind,
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


class _DefinitionForm(forms.Form):  # type: ignore[misc]
    definition: FormDefinition
    validated_answers: Any = None
    cleaned_data: dict[str, Any]

    def clean(self) -> Any:
        raw = {name: _answer(value) for name, value in super().clean().items()}
        try:
            answers = self.definition.validate(raw)
        except ValidationErrors as errors:
            for path, error in errors:
                name = path[0] if path and path[0] in self.fields else None
                if name is not None and name not in self.cleaned_data:
                    continue  # already has an error
                self.add_error(name, to_django_error(error))
            return self.cleaned_data
        self.validated_answers = answers
        self.cleaned_data = dict(answers)
        return self.cleaned_data


def form_class_from_definition(definition: FormDefinition) -> type[Any]:
    """A ``django.forms.Form`` subclass asking every top-level question of ``definition``.

    Raises ``contrib.unsupported_field_type`` for a repeating group.
    """
    attrs: dict[str, Any] = {
        "definition": definition,
        "__module__": __name__,
        "__doc__": f"{definition.title.en} ({definition.id} v{definition.version})",
    }
    for spec in definition.fields:
        attrs[spec.name] = _field(spec)
    return type(class_name(definition.id), (_DefinitionForm,), attrs)
