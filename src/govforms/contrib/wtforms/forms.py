"""A WTForms ``Form`` class from a :class:`~govforms.submissions.FormDefinition`.

One WTForms field per top-level question collects the raw answer; ``validate()`` then checks all
answers at once with the definition, so ``show_if`` conditions, options and codes are exactly the
definition's. Errors land in the concerned field's ``errors`` as
:class:`~govforms.contrib.wtforms.CodedMessage` s in the form's language
(``meta={"locales": [...]}``), which also picks the labels. After a successful ``validate()``,
``form.validated_answers`` holds the :class:`~govforms.submissions.ValidatedAnswers`.

A repeating group is a ``FieldList`` of sub-forms (field names ``children-0-name``, as WTForms
writes them), and its errors land on the sub-form's fields; an uploaded file (an object
with ``filename``, ``content_type`` and ``read``, such as Werkzeug's ``FileStorage``) becomes an
attachment reference (name, content type, size, SHA-256); the bytes are the host's to store.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from wtforms import (  # type: ignore[import-untyped]
    BooleanField,
    FieldList,
    FileField,
    Form,
    FormField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.widgets import (  # type: ignore[import-untyped]
    CheckboxInput,
    EmailInput,
    ListWidget,
    NumberInput,
)

from govforms.contrib._definition import (
    attachment_reference,
    class_name,
    html_attrs,
    input_kind,
    without_trailing_blank_items,
)
from govforms.contrib.wtforms.fields import MyNumberInput
from govforms.contrib.wtforms.validators import CodedMessage, field_locale
from govforms.errors import FieldError, Locale, ValidationErrors

if TYPE_CHECKING:
    from govforms.submissions import FieldSpec, FormDefinition

__all__ = ["form_class_from_definition"]

_CHUNK = 64 * 1024


try:
    from wtforms.fields.choices import SelectChoice  # type: ignore[import-untyped]
except ImportError:  # pragma: no cover - WTForms < 3.3 takes (value, label) tuples
    SelectChoice = None


def _option(value: str, label: str) -> Any:
    """One option of a select or checkbox list (``SelectChoice`` from WTForms 3.3)."""
    return (value, label) if SelectChoice is None else SelectChoice(value, label)


def _group(spec: FieldSpec) -> Any:
    """A repeating group: a ``FieldList`` of sub-forms, one per item."""
    members = {child.name: _field(child) for child in spec.fields or ()}
    item = type(class_name(spec.name).removesuffix("Form") + "Item", (Form,), members)
    return FieldList(
        FormField(item, label=spec.label.ja),
        label=spec.label.ja,
        min_entries=max(spec.min_items or 0, 1),
        max_entries=spec.max_items,
    )


def _field(spec: FieldSpec) -> Any:
    if spec.type == "group":
        return _group(spec)
    kind = input_kind(spec, "WTForms")
    options: dict[str, Any] = {"label": spec.label.ja, "render_kw": html_attrs(spec)}
    choices = [_option(c.value, c.value) for c in spec.choices or ()]
    if kind == "select":
        return SelectField(choices=[_option("", "---"), *choices], validate_choice=False, **options)
    if kind == "checkboxes":
        return SelectMultipleField(
            choices=choices,
            validate_choice=False,
            widget=ListWidget(prefix_label=False),
            option_widget=CheckboxInput(),
            **options,
        )
    if kind == "checkbox":
        return BooleanField(**options)
    if kind == "file":
        return FileField(**options)
    if kind == "textarea":
        return TextAreaField(**options)
    widget = {"email": EmailInput(), "number": NumberInput(), "secret": MyNumberInput()}.get(kind)
    return StringField(widget=widget, **options) if widget else StringField(**options)


def _chunks(upload: Any) -> Iterator[bytes]:
    while True:
        chunk = upload.read(_CHUNK)
        if not chunk:
            return
        yield chunk


def _answer(value: Any) -> Any:
    if hasattr(value, "filename") and hasattr(value, "read"):
        if not value.filename:
            return None  # an empty file input
        try:
            return attachment_reference(
                str(value.filename), getattr(value, "content_type", None), _chunks(value)
            )
        except FieldError:
            return {}
    return value


def _localise(container: Any, specs: Iterable[FieldSpec], locale: Locale) -> None:
    for spec in specs:
        field = container[spec.name]
        field.label.text = spec.label.get(locale)
        if spec.help is not None:
            field.description = spec.help.get(locale)
        if spec.choices:
            labelled = [
                _option(c.value, c.label.get(locale) if c.label else c.value) for c in spec.choices
            ]
            field.choices = [_option("", "---"), *labelled] if spec.type == "choice" else labelled
        if spec.type == "group":
            for entry in field.entries:
                entry.label.text = spec.label.get(locale)
                _localise(entry.form, spec.fields or (), locale)


def _collect(container: Any, specs: Iterable[FieldSpec]) -> dict[str, Any]:
    """The raw answers of a form (or of one group item), files as attachment references.
    Blank group items at the end (the spare rows of a repeating group) are left out."""
    out: dict[str, Any] = {}
    for spec in specs:
        field = container[spec.name]
        if spec.type == "group":
            items = [_collect(entry.form, spec.fields or ()) for entry in field.entries]
            out[spec.name] = without_trailing_blank_items(items)
        else:
            out[spec.name] = _answer(field.data)
    return out


def _target(form: Any, path: Sequence[str | int]) -> Any:
    """The field an error path points at (the deepest one that exists), or ``None``."""
    container, field = form, None
    parts = list(path)
    while parts:
        name = parts.pop(0)
        if not isinstance(name, str) or container is None or name not in container:
            break
        field, container = container[name], None
        if isinstance(field, FieldList) and parts and isinstance(parts[0], int):
            index = int(parts.pop(0))
            if index >= len(field.entries):
                break
            container = field.entries[index].form
    return field


class _DefinitionForm(Form):  # type: ignore[misc]
    definition: FormDefinition
    validated_answers: Any = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _localise(self, self.definition.fields, field_locale(self))

    def validate(self, extra_validators: Any = None) -> bool:
        ok: bool = super().validate(extra_validators)
        raw = _collect(self, self.definition.fields)
        self.validated_answers = None
        try:
            answers = self.definition.validate(raw)
        except ValidationErrors as errors:
            locale = field_locale(self)
            for path, error in errors:
                message = CodedMessage.from_error(error, locale)
                field = _target(self, path)
                if field is None:
                    self.form_errors.append(message)
                else:
                    field.errors = [*field.errors, message]
            return False
        if ok:
            self.validated_answers = answers
        return ok


def form_class_from_definition(definition: FormDefinition) -> type[Any]:
    """A ``wtforms.Form`` subclass asking every top-level question of ``definition``.

    A repeating group becomes a ``FieldList`` of sub-forms (at least one row, at most
    ``max_items``); blank rows at its end are ignored.
    """
    attrs: dict[str, Any] = {
        "definition": definition,
        "__module__": __name__,
        "__doc__": f"{definition.title.en} ({definition.id} v{definition.version})",
    }
    for spec in definition.fields:
        attrs[spec.name] = _field(spec)
    return type(class_name(definition.id), (_DefinitionForm,), attrs)
