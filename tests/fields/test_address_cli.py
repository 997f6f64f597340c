"""``govforms address`` and ``govforms postal``."""

from __future__ import annotations

import json

import pytest

from govforms.cli import main


def test_address_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["address", "大阪市北区梅田１－１－３ 大阪駅前第２ビル 3F"]) == 0
    out = capsys.readouterr().out
    assert "大阪府大阪市北区梅田1-1-3 大阪駅前第2ビル 3F" in out
    assert "271276" in out and "530-0001" in out


def test_address_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["address", "札幌市中央区北1条西2丁目", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["city_code"] == "011011" and out["town"] == "北一条西" and out["level"] == "block"
    assert "error" not in out


def test_address_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["address", "府中市", "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["error"]["code"] == "address.ambiguous"
    assert out["candidates"] == ["広島県府中市", "東京都府中市"]
    assert main(["address", "東京都千代田区", "--min-level", "city"]) == 0
    assert main(["address", "東京都千代田区"]) == 1
    assert "address.incomplete" in capsys.readouterr().out


def test_postal(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["postal", "068-0546"]) == 0
    out = capsys.readouterr().out
    assert "南部青葉町" in out and "南部菊水町" in out and "012092" in out
    assert main(["postal", "1000013", "--json"]) == 0
    (entry,) = json.loads(capsys.readouterr().out)
    assert entry["town"] == "霞が関" and entry["kana"] == "カスミガセキ"


def test_postal_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["postal", "0000000"]) == 1
    assert "postal_code.unknown" in capsys.readouterr().err
