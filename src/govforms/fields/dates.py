"""Dates as residents write them: Gregorian or Japanese era (和暦), and legal age.

Stored as Gregorian ``datetime.date`` (Digital Agency data standard DS-441: ``YYYY-MM-DD``);
shown in 和暦 with :func:`format_wareki` where residents expect it.

Era first days: 明治 1868-01-25, 大正 1912-07-30, 昭和 1926-12-25, 平成 1989-01-08, 令和
2019-05-01. On 1912-07-30 and 1926-12-25 both the old and the new era were in use, so both are
accepted; :func:`format_wareki` writes the new era. The first year of an era is written 元年.
Japan used a lunisolar calendar until 明治5年12月2日: an era date before 明治6年 (1873-01-01) is
not a Gregorian date, so :func:`parse_date` refuses it (``date.before_gregorian_calendar``)
rather than convert it wrongly.

Accepted forms (full-width digits, hyphen look-alikes and spaces between parts too):
``2024-04-01``, ``20240401``, ``2024/4/1``, ``2024.4.1``, ``2024年4月1日``, ``令和6年4月1日``,
``令和元年5月1日``, ``R6.4.1``, ``H31/4/30``, ``Ｒ６．４．１``, ``㋿6年4月1日``.

>>> parse_date("令和元年5月1日")
datetime.date(2019, 5, 1)
>>> parse_date("H31/4/30")
datetime.date(2019, 4, 30)
>>> format_wareki(datetime.date(2019, 5, 1))
'令和元年5月1日'
>>> age_on(datetime.date(2000, 2, 29), datetime.date(2001, 3, 1))
1
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Final

import attrs

from govforms._text import DIGITS, HYPHENS, check_str
from govforms.errors import FieldError
from govforms.fields._pydantic import FieldValidator

__all__ = [
    "ERAS",
    "Era",
    "JapaneseDate",
    "age_on",
    "date_of_reaching_age",
    "format_wareki",
    "is_valid_date",
    "parse_date",
]


@attrs.frozen(slots=True)
class Era:
    """A Japanese era: its name, letter code, numeric code and span (``last`` inclusive)."""

    name: str
    letter: str
    number: int
    first: datetime.date
    last: datetime.date | None

    def contains(self, day: datetime.date) -> bool:
        """Whether ``day`` was a day of this era."""
        return self.first <= day and (self.last is None or day <= self.last)

    def span(self) -> str:
        """The span as text, ``1989-01-08 – 2019-04-30`` (open-ended for the current era)."""
        last = self.last.isoformat() if self.last else ""
        return f"{self.first.isoformat()} – {last}".rstrip()


#: The eras govforms reads and writes, oldest first.
ERAS: Final[tuple[Era, ...]] = (
    Era("明治", "M", 1, datetime.date(1868, 1, 25), datetime.date(1912, 7, 30)),
    Era("大正", "T", 2, datetime.date(1912, 7, 30), datetime.date(1926, 12, 25)),
    Era("昭和", "S", 3, datetime.date(1926, 12, 25), datetime.date(1989, 1, 7)),
    Era("平成", "H", 4, datetime.date(1989, 1, 8), datetime.date(2019, 4, 30)),
    Era("令和", "R", 5, datetime.date(2019, 5, 1), None),
)
_GREGORIAN_ADOPTED: Final = datetime.date(1873, 1, 1)
_BY_NAME: Final[dict[str, Era]] = {}
for _era in ERAS:
    _BY_NAME[_era.name] = _era
    _BY_NAME[_era.name[0]] = _era
    _BY_NAME[_era.letter] = _era
    _BY_NAME[_era.letter.lower()] = _era
for _sign, _era in zip("㍾㍽㍼㍻㋿", ERAS, strict=True):
    _BY_NAME[_sign] = _era

# Digits and hyphen look-alikes as everywhere (govforms._text), plus the full-width slash, dot,
# space and era letters that dates add.
_TABLE: Final = str.maketrans(
    {c: d for c, d in DIGITS.items() if c != d}
    | dict.fromkeys(HYPHENS - {"-"}, "-")
    | dict(zip("／．\u3000ＭＴＳＨＲｍｔｓｈｒ", "/. MTSHRmtshr", strict=True))
)
_ERA_KEYS: Final = "|".join(sorted((re.escape(k) for k in _BY_NAME), key=len, reverse=True))
_KANJI_YMD: Final = r"\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
_SEP_YMD: Final = r"\s*([-/.])\s*(\d{1,2})\s*\3\s*(\d{1,2})"
_PATTERNS: Final = (
    (re.compile(r"(\d{4})" + _KANJI_YMD), False),
    (re.compile(r"(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})"), False),
    (re.compile(r"(\d{4})(\d{2})(\d{2})"), False),
    (re.compile(f"({_ERA_KEYS})\\s*(元|\\d{{1,4}})" + _KANJI_YMD), True),
    (
        re.compile(
            f"({_ERA_KEYS})\\s*(元|\\d{{1,4}})\\s*([-/.])\\s*(\\d{{1,2}})\\s*\\3\\s*(\\d{{1,2}})"
        ),
        True,
    ),
)
_MAX_LENGTH: Final = 40


def _make_date(year: int, month: int, day: int) -> datetime.date:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise FieldError("date.invalid") from None


def parse_date(value: object) -> datetime.date:
    """Read a date written in Gregorian or Japanese-era form; see the module docs for forms.

    Codes: ``date.format`` (not a date form govforms reads), ``date.invalid`` (no such day,
    like 2月30日), ``date.era_out_of_range`` (``era``, ``span``: 平成31年5月1日 or 昭和64年1月8日),
    ``date.before_gregorian_calendar`` (an era date before 明治6年).

    >>> parse_date("２０２４年４月１日")
    datetime.date(2024, 4, 1)
    >>> parse_date("平成31年5月1日")
    Traceback (most recent call last):
    govforms.errors.FieldError: [date.era_out_of_range] 平成 covers 1989-01-08 – 2019-04-30; ...
    """
    if isinstance(value, datetime.datetime):
        raise FieldError("field.type", expected="date", actual="datetime")
    if isinstance(value, datetime.date):
        return value
    text = check_str(value, "string")
    if len(text) > _MAX_LENGTH:
        raise FieldError("date.format")
    text = text.translate(_TABLE).strip()
    for pattern, is_era in _PATTERNS:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        if not is_era:
            groups = [g for g in match.groups() if g not in ("-", "/", ".")]
            return _make_date(int(groups[0]), int(groups[1]), int(groups[2]))
        era = _BY_NAME[match.group(1)]
        era_year = 1 if match.group(2) == "元" else int(match.group(2))
        month, day = (int(g) for g in match.groups()[-2:])
        if era_year < 1:
            raise FieldError("date.era_out_of_range", era=era.name, span=era.span())
        result = _make_date(era.first.year + era_year - 1, month, day)
        if not era.contains(result):
            raise FieldError("date.era_out_of_range", era=era.name, span=era.span())
        if result < _GREGORIAN_ADOPTED:
            raise FieldError("date.before_gregorian_calendar")
        return result
    raise FieldError("date.format")


def is_valid_date(value: object) -> bool:
    """``True`` when :func:`parse_date` would accept ``value``; never raises."""
    try:
        parse_date(value)
    except FieldError:
        return False
    return True


def era_of(day: datetime.date) -> Era:
    """The era :func:`format_wareki` writes for ``day`` (the newer one on a change-over day)."""
    for era in reversed(ERAS):
        if era.contains(day):
            return era
    raise FieldError("date.era_out_of_range", era=ERAS[0].name, span=ERAS[0].span())


def format_wareki(day: object, *, letter: bool = False) -> str:
    """``date(2019, 5, 1)`` -> ``令和元年5月1日`` (or ``R1.5.1`` with ``letter=True``).

    Dates before 1873-01-01 raise ``date.before_gregorian_calendar``: Japan's dates then were
    lunisolar and a Gregorian month and day would be wrong.

    >>> format_wareki(datetime.date(1989, 1, 7))
    '昭和64年1月7日'
    >>> format_wareki(datetime.date(2024, 4, 1), letter=True)
    'R6.4.1'
    """
    day = _check_date(day)
    if day < _GREGORIAN_ADOPTED:
        raise FieldError("date.before_gregorian_calendar")
    era = era_of(day)
    year = day.year - era.first.year + 1
    if letter:
        return f"{era.letter}{year}.{day.month}.{day.day}"
    year_text = "元" if year == 1 else str(year)
    return f"{era.name}{year_text}年{day.month}月{day.day}日"


def _check_date(day: object) -> datetime.date:
    """``day`` if it is a ``date`` (not a ``datetime``), else ``field.type``."""
    if isinstance(day, datetime.datetime) or not isinstance(day, datetime.date):
        raise FieldError("field.type", expected="date", actual=type(day).__name__)
    return day


def age_on(birth: datetime.date, on: datetime.date) -> int:
    """A person's age on day ``on`` under 年齢計算ニ関スル法律 and 民法143条.

    A person becomes a year older at the end of the day before the birthday, so on the birthday
    itself the new age holds. Someone born on 29 February becomes a year older at the end of
    28 February in common years: from 1 March. Raises ``date.before_birth`` when ``on`` is
    before ``birth``.

    >>> age_on(datetime.date(2000, 4, 2), datetime.date(2020, 4, 1))
    19
    >>> age_on(datetime.date(2000, 4, 2), datetime.date(2020, 4, 2))
    20
    >>> age_on(datetime.date(2004, 2, 29), datetime.date(2005, 2, 28))
    0
    """
    _check_date(birth)
    _check_date(on)
    if on < birth:
        raise FieldError("date.before_birth")
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def date_of_reaching_age(birth: datetime.date, years: int) -> datetime.date:
    """The day at whose end a person born on ``birth`` reaches ``years`` years of age.

    That is the day before the birthday (民法143条); for someone born on 29 February it is
    28 February in every year. ``years`` must be a non-negative ``int``.

    >>> date_of_reaching_age(datetime.date(2006, 4, 1), 18)
    datetime.date(2024, 3, 31)
    >>> date_of_reaching_age(datetime.date(2004, 2, 29), 1)
    datetime.date(2005, 2, 28)
    """
    _check_date(birth)
    if isinstance(years, bool) or not isinstance(years, int) or years < 0:
        raise FieldError("field.type", expected="non-negative integer", actual=repr(years))
    year = birth.year + years
    if year > datetime.MAXYEAR:
        raise FieldError("date.invalid")
    if birth.month == 2 and birth.day == 29:
        return datetime.date(year, 2, 28)
    try:
        return datetime.date(year, birth.month, birth.day) - datetime.timedelta(days=1)
    except OverflowError:
        raise FieldError("date.invalid") from None


#: A date as a pydantic field: any form :func:`parse_date` reads; serialised as ISO 8601.
JapaneseDate = Annotated[
    datetime.date,
    FieldValidator(
        parse_date,
        {
            "type": "string",
            "description": "A Gregorian (ISO 8601) or Japanese-era date; stored as ISO 8601.",
            "examples": ["2024-04-01", "令和6年4月1日"],
        },
        serialize=lambda day: day.isoformat(),
    ),
]
