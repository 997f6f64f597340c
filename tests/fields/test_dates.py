"""Dates: Gregorian and 和暦 input, era boundaries, legal age."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from govforms import FieldError
from govforms.fields import (
    ERAS,
    JapaneseDate,
    age_on,
    date_of_reaching_age,
    format_wareki,
    is_valid_date,
    parse_date,
)
from tests.conftest import check_error, raises_code

D = dt.date


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2024-04-01", D(2024, 4, 1)),
        ("20240401", D(2024, 4, 1)),
        ("2024/4/1", D(2024, 4, 1)),
        ("2024.4.1", D(2024, 4, 1)),
        ("2024年4月1日", D(2024, 4, 1)),
        ("2024 年 4 月 1 日", D(2024, 4, 1)),
        ("２０２４年４月１日", D(2024, 4, 1)),
        ("２０２４－０４－０１", D(2024, 4, 1)),
        ("令和6年4月1日", D(2024, 4, 1)),
        ("令和元年5月1日", D(2019, 5, 1)),
        ("令和1年5月1日", D(2019, 5, 1)),
        ("R6.4.1", D(2024, 4, 1)),
        ("r6.4.1", D(2024, 4, 1)),
        ("Ｒ６．４．１", D(2024, 4, 1)),
        ("R06/04/01", D(2024, 4, 1)),
        ("H31/4/30", D(2019, 4, 30)),
        ("平成31年4月30日", D(2019, 4, 30)),
        ("平成元年1月8日", D(1989, 1, 8)),
        ("昭和64年1月7日", D(1989, 1, 7)),
        ("S39.10.10", D(1964, 10, 10)),
        ("昭和元年12月25日", D(1926, 12, 25)),
        ("大正15年12月25日", D(1926, 12, 25)),  # change-over day: both eras valid
        ("大正元年7月30日", D(1912, 7, 30)),
        ("明治45年7月30日", D(1912, 7, 30)),
        ("明治6年1月1日", D(1873, 1, 1)),
        ("M33.1.1", D(1900, 1, 1)),
        ("T12.9.1", D(1923, 9, 1)),
        ("平6年3月3日", D(1994, 3, 3)),
        ("㍻元年1月8日", D(1989, 1, 8)),
        ("㋿6年4月1日", D(2024, 4, 1)),
        ("㍼50年1月1日", D(1975, 1, 1)),
        ("令和６年４月１日", D(2024, 4, 1)),
        (" 2024-04-01 ", D(2024, 4, 1)),
        ("2024ー04ー01", D(2024, 4, 1)),
        ("2000-02-29", D(2000, 2, 29)),
    ],
)
def test_parse_date(typed: str, expected: dt.date) -> None:
    assert parse_date(typed) == expected


@pytest.mark.parametrize(
    ("typed", "era"),
    [
        ("平成31年5月1日", "平成"),
        ("昭和64年1月8日", "昭和"),
        ("令和元年4月30日", "令和"),
        ("大正元年7月29日", "大正"),
        ("明治46年1月1日", "明治"),
        ("令和0年5月1日", "令和"),
        ("H32.1.1", "平成"),
    ],
)
def test_era_out_of_range(typed: str, era: str) -> None:
    with raises_code("date.era_out_of_range", era=era):
        parse_date(typed)


@pytest.mark.parametrize("typed", ["2024年2月30日", "2023-02-29", "令和6年13月1日", "2024/4/31"])
def test_invalid_date(typed: str) -> None:
    with raises_code("date.invalid"):
        parse_date(typed)


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "24/4/1",
        "2024-4/1",
        "天保3年1月1日",
        "令和6年",
        "2024年4月",
        "X6.4.1",
        "昨日",
        "2024-04-01T00:00",
        "2024-04-01" + " " * 40,
        "２０２４年４月１日①",
    ],
)
def test_format(typed: str) -> None:
    with raises_code("date.format"):
        parse_date(typed)
    assert not is_valid_date(typed)


def test_before_gregorian_calendar() -> None:
    with raises_code("date.before_gregorian_calendar"):
        parse_date("明治5年12月2日")
    with raises_code("date.before_gregorian_calendar"):
        format_wareki(D(1872, 12, 31))
    assert parse_date("1850-01-01") == D(1850, 1, 1)  # explicit Gregorian input is fine


def test_date_objects_and_types() -> None:
    assert parse_date(D(2024, 4, 1)) == D(2024, 4, 1)
    with raises_code("field.type"):
        parse_date(dt.datetime(2024, 4, 1, 12, 0))
    with raises_code("field.type"):
        parse_date(20240401)
    with raises_code("field.type"):
        format_wareki("2024-04-01")


@pytest.mark.parametrize(
    ("day", "text", "letter"),
    [
        (D(2019, 5, 1), "令和元年5月1日", "R1.5.1"),
        (D(2019, 4, 30), "平成31年4月30日", "H31.4.30"),
        (D(1989, 1, 8), "平成元年1月8日", "H1.1.8"),
        (D(1989, 1, 7), "昭和64年1月7日", "S64.1.7"),
        (D(1926, 12, 25), "昭和元年12月25日", "S1.12.25"),
        (D(1912, 7, 30), "大正元年7月30日", "T1.7.30"),
        (D(1912, 7, 29), "明治45年7月29日", "M45.7.29"),
        (D(1873, 1, 1), "明治6年1月1日", "M6.1.1"),
        (D(2024, 12, 31), "令和6年12月31日", "R6.12.31"),
    ],
)
def test_format_wareki(day: dt.date, text: str, letter: str) -> None:
    assert format_wareki(day) == text
    assert format_wareki(day, letter=True) == letter
    assert parse_date(text) == day
    assert parse_date(letter) == day


@given(st.dates(min_value=D(1873, 1, 1), max_value=D(9999, 12, 31)))
def test_wareki_round_trip(day: dt.date) -> None:
    assert parse_date(format_wareki(day)) == day
    assert parse_date(format_wareki(day, letter=True)) == day
    assert parse_date(day.isoformat()) == day


def test_eras_are_contiguous() -> None:
    for older, newer in itertools.pairwise(ERAS):
        assert older.last is not None
        assert newer.first - older.last in (dt.timedelta(0), dt.timedelta(days=1))


@pytest.mark.parametrize(
    ("birth", "on", "age"),
    [
        (D(2000, 4, 2), D(2020, 4, 1), 19),
        (D(2000, 4, 2), D(2020, 4, 2), 20),
        (D(2000, 2, 29), D(2001, 2, 28), 0),
        (D(2000, 2, 29), D(2001, 3, 1), 1),
        (D(2000, 2, 29), D(2004, 2, 28), 3),
        (D(2000, 2, 29), D(2004, 2, 29), 4),
        (D(2000, 1, 1), D(2000, 1, 1), 0),
        (D(1990, 12, 31), D(2024, 12, 30), 33),
    ],
)
def test_age_on(birth: dt.date, on: dt.date, age: int) -> None:
    assert age_on(birth, on) == age


def test_age_on_bad_input() -> None:
    with raises_code("date.before_birth"):
        age_on(D(2000, 1, 2), D(2000, 1, 1))
    with raises_code("field.type"):
        age_on("2000-01-01", D(2000, 1, 1))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("birth", "years", "day"),
    [
        (D(2006, 4, 1), 18, D(2024, 3, 31)),
        (D(2006, 4, 2), 18, D(2024, 4, 1)),
        (D(2004, 2, 29), 1, D(2005, 2, 28)),
        (D(2004, 2, 29), 4, D(2008, 2, 28)),
        (D(2000, 1, 1), 20, D(2019, 12, 31)),
    ],
)
def test_date_of_reaching_age(birth: dt.date, years: int, day: dt.date) -> None:
    assert date_of_reaching_age(birth, years) == day


def test_date_of_reaching_age_bad_input() -> None:
    with raises_code("field.type"):
        date_of_reaching_age(D(2000, 1, 1), -1)
    with raises_code("field.type"):
        date_of_reaching_age(D(2000, 1, 1), True)
    with raises_code("date.invalid"):
        date_of_reaching_age(D(9000, 1, 1), 1000)
    with raises_code("date.invalid"):
        date_of_reaching_age(D(1, 1, 1), 0)


@given(st.dates(max_value=D(9000, 1, 1)), st.integers(0, 120))
def test_age_is_reached_the_day_after(birth: dt.date, years: int) -> None:
    day = date_of_reaching_age(birth, years) if (birth, years) != (D(1, 1, 1), 0) else None
    if day is None or day < birth:
        return
    assert age_on(birth, day + dt.timedelta(days=1)) == years
    if day > birth:
        assert age_on(birth, day) == years - 1


class Applicant(BaseModel):
    birth_date: JapaneseDate


def test_pydantic_date() -> None:
    assert Applicant(birth_date="昭和39年10月10日").model_dump(mode="json") == {
        "birth_date": "1964-10-10"
    }
    with pytest.raises(ValidationError) as info:
        Applicant(birth_date="平成31年5月1日")
    (error,) = info.value.errors()
    assert error["type"] == "date.era_out_of_range"
    assert error["ctx"] == {"era": "平成", "span": "1989-01-08 – 2019-04-30"}


@given(st.text())
def test_value_or_field_error(text: str) -> None:
    try:
        day = parse_date(text)
    except FieldError as error:
        check_error(error, error.code)
    else:
        assert parse_date(day.isoformat()) == day
