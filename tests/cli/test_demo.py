"""``govforms demo``: the whole story on embedded defaults, exit 0, an export on disk."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from govforms.cli import main
from govforms.cli.demo import SAMPLE_ANSWERS, example_form


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    out_dir = tmp_path_factory.mktemp("demo")
    buffer = io.StringIO()
    saved = sys.stdout
    sys.stdout = buffer
    try:
        assert main(["demo", "--out", str(out_dir)]) == 0
    finally:
        sys.stdout = saved
    return buffer.getvalue(), out_dir


def test_the_story_is_told_step_by_step(demo: tuple[str, Path]) -> None:
    text, _ = demo
    steps = [line for line in text.splitlines() if line[:3].strip(". ").isdigit()]
    titles = [line.split(". ", 1)[1] for line in steps]
    assert titles == [
        "Load the form (staff describe it as JSON)",
        "The resident's answers, as typed",
        "Fee and draft",
        "Payment with the fake provider",
        "Signature with a (fake) My Number card",
        "Submit, review, return for correction (差戻し)",
        "The resident corrects and resubmits; staff approve",
        "Check the stored submission again",
        "CSV export for staff",
        "History (append-only)",
    ]
    assert "住民票の写し交付申請 / Request for a copy of the residence certificate" in text
    # the coded error, in both languages, then its fix
    assert "✗ my_number: [my_number.checksum]" in text
    assert "ja: 個人番号の検査用数字が一致しません。" in text
    assert "✓ valid." in text
    assert "fee: 2 copies × ¥300 = ¥600" in text
    assert "card payment of ¥600: succeeded" in text
    assert "webhook payment.succeeded: signature verified" in text
    assert text.count("✓ signature verified") == 2
    assert "returned → submitted by resident" in text
    assert "in_review → approved by staff" in text
    assert "approved → completed by system" in text
    assert "[submission.payload_changed]" in text
    assert text.rstrip().endswith("approved, exported.")


def test_no_my_number_digit_is_ever_printed(demo: tuple[str, Path]) -> None:
    text, out_dir = demo
    for digits in ("123456789012", "123456789018", "1234 5678", "5678 9018", "5678 9012"):
        assert digits not in text
    export = (out_dir / "juminhyo-copy.csv").read_bytes()
    assert b"123456789018" not in export


def test_the_csv_export_is_on_disk(demo: tuple[str, Path]) -> None:
    _, out_dir = demo
    data = (out_dir / "juminhyo-copy.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert "山田 太郎" in row.values()
    assert "東京都千代田区千代田1-1 千代田ハイツ101号室" in row.values()


def test_sample_answers_fail_only_on_the_my_number() -> None:
    from govforms.errors import ValidationErrors

    with pytest.raises(ValidationErrors) as info:
        example_form().validate(SAMPLE_ANSWERS)
    assert info.value.codes() == {"my_number": ["my_number.checksum"]}


def test_the_console_script_runs_the_demo(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "govforms"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "govforms"]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [*command, "demo", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Done: validated, paid, signed, verified" in done.stdout
    assert (tmp_path / "juminhyo-copy.csv").exists()


def test_the_module_runs_too(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "govforms", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0
    for command in ("demo", "validate", "verify"):
        assert command in done.stdout
