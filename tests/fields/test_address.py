"""The address API: errors, look-ups, local government codes, pydantic, properties."""

from __future__ import annotations

import functools
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from govforms import _data
from govforms.errors import ConfigurationError, FieldError
from govforms.fields import (
    Address,
    AddressLevel,
    AddressText,
    LocalGovernmentCode,
    calc_local_government_check_digit,
    check_postal_code,
    is_valid_address,
    is_valid_local_government_code,
    lookup_municipality,
    lookup_postal_code,
    parse_address,
    validate_address,
    validate_local_government_code,
)
from govforms.fields._address_normalize import fold, kanji_to_int, parse_block
from tests.conftest import raises_code

# --- parse_address ---------------------------------------------------------------------------


def test_parts_and_codes() -> None:
    a = parse_address("〒100-0013　東京都千代田区霞が関２丁目１番２号　中央合同庁舎第２号館")
    assert (a.prefecture, a.prefecture_code, a.city, a.city_code) == (
        "東京都",
        "13",
        "千代田区",
        "131016",
    )
    assert (a.town, a.block, a.building, a.level) == (
        "霞が関",
        "2-1-2",
        "中央合同庁舎第2号館",
        AddressLevel.BLOCK,
    )
    assert a.postal_codes == ("1000013",)
    assert a.normalized == "東京都千代田区霞が関2-1-2 中央合同庁舎第2号館"


def test_leading_postal_code() -> None:
    for text in (
        "〒100-0013東京都千代田区霞が関2",
        "1000013 千代田区霞が関2",
        "郵便番号：100-0013 東京都千代田区霞が関2",
    ):
        assert parse_address(text).normalized == "東京都千代田区霞が関2"
    # Not followed by a place: not a postal code prefix but a number.
    assert parse_address("1000013 ビル").block == "1000013"


def test_designated_city_ward_and_city_itself() -> None:
    ward = parse_address("札幌市中央区北1条西2丁目")
    assert (ward.city, ward.city_code) == ("札幌市中央区", "011011")
    city = parse_address("札幌市")
    assert (city.city, city.city_code, city.level) == ("札幌市", "011002", AddressLevel.CITY)
    assert lookup_municipality("011011").parent_code == "011002"


def test_official_spelling_is_returned_and_source_kept() -> None:
    typed = "東京都千代田区霞ヶ関1-1-1"
    a = parse_address(typed)
    assert a.town == "霞が関"
    assert a.source == typed
    assert "霞ヶ関" not in a.normalized


def test_numerals_in_names_stay() -> None:
    a = parse_address("三重県四日市市諏訪町1番5号")
    assert a.city == "四日市市"
    assert parse_address("愛知県名古屋市中区三の丸三丁目1番2号").town == "三の丸"
    assert parse_block("一の坂") == ("一の坂", "", "")
    assert parse_block("三国ヶ丘1-2") == ("三国ヶ丘", "1-2", "")


def test_hokkaido_jo_in_normalized_text() -> None:
    a = parse_address("北海道札幌市北区北十条西4丁目")
    assert a.town == "北十条西"
    assert a.normalized == "北海道札幌市北区北10条西4"


def test_repr_hides_personal_parts() -> None:
    a = parse_address("東京都千代田区霞が関2-1-2 中央合同庁舎第2号館")
    text = repr(a)
    assert "霞が関" in text and "2-1-2" not in text and "合同庁舎" not in text


def test_not_a_string() -> None:
    with raises_code("field.type", expected="string", actual="int"):
        parse_address(12)  # type: ignore[arg-type]
    with raises_code("field.type"):
        validate_address(None)


@pytest.mark.parametrize(
    "text",
    [
        "一" * 5000,
        "一" * 20000 + "丁目",
        "1" * 20000 + "x",
        "1-" * 10000,
        "一丁目" * 5000,
        "第" * 9999,
    ],
)
def test_long_junk_is_parsed_without_error(text: str) -> None:
    # No int conversion of huge numerals (Python limits int-to-str at 4,300 digits) and no
    # quadratic scans: these finish in milliseconds.
    a = parse_address(text)
    assert a.level == AddressLevel.NONE
    assert parse_address(a.normalized).block == a.block


def test_kanji_numbers_and_fold() -> None:
    assert [kanji_to_int(s) for s in ("十", "十一", "二十", "百五", "二〇二")] == [
        10,
        11,
        20,
        105,
        202,
    ]
    assert fold("髙﨑 ヶ の")[0] == "高崎ケノ"


# --- validate_address -----------------------------------------------------------------------


