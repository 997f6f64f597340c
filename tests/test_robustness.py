"""Junk in, coded errors out: every public name of fields, payments and submissions.

In the spirit of python-stdnum's ``tests/test_robustness.doctest`` (which feeds junk to every
``is_valid``), but over the whole public surface: bad input is the normal case for a form
library, so every public function and constructor answers it with a value, a ``False`` from
``is_valid_*``, or a coded :class:`~govforms.GovFormsError` (``ValidationErrors`` included). A
pydantic model or type may answer with a :class:`pydantic.ValidationError`, provided every error
``type`` is one of our codes or a standard pydantic type. Nothing else: no ``TypeError``,
``KeyError``, ``AttributeError``, ``RecursionError``, ``UnicodeError``, ``OverflowError``...
And no function changes the arguments it was given.

Argument shapes (see :data:`CASES`): a parameter typed ``object``/``Any`` (a parser's front
door) gets *anything*; a parameter with a concrete type (``str``, ``bytes``, ``int``, ``date``,
``Mapping[str, Any]``) gets *any value of that type* — mypy holds callers to the type, but not
to sane values. Parameters that take one of our own objects (a ``Submission``, a
``FormDefinition``, a ``Payment``) get objects *parsed from junk-mutated JSON*: a valid
document with one leaf replaced by junk, which is exactly what a tampered database row is.

:func:`test_every_public_name_is_covered_or_excluded` fails when a new public name is neither
in :data:`CASES` nor in :data:`EXCLUDED` (types, constants, protocols, returned value objects).
"""

from __future__ import annotations

import copy
import datetime
import enum
import io
import json
import math
import typing
from collections.abc import Callable, Iterator
from typing import Any

import pydantic
import pydantic_core
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govforms.fields as fields
import govforms.payments as payments
import govforms.submissions as submissions
from govforms._messages import catalogue
from govforms.errors import ConfigurationError, FieldError, GovFormsError, ValidationErrors
from govforms.identity.testing import FakeJPKI
from govforms.payments.testing import FakePaymentProvider
from govforms.submissions import (
    AttachmentPolicy,
    AttachmentRef,
    FormDefinition,
    ResumeTokens,
    SequentialReceiptNumbers,
    Submission,
)
from tests.conftest import check_error
from tests.submissions.conftest import FORM_PATH, NOW, raw_answers
from tests.submissions.test_delegation import envelope

MODULES = {"fields": fields, "payments": payments, "submissions": submissions}

# --------------------------------------------------------------------------------------------
# Junk
# --------------------------------------------------------------------------------------------


def _nested(depth: int, leaf: Any = None, *, as_dict: bool = False) -> Any:
    value = leaf
    for _ in range(depth):
        value = {"a": value} if as_dict else [value]
    return value


LONG = 100_000
#: Deterministic nasties every case sees, whatever hypothesis draws.
NASTY_TEXT: list[str] = [
    "",
    " ",
    "\x00",
    "1\x00" * 7,
    "\ud800",
    "a\udfffb",
    "\ufeff",
    "\u202e",
    "１" * 12,
    "x" * LONG,
    "１" * LONG,
    "1" * LONG,
    "-" + "9" * 5000,
    "[" * LONG,
    "[" * 5000 + "]" * 5000,
    '{"a":' * LONG,
    "nan",
    "Infinity",
    "1e999",
    "null",
    "{}",
    "[]",
]
NASTY_BYTES: list[bytes] = [
    b"",
    b"\x00",
    b"\xff\xfe\xfd",
    b"\x00" * LONG,
    b"[" * LONG,
    b"\xed\xa0\x80",
]
NASTY_NUMBERS: list[Any] = [
    0,
    -1,
    True,
    2**63,
    -(2**64),
    10**400,
    math.nan,
    math.inf,
    -math.inf,
    -0.0,
    1e308,
    5e-324,
]
NASTY_TREES: list[Any] = [
    None,
    [],
    {},
    [None],
    {"": None},
    {"a": math.nan},
    {1: "a"},
    {None: 1},
    {(1, 2): "x"},
    {"x": b"\x00"},
    {"\ud800": "\udfff"},
    ["x" * LONG],
    # Far past the interpreter's recursion limit (1000), yet cheap to walk.
    _nested(3_000),
    _nested(3_000, as_dict=True),
    {1, 2},
    object(),
    bytearray(b"abc"),
    datetime.date(1, 1, 1),
    datetime.datetime.max,
]
YAML_NASTIES = (*(v for v in NASTY_TEXT + NASTY_BYTES if len(v) < 20_000), "x" * LONG)
NASTY: list[Any] = NASTY_TEXT + NASTY_BYTES + NASTY_NUMBERS + NASTY_TREES

text = st.text() | st.text(st.characters(codec=None, min_codepoint=0xD800, max_codepoint=0xDFFF))
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats()
    | text
    | st.binary()
)
trees = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(text | st.integers(), children, max_size=4)
        | st.tuples(children, children)
    ),
    max_leaves=12,
)
junk = trees | st.sampled_from(NASTY)
json_text = (
    text
    | st.binary()
    | trees.map(lambda v: json.dumps(v, default=repr, ensure_ascii=False, skipkeys=True))
    | st.sampled_from(NASTY_TEXT + NASTY_BYTES)
)
nasty_text = text | st.sampled_from(NASTY_TEXT)
dates = st.dates()
datetimes = st.datetimes(timezones=st.none() | st.timezones())
mappings = st.dictionaries(text, junk, max_size=6) | st.sampled_from(
    [t for t in NASTY_TREES if isinstance(t, dict)]
)

