"""The one place where the ``address`` field type meets :mod:`govforms.fields`' address checker.

Kept apart so that the address validator is looked up in exactly one function.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from govforms.errors import ConfigurationError

if TYPE_CHECKING:
    from govforms.submissions.forms import FieldSpec

__all__ = ["address_validator"]


def address_validator(spec: FieldSpec) -> Callable[[Any], Any]:
    """The validator for an ``address`` field: :func:`govforms.fields.validate_address` at the
    field's ``min_level`` (default ``"town"``), stored as the normalised (DS-442) text."""
    fields = importlib.import_module("govforms.fields")
    validate = getattr(fields, "validate_address", None)
    if validate is None:
        raise ConfigurationError("form.field_type_unavailable", type="address")
    min_level = spec.min_level or "town"

    def address(value: Any) -> Any:
        return validate(value, min_level=min_level).normalized

    return address
