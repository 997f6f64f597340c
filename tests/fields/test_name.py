"""Person names: trimmed and joined, never rewritten; repertoire by round trip."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from govforms import ConfigurationError, FieldError
from govforms.fields import PersonName, is_valid_person_name, validate_person_name
from tests.conftest import check_error, raises_code


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("山田 太郎", "山田 太郎"),
        ("山田　太郎", "山田 太郎"),
        ("  渡邊   健\u3000", "渡邊 健"),
        ("齋藤\t一", "齋藤 一"),
        ("﨑山 花子", "﨑山 花子"),  # U+FA11 is in JIS X 0213
        ("ジョン スミス", "ジョン スミス"),
        ("Smith John", "Smith John"),
        ("たなか はなこ", "たなか はなこ"),
        ("辻 太郎", "辻 太郎"),
        ("山田", "山田"),
    ],
)
def test_accepts_and_joins(typed: str, expected: str) -> None:
    assert validate_person_name(typed) == expected


@pytest.mark.parametrize("name", ["\ufa10本 花子", "\ufa19田 一郎"])
def test_compatibility_ideographs_are_never_normalised(name: str) -> None:
    # NFC would rewrite these (塚 U+FA10 -> U+585A, 神 U+FA19 -> U+795E): a different name.
    assert unicodedata.normalize("NFC", name) != name
    assert validate_person_name(name) == name


@pytest.mark.parametrize(
    ("name", "charset", "ok"),
    [
        ("髙橋 一郎", "jisx0213", False),  # U+9AD9: cp932 only
        ("髙橋 一郎", "cp932", True),
        ("髙橋 一郎", "jisx0208", False),
        ("𠮷田 一郎", "jisx0213", False),  # U+20BB7: in neither
        ("𠮷田 一郎", "cp932", False),
        ("﨑山 一郎", "jisx0213", True),
        ("﨑山 一郎", "cp932", True),
        ("﨑山 一郎", "jisx0208", False),
        ("剝 一郎", "jisx0213", True),  # U+525D: JIS X 0213 plane 1
        ("剝 一郎", "jisx0208", False),
    ],
)
def test_repertoires(name: str, charset: str, ok: bool) -> None:
    assert is_valid_person_name(name, charset=charset) is ok  # type: ignore[arg-type]


def test_unsupported_characters_are_listed_with_positions() -> None:
    with raises_code(
        "name.unsupported_character",
        characters=["髙", "U+200B"],
        positions=[1, 3],
        charset="jisx0213",
    ):
        validate_person_name("髙橋\u200b一郎")


@pytest.mark.parametrize("bad", ["山田\x00太郎", "山田\u202e太郎", "山田\ufeff", "山\u2028田"])
def test_control_and_format_characters(bad: str) -> None:
    with raises_code("name.unsupported_character"):
        validate_person_name(bad, charset="cp932")


def test_empty_too_long_and_types() -> None:
    with raises_code("name.empty"):
        validate_person_name("\u3000 ")
    with raises_code("name.too_long", max_length=100, length=101):
        validate_person_name("あ" * 101)
    with raises_code("field.type"):
        validate_person_name(None)


def test_unknown_charset_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError) as info:
        validate_person_name("山田", charset="latin1")  # type: ignore[arg-type]
    check_error(info.value, "config.invalid_option", option="charset", value="latin1")


def test_person_name_model() -> None:
    name = PersonName(family="山田", given="太郎", family_kana="やまだ", given_kana="ﾀﾛｳ")
    assert (name.full, name.full_kana) == ("山田 太郎", "ヤマダ タロウ")
    assert PersonName(family="ヤマダ").full_kana is None
    with pytest.raises(ValidationError) as info:
        PersonName(family="髙橋", given_kana="タロウ－")
    types = {e["loc"][0]: e["type"] for e in info.value.errors()}
    assert types == {
        "family": "name.unsupported_character",
        "given_kana": "kana.invalid_character",
    }
    assert "髙橋" not in str(info.value)  # hide_input_in_errors


@given(st.text())
def test_value_or_field_error_and_never_rewritten(text: str) -> None:
    try:
        value = validate_person_name(text)
    except FieldError as error:
        check_error(error, error.code)
    else:
        assert value == validate_person_name(value)
        # Only spacing changed: the characters typed are all there, in order.
        assert value.replace(" ", "") == "".join(text.split(" ")).replace("\u3000", "").replace(
            "\t", ""
        )
