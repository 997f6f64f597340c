"""Validating a whole form at once: per-field validators compiled once per definition.

A :class:`~govforms.submissions.FormDefinition` compiles each field into one callable when it is
loaded (not on every call), so validating a submission is one pass over the fields. Every problem
is collected: the resident sees all of them in one :class:`~govforms.ValidationErrors`, each with
the path of the answer (``("children", 0, "name")``), a code and ja/en messages.

Rules applied to every field, in order:

1. A field whose ``show_if`` condition does not hold is hidden: its answer, if any, is dropped
   without an error (front ends often post stale values of hidden inputs). Conditions look at
   the *normalised* answers of earlier fields; a condition on a field that failed validation does
   not hold.
2. An empty answer (missing, ``None``, ``""``, only spaces, an empty list) is ``field.required``
   when the field is required, and is left out of the result otherwise.
3. Otherwise the field's validator normalises the answer or raises a coded
   :class:`~govforms.FieldError`.

Then, for an ``address`` field with ``postal_code_field``, Japan Post's data must list the postal
code for the address (:func:`govforms.fields.check_postal_code`; the error is reported on the
postal code). Keys that are not fields of the form are ``form.unknown_field`` errors.

The result is a :class:`~govforms.submissions.ValidatedAnswers` (see
:mod:`govforms.submissions.answers` for how values are normalised).
"""

from __future__ import annotations

import re
import types
import unicodedata
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from pydantic import ValidationError

from govforms._text import DIGITS, check_str
from govforms.errors import ErrorPath, FieldError, ValidationErrors
from govforms.fields import (
    MyNumber,
    check_postal_code,
    parse_date,
    validate_corporate_number,
    validate_name_kana,
    validate_person_name,
    validate_phone,
    validate_postal_code,
)
from govforms.submissions._address import address_validator
from govforms.submissions.answers import MaskedMyNumber, ValidatedAnswers
from govforms.submissions.attachments import AttachmentRef

if TYPE_CHECKING:
    from govforms.submissions.forms import FieldSpec

__all__ = [
    "CompiledField",
    "CompiledLevel",
    "compile_fields",
    "revalidate_fields",
    "run_validation",
]

_MISSING: Final = object()
_BLANK: Final = " \u3000\t\r\n"
_TEXT_MAX: Final = 200
_TEXTAREA_MAX: Final = 4000
_BAD_CATEGORIES: Final = frozenset(("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"))
_EMAIL_LOCAL: Final = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
)
_EMAIL_LABEL: Final = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)")
_CONSENT_TRUE: Final = frozenset(("true", "on", "yes", "1"))
_CONSENT_FALSE: Final = frozenset(("false", "off", "no", "0"))


# --- field validators --------------------------------------------------------------------------

Validator = Callable[[Any], Any]


def _check_text(text: str, *, multiline: bool) -> None:
    if text.isprintable():
        return
    positions = [
        i + 1
        for i, char in enumerate(text)
        if unicodedata.category(char) in _BAD_CATEGORIES and not (multiline and char == "\n")
    ]
    if positions:
        raise FieldError("form.text_invalid_character", positions=positions)


def _length_checks(text: str, min_length: int | None, max_length: int) -> str:
    if len(text) > max_length:
        raise FieldError("form.text_too_long", max_length=max_length, length=len(text))
    if min_length is not None and len(text) < min_length:
        raise FieldError("form.text_too_short", min_length=min_length, length=len(text))
    return text


def _text(spec: FieldSpec, *, multiline: bool) -> Validator:
    max_length = spec.max_length or (_TEXTAREA_MAX if multiline else _TEXT_MAX)
    min_length = spec.min_length

    def text(value: Any) -> str:
        raw = check_str(value, "string")
        if multiline:
            raw = raw.replace("\r\n", "\n").replace("\r", "\n")
        cleaned = raw.strip(" \u3000\t\n")
        _check_text(cleaned, multiline=multiline)
        return _length_checks(cleaned, min_length, max_length)

    return text


