"""NIST PKITS conformance: the sections that apply to a one-tier JPKI-style profile.

The cases, certificates and CRLs are copied from NIST PKITS (public domain) into
``tests/identity/pkits/`` — see its README for what runs and why. Each case runs through
:func:`govforms.identity.validate_path`, the same code :func:`verify_signature` layers the JPKI
profile on. Expected outcomes come from ``pkits.json``; the few places where govforms is
deliberately stricter than RFC 5280 (or does not implement a feature and so rejects) are listed
in :data:`DEVIATIONS` with the code we produce instead.
"""

from __future__ import annotations

import collections
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from govforms.errors import IdentityError
from govforms.identity import CRLSource, TrustStore, validate_path
from tests.conftest import check_error

DATA = Path(__file__).parent / "pkits"
CASES: list[dict[str, Any]] = json.loads((DATA / "pkits.json").read_text(encoding="utf-8"))
# PKITS certificates are valid 2010-01-01 to 2030-12-31; the "bad date" ones are 2047 / 2011 / 1999.
AT = dt.datetime(2020, 6, 1, tzinfo=dt.UTC)

#: Sections run, by PKITS number.
SECTIONS = {
    "4.1": "signature verification",
    "4.2": "validity periods",
    "4.3": "verifying name chaining",
    "4.4": "basic certificate revocation tests",
    "4.6": "verifying basic constraints",
    "4.7": "key usage",
    "4.14": "distribution points",
    "4.16": "private certificate extensions",
}

#: Cases where govforms answers differently from PKITS on purpose: id -> (code, why).
DEVIATIONS: dict[str, tuple[str, str]] = {
    "40104": ("identity.unsupported_algorithm", "DSA: JPKI and govforms accept RSA only"),
    "40105": ("identity.certificate_malformed", "DSA parameter inheritance: not parsable"),
    "40106": ("identity.unsupported_algorithm", "DSA: JPKI and govforms accept RSA only"),
    "40415": ("identity.certificate_malformed", "negative serial: RFC 5280 §4.1.2.2 forbids"),
    "40419": ("identity.revocation_unavailable", "CRL signed by a separate key: not supported"),
    "40420": ("identity.revocation_unavailable", "CRL signed by a separate key: not supported"),
    "41422": ("identity.revocation_unavailable", "indirect CRLs: not supported"),
    "41423": ("identity.revocation_unavailable", "indirect CRLs: not supported"),
    "41424": ("identity.revocation_unavailable", "indirect CRLs: not supported"),
    "41425": ("identity.revocation_unavailable", "indirect CRLs: not supported"),
    "41428": ("identity.revocation_unavailable", "indirect CRLs (cRLIssuer): not supported"),
    "41429": ("identity.revocation_unavailable", "indirect CRLs (cRLIssuer): not supported"),
    "41430": ("identity.revocation_unavailable", "indirect CRLs (cRLIssuer): not supported"),
    "41431": ("identity.revocation_unavailable", "indirect CRLs: not supported"),
    "41432": ("identity.revocation_unavailable", "indirect CRLs: not supported"),
    "41433": ("identity.revocation_unavailable", "indirect CRLs: not supported"),
    "41434": ("identity.revocation_unavailable", "indirect CRLs: not supported"),
}

#: PKITS failure message -> govforms code, first match wins. "revocation checks failed" comes
#: before "CRL indicates": 4.4.21's message is a failed revocation check *caused by* a revoked
#: CRL issuer ("... checks failed: ... CRL indicates the ... CRL issuer was revoked").
_EXPECTED = [
    ("revocation checks failed", "identity.revocation_unavailable"),
    ("CRL indicates", "identity.certificate_revoked"),
    ("no revocation information", "identity.revocation_unavailable"),
    ("is not valid until", "identity.certificate_not_yet_valid"),
    ("expired", "identity.certificate_expired"),
    ("could not be verified", "identity.untrusted_issuer"),
    ("issuer name could not be matched", "identity.untrusted_issuer"),
    ("is not a CA", "identity.untrusted_issuer"),
    ("maximum path length", "identity.untrusted_issuer"),
    ("not allowed to sign certificates", "identity.key_usage"),
    ("unsupported critical extension", "identity.unknown_critical_extension"),
]


def _section(case: dict[str, Any]) -> str:
    return f"4.{int(case['id'][1:3])}"


def pkits_code(case: dict[str, Any]) -> str | None:
    """The code PKITS' expected failure in ``pkits.json`` maps to (``None`` for a valid path)."""
    error = case.get("error")
    if error is None:
        return None
    for needle, code in _EXPECTED:
        if needle in error["msg_regex"]:
            return code
    raise AssertionError(f"unmapped PKITS failure {case['id']}: {error['msg_regex']}")


def expected_code(case: dict[str, Any]) -> str | None:
    """The code govforms must give: PKITS' own, unless the case is a listed deviation."""
    if case["id"] in DEVIATIONS:
        return DEVIATIONS[case["id"]][0]
    return pkits_code(case)


def _read(kind: str, name: str) -> bytes:
    return (DATA / kind / name).read_bytes()


@pytest.fixture(scope="module")
def trust() -> TrustStore:
    return TrustStore.from_certificates([_read("certs", "TrustAnchorRootCertificate.crt")])


def run_case(case: dict[str, Any], trust: TrustStore) -> None:
    crls = [_read("crls", "TrustAnchorRootCRL.crl")]
    crls += [_read("crls", name) for name in case.get("crls") or []]
    validate_path(
        _read("certs", case["cert"]),
        trust=trust,
        at=AT,
        intermediates=[_read("certs", name) for name in case.get("other_certs") or []],
        revocation=CRLSource(crls),
        require_revocation=case.get("revocation", True),
    )


@pytest.mark.parametrize("case", CASES, ids=[f"{c['id']}-{c['name']}" for c in CASES])
def test_pkits_case(case: dict[str, Any], trust: TrustStore) -> None:
    code = expected_code(case)
    if code is None:
        run_case(case, trust)
        return
    with pytest.raises(IdentityError) as info:
        run_case(case, trust)
    check_error(info.value, code)


def test_only_applicable_sections_are_copied() -> None:
    assert {_section(c) for c in CASES} == set(SECTIONS)
    counts = collections.Counter(_section(c) for c in CASES)
    assert counts == {
        "4.1": 6,
        "4.2": 8,
        "4.3": 11,
        "4.4": 21,
        "4.6": 17,
        "4.7": 5,
        "4.14": 35,
        "4.16": 2,
    }


def test_deviations_are_real_cases() -> None:
    ids = {c["id"] for c in CASES}
    assert set(DEVIATIONS) <= ids


def test_deviations_differ_from_pkits() -> None:
    """A deviation must really differ from what ``pkits.json`` expects, so that the list
    cannot quietly restate (or replace) the suite's own outcome."""
    by_id = {c["id"]: c for c in CASES}
    same = [i for i, (code, _) in DEVIATIONS.items() if pkits_code(by_id[i]) == code]
    assert same == []
