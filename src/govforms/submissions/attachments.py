"""Attachment references: what govforms records about a file, never the file itself.

The host stores the bytes (object storage, a database); a submission keeps the file's name,
declared content type, size and SHA-256 digest (FIPS 180-4), so the digest can be signed with
the answers and the stored file checked against it later.

>>> ref = AttachmentRef.from_bytes("住民票.pdf", "application/pdf", b"%PDF-1.7 ...")
>>> ref.size, ref.sha256[:16]
(12, 'cd98c5bce101ab55')
>>> ref.matches(b"%PDF-1.7 ...")
True
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictInt

__all__ = ["AttachmentRef"]

#: 2 GiB: larger than anything a municipal form accepts.
_MAX_SIZE = 2**31


class AttachmentRef(BaseModel):
    """A file by reference: ``name``, ``content_type``, ``size`` (bytes) and ``sha256`` (hex).

    ``name`` is a display name: path separators and control characters are refused, so it cannot
    be used to address another file.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)

    name: Annotated[str, Field(min_length=1, max_length=255, pattern=r"^[^/\\\x00-\x1f\x7f]+$")]
    content_type: Annotated[
        str,
        Field(max_length=127, pattern=r"^[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*$"),
    ]
    size: Annotated[StrictInt, Field(ge=0, le=_MAX_SIZE)]
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]

    @classmethod
    def from_bytes(cls, name: str, content_type: str, data: bytes) -> AttachmentRef:
        """The reference for ``data``: its size and SHA-256 computed here."""
        return cls(
            name=name,
            content_type=content_type.lower(),
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
        )

    def matches(self, data: bytes) -> bool:
        """Whether ``data`` is the file this reference describes (size and digest)."""
        digest = hashlib.sha256(data).hexdigest()
        return len(data) == self.size and hmac.compare_digest(digest, self.sha256)
