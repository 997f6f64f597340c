"""Person names (氏名) and the :class:`PersonName` model.

A name is a legal identity: govforms never rewrites a character of it. No NFC or NFKC is
applied, because Unicode normalisation rewrites CJK compatibility ideographs (U+FA10 塚 becomes
U+585A 塚, U+FA19 神 becomes U+795E 神), which changes a registered name.

What :func:`validate_person_name` does:

* trims the ends and joins the parts with one U+0020 (spaces U+0020, U+3000 and tab separate
  parts);
* refuses control and format characters (zero-width spaces, direction overrides...);
* refuses characters outside the chosen repertoire, tested by an encode/decode round trip:
  ``"jisx0213"`` (default; the ``shift_jis_2004`` codec, as government guidance recommends for
  public-facing input), ``"jisx0208"`` (``iso2022_jp``: JIS X 0208 plus ASCII) or ``"cp932"``
  (Windows-31J, which has 髙 U+9AD9 but lacks many JIS X 0213 characters).

>>> validate_person_name("山田　太郎")
'山田 太郎'
>>> validate_person_name("髙橋 一郎", charset="cp932")
'髙橋 一郎'
>>> validate_person_name("髙橋 一郎")
Traceback (most recent call last):
govforms.errors.FieldError: [name.unsupported_character] These characters cannot be used: 髙. ...
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Annotated, Final, Literal, TypeAlias

from pydantic import BaseModel, ConfigDict

from govforms._text import check_str, describe_char
from govforms.errors import ConfigurationError, FieldError
from govforms.fields._pydantic import FieldValidator
from govforms.fields.kana import validate_name_kana

__all__ = [
    "CHARSETS",
    "Charset",
    "NameKana",
    "PersonName",
    "PersonNameStr",
    "is_valid_person_name",
    "validate_person_name",
]

Charset: TypeAlias = Literal["jisx0213", "jisx0208", "cp932"]
#: Repertoire name -> the Python codec whose round trip defines it.
CHARSETS: Final[dict[str, str]] = {
    "jisx0213": "shift_jis_2004",
    "jisx0208": "iso2022_jp",
    "cp932": "cp932",
}
_SPACES_RE: Final = re.compile("[ \u3000\t]+")
_MAX_LENGTH: Final = 100


@functools.lru_cache(maxsize=4096)
def _in_repertoire(char: str, codec: str) -> bool:
    try:
        return char.encode(codec).decode(codec) == char
    except UnicodeError:
        return False


def _is_control(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")


def validate_person_name(
    value: object, *, charset: Charset = "jisx0213", max_length: int = _MAX_LENGTH
) -> str:
    """Return the name trimmed with parts joined by one U+0020; never rewrites a character.

    Codes: ``name.empty``, ``name.too_long`` (more than ``max_length`` characters),
    ``name.unsupported_character`` (``characters`` and 1-based ``positions``, plus the
    ``charset``), ``field.type`` for a non-string.

    >>> validate_person_name(" 渡邊  健 ")
    '渡邊 健'
    >>> validate_person_name("\ufa10本 花子") == "\ufa10本 花子"  # 塚 (U+FA10) is kept as typed
    True
    """
    text = check_str(value, "string")
    codec = CHARSETS.get(charset)
    if codec is None:
        raise ConfigurationError("config.invalid_option", option="charset", value=str(charset))
    text = _SPACES_RE.sub(" ", text).strip(" ")
    if not text:
        raise FieldError("name.empty")
    if len(text) > max_length:
        raise FieldError("name.too_long", max_length=max_length, length=len(text))
    if not _round_trips(text, codec):
        positions = [
            i + 1
            for i, char in enumerate(text)
            if _is_control(char) or not _in_repertoire(char, codec)
        ]
        characters = list(dict.fromkeys(describe_char(text[i - 1]) for i in positions))
        raise FieldError(
            "name.unsupported_character",
            characters=characters,
            positions=positions,
            charset=charset,
        )
    return text


def _round_trips(text: str, codec: str) -> bool:
    if not text.isprintable():
        return False
    try:
        return text.encode(codec).decode(codec) == text
    except UnicodeError:
        return False


def is_valid_person_name(value: object, *, charset: Charset = "jisx0213") -> bool:
    """``True`` when :func:`validate_person_name` would accept ``value``; never raises."""
    try:
        validate_person_name(value, charset=charset)
    except FieldError:
        return False
    return True


#: A person name as a pydantic field (JIS X 0213 repertoire).
PersonNameStr = Annotated[
    str,
    FieldValidator(
        validate_person_name,
        {"type": "string", "title": "氏名", "examples": ["山田 太郎"], "maxLength": _MAX_LENGTH},
    ),
]
#: A name reading in full-width katakana as a pydantic field.
NameKana = Annotated[
    str,
    FieldValidator(
        validate_name_kana,
        {"type": "string", "title": "フリガナ", "examples": ["ヤマダ タロウ"]},
    ),
]


class PersonName(BaseModel):
    """A person's name in parts, as the Digital Agency data standard records it.

    ``given`` and the readings are optional: some residents have no given name, and some forms
    do not ask for a reading.

    >>> name = PersonName(family="山田", given="太郎", family_kana="やまだ", given_kana="ﾀﾛｳ")
    >>> name.full, name.full_kana
    ('山田 太郎', 'ヤマダ タロウ')
    """

    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)

    family: PersonNameStr
    given: PersonNameStr | None = None
    family_kana: NameKana | None = None
    given_kana: NameKana | None = None

    @property
    def full(self) -> str:
        """Family and given name joined by one U+0020."""
        return self.family if self.given is None else f"{self.family} {self.given}"

    @property
    def full_kana(self) -> str | None:
        """The reading of :attr:`full`, or ``None`` when no reading was given."""
        parts = [p for p in (self.family_kana, self.given_kana) if p is not None]
        return " ".join(parts) if parts else None
