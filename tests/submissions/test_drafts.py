"""Drafts, resume tokens and re-applying from a past submission."""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govforms import ValidationErrors
from govforms.errors import GovFormsError
from govforms.submissions import (
    JST,
    Draft,
    FormDefinition,
    ResumeToken,
    ResumeTokens,
    clone_answers,
)
from tests.conftest import check_error, raises_code
from tests.submissions.conftest import NOW, draft, raw_answers

KEY = b"k" * 32
OLD = b"o" * 32
TTL = datetime.timedelta(hours=1)


def tokens(**keys: bytes) -> ResumeTokens:
    return ResumeTokens(keys or {"k1": KEY}, current="k1", ttl=TTL)


def test_token_round_trip_carries_id_expiry_and_key_only() -> None:
    token = tokens().issue("draft_01-x", now=NOW)
    version, key_id, draft_id, expiry, mac = token.split(".")
    assert (version, key_id, draft_id) == ("v1", "k1", "draft_01-x")
    assert int(expiry) == int((NOW + TTL).timestamp())
    body = f"v1.k1.draft_01-x.{expiry}".encode()
    expected = hmac.new(KEY, b"govforms.resume-token/1\n" + body, hashlib.sha256).digest()
    assert base64.urlsafe_b64decode(mac + "=") == expected
    assert tokens().verify(token, now=NOW) == ResumeToken(
        draft_id="draft_01-x", expires_at=(NOW + TTL).astimezone(JST), key_id="k1"
    )


def test_token_expires_at_its_expiry() -> None:
    token = tokens().issue("d1", now=NOW)
    tokens().verify(token, now=NOW + TTL - datetime.timedelta(seconds=1))
    with raises_code("resume.expired"):
        tokens().verify(token, now=NOW + TTL)


def test_key_rotation() -> None:
    old = ResumeTokens({"k0": OLD}, current="k0").issue("d1", now=NOW)
    rotated = ResumeTokens({"k0": OLD, "k1": KEY}, current="k1")
    assert rotated.verify(old, now=NOW).key_id == "k0"
    assert rotated.issue("d1", now=NOW).split(".")[1] == "k1"
    with raises_code("resume.unknown_key"):
        tokens().verify(old, now=NOW)
    assert "o" * 32 not in repr(rotated) and "k0" in repr(rotated)


@pytest.mark.parametrize("part", [1, 2, 3, 4])
def test_every_part_is_covered_by_the_mac(part: int) -> None:
    pair = {"k1": KEY, "k2": b"2" * 32}
    token = ResumeTokens(pair, current="k1").issue("d1", now=NOW)
    pieces = token.split(".")
    pieces[part] = {1: "k2", 2: "d2", 3: str(int(pieces[3]) + 1), 4: "A" * 43}[part]
    with raises_code("resume.signature_invalid"):
        ResumeTokens(pair, current="k1").verify(".".join(pieces), now=NOW)


@pytest.mark.parametrize(
    "token",
    [
        "",
        "v1",
        "v2.k1.d1.1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "v1.k1.d1.1.AAAA",
        "v1.k1.d.1.1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "v1.k1.d1.-1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "v1.k1.d1.999999999999.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "v1.k1.d1.1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "v1.k1.d1.１.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        " v1.k1.d1.1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "x" * 301,
    ],
)
def test_malformed_tokens(token: str) -> None:
    error = "resume.malformed" if "999999999999" not in token else "resume.signature_invalid"
    with raises_code(error):
        tokens().verify(token, now=NOW)


def test_tokens_that_are_not_text() -> None:
    with raises_code("resume.malformed"):
        tokens().verify(b"v1.k1", now=NOW)
    with raises_code("resume.malformed"):
        tokens().verify(None, now=NOW)


@given(st.text(max_size=120))
def test_any_text_is_a_token_or_a_coded_error(text: str) -> None:
    outcome: object
    try:
        outcome = tokens().verify(text, now=NOW)
    except GovFormsError as error:
        check_error(error, error.code)
        outcome = error.code
    assert outcome in {"resume.malformed", "resume.unknown_key", "resume.signature_invalid"}


@given(st.integers(min_value=0, max_value=80), st.characters(codec="ascii"))
def test_any_one_character_change_is_refused(position: int, char: str) -> None:
    token = tokens().issue("d41d8cd9", now=NOW)
    index = position % len(token)
    changed = token[:index] + char + token[index + 1 :]
    if changed == token:
        return
    with pytest.raises(GovFormsError) as info:
        tokens().verify(changed, now=NOW)
    assert info.value.code in {"resume.malformed", "resume.unknown_key", "resume.signature_invalid"}


def test_configuration_errors() -> None:
    with raises_code("resume.key_too_short", min_bytes=32):
        ResumeTokens({"k1": b"short"}, current="k1")
    with raises_code("config.invalid_option", option="current", value="unknown"):
        ResumeTokens({"k1": KEY}, current="k2")
    with raises_code("config.invalid_option", option="keys", value="key id"):
        ResumeTokens({"k.1": KEY}, current="k.1")
    with raises_code("config.invalid_option", option="ttl"):
        ResumeTokens({"k1": KEY}, current="k1", ttl=datetime.timedelta(0))
    with raises_code("draft.id_invalid"):
        tokens().issue("taro@example.jp", now=NOW)
    with raises_code("submission.naive_datetime"):
        tokens().issue("d1", now=datetime.datetime(2026, 1, 1))


