"""The one bridge from our coded errors to pydantic's (kept out of ``govforms.errors`` so that
``import govforms`` does not import pydantic)."""

from __future__ import annotations

from pydantic_core import PydanticCustomError

from govforms.errors import GovFormsError

__all__ = ["to_pydantic_error"]


def to_pydantic_error(error: GovFormsError) -> PydanticCustomError:
    """The pydantic error for one of ours: same code (``type``), params (``ctx``), English
    message (``msg``)."""
    return PydanticCustomError(error.code, error.message("en"), error.params)
