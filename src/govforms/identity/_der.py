"""A minimal DER reader and writer for the few raw values ``cryptography`` leaves undecoded.

Sharp tool, private on purpose: ``cryptography`` hands the value of a subjectAltName
``otherName`` (RFC 5280 §4.2.1.6) back as raw DER bytes. The JPKI profile puts each of the
four basic items there as ``[0] EXPLICIT UTF8String``. This module decodes exactly that shape
(ITU-T X.690 §8.1 tag/length/value, definite lengths only, as DER requires) and encodes it for
the fake JPKI. It is not a general ASN.1 library and holds no cryptography.

>>> encode_explicit_utf8("山田　太郎")[:2]
b'\\xa0\\x11'
>>> decode_explicit_utf8(encode_explicit_utf8("山田　太郎"))
'山田　太郎'
"""

from __future__ import annotations

from typing import Final

__all__ = ["DERError", "decode_explicit_utf8", "encode_explicit_utf8", "read_tlv"]

_UTF8STRING: Final = 0x0C
_CONTEXT_0_CONSTRUCTED: Final = 0xA0
_MAX_LENGTH: Final = 1 << 20


class DERError(ValueError):
    """The bytes are not the DER shape expected (internal; callers re-raise a coded error)."""


def read_tlv(data: bytes, offset: int = 0) -> tuple[int, bytes, int]:
    """Read one tag-length-value at ``offset``: ``(tag, value, next_offset)``.

    Only single-byte tags and definite lengths in minimal form (X.690 §10.1) are accepted.
    """
    if offset + 2 > len(data):
        raise DERError("truncated")
    tag = data[offset]
    if tag & 0x1F == 0x1F:
        raise DERError("multi-byte tag")
    first = data[offset + 1]
    pos = offset + 2
    if first < 0x80:
        length = first
    else:
        count = first & 0x7F
        if count == 0 or count > 3 or pos + count > len(data):
            raise DERError("bad length")
        length = int.from_bytes(data[pos : pos + count], "big")
        pos += count
        if length < 0x80 or (count > 1 and data[pos - count] == 0):
            raise DERError("non-minimal length")
    if length > _MAX_LENGTH or pos + length > len(data):
        raise DERError("truncated")
    return tag, data[pos : pos + length], pos + length


def _encode_length(length: int) -> bytes:
    if length < 0x80:
        return bytes([length])
    body = length.to_bytes((length.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def decode_explicit_utf8(data: bytes) -> str:
    """Decode ``[0] EXPLICIT UTF8String`` (the JPKI otherName value) to text.

    Raises :class:`DERError` for any other shape, trailing bytes or invalid UTF-8.
    """
    tag, inner, end = read_tlv(data)
    if tag != _CONTEXT_0_CONSTRUCTED or end != len(data):
        raise DERError("not [0] EXPLICIT")
    tag, value, end = read_tlv(inner)
    if tag != _UTF8STRING or end != len(inner):
        raise DERError("not UTF8String")
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        raise DERError("invalid UTF-8") from None


def encode_explicit_utf8(text: str) -> bytes:
    """Encode ``text`` as ``[0] EXPLICIT UTF8String`` (for building test certificates)."""
    value = text.encode("utf-8")
    inner = bytes([_UTF8STRING]) + _encode_length(len(value)) + value
    return bytes([_CONTEXT_0_CONSTRUCTED]) + _encode_length(len(inner)) + inner
