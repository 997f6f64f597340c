"""Form definitions as data: staff describe a procedure in JSON (or YAML), govforms runs it.

A :class:`FormDefinition` has an ``id``, a ``version``, a bilingual ``title``, its ``fields``,
``fee`` rules, the accepted ``payment_methods`` and whether a JPKI signature is required
(``requires_signature``). Field types map onto the validators of :mod:`govforms.fields` (``name``,
``name_kana``, ``my_number``, ``corporate_number``, ``postal_code``, ``address``, ``phone``,
``date``) plus ``text``, ``textarea``, ``email``, ``number``, ``choice``, ``multi_choice``,
``consent``, ``file`` and ``group`` (a repeating group of sub-fields). A field with ``show_if`` is
shown only when an earlier field's answer has the given value.

Optional procedure rules: ``attachments`` (an :class:`~govforms.submissions.AttachmentPolicy`:
how many files, how large, which types by content), ``delegation`` (a
:class:`~govforms.submissions.DelegationPolicy`: who may apply for whom, with which 委任状) and
``retention`` (a :class:`~govforms.submissions.RetentionPolicy`: how long personal data stay).

A definition is checked when it is loaded: unknown keys, an option that does not apply to the
field's type, duplicate names, a ``show_if`` or fee rule naming a field that does not exist (or
comes later), a fee without payment methods, a signed form without a name field to compare the
signer with. Each problem is listed in one ``form.definition_invalid`` error.

>>> form = FormDefinition.from_json('''{"id": "dog", "version": 1,
...   "title": {"ja": "犬の登録", "en": "Dog registration"},
...   "fee": {"base": 3000}, "payment_methods": ["card"],
...   "fields": [{"name": "dog_name", "type": "text", "required": true,
...               "label": {"ja": "犬の名前", "en": "Dog's name"}}]}''')
>>> answers = form.validate({"dog_name": " ポチ "})
>>> answers["dog_name"], form.fee(answers)
('ポチ', 3000)
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal, TypeAlias

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictBool,
    StrictInt,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from govforms.errors import ConfigurationError
from govforms.fields import CHARSETS, PHONE_KINDS
from govforms.submissions.answers import ValidatedAnswers
from govforms.submissions.attachments import AttachmentPolicy
from govforms.submissions.conditions import Condition, LocalizedText
from govforms.submissions.delegation import DelegationPolicy
from govforms.submissions.fees import FeeSchedule, compute_fee
from govforms.submissions.retention import RetentionPolicy
from govforms.submissions.schema import form_json_schema
from govforms.submissions.validation import (
    CompiledLevel,
    compile_fields,
    revalidate_fields,
    run_validation,
)

__all__ = [
    "FIELD_TYPES",
    "PAYMENT_METHODS",
    "Choice",
    "FieldSpec",
    "FieldType",
    "FormDefinition",
    "PaymentMethodName",
    "SignerFields",
]

FieldType: TypeAlias = Literal[
    "name",
    "name_kana",
    "my_number",
    "corporate_number",
    "postal_code",
    "address",
    "phone",
    "date",
    "text",
    "textarea",
    "email",
    "number",
    "choice",
    "multi_choice",
    "consent",
    "file",
    "group",
]
#: Every field type a definition can use.
FIELD_TYPES: tuple[str, ...] = FieldType.__args__  # type: ignore[attr-defined]

PaymentMethodName: TypeAlias = Literal["card", "konbini", "pay_easy", "qr", "bank_transfer"]
#: The payment methods a form can accept (the names of :mod:`govforms.payments`' methods).
PAYMENT_METHODS: tuple[str, ...] = PaymentMethodName.__args__  # type: ignore[attr-defined]

# Which options apply to which field types (anything else is a definition error).
_OPTIONS: dict[str, frozenset[str]] = {
    "min": frozenset({"number"}),
    "max": frozenset({"number"}),
    "min_length": frozenset({"text", "textarea"}),
    "max_length": frozenset({"text", "textarea", "name", "name_kana"}),
    "choices": frozenset({"choice", "multi_choice"}),
    "min_items": frozenset({"multi_choice", "group"}),
    "max_items": frozenset({"multi_choice", "group"}),
    "fields": frozenset({"group"}),
    "charset": frozenset({"name"}),
    "phone_kinds": frozenset({"phone"}),
    "accept": frozenset({"file"}),
    "max_size": frozenset({"file"}),
    "min_level": frozenset({"address"}),
    "postal_code_field": frozenset({"address"}),
}
_NAME = Annotated[str, Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
_COUNT = Annotated[StrictInt, Field(ge=0, le=10_000)]


def _problem(code: str, message: str, **ctx: Any) -> PydanticCustomError:
    return PydanticCustomError(code, message, ctx or None)


class Choice(BaseModel):
    """One option of a ``choice`` field: ``"yes"`` or ``{"value": "yes", "label": {...}}``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    value: Annotated[str, Field(min_length=1, max_length=200)]
    label: LocalizedText | None = None


