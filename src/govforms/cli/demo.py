"""``govforms demo``: one online procedure from start to finish, on built-in sample data.

The story, each step printed as it happens:

1. load the example form, 住民票の写し交付申請 (the definition given in the submissions issue
   of the govforms tracker, shipped as ``_demo_data/juminhyo-copy.json``);
2. validate a resident's answers: the My Number has a typo, shown with its code in Japanese and
   English, then corrected; the address is matched against Japan Post's data;
3. compute the fee and create the draft with its receipt number;
4. pay with :class:`~govforms.payments.testing.FakePaymentProvider` (a retry with the same
   idempotency key, the signed webhook checked);
5. sign the canonical payload with a fake My Number card from
   :class:`~govforms.identity.testing.FakeJPKI` and verify it;
6. submit; staff accept, review and return it for correction (差戻し) with a message;
7. the resident corrects, signs again and resubmits; staff approve and complete;
8. verify the stored signature again, and show that tampering is detected;
9. write the CSV export staff open (UTF-8 with BOM; the My Number left out);
10. print the append-only history.

Everything runs in memory with fakes; nothing leaves the machine. Time is a fixed demo clock,
so the output is the same on every run (except the output directory).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import sys
import tempfile
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TextIO

from govforms.errors import GovFormsError, ValidationErrors

if TYPE_CHECKING:
    from govforms.submissions import FormDefinition, Submission

__all__ = ["EXAMPLE_FORM", "SAMPLE_ANSWERS", "example_form", "register", "run", "run_demo"]

#: The example form's file name inside this package.
EXAMPLE_FORM: Final = "juminhyo-copy.json"
#: What the resident types first (the My Number has a typo in its last digit).
SAMPLE_ANSWERS: Final[Mapping[str, Any]] = {
    "applicant_name": "山田　太郎",
    "applicant_kana": "ﾔﾏﾀﾞ ﾀﾛｳ",
    "birth_date": "平成2年4月1日",
    "postal_code": "〒１００－０００１",
    "address": "東京都千代田区千代田１－１",
    "phone": "03-1234-5678",
    "copies": "2",
    "include_my_number": "yes",
    "my_number": "1234 5678 9012",
}
_CORRECT_MY_NUMBER: Final = "1234 5678 9018"
_START: Final = dt.datetime(2026, 4, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))
_PIN: Final = "ABC123"


def example_form() -> FormDefinition:
    """The example residence-certificate form shipped with govforms."""
    from govforms.submissions import FormDefinition

    data = (resources.files("govforms.cli") / "_demo_data" / EXAMPLE_FORM).read_bytes()
    return FormDefinition.from_json(data)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="run a whole online procedure on sample data (fake payment, fake My Number card)",
        description=(
            "Validate, pay, sign, verify, review and export one application for a copy of the "
            "residence certificate, using govforms' fakes. Nothing leaves this machine."
        ),
    )
    parser.add_argument(
        "--out", type=Path, help="directory for the CSV export (default: a new temporary one)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    out_dir = args.out
    if out_dir is None:
        out_dir = Path(tempfile.mkdtemp(prefix="govforms-demo-"))
    return run_demo(out_dir, out=sys.stdout)


class _Clock:
    """The demo's clock: starts on 2026-04-01 09:00 JST and moves on when told."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> dt.datetime:
        self.now += dt.timedelta(**delta)
        return self.now


class _Printer:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.steps = itertools.count(1)

    def step(self, title: str) -> None:
        self.out.write(f"\n{next(self.steps)}. {title}\n")

    def line(self, text: str = "", indent: int = 3) -> None:
        self.out.write(" " * indent + text + "\n")

    def error(self, path: str, error: GovFormsError) -> None:
        self.line(f"✗ {path}: [{error.code}]", 5)
        self.line(f"ja: {error.message('ja')}", 7)
        self.line(f"en: {error.message('en')}", 7)


class _PrintingNotifier:
    """Stands in for the host's e-mail: says who would be told what (after the step's line)."""

    def __init__(self, printer: _Printer) -> None:
        self.printer = printer
        self.pending: list[str] = []

    def notify(self, notification: Any) -> None:
        what = notification.status or "a new message"
        self.pending.append(f"✉ e-mail to the {notification.recipient_role}: {what}")

    def flush(self) -> None:
        for text in self.pending:
            self.printer.line(text, 5)
        self.pending.clear()


def _show_answers(
    printer: _Printer, form: FormDefinition, answers: Mapping[str, Any], *, typed: bool = False
) -> None:
    from govforms.fields import MyNumber, format_wareki

    for spec in form.fields:
        if spec.name not in answers:
            continue
        value = answers[spec.name]
        if spec.type == "my_number" or isinstance(value, MyNumber):
            shown = MyNumber.MASK
        elif spec.type == "date" and not typed:
            shown = f"{value} ({format_wareki(dt.date.fromisoformat(str(value)))})"
        else:
            shown = str(value)
        printer.line(f"{spec.label.ja} / {spec.label.en}: {shown}", 5)


