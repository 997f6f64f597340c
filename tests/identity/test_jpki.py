"""Decoding the four basic items and the raw DER helper."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govforms.identity._der import DERError, decode_explicit_utf8, encode_explicit_utf8, read_tlv
from govforms.identity.jpki import JPKIIdentity, parse_birth_date
from tests.conftest import raises_code


@given(st.text(max_size=300))
def test_der_round_trip(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates cannot be UTF-8
        return
    assert decode_explicit_utf8(encode_explicit_utf8(text)) == text


def test_der_known_bytes() -> None:
    """X.690 by hand, so the round trip above is not the only check: [0] EXPLICIT (0xA0),
    length 8, UTF8String (0x0C), length 6, the UTF-8 of 山田."""
    known = bytes.fromhex("a0080c06e5b1b1e794b0")
    assert encode_explicit_utf8("山田") == known
    assert decode_explicit_utf8(known) == "山田"


@given(st.binary(max_size=64))
def test_der_garbage(data: bytes) -> None:
    with contextlib.suppress(DERError):
        assert isinstance(decode_explicit_utf8(data), str)


@pytest.mark.parametrize(
    "data",
    [
        b"\x0c\x01a",  # no [0] wrapper
        b"\xa0\x03\x13\x01a",  # PrintableString, not UTF8String
        b"\xa0\x03\x0c\x01a\x00",  # trailing byte
        b"\xa0\x81\x03\x0c\x01a",  # non-minimal length
        b"\xa0\x03\x0c\x01\xff",  # invalid UTF-8
        b"\xa0\x05\x0c\x03ab",  # truncated
        b"\xbf\x01\x00",  # multi-byte tag
    ],
)
def test_der_rejects(data: bytes) -> None:
    with pytest.raises(DERError):
        decode_explicit_utf8(data)


def test_long_lengths() -> None:
    text = "あ" * 200
    encoded = encode_explicit_utf8(text)
    assert encoded[1] == 0x82
    tag, _, end = read_tlv(encoded)
    assert (tag, end) == (0xA0, len(encoded))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("419800101", dt.date(1980, 1, 1)),
        ("320000229", dt.date(2000, 2, 29)),
        ("519900401", dt.date(1990, 4, 1)),  # the date is Gregorian whatever the era digit
    ],
)
def test_birth_date(value: str, expected: dt.date) -> None:
    assert parse_birth_date(value) == expected


@pytest.mark.parametrize(
    "value", ["", "19800101", "4198001011", "4198013a1", "４19800101", "419000229"]
)
def test_birth_date_rejects(value: str) -> None:
    with raises_code("identity.certificate_malformed", part="birth_date"):
        parse_birth_date(value)


def test_identity_repr_is_masked() -> None:
    identity = JPKIIdentity(
        name="山田　太郎",
        birth_date=dt.date(1970, 1, 2),
        gender="1",
        address="北海道札幌市",
        birth_era=3,
    )
    text = repr(identity)
    assert "山田" not in text and "1970" not in text and "札幌" not in text
    assert identity.name == "山田　太郎"
