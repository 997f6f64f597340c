"""Shared data for the submissions tests: the issue's form and a resident's answers."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

from govforms.submissions import FormDefinition, JST

DATA = Path(__file__).parent / "data"
#: The form of issue 6, byte for byte.
FORM_PATH = DATA / "juminhyo-copy.json"
NOW = datetime.datetime(2026, 11, 27, 10, 0, tzinfo=JST)


def raw_answers(**changes: Any) -> dict[str, Any]:
    """What a browser posts for the issue's form; ``changes`` override (``None`` removes)."""
    answers: dict[str, Any] = {
        "applicant_name": "試験 太郎",
        "applicant_kana": "しけん たろう",
        "birth_date": "昭和55年1月1日",
        "postal_code": "〒100-0013",
        "address": "東京都千代田区霞が関2-1-2",
        "phone": "03-1234-5678",
        "copies": "２",
        "include_my_number": "yes",
        "my_number": "1234 5678 9018",
    }
    for key, value in changes.items():
        if value is None:
            answers.pop(key, None)
        else:
            answers[key] = value
    return answers


@pytest.fixture(scope="session")
def form() -> FormDefinition:
    return FormDefinition.load(FORM_PATH)
