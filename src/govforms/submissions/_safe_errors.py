"""Pydantic errors without the input: what a stored submission or draft holds is personal data.

``hide_input_in_errors`` only keeps the input out of ``str(error)``; ``error.errors()`` (what
FastAPI sends back in a 422 response and what hosts log) still carries each failing value under
``"input"`` — for a missing field or a bad answer that is the whole mapping of answers, My Numbers
in clear. The models that load personal data (:class:`~govforms.submissions.Submission`,
:class:`~govforms.submissions.Draft`, :class:`~govforms.submissions.Envelope`, its
:class:`~govforms.submissions.Person`, :class:`~govforms.submissions.Contact` and
:class:`~govforms.submissions.Delegation`,
:class:`~govforms.submissions.AnswerVersion`, the signature evidence with its
:class:`~govforms.submissions.SignerIdentity`, and the free text of a
:class:`~govforms.submissions.Message`, a :class:`~govforms.submissions.CorrectionItem` and its
round, or a :class:`~govforms.submissions.HistoryEntry`'s note) derive from
:class:`PrivateModel`, which wraps their validation with :func:`validate_without_input` (the
same errors — type, location, message, context — with ``"input"`` replaced by ``"***"``) and
passes ``model_validate_json`` errors through :func:`without_input`: text that is not JSON fails
before any validator runs, and its error's input is the whole text.
"""

from __future__ import annotations

from typing import Any, Final, Self, get_args

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError
from pydantic_core.core_schema import ErrorType

__all__ = ["HIDDEN_INPUT", "PrivateModel", "validate_without_input", "without_input"]

#: What replaces each input in the errors.
HIDDEN_INPUT: Final = "***"
_BUILT_IN: Final = frozenset(get_args(ErrorType))


def _detail(item: Any) -> InitErrorDetails:
    ctx = item.get("ctx") or {}
    kind = item["type"]
    if kind in _BUILT_IN:
        detail = InitErrorDetails(type=kind, loc=item["loc"], input=HIDDEN_INPUT)
        if ctx:
            detail["ctx"] = ctx
        return detail
    # A coded error raised as PydanticCustomError: keep its code, message and params.
    custom = PydanticCustomError(kind, str(item["msg"]), ctx or None)
    return InitErrorDetails(type=custom, loc=item["loc"], input=HIDDEN_INPUT)


def without_input(error: ValidationError) -> ValidationError:
    """The errors of ``error`` with every input replaced by :data:`HIDDEN_INPUT`."""
    details = [_detail(item) for item in error.errors(include_url=False)]
    return ValidationError.from_exception_data(error.title, details)


def validate_without_input(data: Any, handler: Any) -> Any:
    """Run pydantic's ``handler`` on ``data``; on failure raise the same errors without input."""
    try:
        return handler(data)
    except ValidationError as error:
        raise without_input(error) from None


class PrivateModel(BaseModel):
    """A frozen model of personal data whose validation errors never carry the input."""

    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)

    @model_validator(mode="wrap")
    @classmethod
    def _hide_input(cls, data: Any, handler: Any) -> Any:
        # errors() would otherwise carry the personal data that failed.
        return validate_without_input(data, handler)

    @classmethod
    def model_validate_json(cls, json_data: Any, **options: Any) -> Self:
        """pydantic's ``model_validate_json``, its errors without input."""
        try:
            return super().model_validate_json(json_data, **options)
        except ValidationError as error:
            raise without_input(error) from None
