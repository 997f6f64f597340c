"""Text rules for addresses: lookup keys, numerals, the block (番地以下) and the building (方書).

Two kinds of rule, kept apart:

*Folding* (:func:`fold`) builds **lookup keys only**. Both the official names and what the
resident typed are folded the same way, so ``霞ヶ関``, ``霞ケ関`` and ``霞が関`` find the same town,
and the official spelling is what the parser returns. Folding never changes returned text.

*Normalising* (:func:`parse_block`) rewrites the part after the town into the Digital Agency
DS-442 form: ``二丁目1番2号`` → ``2-1-2``. It only touches numbers in block positions: a kanji
numeral is read as a number only when a block unit follows it (``丁目``, ``番地``, ``番``, ``号``,
``地割``, or ``の``/hyphen and another number), so ``三国ヶ丘`` and ``四日市`` stay names.

Digits and hyphen look-alikes come from :mod:`govforms._text` (``DIGITS``, ``HYPHENS``); there is
no Unicode normalisation anywhere.
"""

from __future__ import annotations

import re
from typing import Final

from govforms._text import DIGITS, HYPHENS, SPACES

__all__ = [
    "KANJI_DIGITS",
    "VARIANTS",
    "fold",
    "jo_to_digits",
    "join_block",
    "kanji_to_int",
    "parse_block",
    "split_kyoto_street",
]

#: Kanji numerals read as digits (positional, as in ``二〇``) with the multipliers 十百千.
KANJI_DIGITS: Final = dict(zip("〇一二三四五六七八九", range(10), strict=True)) | {"零": 0}
_MULTIPLIERS: Final = {"十": 10, "百": 100, "千": 1000}
#: Longer runs of kanji numerals are not read as numbers (and never converted to int).
_MAX_NUMERAL: Final = 8
_KANJI_NUMERALS: Final = frozenset(KANJI_DIGITS) | frozenset(_MULTIPLIERS)

#: Characters folded together in lookup keys: variant kanji (the form residents type → the
#: form used as key) and the small-ke family. The official spelling is always returned.
VARIANTS: Final = {
    # ヶ/ケ/が/ガ/ヵ read alike in place names (霞が関, 霞ヶ関, 霞ケ関)
    "ヶ": "ケ",
    "が": "ケ",
    "ガ": "ケ",
    "ヵ": "ケ",
    "ｹ": "ケ",
    # の/ノ/之 as a linking particle (一の坂, 一ノ坂, 一之船入町)
    "の": "ノ",
    "之": "ノ",
    # ツ/ッ/つ in names such as 三ツ木, 三ッ木, 三つ木
    "ッ": "ツ",
    "つ": "ツ",
    # variant kanji: 異体字 → 通用字体
    "髙": "高",
    "﨑": "崎",
    "嵜": "崎",
    "碕": "崎",
    "渕": "淵",
    "邊": "辺",
    "邉": "辺",
    "澤": "沢",
    "濱": "浜",
    "濵": "浜",
    "櫻": "桜",
    "德": "徳",
    "惠": "恵",
    "舘": "館",
    "冨": "富",
    "條": "条",
    "嶋": "島",
    "嶌": "島",
    "廣": "広",
    "國": "国",
    "藏": "蔵",
    "龍": "竜",
    "曾": "曽",
    "槇": "槙",
    "峯": "峰",
    "塚": "塚",  # U+FA10 compatibility ideograph
    "神": "神",  # U+FA19
    "𠮷": "吉",
    "萬": "万",
    "壽": "寿",
    "瀨": "瀬",
    "眞": "真",
    "靑": "青",
    "淸": "清",
    "黑": "黒",
    "兒": "児",
    "檜": "桧",
    "穗": "穂",
    "驒": "騨",
    "鄕": "郷",
    "桒": "桑",
    "祢": "禰",
    "麴": "麹",
    "竈": "竃",
    "增": "増",
    "實": "実",
    "縣": "県",
    "區": "区",
    "邨": "村",
    "薮": "藪",
}
# Hyphen look-alikes read as the long vowel mark inside names (テクノパ－ク → テクノパーク).
_FOLD: Final = {c: DIGITS[c] for c in DIGITS} | dict.fromkeys(HYPHENS, "ー") | VARIANTS
_SKIP: Final = SPACES | {"\t", "\u200b"}


