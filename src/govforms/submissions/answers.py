"""Validated answers: the normalised, read-only answers to one version of one form.

Values are JSON-native so that a submission serialises losslessly: text as ``str``, numbers as
``int``, dates as ``"YYYY-MM-DD"`` (DS-441), telephone numbers as E.164, postal codes as 7 digits,
choices as ``str``, multi-choices and groups as tuples, files as read-only mappings. The one
exception is a My Number, kept as a :class:`~govforms.fields.MyNumber` so it stays masked; its
place is recorded in ``my_number_paths`` so a serialised copy loads back typed.
"""

from __future__ import annotations

import types
from collections.abc import Iterator, Mapping, Sequence
from typing import Annotated, Any

from pydantic import (
    AwareDatetime,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    StrictInt,
    ValidationError,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

from govforms._pydantic import to_pydantic_error
from govforms.errors import ErrorPath, FieldError, GovFormsError
from govforms.fields import MyNumber
from govforms.submissions._safe_errors import PrivateModel

__all__ = ["AnswerVersion", "MaskedMyNumber", "ValidatedAnswers", "to_plain"]


class MaskedMyNumber:
    """A My Number that was masked in the serialised submission it was loaded from.

    It keeps the place of the answer but has no digits: :meth:`reveal` raises
    ``submission.my_number_withheld``. Serialise with ``context=REVEAL_MY_NUMBER`` to keep the
    number when a submission must be stored and reloaded in full.
    """

    __slots__ = ()

    def reveal(self) -> str:
        """Always raises ``submission.my_number_withheld``: there are no digits to reveal."""
        raise GovFormsError("submission.my_number_withheld")

    def __repr__(self) -> str:
        return f"MaskedMyNumber({MyNumber.MASK!r})"

    def __str__(self) -> str:
        return MyNumber.MASK

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MaskedMyNumber)

    def __hash__(self) -> int:
        return hash(MaskedMyNumber)


