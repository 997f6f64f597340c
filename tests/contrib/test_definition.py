"""The framework-free helpers shared by the form adapters."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from govforms.contrib._definition import attachment_reference
from tests.conftest import raises_code


def test_attachment_reference_streams_the_chunks() -> None:
    reference = attachment_reference("a.PDF", "Application/PDF", iter([b"ab", b"c"]))
    assert reference == {
        "name": "a.PDF",
        "content_type": "application/pdf",
        "size": 3,
        "sha256": hashlib.sha256(b"abc").hexdigest(),
    }


def test_a_nameless_file_is_refused_before_it_is_read() -> None:
    read: list[bytes] = []

    def chunks() -> Iterator[bytes]:
        for chunk in (b"x" * 10, b"y"):
            read.append(chunk)
            yield chunk

    with raises_code("form.file_reference_invalid"):
        attachment_reference("", None, chunks())
    assert read == []