def test_validate_levels() -> None:
    assert validate_address("東京都千代田区霞が関2-1-2").level == AddressLevel.BLOCK
    assert validate_address("東京都千代田区", min_level="city").city == "千代田区"
    assert validate_address("東京都千代田区", min_level=AddressLevel.CITY).city_code == "131016"
    with raises_code("address.incomplete", level="city", required="town"):
        validate_address("東京都千代田区")
    with raises_code("address.incomplete", level="town", required="block"):
        validate_address("東京都千代田区霞が関", min_level="block")
    with raises_code("address.incomplete", level="none", required="town"):
        validate_address("   ")


def test_ambiguous_city_lists_candidates() -> None:
    with raises_code("address.ambiguous", candidates=["広島県府中市", "東京都府中市"]):
        validate_address("府中市")
    # A town that exists in one of them settles it.
    assert validate_address("府中市宮西町2-24").prefecture == "東京都"
    assert validate_address("府中市府川町315").prefecture == "広島県"


def test_unknown_city() -> None:
    with raises_code("address.unknown_city"):
        validate_address("東京都存在しない市1-2-3")
    with raises_code("address.unknown_city"):
        validate_address("どこか遠く")


def test_bad_min_level() -> None:
    with pytest.raises(ConfigurationError) as info:
        validate_address("東京都千代田区", min_level="street")
    assert info.value.code == "config.invalid_option"


def test_is_valid_address() -> None:
    assert is_valid_address("横浜市中区日本大通1")
    assert not is_valid_address("横浜市")
    assert not is_valid_address(3.5)


# --- postal codes ---------------------------------------------------------------------------


def test_lookup_postal_code() -> None:
    (entry,) = lookup_postal_code("〒100-0013")
    assert (entry.prefecture, entry.city, entry.town, entry.kana, entry.city_code) == (
        "東京都",
        "千代田区",
        "霞が関",
        "カスミガセキ",
        "131016",
    )


def test_code_covering_several_towns() -> None:
    towns = {e.town for e in lookup_postal_code("0680546")}
    assert towns == {"南部青葉町", "南部菊水町"}
    default = lookup_postal_code("1000000")
    assert [(e.town, e.note) for e in default] == [("", "以下に掲載がない場合")]


def test_postal_code_errors() -> None:
    with raises_code("postal_code.unknown"):
        lookup_postal_code("0000000")
    with raises_code("postal_code.format"):
        lookup_postal_code("12345")


def test_check_postal_code() -> None:
    assert check_postal_code("東京都千代田区霞が関2-1-2", "100-0013") == "1000013"
    assert check_postal_code(parse_address("札幌市中央区北1条西2丁目"), "0600001") == "0600001"
    with raises_code("address.postal_code_mismatch", expected=["東京都渋谷区神宮前"]):
        check_postal_code("東京都千代田区霞が関2-1-2", "150-0001")
    with raises_code("postal_code.unknown"):
        check_postal_code("東京都千代田区霞が関2-1-2", "0000000")
    with raises_code("address.incomplete", level="none", required="city"):
        check_postal_code("どこか", "1000013")
    # A ward's code fits an address given at the designated city level.
    assert check_postal_code("札幌市", "0600001") == "0600001"


# --- local government codes -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("011002", "札幌市"),
        ("131016", "千代田区"),
        ("271004", "大阪市"),
        ("141003", "横浜市"),
        ("472018", "那覇市"),
        ("015849", "虻田郡洞爺湖町"),
    ],
)
def test_known_codes(code: str, name: str) -> None:
    assert validate_local_government_code(code) == code
    assert lookup_municipality(code).name == name
    assert lookup_municipality(code[:5]).code == code


def test_check_digit_and_errors() -> None:
    assert calc_local_government_check_digit("13101") == "6"
    assert validate_local_government_code("１３１０１-６") == "131016"
    with raises_code("local_government_code.checksum"):
        validate_local_government_code("131017")
    with raises_code("local_government_code.length", expected=6, actual=5):
        validate_local_government_code("13101")
    with raises_code("local_government_code.format"):
        validate_local_government_code("13a016")
    with raises_code("local_government_code.prefecture"):
        validate_local_government_code("48000" + calc_local_government_check_digit("48000"))
    with raises_code("local_government_code.unknown"):
        lookup_municipality("13999" + calc_local_government_check_digit("13999"))
    assert not is_valid_local_government_code("131017")
    assert is_valid_local_government_code("130001")


def test_municipality_kinds() -> None:
    assert lookup_municipality("130001").kind == "prefecture"
    assert lookup_municipality("011002").kind == "designated_city"
    assert lookup_municipality("011011").kind == "ward"
    assert lookup_municipality("131016").kind == "special_ward"
    assert lookup_municipality("015849").kind == "town"


