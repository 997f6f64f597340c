"""Export for staff (CSV) and for systems (JSON Lines), streaming in constant memory.

**CSV** (RFC 4180, CRLF line ends, every cell quoted when needed): one header row, then one row
per submission, written to a binary stream as the submissions are read, so an export of any size
holds one row in memory at a time. Columns: receipt number, status, submission time (JST,
``YYYY-MM-DD HH:MM:SS``), form version, fee, payment status, then every top-level field of the
form in definition order (headers are the labels in ``locale``, or the field names with
``header="name"``). Telephone numbers are written in national format (``03-1234-5678``), postal
codes as ``100-0013``,
multi-choices joined with ``"; "``, files as their name, repeating groups as JSON text.

Encodings:

* ``"utf-8-sig"`` (the default): UTF-8 with a byte order mark, which Excel needs to open UTF-8.
* ``"cp932"`` (Windows-31J, Shift_JIS as Windows writes it), for older spreadsheet setups. Many
  characters have no cp932 code: JIS X 0213 additions such as 𠮷 (U+20BB7), emoji, most
  accented Latin letters. Policy, chosen with ``on_unencodable``:

  - ``"raise"`` (default): a row holding such a character is **not written**; the export goes on
    so that every problem is found in one pass, and then raises ``export.unencodable`` listing
    each cell as ``row N (receipt number) column: U+XXXX``. The output is then incomplete and
    must be discarded (write to a temporary file and move it into place only on success).
  - ``"substitute"``: each such character is written as 〓 (U+3013 GETA MARK, the conventional
    Japanese mark for a missing character) and every substitution is listed in the returned
    :class:`ExportReport`. Nothing is replaced silently.

  A character is "held" by cp932 only if it encodes *and* decodes back to itself (U+2212 MINUS
  SIGN encodes but reads back as U+FF0D: it is reported). The header row is checked the same way
  and reported as row 0.

**Formula injection** (CWE-1236, OWASP "CSV Injection"): a spreadsheet runs a cell starting with
``=``, ``+``, ``-`` or ``@`` (and, in some programs, a tab or carriage return) as a formula. Every
text cell that starts with one of those, or with their full-width forms ``＝ ＋ － ＠`` — also
after leading white space (U+0020, U+3000, U+00A0, line breaks) or invisible characters
(U+200B-U+200D, U+2060, U+FEFF), which some programs trim before reading the cell — gets a
leading apostrophe ``'``, which spreadsheets treat as "this is text". That covers every text
cell, whatever its field type, the header and the payment status. Numbers written by govforms
from integers (fee, form version, ``number`` answers) are never prefixed.

**My Numbers** are left out of CSV exports (no column) and masked in JSON Lines unless
``include_my_number=True`` is passed explicitly. A My Number a submission of another form version
holds under a name that is not a ``my_number`` field in ``form`` is written masked.

**JSON Lines**: one :meth:`Submission.to_json <govforms.submissions.Submission.to_json>` per
line, UTF-8. When My Numbers are masked and a submission has one, the values that *commit* to it
are withheld too: the signature evidence (its payload digest and RSA signature) and the digests
and hashes of the history and of earlier versions. A My Number has only 10^11 possible values and
the rest of the signed payload is in the line, so a digest would let anyone recover the number
by trying them all. Such a line carries ``"evidence_withheld": "my_number"`` and is for reading,
not for reloading with ``Submission.from_json``; export with ``include_my_number=True`` for a
lossless copy.

>>> neutralise_formula("=HYPERLINK(\\"http://x\\")"), neutralise_formula("山田")
('\\'=HYPERLINK("http://x")', '山田')
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from typing import IO, Any, Final, Literal

import attrs
import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat

from govforms.errors import GovFormsError
from govforms.fields import MyNumber
from govforms.submissions.answers import MaskedMyNumber, to_plain
from govforms.submissions.forms import FieldSpec, FormDefinition
from govforms.submissions.model import Submission
from govforms.submissions.receipts import JST

__all__ = [
    "CsvEncoding",
    "ExportReport",
    "UnencodableCell",
    "csv_header",
    "export_csv",
    "export_jsonl",
    "iter_csv_rows",
    "neutralise_formula",
]

CsvEncoding = Literal["utf-8-sig", "cp932"]
_FORMULA_START: Final = frozenset("=+-@\t\r＝＋－＠")
#: White space (str.isspace: U+0020, U+3000, U+00A0, line breaks...) and invisible format
#: characters a spreadsheet may drop before reading a cell.
_LEADING: Final = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]*")
_SUBSTITUTE: Final = "\u3013"
_BOM: Final = b"\xef\xbb\xbf"
_MAX_LISTED: Final = 50
_FIXED: Final[tuple[tuple[str, str, str], ...]] = (
    ("receipt_number", "受付番号", "Receipt number"),
    ("status", "状態", "Status"),
    ("submitted_at", "受付日時", "Submitted at"),
    ("form_version", "様式の版", "Form version"),
    ("fee", "手数料", "Fee"),
    ("payment_status", "支払状況", "Payment status"),
)


def neutralise_formula(text: str) -> str:
    """``text`` with a leading ``'`` when a spreadsheet would run it as a formula: it starts
    with a formula character, or with white space (including U+3000 and line breaks) or
    invisible characters followed by one, which spreadsheets that trim cells would run."""
    if not text:
        return text
    lead = _LEADING.match(text)
    start = lead.end() if lead is not None else 0
    if text[0] in _FORMULA_START or text[start : start + 1] in _FORMULA_START:
        return "'" + text
    return text


@attrs.frozen(slots=True)
class UnencodableCell:
    """A cell holding characters the export encoding cannot hold (``row`` counts data rows
    from 1; ``column`` is the field or fixed column name)."""

    row: int
    receipt_number: str
    column: str
    code_points: tuple[str, ...]

    def describe(self) -> str:
        """``row 3 (261127-000001-X) applicant_name: U+20BB7``."""
        return f"row {self.row} ({self.receipt_number}) {self.column}: {' '.join(self.code_points)}"


@attrs.frozen(slots=True)
class ExportReport:
    """What an export wrote: data ``rows``, the ``encoding`` and any ``substituted`` cells."""

    rows: int
    encoding: str
    substituted: tuple[UnencodableCell, ...] = ()


def _fields(form: FormDefinition, include_my_number: bool) -> list[FieldSpec]:
    return [f for f in form.fields if include_my_number or f.type != "my_number"]


def csv_header(
    form: FormDefinition,
    *,
    include_my_number: bool = False,
    locale: str = "ja",
    header: Literal["label", "name"] = "label",
) -> list[str]:
    """The header row :func:`export_csv` writes."""
    fixed = [
        name if header == "name" else (en if locale == "en" else ja) for name, ja, en in _FIXED
    ]
    fields = [
        spec.name if header == "name" else spec.label.get(locale)
        for spec in _fields(form, include_my_number)
    ]
    return [neutralise_formula(cell) for cell in fixed + fields]


def _national(e164: str) -> str:
    try:
        return phonenumbers.format_number(
            phonenumbers.parse(e164, None), PhoneNumberFormat.NATIONAL
        )
    except NumberParseException:
        return e164


def _render(spec: FieldSpec, value: Any, include_my_number: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, MyNumber | MaskedMyNumber):
        # Only a my_number column of the export form is left out: a submission of another
        # version may hold one under a name that is of another type here. Never reveal it then.
        return value.reveal() if include_my_number else MyNumber.MASK
    kind = spec.type
    if kind == "phone" and isinstance(value, str):
        return neutralise_formula(_national(value))
    if kind == "postal_code" and isinstance(value, str) and len(value) == 7:
        return neutralise_formula(f"{value[:3]}-{value[3:]}")
    if kind == "multi_choice":
        return neutralise_formula("; ".join(value))
    if kind == "file":
        return neutralise_formula(str(value["name"]))
    if kind == "group":
        plain = to_plain(value, reveal=include_my_number)
        return neutralise_formula(json.dumps(plain, ensure_ascii=False, separators=(",", ":")))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return neutralise_formula(str(value))


def iter_csv_rows(
    submissions: Iterable[Submission],
    form: FormDefinition,
    *,
    include_my_number: bool = False,
) -> Iterator[list[str]]:
    """The data rows of :func:`export_csv` as lists of cell text (formulas neutralised),
    one submission at a time. Submissions of another form are ``export.form_mismatch``."""
    fields = _fields(form, include_my_number)
    for submission in submissions:
        if submission.form_id != form.id:
            raise GovFormsError("export.form_mismatch", form_id=submission.form_id)
        submitted = submission.submitted_at
        answers = submission.answers
        row = [
            neutralise_formula(submission.receipt_number),
            submission.status.value,
            submitted.astimezone(JST).strftime("%Y-%m-%d %H:%M:%S") if submitted else "",
            str(submission.form_version),
            str(submission.fee),
            # A stored payment record's status is any text: neutralised like an answer.
            neutralise_formula(submission.payment.status) if submission.payment is not None else "",
        ]
        row.extend(_render(spec, answers.get(spec.name), include_my_number) for spec in fields)
        yield row


def _held(char: str, codec: str) -> bool:
    try:
        return char.encode(codec).decode(codec) == char
    except UnicodeError:
        return False


class _Encoder:
    """Encodes one CSV row, finding the cells the codec cannot hold."""

    def __init__(self, codec: str, columns: list[str]) -> None:
        self.codec = codec
        self.columns = columns
        self.check_round_trip = codec != "utf-8"

    def encode(self, text: str) -> bytes | None:
        try:
            data = text.encode(self.codec)
        except UnicodeEncodeError:
            return None
        if self.check_round_trip and data.decode(self.codec) != text:
            return None
        return data

    def bad_cells(self, row: list[str], number: int, receipt: str) -> list[UnencodableCell]:
        found = []
        for column, cell in zip(self.columns, row, strict=True):
            if self.encode(cell) is None:
                points = tuple(
                    dict.fromkeys(f"U+{ord(c):04X}" for c in cell if not _held(c, self.codec))
                )
                found.append(UnencodableCell(number, receipt, column, points))
        return found

    def substitute(self, row: list[str]) -> list[str]:
        return [
            cell
            if self.encode(cell) is not None
            else "".join(c if _held(c, self.codec) else _SUBSTITUTE for c in cell)
            for cell in row
        ]


def export_csv(
    submissions: Iterable[Submission],
    form: FormDefinition,
    out: IO[bytes],
    *,
    encoding: CsvEncoding = "utf-8-sig",
    include_my_number: bool = False,
    locale: str = "ja",
    header: Literal["label", "name"] = "label",
    on_unencodable: Literal["raise", "substitute"] = "raise",
) -> ExportReport:
    """Write a CSV export of ``submissions`` to the binary stream ``out`` (see the module
    docstring for columns, encodings, the unencodable-character policy and formula
    neutralisation)."""
    if encoding not in ("utf-8-sig", "cp932"):
        raise GovFormsError("export.unsupported_encoding", encoding=str(encoding))
    codec = "utf-8" if encoding == "utf-8-sig" else "cp932"
    columns = [name for name, _, _ in _FIXED] + [
        spec.name for spec in _fields(form, include_my_number)
    ]
    encoder = _Encoder(codec, columns)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def line(row: list[str]) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(row)
        return buffer.getvalue()

    problems: list[UnencodableCell] = []
    substituted: list[UnencodableCell] = []
    if encoding == "utf-8-sig":
        out.write(_BOM)
    titles = csv_header(form, include_my_number=include_my_number, locale=locale, header=header)
    head = encoder.encode(line(titles))
    if head is None:
        # A label cp932 cannot hold (or would turn into another character, like U+2212):
        # reported as row 0, never replaced silently.
        bad = encoder.bad_cells(titles, 0, "header")
        if on_unencodable == "raise":
            raise GovFormsError(
                "export.unencodable",
                encoding=encoding,
                count=len(bad),
                cells=[cell.describe() for cell in bad[:_MAX_LISTED]],
            )
        substituted.extend(bad)
        head = line(encoder.substitute(titles)).encode(codec)
    out.write(head)
    rows = 0
    for number, row in enumerate(
        iter_csv_rows(submissions, form, include_my_number=include_my_number), 1
    ):
        data = encoder.encode(line(row))
        if data is None:
            bad = encoder.bad_cells(row, number, row[0].lstrip("'"))
            if on_unencodable == "raise":
                problems.extend(bad)
                continue
            substituted.extend(bad)
            data = line(encoder.substitute(row)).encode(codec)
        out.write(data)
        rows += 1
    if problems:
        raise GovFormsError(
            "export.unencodable",
            encoding=encoding,
            count=len(problems),
            cells=[cell.describe() for cell in problems[:_MAX_LISTED]],
        )
    return ExportReport(rows=rows, encoding=encoding, substituted=tuple(substituted))


def export_jsonl(
    submissions: Iterable[Submission],
    out: IO[bytes],
    *,
    include_my_number: bool = False,
) -> int:
    """Write one JSON submission per line (UTF-8) to ``out``; returns the number of lines.
    My Numbers are masked unless ``include_my_number``."""
    count = 0
    for submission in submissions:
        if not include_my_number and _has_my_number(submission):
            text = _withhold_commitments(submission.model_dump(mode="json"))
        else:
            text = submission.to_json(reveal_my_number=include_my_number)
        out.write(text.encode("utf-8"))
        out.write(b"\n")
        count += 1
    return count


#: Keys whose values are digests or hashes over a payload that may contain a My Number.
_COMMITMENT_KEYS: Final = frozenset({"payload_digest", "prev_hash", "entry_hash"})


def _has_my_number(submission: Submission) -> bool:
    return bool(submission.answers.my_number_paths) or any(
        version.answers.my_number_paths for version in submission.versions
    )


def _withhold_commitments(data: dict[str, Any]) -> str:
    # ``data``: the masked dump (mode="json"), edited before the one JSON encoding.
    data["signature"] = None
    for key in ("history", "versions"):
        for item in data.get(key) or ():
            for name in _COMMITMENT_KEYS & item.keys():
                item[name] = None
    data["evidence_withheld"] = "my_number"
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
