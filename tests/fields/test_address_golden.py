"""Golden cases: addresses written by the team, checked against Japan Post's data.

``address_golden.json`` holds hand-written base cases (all 47 prefectural offices, the 20
designated cities, counties, islands, Kyoto street names, Hokkaido 条, 番外地/地先, buildings,
ヶ/ケ/が, variant kanji, numerals inside names, ambiguity) and, for each base with a block, the
same address as residents also type it (full-width digits, spaces, kanji 丁目, hyphen
look-alikes, prefecture omitted), each with the expected parts spelled out.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from govforms.fields import AddressLevel, parse_address

CASES: list[dict[str, Any]] = json.loads(
    (Path(__file__).with_name("address_golden.json")).read_text(encoding="utf-8")
)
PREFECTURE_CODES = {case["prefecture"] for case in CASES if case["prefecture"]}


def test_the_golden_set_is_broad() -> None:
    bases = [case for case in CASES if case["kind"] == "base"]
    assert len(CASES) >= 300
    assert len(bases) >= 250
    assert len(PREFECTURE_CODES) == 47
    designated = {case["city"].split("市")[0] for case in CASES if "市" in case["city"][:-1]}
    for name in ("札幌", "仙台", "さいたま", "千葉", "横浜", "川崎", "相模原", "新潟", "静岡"):
        assert name in designated
    for name in ("浜松", "名古屋", "京都", "大阪", "堺", "神戸", "岡山", "広島", "北九州"):
        assert name in designated
    assert {"福岡", "熊本"} <= designated


@pytest.mark.parametrize(
    "case", CASES, ids=[f"{i}-{c['kind']}-{c['input'][:24]}" for i, c in enumerate(CASES)]
)
def test_golden(case: dict[str, Any]) -> None:
    address = parse_address(case["input"])
    got = {
        "prefecture": address.prefecture,
        "city": address.city,
        "town": address.town,
        "block": address.block,
        "building": address.building,
    }
    expected = {k: case[k] for k in got}
    assert got == expected
    for name in ("street", "rest"):
        if name in case:
            assert getattr(address, name) == case[name]
    if "level" in case:
        assert address.level == AddressLevel[case["level"].upper()]
    elif case["town"] and case["block"]:
        assert address.level == AddressLevel.BLOCK
    if "candidates" in case:
        assert list(address.candidates) == case["candidates"]
    if "normalized" in case:
        assert address.normalized == case["normalized"]
    if address.city_code is not None:
        assert address.prefecture_code == address.city_code[:2]
    # The normalised text parses to the same parts.
    again = parse_address(address.normalized)
    assert (again.prefecture, again.city, again.town, again.block, again.building) == (
        address.prefecture,
        address.city,
        address.town,
        address.block,
        address.building,
    )
    assert address.source == case["input"]