def _freeze(value: Any) -> Any:
    if isinstance(value, Mapping):
        return types.MappingProxyType({str(k): _freeze(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    return value


def to_plain(value: Any, *, reveal: bool) -> Any:
    """``value`` as JSON-native data: mappings to dicts, tuples to lists, My Numbers masked
    unless ``reveal`` (a :class:`MaskedMyNumber` always stays masked)."""
    if isinstance(value, MyNumber):
        return value.reveal() if reveal else MyNumber.MASK
    if isinstance(value, MaskedMyNumber):
        return MyNumber.MASK
    if isinstance(value, Mapping):
        return {k: to_plain(v, reveal=reveal) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [to_plain(v, reveal=reveal) for v in value]
    return value


class ValidatedAnswers(Mapping[str, Any]):
    """The normalised answers to one version of one form: a read-only mapping.

    Only :meth:`FormDefinition.validate <govforms.submissions.FormDefinition.validate>` makes
    these from raw input (or pydantic, when a serialised submission is loaded). Equality compares
    form, version and values (My Numbers in constant time). ``my_number_paths`` lists where the
    My Numbers are, so that a serialised copy can be loaded back with them typed.
    """

    __slots__ = ("_values", "form_id", "form_version", "my_number_paths")

    form_id: str
    form_version: int
    my_number_paths: tuple[ErrorPath, ...]
    _values: Mapping[str, Any]

    def __init__(
        self,
        form_id: str,
        form_version: int,
        values: Mapping[str, Any],
        my_number_paths: Sequence[ErrorPath] = (),
    ) -> None:
        self.form_id = form_id
        self.form_version = form_version
        self._values = types.MappingProxyType(dict(values))
        self.my_number_paths = tuple(my_number_paths)

    @classmethod
    def trusted(
        cls,
        form_id: str,
        form_version: int,
        values: dict[str, Any],
        my_number_paths: tuple[ErrorPath, ...],
    ) -> ValidatedAnswers:
        """Wrap ``values`` without copying: for the validator, which owns the dict it built."""
        self = cls.__new__(cls)
        self.form_id = form_id
        self.form_version = form_version
        self._values = types.MappingProxyType(values)
        self.my_number_paths = my_number_paths
        return self

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ValidatedAnswers):
            return NotImplemented
        return (
            self.form_id == other.form_id
            and self.form_version == other.form_version
            and dict(self._values) == dict(other._values)
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        # Answers are personal data: the repr names the questions answered, not the answers.
        return f"ValidatedAnswers({self.form_id!r}, {self.form_version}, fields={list(self)!r})"

    def to_dict(self, *, reveal_my_number: bool = False) -> dict[str, Any]:
        """The answers as JSON-native data; My Numbers masked unless ``reveal_my_number``."""
        plain: dict[str, Any] = to_plain(self._values, reveal=reveal_my_number)
        return plain

    def to_json_data(self, *, reveal_my_number: bool = False) -> dict[str, Any]:
        """The serialised form: ``form_id``, ``form_version``, ``values``, ``my_number_paths``."""
        return {
            "form_id": self.form_id,
            "form_version": self.form_version,
            "values": self.to_dict(reveal_my_number=reveal_my_number),
            "my_number_paths": [list(path) for path in self.my_number_paths],
        }

    @classmethod
    def from_json_data(cls, data: Any) -> ValidatedAnswers:
        """Load :meth:`to_json_data` output; masked My Numbers come back as
        :class:`MaskedMyNumber`. Raises ``submission.answers_invalid`` on malformed data."""
        try:
            return _load_answers(data)
        except (KeyError, TypeError, IndexError, ValueError, ValidationError):
            raise GovFormsError("submission.answers_invalid") from None

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            _coerce_answers,
            serialization=core_schema.plain_serializer_function_ser_schema(
                _serialize_answers, info_arg=True, when_used="always"
            ),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "type": "object",
            "required": ["form_id", "form_version", "values", "my_number_paths"],
            "properties": {
                "form_id": {"type": "string"},
                "form_version": {"type": "integer"},
                "values": {"type": "object"},
                "my_number_paths": {"type": "array", "items": {"type": "array"}},
            },
        }


def _load_answers(data: Any) -> ValidatedAnswers:
    if not isinstance(data, Mapping) or set(data) != {
        "form_id",
        "form_version",
        "values",
        "my_number_paths",
    }:
        raise TypeError
    form_id, version, values = data["form_id"], data["form_version"], data["values"]
    if not isinstance(form_id, str) or type(version) is not int or not isinstance(values, Mapping):
        raise TypeError
    plain: dict[str, Any] = {str(k): _thaw(v) for k, v in values.items()}
    paths: list[ErrorPath] = []
    for raw_path in data["my_number_paths"]:
        path = tuple(raw_path)
        if not path or not all(isinstance(p, str | int) for p in path):
            raise TypeError
        paths.append(path)
        container: Any = plain
        for part in path[:-1]:
            container = container[part]
        leaf = container[path[-1]]
        if not isinstance(leaf, MyNumber | MaskedMyNumber):
            container[path[-1]] = MaskedMyNumber() if leaf == MyNumber.MASK else MyNumber(leaf)
    return ValidatedAnswers(form_id, version, {k: _freeze(v) for k, v in plain.items()}, paths)


def _thaw(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _thaw(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_thaw(v) for v in value]
    return value


def _coerce_answers(value: Any) -> ValidatedAnswers:
    if isinstance(value, ValidatedAnswers):
        return value
    try:
        return _load_answers(value)
    except FieldError as error:
        raise to_pydantic_error(error) from None
    except (KeyError, TypeError, IndexError, ValueError):
        raise to_pydantic_error(GovFormsError("submission.answers_invalid")) from None


def _serialize_answers(value: ValidatedAnswers, info: core_schema.SerializationInfo) -> Any:
    context = info.context
    reveal = isinstance(context, dict) and context.get("reveal_my_number") is True
    return value.to_json_data(reveal_my_number=reveal)


class AnswerVersion(PrivateModel):
    """An earlier version of a submission's answers, kept when they were amended or corrected:
    the ``revision`` it was, the ``answers`` as they were, the payload digest the history
    recorded for it and when it was recorded. Versions are snapshots: nothing edits them."""

    revision: Annotated[StrictInt, Field(ge=1)]
    answers: ValidatedAnswers
    payload_digest: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None = None
    recorded_at: AwareDatetime
