"""Webhook signatures: HMAC-SHA256 over "t.body", rotation, tolerance, forged and replayed."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govforms.errors import ConfigurationError, PaymentError
from govforms.payments import (
    SIGNATURE_HEADER,
    SignatureHeader,
    WebhookSecret,
    get_signature_header,
    parse_signature_header,
    sign_webhook,
    verify_webhook,
)
from tests.conftest import check_error, raises_code

NOW = datetime(2026, 4, 1, 3, 0, tzinfo=UTC)
BODY = b'{"id":"evt_1","type":"payment.succeeded"}'
SECRET = "whsec_test_one"
OTHER = "whsec_test_two"


def test_signature_is_hmac_sha256_of_timestamp_dot_body() -> None:
    header = sign_webhook(BODY, SECRET, now=NOW)
    ts = int(NOW.timestamp())
    expected = hmac.new(SECRET.encode(), f"{ts}.".encode() + BODY, hashlib.sha256).hexdigest()
    assert header == f"t={ts},v1={expected}"
    assert verify_webhook(BODY, header, SECRET, now=NOW) == ts


def test_verification_is_on_the_raw_bytes() -> None:
    header = sign_webhook(BODY, SECRET, now=NOW)
    reserialised = b'{"id": "evt_1", "type": "payment.succeeded"}'
    with raises_code("webhook.bad_signature"):
        verify_webhook(reserialised, header, SECRET, now=NOW)
    with raises_code("webhook.body_not_bytes", actual="str"):
        verify_webhook(BODY.decode(), header, SECRET, now=NOW)  # type: ignore[arg-type]
    assert verify_webhook(bytearray(BODY), header, SECRET, now=NOW)  # type: ignore[arg-type]


def test_forged_signature_and_wrong_secret() -> None:
    header = sign_webhook(BODY, "whsec_attacker", now=NOW)
    with raises_code("webhook.bad_signature"):
        verify_webhook(BODY, header, SECRET, now=NOW)
    good = sign_webhook(BODY, SECRET, now=NOW)
    flipped = good[:-1] + ("0" if good[-1] != "0" else "1")
    with raises_code("webhook.bad_signature"):
        verify_webhook(BODY, flipped, SECRET, now=NOW)
    # A valid signature moved to another timestamp no longer matches.
    ts = int(NOW.timestamp())
    moved = good.replace(f"t={ts}", f"t={ts + 1}")
    with raises_code("webhook.bad_signature"):
        verify_webhook(BODY, moved, SECRET, now=NOW)


def test_rotation_sender_signs_with_both_receiver_holds_either() -> None:
    header = sign_webhook(BODY, [OTHER, SECRET], now=NOW)
    assert header.count("v1=") == 2
    assert verify_webhook(BODY, header, SECRET, now=NOW)
    assert verify_webhook(BODY, header, OTHER, now=NOW)
    old_only = sign_webhook(BODY, SECRET, now=NOW)
    assert verify_webhook(BODY, old_only, [OTHER, SECRET], now=NOW)
    with raises_code("webhook.bad_signature"):
        verify_webhook(BODY, old_only, [OTHER], now=NOW)


@pytest.mark.parametrize("seconds", [-301, 301, 3600, -86400])
def test_timestamp_outside_the_tolerance_is_stale(seconds: int) -> None:
    header = sign_webhook(BODY, SECRET, now=NOW)
    with raises_code("webhook.stale_timestamp", tolerance=300):
        verify_webhook(BODY, header, SECRET, now=NOW + timedelta(seconds=seconds))


@pytest.mark.parametrize("seconds", [-300, 0, 299, 300])
def test_timestamp_within_the_tolerance(seconds: int) -> None:
    header = sign_webhook(BODY, SECRET, now=NOW)
    assert verify_webhook(BODY, header, SECRET, now=NOW + timedelta(seconds=seconds))


def test_forged_and_old_is_reported_as_forged() -> None:
    header = sign_webhook(BODY, "whsec_attacker", now=NOW - timedelta(days=1))
    with raises_code("webhook.bad_signature"):
        verify_webhook(BODY, header, SECRET, now=NOW)


def test_custom_tolerance() -> None:
    header = sign_webhook(BODY, SECRET, now=NOW)
    later = NOW + timedelta(seconds=60)
    with raises_code("webhook.stale_timestamp", tolerance=30):
        verify_webhook(BODY, header, SECRET, now=later, tolerance=30)
    with raises_code("config.invalid_option"):
        verify_webhook(BODY, header, SECRET, now=NOW, tolerance=-1)
    with raises_code("config.invalid_option"):
        verify_webhook(BODY, header, SECRET, now=datetime(2026, 4, 1))


def test_missing_header() -> None:
    with raises_code("webhook.missing_signature", header=SIGNATURE_HEADER):
        verify_webhook(BODY, None, SECRET, now=NOW)


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        ("", "bad_item"),
        ("t=1", "missing_v1"),
        ("v1=" + "a" * 64, "missing_timestamp"),
        ("t=1,t=2,v1=" + "a" * 64, "duplicate_timestamp"),
        ("t=-1,v1=" + "a" * 64, "bad_timestamp"),
        ("t=１２,v1=" + "a" * 64, "bad_timestamp"),
        ("t=1234567890123,v1=" + "a" * 64, "bad_timestamp"),
        ("t=1,v1=" + "g" * 64, "bad_v1"),
        ("t=1,v1=" + "a" * 63, "bad_v1"),
        ("t=1;v1=" + "a" * 64, "bad_timestamp"),
        ("t=1,V1=" + "a" * 64, "bad_item"),
        ("t=1,v1=" + "a" * 64 + ",junk", "bad_item"),
        ("t=1" + (",v1=" + "a" * 64) * 9, "too_many_signatures"),
        ("t=1,v1=" + "a" * 64 + " " * 5000, "too_long"),
    ],
)
def test_malformed_headers(header: str, reason: str) -> None:
    with raises_code("webhook.malformed_header", reason=reason):
        parse_signature_header(header)
    with raises_code("webhook.malformed_header", reason=reason):
        verify_webhook(BODY, header, SECRET, now=NOW)


def test_header_parsing_tolerates_spaces_and_unknown_schemes() -> None:
    parsed = parse_signature_header(f"t=12 , v0=abc, v1={'ab' * 32},v1={'CD' * 32}")
    assert parsed == SignatureHeader(12, (bytes.fromhex("ab" * 32), bytes.fromhex("cd" * 32)))
    assert "ab" not in repr(parsed)


def test_header_lookup_is_case_insensitive() -> None:
    assert get_signature_header({"govforms-signature": "x"}) == "x"
    assert get_signature_header({"GOVFORMS-SIGNATURE": "y", "Other": "z"}) == "y"
    assert get_signature_header({"Other": "z"}) is None


def test_secrets_never_show() -> None:
    secret = WebhookSecret(SECRET)
    assert SECRET not in repr(secret) and SECRET not in str(secret)
    assert secret.reveal() == SECRET.encode()
    header = sign_webhook(BODY, "whsec_attacker", now=NOW)
    with pytest.raises(PaymentError) as info:
        verify_webhook(BODY, header, secret, now=NOW)
    assert SECRET not in repr(info.value) and SECRET not in str(info.value)
    for empty in ("", b"", []):
        with pytest.raises(ConfigurationError) as config_info:
            sign_webhook(BODY, empty, now=NOW)  # type: ignore[arg-type]
        check_error(config_info.value, "webhook.secret_invalid")


@given(st.text(max_size=300))
def test_any_text_parses_or_raises_a_coded_error(text: str) -> None:
    try:
        parsed = parse_signature_header(text)
    except PaymentError as error:
        check_error(error, "webhook.malformed_header")
    else:
        assert parsed.signatures and all(len(s) == 32 for s in parsed.signatures)
        assert 0 <= parsed.timestamp < 10**12


@given(
    st.integers(min_value=0, max_value=10**12 - 1),
    st.lists(st.binary(min_size=32, max_size=32), min_size=1, max_size=8),
    st.booleans(),
)
def test_formatted_headers_round_trip(ts: int, sigs: list[bytes], spaces: bool) -> None:
    sep = " , " if spaces else ","
    header = sep.join([f"t={ts}", *(f"v1={s.hex()}" for s in sigs)])
    assert parse_signature_header(header) == SignatureHeader(ts, tuple(sigs))


@given(st.binary(max_size=200), st.binary(max_size=200))
def test_any_body_signed_verifies_and_any_other_body_does_not(body: bytes, other: bytes) -> None:
    header = sign_webhook(body, SECRET, now=NOW)
    assert verify_webhook(body, header, SECRET, now=NOW) == int(NOW.timestamp())
    if other != body:
        with pytest.raises(PaymentError) as info:
            verify_webhook(other, header, SECRET, now=NOW)
        assert info.value.code == "webhook.bad_signature"