# --------------------------------------------------------------------------------------------
# The one rule
# --------------------------------------------------------------------------------------------

PYDANTIC_TYPES = frozenset(typing.get_args(pydantic_core.core_schema.ErrorType))
#: Standard pydantic types that would only appear if a plain ValueError/AssertionError escaped
#: one of our validators (pydantic wraps those silently): treated as stray exceptions.
UNCODED = frozenset({"value_error", "assertion_error"})


def _fingerprint(value: Any) -> list[Any]:
    """A flat, iterative (any depth) picture of ``value`` for the "not mutated" check."""
    out: list[Any] = []
    stack: list[Any] = [value]
    seen: set[int] = set()
    while stack:
        item = stack.pop()
        if isinstance(item, dict | list | tuple | set | frozenset | bytearray):
            if id(item) in seen:
                out.append(("cycle", id(item)))
                continue
            seen.add(id(item))
        if isinstance(item, dict):
            out.append(("dict", len(item)))
            for key, val in item.items():
                out.append(("key", type(key).__name__, repr(key)[:200], len(repr(key))))
                stack.append(val)
        elif isinstance(item, list | tuple):
            out.append((type(item).__name__, len(item)))
            stack.extend(item)
        elif isinstance(item, set | frozenset):
            out.append((type(item).__name__, sorted(map(repr, item))))
        elif isinstance(item, float) and math.isnan(item):
            out.append(("nan",))
        elif isinstance(item, pydantic.BaseModel):
            out.append(("model", type(item).__name__, item.model_dump_json()))
        elif isinstance(item, str | bytes | bytearray | int | float | type(None)):
            out.append(
                (type(item).__name__, item if not isinstance(item, bytearray) else bytes(item))
            )
        else:
            out.append((type(item).__name__, id(item)))
    return out


def _check_coded(error: GovFormsError) -> None:
    if isinstance(error, ValidationErrors):
        assert len(error) > 0
        for _, inner in error:
            assert isinstance(inner, FieldError)
            check_error(inner, inner.code)
    check_error(error, error.code)


