"""``govforms verify``: check a My Number card (JPKI) signature over a file.

Reads the signed data, the signature (raw bytes) and the signer's certificate (PEM or DER) from
files, verifies them with :func:`govforms.identity.verify_signature` against the J-LIS signature
roots shipped with govforms (or ``--trust-pem``), with revocation from ``--crl`` files, and
prints who signed. Exit status 0 when the signature is valid, 1 when it is not (with the coded
reason), as every other govforms command.

Revocation is required by default (reject by default): without ``--crl`` the answer is
``identity.revocation_unavailable`` unless ``--no-revocation-check`` is given, which prints a
warning. Test-card certificates (the fake JPKI's, or J-LIS test cards) are refused unless
``--allow-test-cards``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from govforms.cli.validate import default_locale
from govforms.errors import ConfigurationError, IdentityError, Locale

__all__ = ["register", "run"]


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "verify",
        help="verify a My Number card (JPKI) signature over a file",
        description="Verify a JPKI signature and print who signed. Exit status 1 if invalid.",
    )
    parser.add_argument("--data", type=Path, required=True, help="the signed data (file)")
    parser.add_argument(
        "--signature", type=Path, required=True, help="the signature (raw bytes, PKCS#1 v1.5)"
    )
    parser.add_argument(
        "--certificate", type=Path, required=True, help="the signer's certificate (PEM or DER)"
    )
    parser.add_argument(
        "--trust-pem",
        type=Path,
        help="trust these root certificates (PEM) instead of the J-LIS signature roots",
    )
    parser.add_argument(
        "--crl",
        type=Path,
        action="append",
        default=[],
        help="a CRL (PEM or DER) to check revocation against; repeat for several",
    )
    parser.add_argument(
        "--no-revocation-check",
        action="store_true",
        help="accept a signature whose revocation status is unknown (prints a warning)",
    )
    parser.add_argument(
        "--allow-test-cards", action="store_true", help="accept test-card certificates"
    )
    parser.add_argument(
        "--at",
        type=_aware_datetime,
        help="signing time, ISO 8601 with a UTC offset (default: now)",
    )
    parser.add_argument("--locale", choices=("ja", "en"), help="language of the messages")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.set_defaults(func=run)


def _aware_datetime(text: str) -> dt.datetime:
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 date and time: {text!r}") from None
    if value.tzinfo is None:
        raise argparse.ArgumentTypeError("give a UTC offset, like 2026-04-01T12:00:00+09:00")
    return value


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise ConfigurationError(
            "cli.file_missing", path=str(path), reason=error.strerror or ""
        ) from None


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    from govforms.fields import format_wareki
    from govforms.identity import CRLSource, TrustStore, verify_signature

    out = out or sys.stdout
    err = err or sys.stderr
    locale: Locale = args.locale or default_locale()
    data, signature, certificate = _read(args.data), _read(args.signature), _read(args.certificate)
    trust = (
        TrustStore.from_pem(_read(args.trust_pem))
        if args.trust_pem is not None
        else TrustStore.jpki_signature()
    )
    revocation = CRLSource([_read(path) for path in args.crl]) if args.crl else None
    if args.no_revocation_check:
        err.write("warning: revocation is not checked; a revoked certificate would pass\n")
    try:
        result = verify_signature(
            data,
            signature,
            certificate,
            trust=trust,
            at=args.at,
            revocation=revocation,
            require_revocation=not args.no_revocation_check,
            allow_test_cards=args.allow_test_cards,
        )
    except IdentityError as error:
        if args.json:
            out.write(json.dumps({"valid": False, **error.to_dict(locale)}, ensure_ascii=False))
            out.write("\n")
        else:
            out.write(f"signature INVALID: [{error.code}] {error.message(locale)}\n")
        return 1
    who, cert = result.identity, result.certificate
    report = {
        "valid": True,
        "test_card": result.test_card,
        "policy": result.policy,
        "at": result.at.isoformat(),
        "signer": {
            "name": who.name,
            "birth_date": who.birth_date.isoformat(),
            "gender": who.gender,
            "address": who.address,
        },
        "certificate": {
            "serial_number": f"{cert.serial_number:x}",
            "issuer": cert.issuer,
            "not_before": cert.not_before.isoformat(),
            "not_after": cert.not_after.isoformat(),
            "fingerprint_sha256": cert.fingerprint_sha256,
        },
    }
    if args.json:
        out.write(json.dumps(report, ensure_ascii=False) + "\n")
        return 0
    lines = [
        "signature valid" + (" (TEST CARD)" if result.test_card else ""),
        f"  signed at     {result.at.isoformat()}",
        f"  name          {who.name}",
        f"  date of birth {who.birth_date.isoformat()} ({format_wareki(who.birth_date)})",
        f"  gender        {who.gender}",
        f"  address       {who.address}",
        f"  certificate   serial {cert.serial_number:x}, issuer {cert.issuer}",
        f"  valid         {cert.not_before.isoformat()} – {cert.not_after.isoformat()}",
        f"  SHA-256       {cert.fingerprint_sha256}",
    ]
    out.write("\n".join(lines) + "\n")
    return 0