class FieldSpec(BaseModel):
    """One field of a form (see the module docstring for the types and their options)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: _NAME
    type: FieldType
    label: LocalizedText
    help: LocalizedText | None = None
    required: StrictBool = False
    show_if: Condition | None = None
    min: StrictInt | None = None
    max: StrictInt | None = None
    min_length: Annotated[StrictInt, Field(ge=0, le=100_000)] | None = None
    max_length: Annotated[StrictInt, Field(ge=1, le=100_000)] | None = None
    choices: tuple[Choice, ...] | None = None
    min_items: _COUNT | None = None
    max_items: _COUNT | None = None
    fields: tuple[FieldSpec, ...] | None = None
    charset: str | None = None
    phone_kinds: tuple[str, ...] | None = None
    accept: tuple[Annotated[str, Field(pattern=r"^[a-z0-9.+-]+/[a-z0-9.+-]+$")], ...] | None = None
    max_size: Annotated[StrictInt, Field(ge=1)] | None = None
    min_level: Literal["prefecture", "city", "town", "block"] | None = None
    postal_code_field: _NAME | None = None

    @field_validator("choices", mode="before")
    @classmethod
    def _plain_choices(cls, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return [{"value": item} if isinstance(item, str) else item for item in value]
        return value

    @model_validator(mode="after")
    def _options_apply(self) -> FieldSpec:
        for option, types in _OPTIONS.items():
            if getattr(self, option) is not None and self.type not in types:
                raise _problem(
                    "form.option_not_applicable",
                    "option {option} does not apply to a {type} field",
                    option=option,
                    type=self.type,
                )
        if self.type in ("choice", "multi_choice"):
            values = [c.value for c in self.choices or ()]
            if not values or len(set(values)) != len(values):
                raise _problem("form.choices_invalid", "give at least one choice, each once")
        if self.type == "group" and not self.fields:
            raise _problem("form.group_empty", "a group needs at least one field")
        if self.charset is not None and self.charset not in CHARSETS:
            raise _problem("form.option_invalid", "unknown charset {value}", value=self.charset)
        if self.phone_kinds is not None and not PHONE_KINDS.issuperset(self.phone_kinds):
            raise _problem("form.option_invalid", "unknown phone kind", value="phone_kinds")
        for low, high in (("min", "max"), ("min_length", "max_length"), ("min_items", "max_items")):
            lo, hi = getattr(self, low), getattr(self, high)
            if lo is not None and hi is not None and lo > hi:
                raise _problem("form.option_invalid", "{value} exceeds its maximum", value=low)
        if self.fields is not None:
            _check_level(self.fields)
        return self


class SignerFields(BaseModel):
    """Which answers the signer's certificate is compared with: a ``name`` field and,
    optionally, a ``date`` field holding the date of birth."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: _NAME
    birth_date: _NAME | None = None


def _check_level(fields: tuple[FieldSpec, ...]) -> None:
    """Names are unique; conditions and postal-code checks refer to an earlier field of the
    same level (a ``postal_code`` field for the latter)."""
    seen: dict[str, FieldSpec] = {}
    for spec in fields:
        postal = spec.postal_code_field
        if postal is not None and (postal not in seen or seen[postal].type != "postal_code"):
            raise _problem(
                "form.postal_code_field_invalid",
                "postal_code_field of {field} must name an earlier postal_code field",
                field=spec.name,
            )
        if spec.name in seen:
            raise _problem(
                "form.duplicate_field", "field {field} is defined twice", field=spec.name
            )
        if spec.show_if is not None and spec.show_if.field not in seen:
            raise _problem(
                "form.condition_unknown_field",
                "show_if of {field} must name an earlier field",
                field=spec.name,
            )
        seen[spec.name] = spec