def kanji_to_int(text: str) -> int:
    """The value of a kanji numeral (``二十三`` → 23, ``二〇五`` → 205, ``百`` → 100).

    >>> kanji_to_int("二十三"), kanji_to_int("一〇二"), kanji_to_int("千二百"), kanji_to_int("十")
    (23, 102, 1200, 10)
    """
    if all(c in KANJI_DIGITS for c in text):
        value = 0
        for c in text:
            value = value * 10 + KANJI_DIGITS[c]
        return value
    total = 0
    current = 0
    for c in text:
        if c in KANJI_DIGITS:
            current = current * 10 + KANJI_DIGITS[c]
        else:
            total += (current or 1) * _MULTIPLIERS[c]
            current = 0
    return total + current


def fold(text: str) -> tuple[str, list[int]]:
    """The lookup key of ``text`` and, for each key position, the index in ``text`` it came from.

    Spaces are dropped; ASCII/full-width digits and kanji numerals become ASCII digits;
    hyphen look-alikes become ``ー``; :data:`VARIANTS` are folded. The position list has one
    extra entry: ``len(text)``.

    >>> fold("霞ヶ関　二丁目")[0]
    '霞ケ関2丁目'
    >>> fold("北十条西")[0], fold("髙﨑")[0]
    ('北10条西', '高崎')
    """
    out: list[str] = []
    pos: list[int] = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c in _SKIP:
            i += 1
            continue
        if c in _KANJI_NUMERALS:
            j = i + 1
            while j < n and text[j] in _KANJI_NUMERALS:
                j += 1
            if j - i <= _MAX_NUMERAL:
                for digit in str(kanji_to_int(text[i:j])):
                    out.append(digit)
                    pos.append(i)
            else:  # not a number anyone writes: keep the characters
                out.extend(text[i:j])
                pos.extend(range(i, j))
            i = j
            continue
        out.append(_FOLD.get(c, c))
        pos.append(i)
        i += 1
    pos.append(n)
    return "".join(out), pos


def key(text: str) -> str:
    """Just the key of :func:`fold`."""
    return fold(text)[0]


_JO_RE: Final = re.compile("([〇一二三四五六七八九十百]+)(?=条)")


def jo_to_digits(town: str) -> str:
    """Hokkaido 条 numbers in ASCII digits, as DS-442 writes them (``北一条西`` → ``北1条西``).

    Only for Hokkaido's grid towns: the caller applies it there and nowhere else.

    >>> jo_to_digits("北一条西"), jo_to_digits("宮の森十二条"), jo_to_digits("西二十条南")
    ('北1条西', '宮の森12条', '西20条南')
    """
    if "条" not in town:
        return town
    return _JO_RE.sub(lambda m: str(kanji_to_int(m.group(1))), town)


_DIRECTIONS: Final = "上る|上ル|下る|下ル|東入る|東入ル|東入|西入る|西入ル|西入"
_KYOTO_STREET_RE: Final = re.compile(
    f"^([^{''.join(DIGITS)}]+?(?:{_DIRECTIONS})(?:{_DIRECTIONS})*)"
)


def split_kyoto_street(text: str) -> tuple[str, str]:
    """Split a Kyoto street designation (通り名) off the front: ``(street, remainder)``.

    >>> split_kyoto_street("河原町通二条下る一之船入町537-4")
    ('河原町通二条下る', '一之船入町537-4')
    >>> split_kyoto_street("一之船入町537-4")
    ('', '一之船入町537-4')
    """
    match = _KYOTO_STREET_RE.match(text)
    if not match:
        return "", text
    return match.group(1), text[match.end() :]


# Units after a number in block positions. Longest first.
_UNITS: Final = ("丁目", "番地", "番", "号", "地割", "丁")
_LINKS: Final = frozenset("のノ") | HYPHENS
_SPECIAL: Final = ("番外地", "無番地")


def _number_at(text: str, i: int) -> tuple[str, int, bool] | None:
    """``(digits, end, is_kanji)`` of the number starting at ``i``, if one does."""
    n = len(text)
    if i >= n:
        return None
    if text[i] in DIGITS:
        j = i
        digits = []
        while j < n and text[j] in DIGITS:
            digits.append(DIGITS[text[j]])
            j += 1
        return "".join(digits).lstrip("0") or "0", j, False
    if text[i] in _KANJI_NUMERALS:
        j = i + 1
        while j < n and text[j] in _KANJI_NUMERALS:
            j += 1
        if j - i > _MAX_NUMERAL:
            return None
        return str(kanji_to_int(text[i:j])), j, True
    return None


def _run_end(text: str, i: int) -> int:
    """The end of the run of digits (or of kanji numerals) at ``i``; ``i + 1`` if none."""
    table = DIGITS if text[i] in DIGITS else _KANJI_NUMERALS if text[i] in _KANJI_NUMERALS else None
    if table is None:
        return i + 1
    j = i + 1
    while j < len(text) and text[j] in table:
        j += 1
    return j


