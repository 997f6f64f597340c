"""The pydantic face of the validators: one marker that turns a validator into a field type.

``Annotated[str, FieldValidator(validate_postal_code, ...)]`` runs the plain validator; a
:class:`~govforms.errors.FieldError` comes out as a pydantic error whose ``type`` is our code,
whose ``ctx`` is our params and whose ``msg`` is our English message. Logic lives only in the
plain function: this module adds no rule of its own.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

from govforms._pydantic import to_pydantic_error
from govforms.errors import FieldError

__all__ = ["FieldValidator"]


@dataclasses.dataclass(frozen=True, slots=True)
class FieldValidator:
    """A pydantic ``Annotated`` marker running ``func`` on the raw input.

    ``json_schema`` describes the accepted input; ``serialize`` (optional) turns the validated
    value into its JSON form.
    """

    func: Callable[[Any], Any]
    json_schema: dict[str, Any] = dataclasses.field(
        default_factory=lambda: {"type": "string"}, hash=False, compare=False
    )
    serialize: Callable[[Any], Any] | None = dataclasses.field(default=None, compare=False)

    def validate(self, value: Any) -> Any:
        try:
            return self.func(value)
        except FieldError as error:
            raise to_pydantic_error(error) from None

    def __get_pydantic_core_schema__(
        self, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        serialization = None
        if self.serialize is not None:
            serialization = core_schema.plain_serializer_function_ser_schema(
                self.serialize, when_used="always"
            )
        return core_schema.no_info_plain_validator_function(
            self.validate, serialization=serialization
        )

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return dict(self.json_schema)