def _default_signer(fields: tuple[FieldSpec, ...]) -> SignerFields | None:
    name = next((f.name for f in fields if f.type == "name"), None)
    if name is None:
        return None
    dates = [f for f in fields if f.type == "date"]
    birth = next((f.name for f in dates if f.name == "birth_date"), None) or next(
        (f.name for f in dates if "birth" in f.name), None
    )
    return SignerFields(name=name, birth_date=birth)


class FormDefinition(BaseModel):
    """A form as data. Load with :meth:`from_json`, :meth:`from_yaml`, :meth:`from_dict` or
    :meth:`load` (which raise ``form.definition_invalid`` listing every problem)."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]
    version: Annotated[StrictInt, Field(ge=1)]
    title: LocalizedText
    description: LocalizedText | None = None
    fields: Annotated[tuple[FieldSpec, ...], Field(min_length=1)]
    fee_rules: FeeSchedule | None = Field(default=None, alias="fee")
    payment_methods: tuple[PaymentMethodName, ...] = ()
    requires_signature: StrictBool = False
    signer: SignerFields | None = None
    attachments: AttachmentPolicy | None = None
    delegation: DelegationPolicy | None = None
    retention: RetentionPolicy | None = None

    _compiled: CompiledLevel | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _consistent(self) -> FormDefinition:
        _check_level(self.fields)
        top = {f.name: f for f in self.fields}
        if self.fee_rules is not None:
            for name in sorted(self.fee_rules.fields()):
                if name not in top:
                    raise _problem(
                        "form.fee_unknown_field", "fee rule names unknown field {field}", field=name
                    )
            per_unit = self.fee_rules.per_unit
            if per_unit is not None:
                # A count that may be negative would make the fee negative.
                counted = top[per_unit.field]
                if counted.type != "number" or counted.min is None or counted.min < 0:
                    raise _problem(
                        "form.fee_unknown_field",
                        "per_unit needs a number field with min >= 0",
                        field=per_unit.field,
                    )
            if not self.payment_methods:
                raise _problem("form.payment_methods_missing", "a fee needs payment methods")
        if len(set(self.payment_methods)) != len(self.payment_methods):
            raise _problem(
                "form.option_invalid",
                "a method is listed twice in {value}",
                value="payment_methods",
            )
        if self.requires_signature:
            signer = self.signer_fields()
            if signer is None:
                raise _problem("form.signer_fields_missing", "a signed form needs a name field")
        if self.retention is not None:
            for name in self.retention.keep_fields:
                if name not in top:
                    raise _problem(
                        "form.retention_unknown_field",
                        "retention keeps unknown field {field}",
                        field=name,
                    )
        if self.signer is not None:
            pairs = ((self.signer.name, "name"), (self.signer.birth_date, "date"))
            for field_name, kind in pairs:
                if field_name is not None and (
                    field_name not in top or top[field_name].type != kind
                ):
                    raise _problem(
                        "form.signer_fields_missing",
                        "signer field {field} is not a {kind}",
                        field=field_name,
                        kind=kind,
                    )
        return self

    def model_post_init(self, context: Any, /) -> None:
        self._compiled = compile_fields(self.fields)

    def __eq__(self, other: object) -> bool:
        # The compiled validators are closures: compare the definitions, not them.
        if not isinstance(other, FormDefinition):
            return NotImplemented
        return self.model_dump() == other.model_dump()

    def __hash__(self) -> int:
        return hash((self.id, self.version))

    # --- loading --------------------------------------------------------------------------------

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FormDefinition:
        """Load a definition from parsed JSON/YAML data."""
        try:
            return cls.model_validate(data)
        except ValidationError as error:
            raise _definition_error(error) from None

    @classmethod
    def from_json(cls, data: str | bytes) -> FormDefinition:
        """Load a definition from JSON text."""
        try:
            return cls.model_validate_json(data)
        except ValidationError as error:
            raise _definition_error(error) from None

    @classmethod
    def from_yaml(cls, data: str | bytes) -> FormDefinition:
        """Load a definition from YAML (needs PyYAML, which govforms does not depend on:
        ``form.yaml_unavailable`` when it is not installed). Uses ``yaml.safe_load``."""
        try:
            yaml = importlib.import_module("yaml")
        except ImportError:
            raise ConfigurationError("form.yaml_unavailable") from None
        try:
            parsed = yaml.safe_load(data)
        except (yaml.YAMLError, ValueError, RecursionError):
            # ValueError: an integer past sys.get_int_max_str_digits(); RecursionError: PyYAML's
            # composer recurses once per nesting level.
            raise ConfigurationError(
                "form.definition_invalid", problems=["(root): not valid YAML"]
            ) from None
        if not isinstance(parsed, Mapping):
            raise ConfigurationError(
                "form.definition_invalid", problems=["(root): a definition is a mapping"]
            )
        return cls.from_dict(parsed)

    @classmethod
    def load(cls, path: str | Path) -> FormDefinition:
        """Load a ``.json``, ``.yaml`` or ``.yml`` file (UTF-8)."""
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix == ".json":
            return cls.from_json(path.read_bytes())
        if suffix in (".yaml", ".yml"):
            return cls.from_yaml(path.read_text(encoding="utf-8"))
        raise ConfigurationError("form.unsupported_format", suffix=suffix)

    # --- using ----------------------------------------------------------------------------------

    def signer_fields(self) -> SignerFields | None:
        """The fields compared with a signer's certificate: ``signer`` if given, else the first
        top-level ``name`` field and the ``date`` field named ``birth_date`` (or containing
        ``birth``)."""
        return self.signer if self.signer is not None else _default_signer(self.fields)

    def field(self, name: str) -> FieldSpec:
        """The top-level field called ``name`` (``KeyError`` when there is none)."""
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)

    def validate(self, answers: Mapping[str, Any]) -> ValidatedAnswers:  # type: ignore[override]
        """Normalise every answer or raise :class:`~govforms.ValidationErrors` listing every
        problem (see :mod:`govforms.submissions.validation` for the rules)."""
        compiled = self._compiled
        assert compiled is not None
        return run_validation(compiled, answers, form_id=self.id, form_version=self.version)

    def revalidate(self, answers: ValidatedAnswers, changes: Mapping[str, Any]) -> ValidatedAnswers:
        """``answers`` with the top-level answers in ``changes`` validated again and replaced,
        the others kept without validating them again (for correction requests: see
        :func:`~govforms.submissions.validation.revalidate_fields`)."""
        self.check_answers(answers)
        compiled = self._compiled
        assert compiled is not None
        return revalidate_fields(compiled, answers, changes)

    def fee(self, answers: ValidatedAnswers | Mapping[str, Any]) -> int:
        """The fee in yen. Raw answers are validated first; validated answers must be this
        form's (``form.answers_mismatch`` otherwise)."""
        if not isinstance(answers, ValidatedAnswers):
            answers = self.validate(answers)
        self.check_answers(answers)
        return compute_fee(self.fee_rules, answers)

    def check_answers(self, answers: ValidatedAnswers) -> None:
        """Raise ``form.answers_mismatch`` unless ``answers`` were validated by this form."""
        if answers.form_id != self.id or answers.form_version != self.version:
            raise ConfigurationError(
                "form.answers_mismatch",
                form_id=answers.form_id,
                form_version=answers.form_version,
            )

    def json_schema(self, locale: str = "ja") -> dict[str, Any]:
        """A JSON Schema (draft 2020-12) of the raw answers, for front ends; titles in
        ``locale``, both labels under ``x-label``, conditions as ``if``/``then``."""
        return form_json_schema(self, locale)


def _definition_error(error: ValidationError) -> ConfigurationError:
    problems = []
    for item in error.errors(include_url=False, include_input=False):
        where = ".".join(str(part) for part in item["loc"]) or "(root)"
        problems.append(f"{where}: {item['type']}: {item['msg']}")
    return ConfigurationError("form.definition_invalid", problems=problems)
