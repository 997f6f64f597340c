"""RFC 8785 (JCS) canonicalisation for the JSON subset govforms signs."""

from __future__ import annotations

import json
from types import MappingProxyType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govforms.errors import ConfigurationError
from govforms.submissions import canonical_json
from govforms.submissions.canonical import MAX_SAFE_INTEGER
from tests.conftest import check_error, raises_code


def test_rfc8785_string_example() -> None:
    # RFC 8785 section 3.2.2.2: the "string" member of the sample input.
    value = {"string": "\u20ac$\u000f\u000aA'\u0042\u0022\u005c\\\"/"}
    expected = '{"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}'
    assert canonical_json(value) == expected.encode("utf-8")


def test_rfc8785_literals_example() -> None:
    # RFC 8785 section 3.2.2.1: "literals": [null, true, false].
    assert canonical_json({"literals": [None, True, False]}) == b'{"literals":[null,true,false]}'


def test_rfc8785_sorting_example() -> None:
    # RFC 8785 section 3.2.3: members sorted by UTF-16 code units.
    value = {
        "\u20ac": "Euro Sign",
        "\r": "Carriage Return",
        "\ufb33": "Hebrew Letter Dalet With Dagesh",
        "1": "One",
        "\U0001f600": "Emoji: Grinning Face",
        "\u0080": "Control",
        "\u00f6": "Latin Small Letter O With Diaeresis",
    }
    keys = list(json.loads(canonical_json(value)))
    assert keys == ["\r", "1", "\u0080", "\u00f6", "\u20ac", "\U0001f600", "\ufb33"]


def test_rfc8785_sample_without_numbers() -> None:
    # RFC 8785 section 3.2.2's sample, minus the "numbers" member (floats are out of our subset).
    value = {
        "literals": [None, True, False],
        "string": "\u20ac$\u000f\u000aA'\u0042\u0022\u005c\\\"/",
    }
    expected = '{"literals":[null,true,false],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}'
    assert canonical_json(value) == expected.encode("utf-8")


def test_astral_key_sorts_before_high_bmp() -> None:
    # Code point order would put U+FB33 first; UTF-16 puts the surrogate pair (D83D) first.
    assert canonical_json({"\ufb33": 1, "\U0001f600": 2}) == (
        '{"\U0001f600":2,"\ufb33":1}'.encode()
    )


def test_mappings_and_tuples() -> None:
    assert canonical_json(MappingProxyType({"b": (1, 2), "a": []})) == b'{"a":[],"b":[1,2]}'


def test_integers_at_the_limit() -> None:
    assert canonical_json([MAX_SAFE_INTEGER, -MAX_SAFE_INTEGER]) == (
        b"[9007199254740991,-9007199254740991]"
    )


@pytest.mark.parametrize(
    ("value", "path", "kind"),
    [
        ({"fee": 1.0}, "fee", "float"),
        ({"a": [1, MAX_SAFE_INTEGER + 1]}, "a.1", "large int"),
        ({"a": {"b": "\ud800"}}, "a.b", "lone surrogate"),
        ({1: "x"}, "(root)", "int"),
        ({"s": {1, 2}}, "s", "set"),
        ({"b": b"x"}, "b", "bytes"),
    ],
)
def test_refused(value: object, path: str, kind: str) -> None:
    with raises_code("submission.not_canonicalisable", path=path, type=kind):
        canonical_json(value)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-MAX_SAFE_INTEGER, MAX_SAFE_INTEGER)
    | st.text(st.characters(max_codepoint=0xFFFF, exclude_categories=("Cs",))),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.text(st.characters(max_codepoint=0xFFFF, exclude_categories=("Cs",)), max_size=5),
            children,
            max_size=4,
        )
    ),
    max_leaves=20,
)


@given(json_values)
def test_matches_sorted_compact_json_in_the_bmp(value: object) -> None:
    # Within the BMP, UTF-16 order is code point order, and Python's escaping of control
    # characters is ECMAScript's: the canonical form is json.dumps(sort_keys=True) in UTF-8.
    expected = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert canonical_json(value) == expected.encode("utf-8")


@given(json_values)
def test_round_trips_through_json(value: object) -> None:
    assert json.loads(canonical_json(value)) == value
    assert canonical_json(json.loads(canonical_json(value))) == canonical_json(value)


@given(st.dictionaries(st.text(), st.text(), max_size=6))
def test_any_text_is_signed_or_refused_with_a_code(value: dict[str, str]) -> None:
    try:
        data = canonical_json(value)
    except ConfigurationError as error:
        check_error(error, "submission.not_canonicalisable")
    else:
        assert json.loads(data) == value


_full_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=8)
_full_values = st.recursive(
    st.none() | st.booleans() | st.integers(-MAX_SAFE_INTEGER, MAX_SAFE_INTEGER) | _full_text,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(_full_text, children, max_size=4)
    ),
    max_leaves=20,
)


@given(_full_values)
def test_agrees_with_the_rfc8785_package(value: object) -> None:
    # An independent implementation (the "rfc8785" package by Trail of Bits, not a govforms
    # dependency): compared over the whole Unicode range, astral keys included, when installed.
    rfc8785 = pytest.importorskip("rfc8785")
    assert canonical_json(value) == rfc8785.dumps(value)