def test_draft_saves_partial_answers_and_merges(form: FormDefinition) -> None:
    d = Draft.start(form, owner="resident-1", now=NOW, new_id=lambda: "d1")
    assert d.answers == {} and d.form_id == "juminhyo-copy" and d.form_version == 3
    d = d.save({"applicant_name": "試験 太郎", "copies": "x"}, now=NOW)
    d = d.save({"copies": "2", "phone": None}, now=NOW + TTL)
    assert d.answers == {"applicant_name": "試験 太郎", "copies": "2"}
    assert d.updated_at == (NOW + TTL).astimezone(JST) and d.created_at == NOW.astimezone(JST)
    assert "試験" not in repr(d)
    assert Draft.model_validate_json(d.model_dump_json()) == d
    with pytest.raises(ValidationErrors) as info:
        d.submission(form, now=NOW)
    assert "applicant_name" not in info.value.codes() and "birth_date" in info.value.codes()
    complete = d.save(raw_answers(), now=NOW)
    sub = complete.submission(form, now=NOW, new_id=lambda: "s1")
    assert sub.id == "s1" and sub.answers == form.validate(raw_answers())
    assert sub.history[0].actor == "resident-1"


def test_draft_refusals(form: FormDefinition) -> None:
    d = Draft.start(form, owner="resident-1", now=NOW, new_id=lambda: "d1")
    with raises_code("draft.answers_invalid"):
        d.save({"copies": 1.5}, now=NOW)
    with raises_code("draft.answers_invalid"):
        d.save(["copies"], now=NOW)  # type: ignore[arg-type]
    with raises_code("draft.answers_invalid"):
        d.save({"x": {1: "a"}}, now=NOW)
    with raises_code("draft.answers_invalid"):
        d.save({"x": "\ud800"}, now=NOW)
    with raises_code("draft.answers_invalid"):
        d.save({"\udfff": "x"}, now=NOW)
    deep: list[object] = []
    for _ in range(30):
        deep = [deep]
    with raises_code("draft.answers_invalid"):
        d.save({"x": deep}, now=NOW)
    with raises_code("draft.too_large", max_size=1_000_000):
        d.save({"address": "あ" * 400_000}, now=NOW)
    with raises_code("draft.id_invalid"):
        Draft.start(form, owner="r", now=NOW, new_id=lambda: "山田")
    with raises_code("submission.actor_invalid", max_length=200):
        Draft.start(form, owner="", now=NOW)
    other = FormDefinition.from_dict({**form.model_dump(by_alias=True), "version": 4})
    with raises_code("draft.form_mismatch", form_id="juminhyo-copy", form_version=4):
        d.submission(other, now=NOW)


def test_clone_answers_leaves_out_my_numbers(form: FormDefinition) -> None:
    past = draft(form)
    cloned = clone_answers(past, form, owner="resident-1", now=NOW, new_id=lambda: "d2")
    assert cloned.cloned_from == "sub-1" and cloned.id == "d2"
    assert "my_number" not in cloned.answers
    assert cloned.answers["copies"] == 2 and cloned.answers["birth_date"] == "1980-01-01"
    with pytest.raises(ValidationErrors) as info:
        cloned.submission(form, now=NOW)
    assert info.value.codes() == {"my_number": ["field.required"]}
    again = cloned.save({"my_number": "123456789018"}, now=NOW).submission(form, now=NOW)
    assert again.answers == past.answers
    newer = FormDefinition.from_dict(
        {
            **form.model_dump(by_alias=True, exclude_none=True),
            "version": 4,
            "fields": [
                f for f in form.model_dump(exclude_none=True)["fields"] if f["name"] != "phone"
            ],
        }
    )
    moved = clone_answers(past, newer, owner="resident-1", now=NOW)
    assert "phone" not in moved.answers and moved.form_version == 4
    foreign = FormDefinition.from_dict({**form.model_dump(by_alias=True), "id": "other"})
    with raises_code("draft.form_mismatch", form_id="other", form_version=3):
        clone_answers(past, foreign, owner="r", now=NOW)


_ANY = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=5)
    | st.binary(max_size=3),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=3) | st.integers(), inner, max_size=3)
    ),
    max_leaves=10,
)


@given(st.dictionaries(st.text(max_size=8), _ANY, max_size=4) | _ANY)
def test_saving_anything_gives_a_draft_or_a_coded_error(answers: object) -> None:
    form = FormDefinition.load("tests/submissions/data/juminhyo-copy.json")
    start = Draft.start(form, owner="r", now=NOW, new_id=lambda: "d1")
    outcome: object
    try:
        outcome = start.save(answers, now=NOW)  # type: ignore[arg-type]
    except GovFormsError as error:
        check_error(error, error.code)
        outcome = error.code
    if isinstance(outcome, Draft):
        assert Draft.model_validate_json(outcome.model_dump_json()) == outcome
    else:
        assert outcome == "draft.answers_invalid"