def _unit_at(text: str, i: int) -> str:
    for unit in _UNITS:
        if text.startswith(unit, i):
            if unit == "番" and text.startswith("番町", i):
                return ""  # 学校町通1番町: a place name, not a block
            return unit
    return ""


def _continues(text: str, i: int) -> bool:
    """Whether a number at ``i`` continues a block (a kanji numeral needs a unit or link)."""
    number = _number_at(text, i)
    if number is None:
        return False
    _, end, is_kanji = number
    if not is_kanji or _unit_at(text, end) or text.startswith("地先", end):
        return True
    return end < len(text) and text[end] in _LINKS and _number_at(text, end + 1) is not None


def _starts_block(text: str, i: int) -> bool:
    """Whether a block (番地以下) starts at ``i``: a number followed by a unit, a link and
    another number, or (for ASCII digits) a space or the end."""
    if text.startswith(_SPECIAL, i):
        return True
    start = i + 1 if text.startswith("第", i) else i
    number = _number_at(text, start)
    if number is None:
        return False
    _, end, is_kanji = number
    if _unit_at(text, end):
        return True
    if end < len(text) and text[end] in _LINKS:
        return _number_at(text, end + 1) is not None
    if text.startswith("地先", end):
        return True
    return not is_kanji and start == i and (end == len(text) or text[end] in SPACES)


def parse_block(text: str) -> tuple[str, str, str]:
    """Split the text after the town into ``(rest, block, building)``.

    ``rest`` is what comes before the block (a 小字 name, or text that matched no town);
    ``block`` is the 丁目・番地・号 part in DS-442 form; ``building`` is everything after it
    (方書: building, floor, room), as typed except that full-width digits become ASCII.

    >>> parse_block("二丁目1番2号 中央合同庁舎第2号館")
    ('', '2-1-2', '中央合同庁舎第2号館')
    >>> parse_block("４ー２ー８ハイツ101号室")
    ('', '4-2-8', 'ハイツ101号室')
    >>> parse_block("字大平123番地の4")
    ('字大平', '123-4', '')
    >>> parse_block("第12地割34番地"), parse_block("番外地"), parse_block("1234地先")
    (('', '12地割-34', ''), ('', '番外地', ''), ('', '1234地先', ''))
    """
    n = len(text)
    i = 0
    while i < n and not _starts_block(text, i):
        i = _run_end(text, i)  # a block never starts mid-number
    rest = _clean_rest(text[:i])
    if i >= n:
        return rest, "", ""
    for special in _SPECIAL:
        if text.startswith(special, i):
            return rest, special, _clean_rest(text[i + len(special) :])
    parts: list[str] = []
    suffix = ""
    if text.startswith("第", i):
        i += 1
    while True:
        number = _number_at(text, i)
        if number is None:
            break
        digits, end, is_kanji = number
        unit = _unit_at(text, end)
        linked = end < n and text[end] in _LINKS and _number_at(text, end + 1) is not None
        if is_kanji and not unit and not linked and not text.startswith("地先", end):
            break
        parts.append(digits + ("地割" if unit == "地割" else ""))
        i = end
        if unit:
            i += len(unit)
            if unit == "号":
                break
            if i < n and text[i] in _LINKS and _number_at(text, i + 1):
                i += 1  # 123番地の4, 9地割-30
            j = i
            if unit != "番地":  # 1丁目 2番 3号; but 123番地 101号室 ends at the space
                while j < n and text[j] in SPACES:
                    j += 1
            if text.startswith("第", j):
                j += 1
            if _continues(text, j):
                i = j
                continue
            break
        if text.startswith("地先", i):
            suffix = "地先"
            i += 2
            break
        if i < n and text[i] in _LINKS and _number_at(text, i + 1) is not None:
            i += 1
            continue
        break
    building = _clean_rest(text[i:])
    return rest, "-".join(parts) + suffix, building


def join_block(rest: str, block: str) -> str:
    """``rest`` then ``block``, with ``、`` between when they would otherwise read differently
    (``0の`` + ``0`` is not ``0の0``, which is the block ``0-0``)."""
    joined = rest + block
    if rest and block and parse_block(joined)[:2] != (rest, block):
        return f"{rest}、{block}"
    return joined


def _clean_rest(text: str) -> str:
    text = text.strip("".join(_SKIP) + "、,")
    if not text:
        return ""
    return "".join(DIGITS.get(c, c) for c in text)
