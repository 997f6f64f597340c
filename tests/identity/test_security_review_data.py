"""Adversarial review, part 3: the verification cache, the four basic items' encoding, and
personal data in ``repr``/``str``/errors (see ``test_security_review.py`` for the rest)."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from govforms.errors import GovFormsError
from govforms.identity import (
    CRLSource,
    validate_path,
    verify_authentication,
    verify_signature,
)
from govforms.identity.jpki import OID_ADDRESS, OID_BIRTH_DATE, OID_GENDER, OID_NAME
from govforms.identity.testing import FakeIssuer, FakeJPKI, FakeMyNumberCard, pool_key
from tests.conftest import raises_code
from tests.identity.helpers import NOW, basic_items, card_certificate, clock, resign
from tests.identity.test_security_review import DATA, PIN, verify, verify_card

DER = serialization.Encoding.DER
NAME, ADDRESS, BIRTH = "個人　情報子", "北海道札幌市中央区北1条西2丁目", dt.date(1987, 11, 23)


@pytest.fixture(scope="module")
def fake() -> FakeJPKI:
    return FakeJPKI(clock=clock, seed=13)


@pytest.fixture(scope="module")
def root(fake: FakeJPKI) -> FakeIssuer:
    return fake.issuer()


@pytest.fixture
def card(fake: FakeJPKI) -> FakeMyNumberCard:
    return fake.issue_card(name=NAME, birth_date=BIRTH, gender="2", address=ADDRESS)


# -- the verification cache never stands in for a check that depends on the call -----------------


def test_cache_is_per_trust_store(fake: FakeJPKI, card: FakeMyNumberCard) -> None:
    """A path cached in one store is not found through another, even one of the same shape."""
    verify_card(card, fake.trust_store(), require_revocation=False)
    lookalike = FakeJPKI(clock=clock, seed=14).trust_store()  # same root names, other keys
    with raises_code("identity.untrusted_issuer", reason="signature"):
        verify_card(card, lookalike, require_revocation=False)


def test_cache_does_not_skip_time_revocation_or_test_policy(
    fake: FakeJPKI, card: FakeMyNumberCard
) -> None:
    trust = fake.trust_store()
    verify_card(card, trust, revocation=fake.crl_source())
    end = card.signature_certificate.not_valid_after_utc
    with raises_code("identity.certificate_expired", position="end_entity"):
        verify_card(card, trust, at=end + dt.timedelta(seconds=1), require_revocation=False)
    with raises_code("identity.certificate_not_yet_valid", position="end_entity"):
        verify_card(card, trust, at=NOW - dt.timedelta(days=1), require_revocation=False)
    with raises_code("identity.revocation_unavailable", reason="no_source"):
        verify_card(card, trust)
    with raises_code("identity.policy", reason="test_card"):
        verify_card(card, trust, allow_test_cards=False, require_revocation=False)
    later = FakeJPKI(clock=clock, seed=13)  # the same fake, to revoke without side effects
    later.revoke(card, "keyCompromise", at=NOW - dt.timedelta(minutes=1))
    with raises_code("identity.certificate_revoked", reason="keyCompromise"):
        verify_card(card, trust, revocation=later.crl_source())


def test_generic_path_cache_does_not_skip_the_jpki_profile(
    fake: FakeJPKI, root: FakeIssuer
) -> None:
    """``validate_path`` (no profile) caches under its own tag: the same certificate, without a
    keyUsage, must still fail the JPKI profile afterwards."""
    trust = fake.trust_store()
    cert, key = card_certificate(root, usage=None, serial=901)
    assert validate_path(cert, trust=trust, at=NOW, require_revocation=False)[0] == cert
    with raises_code("identity.key_usage", position="end_entity"):
        verify(cert, key, trust)


def test_login_policy_is_part_of_the_cache_key(fake: FakeJPKI, card: FakeMyNumberCard) -> None:
    trust = fake.trust_store("authentication")
    options = {"trust": trust, "at": NOW, "require_revocation": False}
    login = card.authenticate(DATA, pin="1234")
    verify_authentication(DATA, login, card.authentication_certificate, **options)  # type: ignore[arg-type]
    with raises_code("identity.policy", reason="missing"):
        verify_authentication(
            DATA,
            login,
            card.authentication_certificate,
            policies=["1.2.3.4"],
            **options,  # type: ignore[arg-type]
        )


def test_twin_certificate_with_a_forged_signature_is_not_served_from_the_cache(
    fake: FakeJPKI, card: FakeMyNumberCard
) -> None:
    """Same tbsCertificate (serial, issuer, four basic items, key), signature by a stranger:
    certificates are cached by their whole DER, so the twin is verified afresh and refused."""
    trust = fake.trust_store()
    genuine = card.signature_certificate.public_bytes(DER)
    verify_card(card, trust, require_revocation=False)
    verify_signature(
        DATA,
        card.sign(DATA, pin=PIN),
        genuine,
        trust=trust,
        at=NOW,
        require_revocation=False,
        allow_test_cards=True,
    )  # also caches the parsed DER input
    twin = resign(genuine, pool_key(45), lambda parts: parts)
    assert twin[:100] == genuine[:100] and twin != genuine
    for form in (twin, x509.load_der_x509_certificate(twin)):
        with raises_code("identity.untrusted_issuer", reason="signature"):
            verify_signature(
                DATA,
                card.sign(DATA, pin=PIN),
                form,
                trust=trust,
                at=NOW,
                require_revocation=False,
                allow_test_cards=True,
            )


def test_equal_der_other_object_does_not_inherit_a_result(
    fake: FakeJPKI, card: FakeMyNumberCard
) -> None:
    """A second object with the same DER shares the cached chain facts (they are facts about
    that DER) but not the per-call checks: the data signature is still verified."""
    trust = fake.trust_store()
    verify_card(card, trust, require_revocation=False)
    copy = x509.load_der_x509_certificate(card.signature_certificate.public_bytes(DER))
    assert copy is not card.signature_certificate
    with raises_code("identity.signature_invalid"):
        verify_signature(
            DATA + b"!",
            card.sign(DATA, pin=PIN),
            copy,
            trust=trust,
            at=NOW,
            require_revocation=False,
            allow_test_cards=True,
        )


# -- the four basic items: malformed DER is a coded error -----------------------------------------

PLACEHOLDER = {8: b"\xa0\x06\x0c\x04WXYZ", 9: b"\xa0\x07\x0c\x05VWXYZ", 7: b"\xa0\x05\x0c\x03XYZ"}


@pytest.mark.parametrize(
    "value",
    [
        b"\xa1\x05\x0c\x03abc",  # [1] instead of [0]
        b"\x30\x05\x0c\x03abc",  # SEQUENCE instead of [0]
        b"\xa0\x05\x13\x03abc",  # PrintableString
        b"\xa0\x05\x16\x03abc",  # IA5String
        b"\xa0\x06\x1e\x04\x30\x42\x30\x00",  # BMPString
        b"\xa0\x05\x0c\x09abc",  # inner length beyond the value
        b"\xa0\x04\x0c\x02\xff\xfe",  # not UTF-8
        b"\xa0\x04\x0c\x02\xc0\xaf",  # overlong UTF-8 ("/")
        b"\xa0\x05\x0c\x03\xed\xa0\x80",  # UTF-8 of a lone surrogate
        b"\xa0\x81\x05\x0c\x03abc",  # non-minimal length
        b"\xa0\x80\x0c\x03abc\x00\x00",  # indefinite length
        b"\xa0\x05\x0c\x03abc\x00",  # trailing byte
    ],
)
def test_malformed_basic_item(value: bytes, root: FakeIssuer, fake: FakeJPKI) -> None:
    """X.690 §10 (DER) and the JPKI profile (``[0] EXPLICIT UTF8String``). Shapes
    ``cryptography``'s builder refuses are patched into a built certificate and signed again."""
    placeholder = PLACEHOLDER.get(len(value), value)
    items = x509.SubjectAlternativeName(
        [
            x509.OtherName(OID_NAME, placeholder),
            *basic_items().get_values_for_type(x509.OtherName)[1:],
        ]
    )
    cert, key = card_certificate(root, san=items, serial=902)
    data = cert.public_bytes(DER)
    if placeholder != value:
        data = resign(
            data, root.private_key, lambda parts: [p.replace(placeholder, value) for p in parts]
        )
    with raises_code("identity.certificate_malformed"):
        verify(data, key, fake.trust_store())