def _validate(
    printer: _Printer, form: FormDefinition, raw: Mapping[str, Any]
) -> tuple[Any, ValidationErrors | None]:
    try:
        return form.validate(raw), None
    except ValidationErrors as errors:
        for path, error in errors:
            printer.error(".".join(map(str, path)), error)
        return None, errors


def run_demo(out_dir: Path, *, out: TextIO) -> int:
    """Run the whole story, writing the export into ``out_dir``; returns 0."""
    from govforms.fields import parse_address
    from govforms.identity.testing import FakeJPKI
    from govforms.payments import PaymentRequest
    from govforms.payments.testing import FakePaymentProvider
    from govforms.submissions import SequentialReceiptNumbers, Submission, export_csv

    p = _Printer(out)
    clock = _Clock(_START)
    notifier = _PrintingNotifier(p)
    ids = (f"demo-{n:04d}" for n in itertools.count(1))
    out.write("govforms demo — one online procedure, start to finish, with fakes\n")

    # 1. The form -----------------------------------------------------------------------------
    form = example_form()
    p.step("Load the form (staff describe it as JSON)")
    p.line(f"{form.title.ja} / {form.title.en}  [{form.id} v{form.version}]")
    p.line(f"{len(form.fields)} questions; payment by {', '.join(form.payment_methods)}")
    if form.requires_signature:
        p.line("a signature with the My Number card (JPKI) is required")

    # 2. Validation: an error, then its fix ---------------------------------------------------
    p.step("The resident's answers, as typed")
    _show_answers(p, form, SAMPLE_ANSWERS, typed=True)
    p.line("Validate: every answer at once")
    _validate(p, form, SAMPLE_ANSWERS)
    p.line("The resident checks the card and corrects the last digit of the My Number.")
    fixed = {**SAMPLE_ANSWERS, "my_number": _CORRECT_MY_NUMBER}
    answers, errors = _validate(p, form, fixed)
    if errors is not None:
        raise errors
    p.line("✓ valid. Normalised answers (what is stored):")
    _show_answers(p, form, answers)
    address = parse_address(str(answers["address"]))
    p.line(
        f"address matched Japan Post's data: {address.prefecture} {address.city} "
        f"{address.town} (local government code {address.city_code})",
        5,
    )

    # 3. Fee, 4. draft ------------------------------------------------------------------------
    p.step("Fee and draft")
    fee = form.fee(answers)
    assert form.fee_rules is not None
    assert form.fee_rules.per_unit is not None
    unit = form.fee_rules.per_unit.amount
    p.line(f"fee: {answers['copies']} copies × ¥{unit:,} = ¥{fee:,}")
    numbers = SequentialReceiptNumbers(start=123)
    submission = Submission.create(
        form,
        answers,
        actor="resident",
        now=clock(),
        receipt_numbers=numbers,
        new_id=lambda: next(ids),
    )
    p.line(f"draft created: receipt number {submission.receipt_number} (受付番号)")

    # 5. Payment ------------------------------------------------------------------------------
    p.step("Payment with the fake provider")
    provider = FakePaymentProvider(clock=clock, seed=1)
    submission = _pay(p, provider, submission, clock, PaymentRequest)

    # 6. Signature ----------------------------------------------------------------------------
    p.step("Signature with a (fake) My Number card")
    jpki = FakeJPKI(clock=clock, seed=7)
    card = jpki.issue_card(
        name="山田　太郎",
        birth_date=dt.date(1990, 4, 1),
        gender="1",
        address="東京都千代田区千代田1-1",
    )
    p.line("a test card is issued by the fake J-LIS (test roots, test-card policy)")
    trust = jpki.trust_store()
    checks: dict[str, Any] = {"revocation": jpki.crl_source(), "allow_test_cards": True}
    submission = _sign(p, submission, card, trust, checks, clock)

    # 7. Submit, review, return -----------------------------------------------------------------
    p.step("Submit, review, return for correction (差戻し)")
    moves: list[tuple[str, str, str | None]] = [
        ("submitted", "resident", None),
        ("accepted", "staff", None),
        ("in_review", "staff", None),
        (
            "returned",
            "staff",
            "建物名・部屋番号をご記入ください / please add the building and room",
        ),
    ]
    submission = _walk(p, submission, moves, clock, notifier)
    submission = submission.post_message(
        "住所に建物名と部屋番号を追記して再提出してください。",
        sender="staff:suzuki",
        sender_role="staff",
        now=clock.advance(minutes=1),
        message_id="msg-0001",
        notifier=notifier,
    )
    p.line(
        "staff message in the digital window: 住所に建物名と部屋番号を追記して再提出してください。"
    )
    notifier.flush()

    # 8. Correct, sign again, resubmit, approve -------------------------------------------------
    p.step("The resident corrects and resubmits; staff approve")
    corrected_raw = {**fixed, "address": "東京都千代田区千代田1-1 千代田ハイツ101号室"}
    corrected, errors = _validate(p, form, corrected_raw)
    if errors is not None:
        raise errors
    submission = submission.amend(
        form, corrected, actor="resident", now=clock.advance(hours=2), note="建物名を追記"
    )
    p.line(f"answers amended (revision {submission.revision}); the old signature is dropped")
    p.line(f"address: {corrected['address']}", 5)
    submission = _sign(p, submission, card, trust, checks, clock)
    moves = [
        ("submitted", "resident", None),
        ("accepted", "staff", None),
        ("in_review", "staff", None),
        ("approved", "staff", "交付可 / approved"),
        ("completed", "system", "写しを郵送 / copy sent"),
    ]
    submission = _walk(p, submission, moves, clock, notifier)

    # 9. Re-verify ----------------------------------------------------------------------------
    p.step("Check the stored submission again")
    stored = Submission.from_json(submission.to_json(reveal_my_number=True))
    verified = stored.verify_signature(trust=trust, **checks)
    p.line(f"✓ signature still valid for what is stored (signed by {verified.identity.name})")
    tampered = stored.model_copy(update={"fee": stored.fee - 300})
    try:
        tampered.verify_signature(trust=trust, **checks)
    except GovFormsError as error:
        p.line(f"✓ a copy with the fee changed to ¥{tampered.fee} is refused: [{error.code}]")
    masked = submission.to_json()
    p.line(f"JSON for storage: {len(masked):,} characters; the My Number in it: ************")

    # 10. Export ------------------------------------------------------------------------------
    p.step("CSV export for staff")
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{form.id}.csv"
    with target.open("wb") as handle:
        report = export_csv([submission], form, handle)
    p.line(f"wrote {target} ({report.rows} row, UTF-8 with BOM, My Number left out)")
    text = target.read_text(encoding="utf-8-sig")
    for line in text.splitlines():
        p.line(line, 5)

    p.step("History (append-only)")
    for entry in submission.history:
        moved = f"{entry.from_status or '-'} → {entry.to_status}"
        note = f"  ({entry.note})" if entry.note else ""
        p.line(
            f"{entry.seq:2d} {entry.at:%m-%d %H:%M} {entry.role:8} {entry.action:10} {moved}{note}"
        )
    out.write(
        "\nDone: validated, paid, signed, verified, returned, corrected, approved, exported.\n"
    )
    return 0


