"""``govforms verify``: a fake My Number card's signature checked from files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

from govforms.cli import main
from govforms.identity.testing import FakeJPKI

NOW = dt.datetime(2026, 4, 1, 3, 0, tzinfo=dt.UTC)
AT = "2026-04-01T12:30:00+09:00"


@pytest.fixture(scope="module")
def jpki() -> FakeJPKI:
    return FakeJPKI(clock=lambda: NOW)


@pytest.fixture
def files(tmp_path: Path, jpki: FakeJPKI) -> dict[str, Path]:
    card = jpki.issue_card(
        name="山田　花子",
        birth_date=dt.date(1990, 4, 1),
        gender="2",
        address="東京都千代田区霞が関2-1-2",
    )
    data = "住民票の写し 1通".encode()
    paths = {
        "data": tmp_path / "payload.bin",
        "signature": tmp_path / "payload.sig",
        "certificate": tmp_path / "signer.pem",
        "trust": tmp_path / "roots.pem",
        "crl": tmp_path / "signature.crl",
    }
    paths["data"].write_bytes(data)
    paths["signature"].write_bytes(card.sign(data, pin="ABC123"))
    paths["certificate"].write_bytes(card.signature_certificate.public_bytes(Encoding.PEM))
    roots = b"".join(a.public_bytes(Encoding.PEM) for a in jpki.trust_store().anchors)
    paths["trust"].write_bytes(roots)
    paths["crl"].write_bytes(jpki.crl(at=NOW))
    return paths


def args(files: dict[str, Path], *extra: str) -> list[str]:
    return [
        "verify",
        "--data",
        str(files["data"]),
        "--signature",
        str(files["signature"]),
        "--certificate",
        str(files["certificate"]),
        *extra,
    ]


def test_valid_signature_prints_who_signed(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    extra = ["--trust-pem", str(files["trust"]), "--crl", str(files["crl"]), "--at", AT]
    code = main(args(files, *extra, "--allow-test-cards"))
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.splitlines()[0] == "signature valid (TEST CARD)"
    assert "山田　花子" in out and "1990-04-01 (平成2年4月1日)" in out
    assert "東京都千代田区霞が関2-1-2" in out


def test_json_output(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    extra = ["--trust-pem", str(files["trust"]), "--crl", str(files["crl"]), "--at", AT]
    assert main(args(files, *extra, "--allow-test-cards", "--json")) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is True and report["test_card"] is True
    assert report["signer"]["birth_date"] == "1990-04-01"
    assert len(report["certificate"]["fingerprint_sha256"]) == 64


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        (["--allow-test-cards"], "identity.untrusted_issuer"),  # the real J-LIS roots
        (["--trust-pem", "T", "--crl", "C"], "identity.policy"),  # a test card, not allowed
        (["--trust-pem", "T", "--allow-test-cards"], "identity.revocation_unavailable"),
        (
            ["--trust-pem", "T", "--crl", "C", "--allow-test-cards", "--at", "2040-01-01T00:00Z"],
            "identity.certificate_expired",
        ),
    ],
)
def test_invalid_signature_exits_one_with_the_code(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str], extra: list[str], code: str
) -> None:
    swap = {"T": str(files["trust"]), "C": str(files["crl"])}
    extra = [swap.get(item, item) for item in extra]
    if "--at" not in extra:
        extra += ["--at", AT]
    assert main(args(files, *extra, "--locale", "en")) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"signature INVALID: [{code}] "), out


def test_tampered_data(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    files["data"].write_bytes("住民票の写し 2通".encode())
    extra = ["--trust-pem", str(files["trust"]), "--crl", str(files["crl"]), "--at", AT]
    assert main(args(files, *extra, "--allow-test-cards", "--json", "--locale", "ja")) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is False and report["code"] == "identity.signature_invalid"


def test_revoked_card(
    files: dict[str, Path], jpki: FakeJPKI, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    card = jpki.issue_card(name="佐藤 一郎")
    data = b"x"
    (tmp_path / "d").write_bytes(data)
    (tmp_path / "s").write_bytes(card.sign(data, pin="ABC123"))
    (tmp_path / "c").write_bytes(card.signature_certificate.public_bytes(Encoding.DER))
    jpki.revoke(card, at=NOW)
    (tmp_path / "crl").write_bytes(jpki.crl(at=NOW + dt.timedelta(hours=1)))
    argv = ["verify", "--data", str(tmp_path / "d"), "--signature", str(tmp_path / "s")]
    argv += ["--certificate", str(tmp_path / "c"), "--trust-pem", str(files["trust"])]
    argv += ["--crl", str(tmp_path / "crl"), "--allow-test-cards"]
    assert main([*argv, "--at", "2026-04-01T05:00:00+00:00"]) == 1
    assert "[identity.certificate_revoked]" in capsys.readouterr().out


def test_no_revocation_check_warns(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    extra = ["--trust-pem", str(files["trust"]), "--no-revocation-check", "--allow-test-cards"]
    assert main(args(files, *extra, "--at", AT)) == 0
    assert capsys.readouterr().err.startswith("warning: revocation is not checked")


def test_missing_file_and_naive_time(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files["signature"] = tmp_path / "nope"
    assert main(args(files)) == 1
    assert "[cli.file_missing]" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(args(files, "--at", "2026-04-01T12:00:00"))
    assert info.value.code == 2
    assert "UTC offset" in capsys.readouterr().err
