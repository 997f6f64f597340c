"""The one place where the ``address`` field type meets :mod:`govforms.fields`' address checker."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from govforms.fields import validate_address

if TYPE_CHECKING:
    from govforms.submissions.forms import FieldSpec

__all__ = ["address_validator"]


def address_validator(spec: FieldSpec) -> Callable[[Any], str]:
    """The validator for an ``address`` field: :func:`govforms.fields.validate_address` at the
    field's ``min_level`` (default ``"town"``), stored as the normalised (DS-442) text."""
    min_level = spec.min_level or "town"

    def address(value: Any) -> str:
        return validate_address(value, min_level=min_level).normalized

    return address
