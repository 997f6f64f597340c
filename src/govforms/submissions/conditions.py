"""Conditions on answers: ``{"field": "include_my_number", "equals": "yes"}``.

A condition decides whether a field is shown (``show_if``) and whether a fee rule applies. It
compares the *normalised* answer (after validation) with the value in the definition. Comparison
is type-strict: ``"1"`` does not equal ``1`` and ``true`` does not equal ``1`` (Python would say
``True == 1``). When the answer is a list (a ``multi_choice``), the condition holds when the list
contains the value.

>>> cond = Condition.model_validate({"field": "include_my_number", "equals": "yes"})
>>> test = cond.compile()
>>> test({"include_my_number": "yes"}), test({"include_my_number": "no"}), test({})
(True, False, False)
>>> Condition.model_validate({"field": "kind", "one_of": ["a", "b"]}).compile()({"kind": ("b",)})
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Annotated, Any, TypeAlias

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr, model_validator
from pydantic_core import PydanticCustomError

__all__ = ["Condition", "ConditionValue", "LocalizedText"]

#: A value a condition compares an answer with.
ConditionValue: TypeAlias = StrictStr | StrictInt | StrictBool


class LocalizedText(BaseModel):
    """Text in Japanese and English: ``{"ja": "氏名", "en": "Name"}``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    ja: Annotated[str, Field(min_length=1, max_length=2000)]
    en: Annotated[str, Field(min_length=1, max_length=2000)]

    def get(self, locale: str) -> str:
        """The text in ``locale``; Japanese for any locale other than ``"en"``."""
        return self.en if locale == "en" else self.ja


def _same(answer: Any, expected: ConditionValue) -> bool:
    if isinstance(answer, tuple | list):
        return any(type(item) is type(expected) and item == expected for item in answer)
    return type(answer) is type(expected) and answer == expected


class Condition(BaseModel):
    """``field`` must equal ``equals`` or be one of ``one_of`` (exactly one of the two given)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    field: Annotated[str, Field(min_length=1, max_length=64)]
    equals: ConditionValue | None = None
    one_of: tuple[ConditionValue, ...] | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Condition:
        if (self.equals is None) == (self.one_of is None):
            raise PydanticCustomError(
                "form.condition_invalid", "give exactly one of 'equals' and 'one_of'"
            )
        return self

    def compile(self) -> Callable[[Mapping[str, Any]], bool]:
        """A fast predicate over a mapping of normalised answers."""
        name = self.field
        missing = object()
        if self.equals is not None:
            expected = self.equals

            def equals(values: Mapping[str, Any]) -> bool:
                answer = values.get(name, missing)
                return answer is not missing and _same(answer, expected)

            return equals
        options = self.one_of or ()

        def one_of(values: Mapping[str, Any]) -> bool:
            answer = values.get(name, missing)
            return answer is not missing and any(_same(answer, option) for option in options)

        return one_of
