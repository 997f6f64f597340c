"""Name readings in katakana (フリガナ).

The Digital Agency data standard (GIF data dictionary) writes 氏(カナ) and 名(カナ) in full-width
katakana, and a full name in kana as family and given name joined by one half-width space
(U+0020). Since the amended 戸籍法 (2023 Act No. 48) came into force on 2025-05-26 the reading of
a name is part of the family register, written in katakana.

Rules, each explicit (no Unicode normalisation is applied):

* hiragana become katakana (``ゝゞ`` become ``ヽヾ``);
* half-width katakana become full-width, composing a following voiced or semi-voiced mark
  (``ｶﾞ`` → ``ガ``, ``ﾊﾟ`` → ``パ``, ``ｳﾞ`` → ``ヴ``), and ``ｰ`` becomes ``ー``;
* a combining voiced mark (U+3099/U+309A, as macOS input produces) is composed the same way;
* small kana stay small: ``キョウコ`` and ``キヨウコ`` are different names;
* runs of spaces (U+0020, U+3000, tab) become one U+0020; the ends are trimmed.

Accepted by :func:`validate_name_kana`: full-width katakana U+30A1–U+30F6 (small kana and ヴ
included), ``ー`` (U+30FC), the iteration marks ``ヽヾ`` and single spaces between parts.
Refused, with the characters and positions in the error: everything else, including
``ヷヸヹヺ`` (U+30F7–U+30FA, outside JIS X 0208 and cp932), ``・`` and the dashes that only look
like ``ー`` (``－ ― ‐ − -``): a resident who typed one of them is asked to type ``ー``, because
changing it silently would change what they wrote.

>>> to_katakana("やまだ　たろう")
'ヤマダ タロウ'
>>> to_katakana("ｶﾞｯｺｳ ﾊﾟﾝ")
'ガッコウ パン'
>>> validate_name_kana(" ｷｮｳｺ  ﾔﾏﾀﾞ ")
'キョウコ ヤマダ'
"""

from __future__ import annotations

import re
from typing import Final

from govforms._text import check_str, describe_char
from govforms.errors import FieldError

__all__ = ["is_valid_name_kana", "to_katakana", "validate_name_kana"]

_HIRAGANA: Final = "".join(chr(c) for c in range(0x3041, 0x3097)) + "ゝゞ"
_KATAKANA: Final = "".join(chr(c) for c in range(0x30A1, 0x30F7)) + "ヽヾ"

# Half-width katakana (JIS X 0201) to full-width, one to one; marks handled separately.
_HALF: Final = "ｦｧｨｩｪｫｬｭｮｯｰｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝ｡｢｣､･"
_FULL: Final = (
    "ヲァィゥェォャュョッー"
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン"
    "。「」、・"
)

_TABLE: Final = str.maketrans(_HIRAGANA + _HALF + "\u3000\t", _KATAKANA + _FULL + "  ")

# Voiced (dakuten) and semi-voiced (handakuten) compositions over full-width katakana.
_VOICED: Final = dict(
    zip(
        "カキクケコサシスセソタチツテトハヒフヘホウワヲヽ",
        "ガギグゲゴザジズゼゾダヂヅデドバビブベボヴヷヺヾ",
        strict=True,
    )
)
_SEMI_VOICED: Final = dict(zip("ハヒフヘホ", "パピプペポ", strict=True))
_MARKS: Final = "\uff9e\uff9f\u3099\u309a"
_MARK_RE: Final = re.compile("([\u30a1-\u30fe])([\uff9e\u3099]|[\uff9f\u309a])")
_SPACES_RE: Final = re.compile(" {2,}")

_ALLOWED: Final = frozenset(chr(c) for c in range(0x30A1, 0x30F7)) | frozenset("ーヽヾ ")
_MAX_LENGTH: Final = 100


def _compose(match: re.Match[str]) -> str:
    base, mark = match.group(1), match.group(2)
    table = _VOICED if mark in "\uff9e\u3099" else _SEMI_VOICED
    return table.get(base, match.group(0))


def to_katakana(value: object) -> str:
    """Hiragana and half-width katakana to full-width katakana; spaces normalised.

    Characters that are neither kana nor spaces are kept as they are: this is a converter, not a
    validator (see :func:`validate_name_kana`). A voiced mark that follows a kana it cannot
    combine with is kept too, so nothing the resident typed disappears.

    >>> to_katakana("ﾊﾞｲｵﾘﾝ")
    'バイオリン'
    >>> to_katakana("きょうこ")
    'キョウコ'
    """
    text = check_str(value, "string").translate(_TABLE)
    if any(mark in text for mark in _MARKS):
        text = _MARK_RE.sub(_compose, text)
    if "  " in text or text[:1] == " " or text[-1:] == " ":
        text = _SPACES_RE.sub(" ", text).strip(" ")
    return text


def validate_name_kana(value: object, *, max_length: int = _MAX_LENGTH) -> str:
    """Return a name reading in full-width katakana, parts joined by one U+0020.

    The input is first converted by :func:`to_katakana`. Codes: ``kana.empty``,
    ``kana.too_long`` (``max_length`` characters after conversion), ``kana.invalid_character``
    (``characters``: each offending character, or ``U+XXXX`` when invisible; ``positions``:
    their 1-based positions in the converted text).

    >>> validate_name_kana("ヤマダ－タロウ")
    Traceback (most recent call last):
    govforms.errors.FieldError: [kana.invalid_character] Only katakana (with ー) can be used ...
    """
    text = to_katakana(value)
    if not text:
        raise FieldError("kana.empty")
    if len(text) > max_length:
        raise FieldError("kana.too_long", max_length=max_length, length=len(text))
    if not _ALLOWED.issuperset(text):
        positions = [i + 1 for i, char in enumerate(text) if char not in _ALLOWED]
        characters = list(dict.fromkeys(describe_char(text[i - 1]) for i in positions))
        raise FieldError("kana.invalid_character", characters=characters, positions=positions)
    return text


def is_valid_name_kana(value: object) -> bool:
    """``True`` when :func:`validate_name_kana` would accept ``value``; never raises."""
    try:
        validate_name_kana(value)
    except FieldError:
        return False
    return True