def outcome(name: str, call: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run ``call``; return its value or None, failing on anything but an allowed answer."""
    before = _fingerprint((args, kwargs))
    result: Any = None
    raised: GovFormsError | None = None
    problems: list[Any] = []
    try:
        result = call(*args, **kwargs)
    except GovFormsError as error:
        _check_coded(error)
        raised = error
    except pydantic.ValidationError as error:
        problems = list(error.errors(include_url=False, include_input=False))
    types = {item["type"] for item in problems}
    # Our codes or standard pydantic types; never a wrapped plain ValueError/AssertionError.
    assert types - PYDANTIC_TYPES <= set(catalogue()), (name, types - PYDANTIC_TYPES)
    assert not (types & UNCODED), (name, problems)
    for problem in problems:
        if problem["type"] in catalogue():
            # Our code inside pydantic carries exactly our params as ctx (see fields/_pydantic).
            declared = set(catalogue()[problem["type"]]["params"])
            assert set(problem.get("ctx", {})) == declared, (name, problem)
    if name.rsplit(".", 1)[-1].startswith("is_valid_"):
        # The value never makes is_valid_* raise; only a bad option (min_level=, charset=) may.
        assert isinstance(raised, ConfigurationError) or result in (True, False), (name, raised)
    assert _fingerprint((args, kwargs)) == before, f"{name} changed its arguments"
    return result


# --------------------------------------------------------------------------------------------
# Valid objects, and objects parsed from junk-mutated JSON
# --------------------------------------------------------------------------------------------

#: The issue's form, unsigned so that the fixtures need no card (identity is fuzzed elsewhere).
FORM_DOC = {**json.loads(FORM_PATH.read_text(encoding="utf-8")), "requires_signature": False}
FORM = FormDefinition.from_dict(FORM_DOC)
ANSWERS = FORM.validate(raw_answers())
SUBMISSION = Submission.create(
    FORM,
    ANSWERS,
    actor="resident-1",
    now=NOW,
    receipt_numbers=SequentialReceiptNumbers(),
    new_id=lambda: "sub-1",
).transition("submitted", actor="resident-1", role="resident", now=NOW)
IN_REVIEW = SUBMISSION.transition("accepted", actor="staff", role="staff", now=NOW).transition(
    "in_review", actor="staff", role="staff", now=NOW
)
MESSAGED = SUBMISSION.post_message("確認します", sender="staff", sender_role="staff", now=NOW)
JPKI = FakeJPKI(clock=lambda: NOW, seed=3)
JPKI_OPTIONS: dict[str, Any] = {
    "trust": JPKI.trust_store(),
    "revocation": JPKI.crl_source(at=NOW),
    "allow_test_cards": True,
}
#: A draft of the issue's form as it stands (signature required).
UNSIGNED = Submission.create(
    FormDefinition.load(FORM_PATH),
    FormDefinition.load(FORM_PATH).validate(raw_answers()),
    actor="resident-1",
    now=NOW,
    receipt_numbers=SequentialReceiptNumbers(),
    new_id=lambda: "sub-2",
)
CARD = JPKI.issue_card(name="試験　太郎", birth_date=datetime.date(1980, 1, 1))
SIGNED = UNSIGNED.attach_signature(
    CARD.sign(UNSIGNED.signing_payload(), pin="ABC123"),
    CARD.signature_certificate,
    actor="resident-1",
    now=NOW,
    **JPKI_OPTIONS,
)
assert SIGNED.signature is not None
PROVIDER = FakePaymentProvider(clock=lambda: NOW)
REQUEST = payments.PaymentRequest(
    amount=600, method="card", reference="R-1", idempotency_key="fee-R-1", description="写し"
)
PAYMENT = PROVIDER.create_payment(REQUEST)
PENDING = payments.new_payment(REQUEST, payment_id="pay_1", created_at=NOW)
EVENT = payments.PaymentEvent(
    id="evt_1", type="payment.succeeded", payment_id="pay_1", created=NOW, sequence=1
)
POLICY = AttachmentPolicy()
REF = AttachmentRef.from_bytes("a.pdf", "application/pdf", b"%PDF-1.7 x")
ENVELOPE = envelope()
TOKENS = ResumeTokens({"k1": b"k" * 32}, current="k1")
SECRET = "whsec_" + "s" * 32
BODY = b'{"id":"evt_1"}'
SIGNED_AT = datetime.datetime(2026, 11, 27, 1, 0, tzinfo=datetime.UTC)
HEADER = payments.sign_webhook(BODY, SECRET, now=SIGNED_AT)

#: A valid JSON document per model: junk replaces one leaf (or one key's value).
DOCUMENTS: dict[type[pydantic.BaseModel], Any] = {
    FormDefinition: FORM_DOC,
    Submission: json.loads(SUBMISSION.to_json()),
    payments.Payment: PENDING.model_dump(mode="json"),
    payments.PaymentEvent: EVENT.model_dump(mode="json"),
    payments.PaymentRequest: REQUEST.model_dump(mode="json"),
    AttachmentPolicy: POLICY.model_dump(mode="json"),
    submissions.Envelope: ENVELOPE.model_dump(mode="json"),
    submissions.FeeSchedule: FORM_DOC["fee"],
    submissions.SignatureEvidence: SIGNED.signature.model_dump(mode="json"),
}


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(value, dict):
        for key, val in value.items():
            yield from _paths(val, (*prefix, key))
    elif isinstance(value, list):
        for index, val in enumerate(value):
            yield from _paths(val, (*prefix, index))


def _replace(doc: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    doc = copy.copy(doc)
    doc[path[0]] = _replace(doc[path[0]], path[1:], new)
    return doc


def _like(original: Any) -> st.SearchStrategy[Any]:
    """Junk of the same JSON type as ``original`` (the kind that gets past a schema)."""
    if isinstance(original, bool):
        return st.booleans()
    if isinstance(original, int):
        return st.integers() | st.sampled_from([0, -1, 2**53, 2**63, 10**30])
    if isinstance(original, str):
        return nasty_text | st.sampled_from([original.upper(), original * 2, original[:-1]])
    if isinstance(original, list):
        return (
            st.lists(st.sampled_from(original), max_size=len(original) + 2)
            if original
            else st.just([])
        )
    if isinstance(original, dict):
        return (
            st.sets(st.sampled_from(sorted(original))).map(
                lambda drop: {k: v for k, v in original.items() if k not in drop}
            )
            if original
            else st.just({})
        )
    return st.none()


@st.composite
def tampered(draw: st.DrawFn, doc: Any) -> Any:
    """``doc`` with one value replaced by junk (half the time junk of the same JSON type)."""
    path = draw(st.sampled_from(list(_paths(doc))[1:]))
    original = doc
    for part in path:
        original = original[part]
    wild = trees | st.sampled_from(NASTY_TEXT + NASTY_NUMBERS)
    return _replace(doc, path, draw(_like(original) | wild))


@st.composite
def mutated(draw: st.DrawFn, model: type[pydantic.BaseModel], doc: Any = None) -> Any:
    """``model`` parsed from its :func:`tampered` valid document as JSON text, or None when
    the model refuses it (after :func:`outcome` has checked the refusal)."""
    value = draw(tampered(DOCUMENTS[model] if doc is None else doc))
    data = json.dumps(value, default=repr, ensure_ascii=False, skipkeys=True)
    return outcome(f"{model.__name__}.model_validate_json", model.model_validate_json, data)


#: The signed submission's stored JSON, one value tampered with.
signed_submissions = mutated(Submission, json.loads(SIGNED.to_json(reveal_my_number=True)))


# --------------------------------------------------------------------------------------------
# The table: public name -> (strategy of argument tuples, how to call)
# --------------------------------------------------------------------------------------------


class Case(typing.NamedTuple):
    args: st.SearchStrategy[tuple[Any, ...]]
    call: Callable[..., Any]
    #: Single-argument front doors also get every value of this deterministic list.
    fixed: tuple[Any, ...] = ()


def one(strategy: st.SearchStrategy[Any], call: Callable[[Any], Any]) -> Case:
    fixed: tuple[Any, ...] = ()
    if strategy is junk:
        fixed = tuple(NASTY)
    elif strategy is json_text:
        fixed = tuple(NASTY_TEXT + NASTY_BYTES)
    elif strategy is nasty_text:
        fixed = tuple(NASTY_TEXT)
    return Case(st.tuples(strategy), call, fixed)


def anything(call: Callable[[Any], Any]) -> Case:
    return one(junk, call)


def adapter(annotation: Any) -> list[Case]:
    """A pydantic ``Annotated`` type: Python input and JSON input."""
    type_adapter = pydantic.TypeAdapter(annotation)
    return [anything(type_adapter.validate_python), one(json_text, type_adapter.validate_json)]


def model(cls: type[pydantic.BaseModel]) -> list[Case]:
    """A pydantic model: Python input, JSON input, and mutated valid documents."""
    cases = [anything(cls.model_validate), one(json_text, cls.model_validate_json)]
    if cls in DOCUMENTS:
        cases.append(one(mutated(cls), lambda parsed: parsed))
    return cases


def with_submission(call: Callable[[Submission], Any]) -> Case:
    return one(mutated(Submission) | st.just(SUBMISSION), lambda s: s is None or call(s))


def _use_stored_answers(data: Any) -> Any:
    answers = submissions.ValidatedAnswers.from_json_data(data)
    FORM.check_answers(answers)
    return FORM.fee(answers), answers.to_dict(), FORM.revalidate(answers, {})


def _fields_cases() -> dict[str, list[Case]]:
    f = fields
    cases: dict[str, list[Case]] = {
        "age_on": [Case(st.tuples(dates, dates), f.age_on)],
        "date_of_reaching_age": [Case(st.tuples(dates, st.integers()), f.date_of_reaching_age)],
        "check_postal_code": [
            Case(st.tuples(nasty_text, junk), f.check_postal_code),
            Case(st.tuples(st.just("東京都千代田区霞が関2-1-2"), junk), f.check_postal_code),
        ],
        "format_wareki": [anything(f.format_wareki), one(dates, f.format_wareki)],
        "is_valid_address": [
            anything(f.is_valid_address),
            Case(
                st.tuples(nasty_text, nasty_text), lambda t, lv: f.is_valid_address(t, min_level=lv)
            ),
        ],
        "validate_address": [
            anything(f.validate_address),
            Case(
                st.tuples(nasty_text, nasty_text), lambda t, lv: f.validate_address(t, min_level=lv)
            ),
        ],
        # The brief's own promise: parse_address never raises on any str.
        "parse_address": [one(nasty_text, f.parse_address)],
        "is_valid_person_name": [
            anything(f.is_valid_person_name),
            Case(
                st.tuples(nasty_text, nasty_text), lambda v, c: f.is_valid_person_name(v, charset=c)
            ),
        ],
        "validate_person_name": [
            anything(f.validate_person_name),
            Case(
                st.tuples(nasty_text, nasty_text, st.integers()),
                lambda v, c, n: f.validate_person_name(v, charset=c, max_length=n),
            ),
        ],
        "validate_name_kana": [
            anything(f.validate_name_kana),
            Case(
                st.tuples(nasty_text, st.integers()),
                lambda v, n: f.validate_name_kana(v, max_length=n),
            ),
        ],
        "is_valid_phone": [
            anything(f.is_valid_phone),
            Case(
                st.tuples(nasty_text, st.lists(nasty_text)),
                lambda v, k: f.is_valid_phone(v, kinds=k),
            ),
        ],
        "validate_phone": [
            anything(f.validate_phone),
            Case(
                st.tuples(nasty_text, st.lists(nasty_text) | st.none(), nasty_text),
                lambda v, k, r: f.validate_phone(v, kinds=k, region=r),
            ),
        ],
        "MyNumber": [anything(f.MyNumber)],
        "PersonName": model(f.PersonName),
    }
    for name in (
        "calc_corporate_number_check_digit",
        "calc_local_government_check_digit",
        "calc_my_number_check_digit",
    ):
        cases[name] = [one(nasty_text, getattr(f, name))]
    for name in f.__all__:
        if name in cases or not name.islower():
            continue
        if name.startswith(("is_valid_", "validate_", "compact_", "format_", "lookup_", "parse_")):
            cases[name] = [anything(getattr(f, name))]
    cases["to_katakana"] = [anything(f.to_katakana)]
    for name in (
        "AddressText",
        "CorporateNumber",
        "JapaneseDate",
        "LocalGovernmentCode",
        "NameKana",
        "PersonNameStr",
        "Phone",
        "PostalCode",
    ):
        cases[name] = adapter(getattr(f, name))
    return cases


def _payments_cases() -> dict[str, list[Case]]:
    p = payments
    webhook_secrets = nasty_text | st.binary() | st.lists(nasty_text | st.binary(), max_size=3)
    cases: dict[str, list[Case]] = {
        "validate_amount": [
            anything(p.validate_amount),
            Case(st.tuples(junk, st.booleans()), lambda v, z: p.validate_amount(v, allow_zero=z)),
        ],
        "validate_idempotency_key": [anything(p.validate_idempotency_key)],
        "parse_signature_header": [anything(p.parse_signature_header)],
        "get_signature_header": [
            one(st.dictionaries(nasty_text, nasty_text, max_size=4), p.get_signature_header)
        ],
        "verify_webhook": [
            Case(
                st.tuples(st.binary() | st.sampled_from(NASTY_BYTES), nasty_text | st.none()),
                lambda body, header: p.verify_webhook(body, header, SECRET, now=SIGNED_AT),
            ),
            Case(
                st.tuples(webhook_secrets, st.integers(), datetimes),
                lambda secrets, tolerance, now: p.verify_webhook(
                    BODY, HEADER, secrets, now=now, tolerance=tolerance
                ),
            ),
        ],
        "sign_webhook": [
            Case(
                st.tuples(st.binary(), webhook_secrets, datetimes),
                lambda body, secrets, now: p.sign_webhook(body, secrets, now=now),
            )
        ],
        "WebhookSecret": [one(nasty_text | st.binary(), p.WebhookSecret)],
        "request_fingerprint": [
            Case(st.tuples(nasty_text, mappings), p.request_fingerprint),
        ],
        "IdempotencyStore": [
            Case(
                st.tuples(nasty_text, nasty_text, nasty_text),
                lambda k, fp, op: p.IdempotencyStore[int]().lookup(k, fp, op),
            )
        ],
        "load_provider": [
            one(nasty_text, p.load_provider),
            Case(
                st.tuples(st.just("fake"), mappings),
                lambda n, c: p.load_provider(n, **{str(k): v for k, v in c.items()}),
            ),
        ],
        "ProviderVariant": [one(nasty_text, lambda name: p.ProviderVariant(name).load())],
        "ProviderVariants": [
            Case(
                st.tuples(nasty_text, nasty_text),
                lambda key, name: p.ProviderVariants({key: p.ProviderVariant("fake")}).load(name),
            )
        ],
        "voucher_expiry": [one(dates, p.voucher_expiry)],
        "is_terminal": [one(st.sampled_from(list(p.PaymentStatus)), p.is_terminal)],
        "new_payment": [
            Case(
                st.tuples(mutated(p.PaymentRequest), nasty_text, datetimes, datetimes | st.none()),
                lambda r, i, c, e: (
                    r is None or p.new_payment(r, payment_id=i, created_at=c, expires_at=e)
                ),
            )
        ],
        "apply_event": [
            Case(
                st.tuples(mutated(p.Payment), mutated(p.PaymentEvent)),
                lambda pay, ev: pay is None or ev is None or p.apply_event(pay, ev),
            )
        ],
        "classify_event": [
            Case(
                st.tuples(mutated(p.Payment), mutated(p.PaymentEvent)),
                lambda pay, ev: pay is None or ev is None or p.classify_event(pay, ev),
            )
        ],
        "Capabilities": [
            *model(p.Capabilities),
            one(st.integers(), PROVIDER.capabilities.check_amount),
            Case(
                st.tuples(mutated(p.PaymentRequest), dates),
                lambda r, d: r is None or PROVIDER.capabilities.check_request(r, today=d),
            ),
        ],
    }
    for name in ("Amount", "NonNegativeAmount", "NextAction"):
        cases[name] = adapter(getattr(p, name))
    for name in p.__all__:
        obj = getattr(p, name)
        if isinstance(obj, type) and issubclass(obj, pydantic.BaseModel) and name not in cases:
            cases[name] = model(obj)
    return cases


def _submissions_cases() -> dict[str, list[Case]]:
    s = submissions
    cases: dict[str, list[Case]] = {
        "FormDefinition": [
            *model(s.FormDefinition),
            one(json_text, s.FormDefinition.from_json),
            # PyYAML reads about 100k characters a second: one long document, not five.
            Case(st.tuples(json_text), s.FormDefinition.from_yaml, YAML_NASTIES),
            anything(s.FormDefinition.from_dict),
            one(mappings, FORM.validate),
            anything(FORM.validate),
            one(mappings, FORM.fee),
            one(mappings, lambda changes: FORM.revalidate(ANSWERS, changes)),
            # Not FORM.field(name): a mapping-style lookup by a name from the host's own code,
            # documented to raise KeyError (govforms.cli.validate relies on it).
            one(nasty_text, FORM.json_schema),
            one(
                st.tuples(mutated(s.FormDefinition), mappings),
                lambda fa: fa[0] is None or (fa[0].validate(fa[1]) and fa[0].fee(fa[1])),
            ),
        ],
        "Submission": [
            *model(s.Submission),
            one(json_text, s.Submission.from_json),
            with_submission(lambda sub: sub.signing_payload()),
            with_submission(lambda sub: sub.to_json()),
            # A stored, signed submission tampered with: verified again, as staff would.
            one(
                signed_submissions,
                lambda sub: sub is None or sub.verify_signature(**JPKI_OPTIONS),
            ),
            Case(
                st.tuples(
                    st.sampled_from(list(s.Status)) | nasty_text,
                    nasty_text,
                    st.sampled_from(["resident", "staff", "system"]) | nasty_text,
                    nasty_text | st.none(),
                ),
                lambda to, actor, role, note: SUBMISSION.transition(
                    to, actor=actor, role=role, note=note, now=NOW
                ),
            ),
            Case(
                st.tuples(nasty_text, nasty_text, nasty_text),
                lambda body, sender, role: SUBMISSION.post_message(
                    body, sender=sender, sender_role=role, now=NOW
                ),
            ),
            one(nasty_text, SUBMISSION.unread_messages),
            Case(
                st.tuples(nasty_text, nasty_text, st.lists(nasty_text) | st.none()),
                lambda reader, role, ids: MESSAGED.mark_messages_read(
                    reader=reader, reader_role=role, now=NOW, message_ids=ids
                ),
            ),
            Case(
                st.tuples(mutated(payments.Payment), nasty_text, nasty_text),
                lambda pay, actor, role: (
                    pay is None or SUBMISSION.attach_payment(pay, actor=actor, role=role, now=NOW)
                ),
            ),
            # Into identity: its findings go to the identity owner (see the module docstring).
            Case(
                st.tuples(st.binary() | st.sampled_from(NASTY_BYTES), junk),
                lambda signature, certificate: UNSIGNED.attach_signature(
                    signature,
                    certificate,
                    actor="resident-1",
                    now=NOW,
                    **JPKI_OPTIONS,
                ),
            ),
            one(
                mappings,
                lambda changes: SUBMISSION.amend(
                    FORM, FORM.revalidate(ANSWERS, changes), actor="r", now=NOW
                ),
            ),
        ],
        "ValidatedAnswers": [
            anything(s.ValidatedAnswers.from_json_data),
            # Stored answers tampered with, then used as the host would.
            one(tampered(ANSWERS.to_json_data(reveal_my_number=True)), _use_stored_answers),
        ],
        "AttachmentRef": [
            *model(s.AttachmentRef),
            Case(st.tuples(nasty_text, nasty_text, st.binary()), s.AttachmentRef.from_bytes),
            one(st.binary(), REF.matches),
        ],
        "Condition": [
            *model(s.Condition),
            Case(
                st.tuples(junk, mappings),
                lambda equals, answers: s.Condition(field="a", equals=equals).compile()(answers),
            ),
        ],
        "LocalizedText": [
            *model(s.LocalizedText),
            one(nasty_text, s.LocalizedText(ja="あ", en="a").get),
        ],
        "ResumeTokens": [
            Case(st.tuples(junk, datetimes), lambda token, now: TOKENS.verify(token, now=now)),
            Case(st.tuples(nasty_text, datetimes), lambda d, now: TOKENS.issue(d, now=now)),
            Case(
                st.tuples(st.dictionaries(nasty_text, st.binary(), max_size=3), nasty_text),
                lambda keys, current: ResumeTokens(keys, current=current),
            ),
        ],
        "Draft": [
            *model(s.Draft),
            Case(
                st.tuples(nasty_text, datetimes),
                lambda owner, now: s.Draft.start(FORM, owner=owner, now=now, new_id=lambda: "d1"),
            ),
            one(
                mappings,
                lambda answers: (
                    s.Draft.start(FORM, owner="r", now=NOW, new_id=lambda: "d1")
                    .save(answers, now=NOW)
                    .submission(FORM, now=NOW, receipt_numbers=SequentialReceiptNumbers())
                ),
            ),
        ],
        "SequentialReceiptNumbers": [
            Case(
                st.tuples(st.integers(), datetimes),
                lambda n, now: s.SequentialReceiptNumbers(n)(now=now),
            )
        ],
        "RandomReceiptNumbers": [one(datetimes, lambda now: s.RandomReceiptNumbers()(now=now))],
        "make_receipt_number": [Case(st.tuples(dates, st.integers()), s.make_receipt_number)],
        "calc_receipt_check_character": [one(nasty_text, s.calc_receipt_check_character)],
        "is_valid_receipt_number": [anything(s.is_valid_receipt_number)],
        "validate_receipt_number": [anything(s.validate_receipt_number)],
        "canonical_json": [anything(s.canonical_json)],
        "sniff_file_type": [one(st.binary() | st.sampled_from(NASTY_BYTES), s.sniff_file_type)],
        "check_attachment": [
            Case(
                st.tuples(nasty_text, st.binary() | st.sampled_from(NASTY_BYTES)),
                lambda name, data: s.check_attachment(name, data, policy=POLICY, now=NOW),
            ),
            Case(
                st.tuples(mutated(AttachmentPolicy), st.binary()),
                lambda pol, data: pol is None or s.check_attachment("a.pdf", data, policy=pol),
            ),
        ],
        "check_attachments": [
            Case(
                st.tuples(st.integers(0, 30), mutated(AttachmentPolicy)),
                lambda n, pol: pol is None or s.check_attachments([REF] * n, pol),
            )
        ],
        "check_envelope": [
            one(
                mutated(s.Envelope),
                lambda env: env is None or s.check_envelope(env, s.DelegationPolicy(), []),
            )
        ],
        "set_envelope": [
            one(
                mutated(s.Envelope),
                lambda env: (
                    env is None
                    or s.set_envelope(
                        SUBMISSION.model_copy(update={"status": s.Status.DRAFT}),
                        FORM,
                        env,
                        actor="r",
                        now=NOW,
                    )
                ),
            )
        ],
        "allowed_transitions": [
            Case(st.tuples(st.sampled_from(list(s.Status)), nasty_text), s.allowed_transitions)
        ],
        "check_transition": [
            Case(st.tuples(nasty_text, nasty_text, nasty_text), s.check_transition)
        ],
        "compute_fee": [
            one(mappings, lambda values: s.compute_fee(FORM.fee_rules, values)),
            Case(
                st.tuples(mutated(s.FeeSchedule), mappings),
                lambda schedule, values: schedule is None or s.compute_fee(schedule, values),
            ),
        ],
        "neutralise_formula": [one(nasty_text, s.neutralise_formula)],
        "csv_header": [
            Case(
                st.tuples(nasty_text, nasty_text),
                lambda locale, header: s.csv_header(FORM, locale=locale, header=header),
            )
        ],
        "export_csv": [
            Case(
                st.tuples(
                    mutated(Submission),
                    st.sampled_from(["utf-8-sig", "cp932"]) | nasty_text,
                    st.sampled_from(["ja", "en", "ja-easy"]) | nasty_text,
                    st.sampled_from(["raise", "substitute"]) | nasty_text,
                ),
                lambda sub, enc, loc, unenc: s.export_csv(
                    [sub or SUBMISSION],
                    FORM,
                    io.BytesIO(),
                    encoding=enc,
                    locale=loc,
                    on_unencodable=unenc,
                ),
            )
        ],
        "iter_csv_rows": [with_submission(lambda sub: list(s.iter_csv_rows([sub], FORM)))],
        "export_jsonl": [with_submission(lambda sub: s.export_jsonl([sub], io.BytesIO()))],
        "verify_history": [
            with_submission(s.verify_history),
            one(nasty_text, lambda head: s.verify_history(SUBMISSION, expected_head=head)),
        ],
        "finished_at": [with_submission(s.finished_at)],
        "apply_retention": [
            Case(
                st.tuples(mutated(Submission), datetimes),
                lambda sub, now: s.apply_retention([sub or SUBMISSION], now=now),
            )
        ],
        "expire_overdue": [
            Case(
                st.tuples(mutated(Submission), datetimes, nasty_text),
                lambda sub, now, actor: s.expire_overdue(sub or SUBMISSION, now=now, actor=actor),
            )
        ],
        "request_payment": [
            Case(
                st.tuples(
                    st.integers(), dates, nasty_text, datetimes, st.lists(nasty_text) | st.none()
                ),
                lambda amount, deadline, actor, now, methods: s.request_payment(
                    SUBMISSION,
                    amount,
                    deadline=deadline,
                    actor=actor,
                    now=now,
                    methods=None if methods is None else tuple(methods),
                ),
            )
        ],
        "payment_request_for": [
            Case(
                st.tuples(
                    nasty_text,
                    nasty_text,
                    st.dictionaries(nasty_text, nasty_text),
                    nasty_text | st.none(),
                ),
                lambda method, description, metadata, key: s.payment_request_for(
                    SUBMISSION,
                    method,
                    description=description,
                    metadata=metadata,
                    idempotency_key=key,
                ),
            )
        ],
        "return_for_correction": [
            Case(
                st.tuples(mappings, nasty_text, nasty_text | st.none()),
                lambda flags, actor, note: s.return_for_correction(
                    IN_REVIEW,
                    FORM,
                    flags,
                    actor=actor,
                    now=NOW,
                    note=note,
                ),
            )
        ],
        "submit_correction": [
            Case(
                st.tuples(mappings, mappings),
                lambda changes, replies: s.submit_correction(
                    RETURNED, FORM, changes, actor="resident-1", now=NOW, replies=replies
                ),
            )
        ],
        "clone_answers": [
            Case(
                st.tuples(mutated(Submission), nasty_text, datetimes),
                lambda sub, owner, now: s.clone_answers(
                    sub or SUBMISSION, FORM, owner=owner, now=now, new_id=lambda: "d1"
                ),
            )
        ],
        "SignatureEvidence": [
            *model(s.SignatureEvidence),
            one(
                mutated(s.SignatureEvidence),
                lambda ev: ev is None or (ev.signature_bytes(), ev.certificate_der()),
            ),
        ],
        "PaymentRecord": [
            *model(s.PaymentRecord),
            Case(
                st.tuples(mutated(payments.Payment), datetimes),
                lambda pay, now: pay is None or s.PaymentRecord.from_payment(pay, now=now),
            ),
        ],
    }
    for name in s.__all__:
        obj = getattr(s, name)
        if isinstance(obj, type) and issubclass(obj, pydantic.BaseModel) and name not in cases:
            cases[name] = model(obj)
    return cases


RETURNED = submissions.return_for_correction(
    IN_REVIEW,
    FORM,
    {"phone": "番号が違います"},
    actor="staff",
    now=NOW,
)

CASES: dict[str, list[Case]] = {
    **{f"fields.{k}": v for k, v in _fields_cases().items()},
    **{f"payments.{k}": v for k, v in _payments_cases().items()},
    **{f"submissions.{k}": v for k, v in _submissions_cases().items()},
}

#: Public names that are not parsers, with the reason. Everything else must be in CASES.
EXCLUDED: dict[str, str] = {
    # Constants: nothing to call.
    **{
        f"{mod}.{name}": "constant"
        for mod, module in MODULES.items()
        for name in module.__all__
        if name.isupper()
    },
    # Enumerations and Literal aliases: types, parsed through the models that use them.
    **{
        f"{mod}.{name}": "enumeration, parsed through the models"
        for mod, module in MODULES.items()
        for name in module.__all__
        if isinstance(getattr(module, name), enum.EnumMeta)
    },
    "fields.Charset": "Literal alias; the charset= option is fuzzed on validate_person_name",
    "fields.PhoneKind": "Literal alias; the kinds= option is fuzzed on validate_phone",
    "submissions.Role": "Literal alias; role= is fuzzed on check_transition and transition",
    # Protocols: the host implements them.
    "payments.PaymentProvider": "protocol (the fake's conformance suite covers it)",
    "submissions.Notifier": "protocol",
    "submissions.ReceiptNumberGenerator": "protocol (both implementations are fuzzed)",
    "submissions.VirusScanner": "protocol",
    # Value objects govforms returns (attrs, frozen): built by our code, not from input.
    "fields.Address": "returned by parse_address/validate_address",
    "fields.Era": "the ERAS table's element type",
    "fields.Municipality": "returned by lookup_municipality",
    "fields.PostalEntry": "returned by lookup_postal_code",
    "fields.PhoneNumber": "returned by validate_phone",
    "fields.FieldValidator": "building block for pydantic types; every type built on it is fuzzed",
    "payments.SignatureHeader": "returned by parse_signature_header",
    "submissions.ExportReport": "returned by export_csv",
    "submissions.HistoryVerification": "returned by verify_history",
    "submissions.MaskedMyNumber": "returned inside ValidatedAnswers",
    "submissions.Notification": "built by govforms for the host's Notifier",
    "submissions.Removal": "returned by apply_retention",
    "submissions.RetentionReport": "returned by apply_retention",
    "submissions.ResumeToken": "returned by ResumeTokens.verify",
    "submissions.ScanVerdict": "returned by the host's VirusScanner",
    "submissions.UnencodableCell": "returned inside ExportReport",
    # No input at all.
    "payments.available_providers": "takes no arguments",
}

FAST = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

CASE_IDS = [(name, index) for name, cases in CASES.items() for index in range(len(cases))]


def test_every_public_name_is_covered_or_excluded() -> None:
    public = {f"{mod}.{name}" for mod, module in MODULES.items() for name in module.__all__}
    assert not (set(CASES) & set(EXCLUDED)), set(CASES) & set(EXCLUDED)
    assert set(CASES) | set(EXCLUDED) == public, {
        "neither covered nor excluded": sorted(public - set(CASES) - set(EXCLUDED)),
        "stale": sorted((set(CASES) | set(EXCLUDED)) - public),
    }


@pytest.mark.parametrize(("name", "index"), CASE_IDS, ids=[f"{n}-{i}" for n, i in CASE_IDS])
def test_junk(name: str, index: int) -> None:
    """Every case, with hypothesis junk in every slot it has."""
    case = CASES[name][index]

    @FAST
    @given(case.args)
    def run(args: tuple[Any, ...]) -> None:
        outcome(name, case.call, *args)

    run()


@pytest.mark.parametrize(("name", "index"), CASE_IDS, ids=[f"{n}-{i}" for n, i in CASE_IDS])
def test_deterministic_nasties(name: str, index: int) -> None:
    """The nasty list against every one-argument front door (no sampling luck)."""
    case = CASES[name][index]
    for value in case.fixed:
        outcome(name, case.call, value)


@settings(max_examples=200, deadline=None)
@given(st.text() | st.sampled_from(NASTY_TEXT))
def test_parse_address_never_raises(value: str) -> None:
    address = fields.parse_address(value)
    assert isinstance(address, fields.Address)


#: Validators that return the normalised text: normalising twice changes nothing.
IDEMPOTENT = [
    fields.validate_postal_code,
    fields.validate_my_number,
    fields.validate_corporate_number,
    fields.validate_local_government_code,
    fields.validate_name_kana,
    fields.validate_person_name,
    fields.to_katakana,
    payments.validate_idempotency_key,
    payments.validate_amount,
    submissions.validate_receipt_number,
]


@pytest.mark.parametrize("validate", IDEMPOTENT, ids=lambda f: f.__name__)
@FAST
@given(nasty_text | st.from_regex(r"[0-9０-９\- ー〒]{1,16}", fullmatch=True) | st.integers())
def test_validators_are_idempotent(validate: Callable[[Any], Any], value: Any) -> None:
    first = outcome(validate.__name__, validate, value)
    if first is not None:
        assert validate(first) == first


def _mutates(value: list[Any]) -> None:
    value.append(1)


def _raise_value_error(value: int) -> int:
    raise ValueError("plain")


@pytest.mark.parametrize(
    ("name", "call", "value"),
    [
        ("strays", lambda v: v["missing"], {}),
        ("mutation", _mutates, []),
        ("is_valid_x", lambda v: None, "x"),
        ("is_valid_y", lambda v: fields.validate_postal_code(v), "x"),
        (
            "uncoded",
            pydantic.TypeAdapter(
                typing.Annotated[int, pydantic.AfterValidator(_raise_value_error)]
            ).validate_python,
            1,
        ),
    ],
)
def test_the_rule_can_fail(name: str, call: Callable[[Any], Any], value: Any) -> None:
    """The harness itself: a stray exception, a mutation, a non-bool or raising is_valid_* and
    a wrapped plain ValueError are each caught."""
    with pytest.raises((AssertionError, KeyError)):
        outcome(name, call, value)
