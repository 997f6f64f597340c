"""Fee rules as data: what a procedure costs, in integer yen, computed from the answers.

A schedule adds up, in this order:

* ``base``: a fixed amount;
* ``per_unit``: ``amount`` times the answer to a ``number`` field (``{"field": "copies",
  "amount": 300}`` is ¥300 a copy);
* ``add``: each ``{"if": <condition>, "amount": n}`` whose condition holds;

then ``exempt_if`` (a condition) makes the fee 0, and ``max`` caps it. Amounts are ``int`` yen
(JPY has no minor unit); a float anywhere in a schedule is refused when the form is loaded.

>>> schedule = FeeSchedule.model_validate({"per_unit": {"field": "copies", "amount": 300}})
>>> compute_fee(schedule, {"copies": 3})
900
>>> schedule = FeeSchedule.model_validate(
...     {"base": 200, "add": [{"if": {"field": "express", "equals": True}, "amount": 500}],
...      "exempt_if": {"field": "welfare", "equals": "yes"}})
>>> compute_fee(schedule, {"express": True}), compute_fee(schedule, {"welfare": "yes"})
(700, 0)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StrictInt

from govforms.submissions.conditions import Condition

__all__ = ["ConditionalFee", "FeeSchedule", "PerUnitFee", "compute_fee"]

#: Upper bound for any amount in a schedule: ten million yen.
_MAX_AMOUNT = 10_000_000

Yen = Annotated[StrictInt, Field(ge=0, le=_MAX_AMOUNT)]


class PerUnitFee(BaseModel):
    """``amount`` yen for each unit counted by the ``number`` field ``field``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    field: Annotated[str, Field(min_length=1, max_length=64)]
    amount: Yen


class ConditionalFee(BaseModel):
    """``amount`` yen added when the condition (JSON key ``"if"``) holds."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    when: Condition = Field(alias="if")
    amount: Yen


class FeeSchedule(BaseModel):
    """The fee rules of one form (see the module docstring for the order they apply in)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    base: Yen = 0
    per_unit: PerUnitFee | None = None
    add: tuple[ConditionalFee, ...] = ()
    exempt_if: Condition | None = None
    max: Yen | None = None

    def fields(self) -> set[str]:
        """Names of every answer the schedule reads."""
        names = {rule.when.field for rule in self.add}
        if self.per_unit is not None:
            names.add(self.per_unit.field)
        if self.exempt_if is not None:
            names.add(self.exempt_if.field)
        return names


def compute_fee(schedule: FeeSchedule | None, values: Mapping[str, Any]) -> int:
    """The fee in yen for normalised answers ``values`` (0 without a schedule).

    A missing or hidden ``per_unit`` answer counts as 0 units.
    """
    if schedule is None:
        return 0
    if schedule.exempt_if is not None and schedule.exempt_if.compile()(values):
        return 0
    total = schedule.base
    if schedule.per_unit is not None:
        units = values.get(schedule.per_unit.field, 0)
        if isinstance(units, int) and not isinstance(units, bool):
            total += schedule.per_unit.amount * units
    for rule in schedule.add:
        if rule.when.compile()(values):
            total += rule.amount
    if schedule.max is not None:
        total = min(total, schedule.max)
    return total