def validate_email(value: object) -> str:
    """A practical e-mail check (RFC 5321 dot-atom local part, DNS host name; the domain is
    lower-cased). Quoted local parts and address literals are not accepted.

    >>> validate_email(" Taro.Yamada@Example.JP ")
    'Taro.Yamada@example.jp'
    """
    text = check_str(value, "string").strip(" \u3000")
    local, at, domain = text.rpartition("@")
    labels = domain.split(".")
    if (
        not at
        or len(text) > 254
        or len(local) > 64
        or not _EMAIL_LOCAL.fullmatch(local)
        or len(labels) < 2
        or not all(_EMAIL_LABEL.fullmatch(label) for label in labels)
        or labels[-1].isdigit()
    ):
        raise FieldError("form.email_invalid")
    return f"{local}@{domain.lower()}"


def parse_integer(value: object) -> int:
    """An ``int`` from an ``int`` or from digits (ASCII or full-width, optional leading minus).

    Floats and ``bool`` are refused: amounts and counts are whole numbers.

    >>> parse_integer("１２"), parse_integer(-3)
    (12, -3)
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        text = value.strip(" \u3000")
        negative = text[:1] in ("-", "－", "−")
        body = text[1:] if negative else text
        if body and len(body) <= 15 and all(c in DIGITS for c in body):
            number = int("".join(DIGITS[c] for c in body))
            return -number if negative else number
        raise FieldError("form.number_invalid")
    raise FieldError("field.type", expected="integer", actual=type(value).__name__)


def _number(spec: FieldSpec) -> Validator:
    low, high = spec.min, spec.max

    def number(value: Any) -> int:
        result = parse_integer(value)
        if low is not None and result < low:
            raise FieldError("form.number_too_small", min=low)
        if high is not None and result > high:
            raise FieldError("form.number_too_large", max=high)
        return result

    return number


def _choice(spec: FieldSpec) -> Validator:
    allowed = [c.value for c in spec.choices or ()]
    allowed_set = frozenset(allowed)

    def choice(value: Any) -> str:
        if isinstance(value, str) and value in allowed_set:
            return value
        raise FieldError("form.choice_invalid", allowed=allowed)

    return choice


def _count_checks(count: int, min_items: int | None, max_items: int | None) -> None:
    if min_items is not None and count < min_items:
        raise FieldError("form.too_few_items", min_items=min_items, count=count)
    if max_items is not None and count > max_items:
        raise FieldError("form.too_many_items", max_items=max_items, count=count)


def _multi_choice(spec: FieldSpec) -> Validator:
    allowed = [c.value for c in spec.choices or ()]
    allowed_set = frozenset(allowed)

    def multi_choice(value: Any) -> tuple[str, ...]:
        if not isinstance(value, list | tuple):
            raise FieldError("field.type", expected="list", actual=type(value).__name__)
        if not all(isinstance(v, str) and v in allowed_set for v in value):
            raise FieldError("form.choice_invalid", allowed=allowed)
        if len(set(value)) != len(value):
            raise FieldError("form.choice_duplicate")
        _count_checks(len(value), spec.min_items, spec.max_items)
        # Definition order, so that equal selections normalise to equal values.
        chosen = set(value)
        return tuple(v for v in allowed if v in chosen)

    return multi_choice


def _consent(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        text = value.strip().lower()
        if text in _CONSENT_TRUE:
            return True
        if text in _CONSENT_FALSE:
            return False
    raise FieldError("field.type", expected="boolean", actual=type(value).__name__)


def _file(spec: FieldSpec) -> Validator:
    accept = frozenset(spec.accept) if spec.accept else None
    max_size = spec.max_size

    def file(value: Any) -> Mapping[str, Any]:
        if isinstance(value, AttachmentRef):
            ref = value
        elif isinstance(value, Mapping):
            try:
                ref = AttachmentRef.model_validate(value)
            except ValidationError:
                raise FieldError("form.file_reference_invalid") from None
        else:
            raise FieldError("field.type", expected="file", actual=type(value).__name__)
        if accept is not None and ref.content_type not in accept:
            raise FieldError(
                "form.file_type_not_allowed", content_type=ref.content_type, allowed=sorted(accept)
            )
        if max_size is not None and ref.size > max_size:
            raise FieldError("form.file_too_large", max_size=max_size, size=ref.size)
        return types.MappingProxyType(ref.signed_fields())

    return file


def _wrap_length(func: Callable[..., str], spec: FieldSpec, **options: Any) -> Validator:
    if spec.max_length is not None:
        options["max_length"] = spec.max_length
    if not options:
        return func
    return lambda value: func(value, **options)


def _date(value: Any) -> str:
    return parse_date(value).isoformat()


def _build(spec: FieldSpec) -> Validator:
    kind = spec.type
    if kind == "name":
        options: dict[str, Any] = {"charset": spec.charset} if spec.charset else {}
        return _wrap_length(validate_person_name, spec, **options)
    if kind == "name_kana":
        return _wrap_length(validate_name_kana, spec)
    if kind == "my_number":
        return MyNumber
    if kind == "corporate_number":
        return validate_corporate_number
    if kind == "postal_code":
        return validate_postal_code
    if kind == "address":
        return address_validator(spec)
    if kind == "phone":
        kinds = spec.phone_kinds
        return lambda value: validate_phone(value, kinds=kinds).e164
    if kind == "date":
        return _date
    if kind in ("text", "textarea"):
        return _text(spec, multiline=kind == "textarea")
    if kind == "email":
        return validate_email
    if kind == "number":
        return _number(spec)
    if kind == "choice":
        return _choice(spec)
    if kind == "multi_choice":
        return _multi_choice(spec)
    if kind == "consent":
        return _consent
    if kind == "file":
        return _file(spec)
    raise AssertionError(kind)  # groups are compiled by compile_fields


class CompiledField(NamedTuple):
    """One field, ready to run: built once per form definition."""

    name: str
    required: bool
    validate: Validator | None  # None for a group
    show_if: Callable[[Mapping[str, Any]], bool] | None
    children: CompiledLevel | None  # the members of a group
    min_items: int | None
    max_items: int | None
    is_my_number: bool
    is_consent: bool


class CompiledLevel(NamedTuple):
    """The fields of a form (or of one group item), their names, and cross-field checks
    ``(address field, postal code field)``."""

    fields: tuple[CompiledField, ...]
    known: frozenset[str]
    postal_checks: tuple[tuple[str, str], ...]


def compile_fields(specs: Sequence[FieldSpec]) -> CompiledLevel:
    """Build the validators of ``specs`` (and of group members) once."""
    out: list[CompiledField] = []
    for spec in specs:
        cond = spec.show_if.compile() if spec.show_if is not None else None
        group = spec.type == "group"
        out.append(
            CompiledField(
                name=spec.name,
                required=spec.required,
                validate=None if group else _build(spec),
                show_if=cond,
                children=compile_fields(spec.fields or ()) if group else None,
                min_items=spec.min_items,
                max_items=spec.max_items,
                is_my_number=spec.type == "my_number",
                is_consent=spec.type == "consent",
            )
        )
    checks = tuple(
        (spec.name, spec.postal_code_field) for spec in specs if spec.postal_code_field is not None
    )
    return CompiledLevel(tuple(out), frozenset(s.name for s in specs), checks)


def _check_postal_codes(
    level: CompiledLevel,
    out: Mapping[str, Any],
    path: ErrorPath,
    errors: list[tuple[ErrorPath, FieldError]],
    *,
    only: Collection[str] | None = None,
) -> None:
    """Japan Post's check of each (address, postal code) pair answered in ``out`` (only the
    pairs with a field in ``only``, when given); a problem is reported on the postal code."""
    for address_field, postal_field in level.postal_checks:
        if only is not None and address_field not in only and postal_field not in only:
            continue
        if address_field in out and postal_field in out:
            try:
                check_postal_code(out[address_field], out[postal_field])
            except FieldError as error:
                errors.append(((*path, postal_field), error))


def _run_level(
    level: CompiledLevel,
    answers: Any,
    path: ErrorPath,
    errors: list[tuple[ErrorPath, FieldError]],
    secrets: list[ErrorPath],
) -> dict[str, Any]:
    if not isinstance(answers, Mapping):
        error = FieldError("field.type", expected="object", actual=type(answers).__name__)
        errors.append((path, error))
        return {}
    out: dict[str, Any] = {}
    get = answers.get
    # The hot path: tuple unpacking and inline checks (no attribute look-ups, no extra calls).
    for field in level.fields:
        name, required, validate, show_if, _, _, _, is_my_number, is_consent = field
        if show_if is not None and not show_if(out):
            continue
        raw = get(name, _MISSING)
        if (
            raw is _MISSING
            or raw is None
            or (type(raw) is str and not raw.strip(_BLANK))
            or (not raw and (type(raw) is list or type(raw) is tuple))
        ):
            if required:
                errors.append(((*path, name), FieldError("field.required")))
            continue
        if validate is None:
            value = _run_group(field, raw, (*path, name), errors, secrets)
            if value is not None:
                out[name] = value
            continue
        try:
            value = validate(raw)
        except FieldError as error:
            errors.append(((*path, name), error))
            continue
        if is_consent and required and value is not True:
            errors.append(((*path, name), FieldError("form.consent_required")))
            continue
        if is_my_number:
            secrets.append((*path, name))
        out[name] = value
    _check_postal_codes(level, out, path, errors)
    if not level.known.issuperset(answers):
        for key in answers:
            if key not in level.known:
                errors.append(((*path, str(key)), FieldError("form.unknown_field")))
    return out


def _run_group(
    field: CompiledField,
    raw: Any,
    path: ErrorPath,
    errors: list[tuple[ErrorPath, FieldError]],
    secrets: list[ErrorPath],
) -> tuple[Mapping[str, Any], ...] | None:
    if not isinstance(raw, list | tuple):
        errors.append((path, FieldError("field.type", expected="list", actual=type(raw).__name__)))
        return None
    try:
        _count_checks(len(raw), field.min_items, field.max_items)
    except FieldError as error:
        errors.append((path, error))
        return None
    before = len(errors)
    assert field.children is not None
    items = [
        _run_level(field.children, item, (*path, index), errors, secrets)
        for index, item in enumerate(raw)
    ]
    if len(errors) != before:
        return None
    return tuple(types.MappingProxyType(item) for item in items)


def run_validation(
    level: CompiledLevel,
    answers: Any,
    *,
    form_id: str,
    form_version: int,
) -> ValidatedAnswers:
    """Validate ``answers`` against compiled ``fields``; raise every problem at once."""
    errors: list[tuple[ErrorPath, FieldError]] = []
    secrets: list[ErrorPath] = []
    out = _run_level(level, answers, (), errors, secrets)
    if errors:
        raise ValidationErrors(errors)
    return ValidatedAnswers.trusted(form_id, form_version, out, tuple(secrets))


def _secret_paths(value: Any, path: ErrorPath, out: list[ErrorPath]) -> None:
    if isinstance(value, MyNumber | MaskedMyNumber):
        out.append(path)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            _secret_paths(item, (*path, key), out)
    elif isinstance(value, tuple | list):
        for index, item in enumerate(value):
            _secret_paths(item, (*path, index), out)


def revalidate_fields(
    level: CompiledLevel,
    current: ValidatedAnswers,
    changes: Mapping[str, Any],
) -> ValidatedAnswers:
    """``current`` with the top-level answers in ``changes`` validated again and replaced; the
    other answers are kept as they are (not validated again). A field that a change hides is
    dropped; one that a change shows and that is required but has no answer is
    ``field.required``. Raises every problem at once."""
    errors: list[tuple[ErrorPath, FieldError]] = []
    scratch: list[ErrorPath] = []
    out: dict[str, Any] = dict(current)
    for field in level.fields:
        name = field.name
        if field.show_if is not None and not field.show_if(out):
            out.pop(name, None)
            continue
        if name not in changes:
            if field.required and name not in out:
                errors.append(((name,), FieldError("field.required")))
            continue
        single = CompiledLevel((field,), frozenset({name}), ())
        value = _run_level(single, {name: changes[name]}, (), errors, scratch)
        out.pop(name, None)
        out.update(value)
    _check_postal_codes(level, out, (), errors, only=changes.keys())
    if errors:
        raise ValidationErrors(errors)
    out = {field.name: out[field.name] for field in level.fields if field.name in out}
    secrets: list[ErrorPath] = []
    _secret_paths(out, (), secrets)
    return ValidatedAnswers.trusted(current.form_id, current.form_version, out, tuple(secrets))
