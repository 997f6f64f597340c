"""The ``govforms`` dispatcher: usage, and no My Number on the command line."""

from __future__ import annotations

import pytest

from govforms.cli import main


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "usage: govforms" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "form.json", "123456789018"],
        ["address", "1234 5678 9018"],
        ["verify", "--data=１２３４－５６７８－９０１８"],
    ],
)
def test_a_my_number_argument_is_refused_without_echo(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "[cli.my_number_argument]" in err
    assert "9018" not in err and "９０１８" not in err


@pytest.mark.parametrize("value", ["123456789012", "1234567890123", "100-0001", "12345678901"])
def test_other_numbers_are_not_mistaken_for_one(
    value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # 123456789012 fails the check digit; 13 digits is a Corporate Number's length
    assert main(["validate", "form.json", value, "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "[cli.my_number_argument]" not in err
    assert "[cli.file_missing]" in err