@pytest.mark.parametrize(
    "birth",
    [
        "X19900401",
        " 19900401",
        "419900230",
        "400000101",
        "419901301",
        "419900001",
        "4１9900401",
        "41990040１",
        "4199004011",
        "41990401",
        "",
    ],
)
def test_malformed_birth_date(birth: str, root: FakeIssuer, fake: FakeJPKI) -> None:
    """``EYYYYMMDD``: one era digit then a real Gregorian date, ASCII digits only."""
    cert, key = card_certificate(root, san=basic_items(birth=birth), serial=903)
    with raises_code("identity.certificate_malformed", part="birth_date"):
        verify(cert, key, fake.trust_store())


@pytest.mark.parametrize("missing", [OID_NAME, OID_GENDER, OID_BIRTH_DATE, OID_ADDRESS])
def test_missing_or_repeated_basic_item(
    missing: x509.ObjectIdentifier, root: FakeIssuer, fake: FakeJPKI
) -> None:
    items = basic_items().get_values_for_type(x509.OtherName)
    present = [i for i in items if i.type_id != missing]
    cert, key = card_certificate(root, san=x509.SubjectAlternativeName(present), serial=904)
    with raises_code("identity.certificate_malformed"):
        verify(cert, key, fake.trust_store())
    repeated = [*items, next(i for i in items if i.type_id == missing)]
    cert, key = card_certificate(root, san=x509.SubjectAlternativeName(repeated), serial=905)
    with raises_code("identity.certificate_malformed", part="subject_alt_name"):
        verify(cert, key, fake.trust_store())