def _pay(
    p: _Printer, provider: Any, submission: Submission, clock: _Clock, request_type: Any
) -> Submission:
    request = request_type(
        amount=submission.fee,
        method="card",
        reference=submission.receipt_number,
        idempotency_key=f"{submission.receipt_number}-1",
        description="住民票の写し",
    )
    payment = provider.create_payment(request)
    again = provider.create_payment(request)
    p.line(f"card payment of ¥{payment.amount:,}: {payment.status.value} (id {payment.id})")
    p.line(f"retried with the same idempotency key: same payment ({again.id == payment.id})")
    for delivery in provider.deliveries(payment.id):
        event = provider.parse_webhook(delivery.body, delivery.headers, now=clock())
        p.line(f"webhook {event.type.value}: signature verified (HMAC-SHA256)")
    submission = submission.attach_payment(payment, now=clock.advance(minutes=2))
    p.line(f"payment linked to {submission.receipt_number}: paid = {submission.is_paid}")
    return submission


def _sign(
    p: _Printer,
    submission: Submission,
    card: Any,
    trust: Any,
    checks: Mapping[str, Any],
    clock: _Clock,
) -> Submission:
    payload = submission.signing_payload()
    p.line(f"payload to sign: {len(payload):,} bytes of canonical JSON (RFC 8785)")
    p.line(f"SHA-256 {submission.payload_digest()}", 5)
    signature = card.sign(payload, pin=_PIN)
    signed = submission.attach_signature(
        signature,
        card.signature_certificate,
        trust=trust,
        actor="resident",
        now=clock.advance(minutes=3),
        **checks,
    )
    evidence = signed.signature
    assert evidence is not None
    p.line("✓ signature verified: chain to the trust anchor, validity, policy, revocation (CRL)")
    p.line(
        f"✓ signer {evidence.identity.name} (born {evidence.identity.birth_date}) is the applicant"
    )
    p.line(f"certificate serial {evidence.serial}, test card: {evidence.test_card}", 5)
    return signed


def _walk(
    p: _Printer,
    submission: Submission,
    moves: list[tuple[str, str, str | None]],
    clock: _Clock,
    notifier: Any,
) -> Submission:
    for status, role, note in moves:
        before = submission.status
        submission = submission.transition(
            status,
            actor=f"{role}:{'yamada' if role == 'resident' else 'suzuki'}",
            role=role,  # type: ignore[arg-type]
            note=note,
            now=clock.advance(minutes=30),
            notifier=notifier if role != "system" else None,
        )
        extra = f"  — {note}" if note else ""
        p.line(f"{before} → {submission.status} by {role}{extra}")
        notifier.flush()
    return submission
