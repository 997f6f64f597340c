"""Katakana conversion and name readings."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from govforms import FieldError
from govforms.fields import NameKana, is_valid_name_kana, to_katakana, validate_name_kana
from tests.conftest import check_error, raises_code


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("やまだ たろう", "ヤマダ タロウ"),
        ("ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダ タロウ"),
        ("ｶﾞｷﾞｸﾞｹﾞｺﾞ", "ガギグゲゴ"),
        ("ﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ", "パピプペポ"),
        ("ﾊﾞﾋﾞﾌﾞﾍﾞﾎﾞ", "バビブベボ"),
        ("ｳﾞｨｸﾄﾙ", "ヴィクトル"),
        ("ｷｮｳｺ", "キョウコ"),
        ("きょうこ", "キョウコ"),
        ("ｼﾞｮｰｼﾞ", "ジョージ"),
        ("さゝき", "サヽキ"),
        ("いすゞ", "イスヾ"),
        ("ヤマダ\u3000タロウ", "ヤマダ タロウ"),
        ("  ヤマダ   タロウ  ", "ヤマダ タロウ"),
        ("ヤマダ\tタロウ", "ヤマダ タロウ"),
        ("カ\u3099ク\u309a", "ガク\u309a"),  # ク has no semi-voiced form: the mark is kept
        ("ハ\u309aン", "パン"),
        ("ぁぃぅぇぉっゃゅょゎ", "ァィゥェォッャュョヮ"),
        ("ゔ", "ヴ"),
        ("ABC", "ABC"),
        ("", ""),
    ],
)
def test_to_katakana(typed: str, expected: str) -> None:
    assert to_katakana(typed) == expected


def test_small_kana_are_never_enlarged() -> None:
    assert validate_name_kana("キョウコ") != validate_name_kana("キヨウコ")
    assert validate_name_kana("ｷｮｳｺ") == "キョウコ"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("ヤマダ タロウ", "ヤマダ タロウ"),
        ("やまだ　はなこ", "ヤマダ ハナコ"),
        ("ｽﾐｽ ｼﾞｮﾝ ﾎﾟｰﾙ", "スミス ジョン ポール"),
        ("ヴァイオレット", "ヴァイオレット"),
        ("ササキ", "ササキ"),
        ("サヽキ", "サヽキ"),
        ("ヶ", "ヶ"),
    ],
)
def test_validate_name_kana_accepts(typed: str, expected: str) -> None:
    assert validate_name_kana(typed) == expected
    assert validate_name_kana(expected) == expected


@pytest.mark.parametrize(
    ("typed", "characters", "positions"),
    [
        ("ヤマダ－タロウ", ["－"], [4]),
        ("ミラ―", ["―"], [3]),
        ("ミラ-", ["-"], [3]),
        ("ミラ‐", ["‐"], [3]),
        ("ミラ−", ["−"], [3]),
        ("山田 タロウ", ["山", "田"], [1, 2]),
        ("スミス・ジョン", ["・"], [4]),
        ("ヷヸ", ["ヷ", "ヸ"], [1, 2]),
        ("ﾜﾞ", ["ヷ"], [1]),
        ("ﾞタロウ", ["ﾞ"], [1]),
        ("タロウ\u200b", ["U+200B"], [4]),
        ("タ\nロウ", ["U+000A"], [2]),
        ("ABC", ["A", "B", "C"], [1, 2, 3]),
        ("タロウ1", ["1"], [4]),
    ],
)
def test_validate_name_kana_rejects(
    typed: str, characters: list[str], positions: list[int]
) -> None:
    with raises_code("kana.invalid_character", characters=characters, positions=positions):
        validate_name_kana(typed)
    assert not is_valid_name_kana(typed)


def test_kana_empty_and_too_long() -> None:
    with raises_code("kana.empty"):
        validate_name_kana(" \u3000 ")
    with raises_code("kana.too_long", max_length=100, length=101):
        validate_name_kana("ア" * 101)
    assert validate_name_kana("ア" * 5, max_length=5) == "アアアアア"


@pytest.mark.parametrize("value", [None, 3, b"abc"])
def test_kana_non_string(value: object) -> None:
    with raises_code("field.type"):
        to_katakana(value)
    with raises_code("field.type"):
        validate_name_kana(value)


class Reading(BaseModel):
    kana: NameKana


def test_name_kana_pydantic() -> None:
    assert Reading(kana="ﾔﾏﾀﾞ").kana == "ヤマダ"
    with pytest.raises(ValidationError) as info:
        Reading(kana="ヤマダ－")
    (error,) = info.value.errors()
    assert error["type"] == "kana.invalid_character"
    assert error["ctx"] == {"characters": ["－"], "positions": [4]}


@given(st.text())
def test_to_katakana_never_loses_a_non_space_character(text: str) -> None:
    converted = to_katakana(text)
    # Composition merges a kana with its mark; nothing else disappears.
    marks = sum(text.count(m) for m in "\uff9e\uff9f\u3099\u309a")
    kept = len([c for c in text if c not in " \u3000\t"])
    assert kept - marks <= len(converted.replace(" ", "")) <= kept


@given(st.text())
def test_validate_name_kana_value_or_error(text: str) -> None:
    try:
        value = validate_name_kana(text)
    except FieldError as error:
        check_error(error, error.code)
    else:
        assert value == validate_name_kana(value)
        assert value == value.strip() and "  " not in value
        assert all(
            c == " " or c == "ー" or 0x30A1 <= ord(c) <= 0x30F6 or c in "ヽヾ" for c in value
        )


@given(st.text(alphabet=st.characters(min_codepoint=0x3041, max_codepoint=0x3096), min_size=1))
def test_hiragana_always_becomes_valid_katakana(text: str) -> None:
    assert validate_name_kana(text) == "".join(chr(ord(c) + 0x60) for c in text)