# -- personal data never in repr, str or errors ---------------------------------------------------

SECRETS = (NAME, "個人", "情報子", ADDRESS, "札幌", "1987", "11-23", "11, 23", "1123", "23 Nov")


def _leaks(text: str) -> list[str]:
    return [secret for secret in SECRETS if secret in text]


def test_results_do_not_show_personal_data(fake: FakeJPKI, card: FakeMyNumberCard) -> None:
    """The card's notAfter is its holder's fifth birthday after issue (11-23), so it is
    personal data too."""
    assert card.signature_certificate.not_valid_after_utc.strftime("%m-%d") == "11-23"
    result = verify_card(card, fake.trust_store(), require_revocation=False)
    assert result.identity.name == NAME  # readable on purpose
    for text in (
        repr(result),
        str(result),
        repr(result.identity),
        str(result.certificate),
        repr(card),
    ):
        assert _leaks(text) == [], text


def test_errors_do_not_show_personal_data(fake: FakeJPKI, card: FakeMyNumberCard) -> None:
    trust = fake.trust_store()
    end = card.signature_certificate.not_valid_after_utc
    failures: list[GovFormsError] = []
    for options in (
        {"at": end + dt.timedelta(days=1), "require_revocation": False},
        {"at": NOW, "allow_test_cards": False, "require_revocation": False},
        {"at": NOW},
        {"at": NOW, "revocation": CRLSource([fake.crl(at=NOW - dt.timedelta(days=3))])},
    ):
        with pytest.raises(GovFormsError) as info:
            verify_card(card, trust, **options)
        failures.append(info.value)
    with pytest.raises(GovFormsError) as info:
        verify_signature(
            DATA,
            b"\x00" * 256,
            card.signature_certificate,
            trust=trust,
            at=NOW,
            require_revocation=False,
            allow_test_cards=True,
        )
    failures.append(info.value)
    assert [f.code for f in failures] == [
        "identity.certificate_expired",
        "identity.policy",
        "identity.revocation_unavailable",
        "identity.revocation_unavailable",
        "identity.signature_invalid",
    ]
    assert failures[0].params["not_after"] == str(end.year)
    for failure in failures:
        text = " ".join(
            [
                repr(failure),
                str(failure),
                repr(failure.params),
                *(failure.message(locale) for locale in ("ja", "en", "ja-easy")),
            ]
        )
        assert _leaks(text) == [], text


def test_login_results_and_errors_do_not_show_the_birthday(
    fake: FakeJPKI, card: FakeMyNumberCard
) -> None:
    trust = fake.trust_store("authentication")
    certificate = card.authentication_certificate
    login = card.authenticate(DATA, pin="1234")
    result = verify_authentication(
        DATA, login, certificate, trust=trust, at=NOW, require_revocation=False
    )
    assert _leaks(repr(result)) == []
    late = certificate.not_valid_after_utc + dt.timedelta(days=1)
    with pytest.raises(GovFormsError) as info:
        verify_authentication(
            DATA, login, certificate, trust=trust, at=late, require_revocation=False
        )
    assert info.value.code == "identity.certificate_expired"
    assert _leaks(repr(info.value.params) + info.value.message("en")) == []