def _residue(code5: str) -> int:
    return sum(int(d) * w for d, w in zip(code5, (6, 5, 4, 3, 2), strict=True)) % 11


@given(st.text(alphabet="0123456789", min_size=5, max_size=5))
def test_one_digit_changes_are_caught_except_the_documented_collision(code5: str) -> None:
    # (11 - r) % 10 maps the residues 0 and 10 to the same digit, so a one-digit change that
    # moves the residue between 0 and 10 goes unnoticed; every other one-digit change is caught
    # (11 is prime and the weights 2..6 are not multiples of it).
    code = code5 + calc_local_government_check_digit(code5)
    for i in range(6):
        for d in "0123456789":
            if d == code[i]:
                continue
            changed = code[:i] + d + code[i + 1 :]
            if calc_local_government_check_digit(changed[:5]) == changed[5]:
                assert i < 5
                assert {_residue(code[:5]), _residue(changed[:5])} == {0, 10}


# --- pydantic -------------------------------------------------------------------------------


class Form(BaseModel):
    address: AddressText
    city: LocalGovernmentCode


def test_pydantic_types() -> None:
    form = Form(address="横浜市中区日本大通１", city="141003")
    assert form.address == "神奈川県横浜市中区日本大通1"
    with pytest.raises(ValidationError) as info:
        Form(address="府中市", city="141004")
    types = {e["type"] for e in info.value.errors()}
    assert types == {"address.ambiguous", "local_government_code.checksum"}


# --- properties -----------------------------------------------------------------------------

_CHARS = (
    "東京都千代田区霞が関ヶケ北条西一二三十丁目番地号の-－ー 　0123456789０１２３京都市中京区通上る"
)
ADDRESS_CHARS = st.sampled_from(
    [*_CHARS, "札幌市", "大阪府", "府中市", "番外地", "地先", "ビル", "字", "大字", "郡", "〒"]
)


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(), st.lists(ADDRESS_CHARS).map("".join)))
def test_any_text_parses(text: str) -> None:
    a = parse_address(text)
    assert isinstance(a, Address)
    again = parse_address(a.normalized)
    assert (again.prefecture, again.city, again.town, again.block, again.building) == (
        a.prefecture,
        a.city,
        a.town,
        a.block,
        a.building,
    )
    if not is_valid_address(text):
        with pytest.raises(FieldError, match=r"\[address\."):
            validate_address(text)


def test_thread_safe_first_use() -> None:
    _data.reload()
    results: list[str] = []

    def work() -> None:
        results.append(parse_address("大阪府大阪市北区梅田1-1-3").city_code or "")

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["271276"] * 8


@functools.cache
def _official_towns() -> list[tuple[str, str, str]]:
    t = _data.tables()
    out = []
    names, munis, flags = t["town_name"], t["town_muni"], t["town_flags"]
    for row in range(0, len(names), 7):  # a spread sample of Japan Post's towns
        town = t.text(names[row])
        if not town or flags[row] & 32:
            continue
        muni = munis[row]
        pref = t.text(t["pref_name"][t["muni_code"][muni] // 10000 - 1])
        out.append((pref, t.text(t["muni_name"][muni]), town))
    return out


@settings(max_examples=1000, deadline=None)
@given(
    st.data(),
    st.integers(1, 30),
    st.integers(1, 999),
    st.sampled_from(["", " ハイツ101号室", "　第2ビル 3F"]),
)
def test_official_towns_are_found(data: st.DataObject, chome: int, ban: int, building: str) -> None:
    pref, city, town = data.draw(st.sampled_from(_official_towns()))
    a = parse_address(f"{pref}{city}{town}{chome}-{ban}{building}")
    assert (a.prefecture, a.city, a.town) == (pref, city, town)
    assert a.block == f"{chome}-{ban}"
    assert a.building == building.strip(" 　")
    assert a.postal_codes


@settings(max_examples=500, deadline=None)
@given(st.data(), st.lists(ADDRESS_CHARS).map("".join), st.text(max_size=8))
def test_official_towns_with_any_tail_round_trip(data: st.DataObject, tail: str, junk: str) -> None:
    pref, city, town = data.draw(st.sampled_from(_official_towns()))
    text = data.draw(st.sampled_from([pref, ""])) + city + town + tail + junk
    a = parse_address(text)
    assert a.city == city
    again = parse_address(a.normalized)
    assert (again.prefecture, again.city, again.town, again.rest, again.block, again.building) == (
        a.prefecture,
        a.city,
        a.town,
        a.rest,
        a.block,
        a.building,
    )
