"""Validators and normalisers for Japanese form data.

Each validator has three faces and one implementation:

* a plain function ``validate_*`` (``str`` in, normalised value out, :class:`~govforms.FieldError`
  on bad input) with an ``is_valid_*`` twin that never raises;
* a pydantic type for ``Annotated`` fields (:data:`PostalCode`, :data:`NameKana`, ...), whose
  errors carry our code as ``type`` and our params as ``ctx``;
* framework adapters in :mod:`govforms.contrib`.

>>> from govforms.fields import validate_postal_code, format_wareki, parse_date
>>> validate_postal_code("〒１００ー０００１")
'1000001'
>>> format_wareki(parse_date("2019-05-01"))
'令和元年5月1日'
"""

from govforms.fields._pydantic import FieldValidator
from govforms.fields.address import (
    Address,
    AddressLevel,
    AddressText,
    LocalGovernmentCode,
    Municipality,
    PostalEntry,
    calc_local_government_check_digit,
    check_postal_code,
    is_valid_address,
    is_valid_local_government_code,
    lookup_municipality,
    lookup_postal_code,
    parse_address,
    validate_address,
    validate_local_government_code,
)
from govforms.fields.corporate_number import (
    CorporateNumber,
    calc_corporate_number_check_digit,
    compact_corporate_number,
    format_corporate_number,
    is_valid_corporate_number,
    validate_corporate_number,
)
from govforms.fields.dates import (
    ERAS,
    Era,
    JapaneseDate,
    age_on,
    date_of_reaching_age,
    format_wareki,
    is_valid_date,
    parse_date,
)
from govforms.fields.kana import is_valid_name_kana, to_katakana, validate_name_kana
from govforms.fields.my_number import (
    REVEAL_MY_NUMBER,
    MyNumber,
    calc_my_number_check_digit,
    compact_my_number,
    format_my_number,
    is_valid_my_number,
    validate_my_number,
)
from govforms.fields.name import (
    CHARSETS,
    Charset,
    NameKana,
    PersonName,
    PersonNameStr,
    is_valid_person_name,
    validate_person_name,
)
from govforms.fields.phone import (
    PHONE_KINDS,
    Phone,
    PhoneKind,
    PhoneNumber,
    is_valid_phone,
    validate_phone,
)
from govforms.fields.postal_code import (
    PostalCode,
    format_postal_code,
    is_valid_postal_code,
    validate_postal_code,
)

__all__ = [
    "CHARSETS",
    "ERAS",
    "PHONE_KINDS",
    "REVEAL_MY_NUMBER",
    "Address",
    "AddressLevel",
    "AddressText",
    "Charset",
    "CorporateNumber",
    "Era",
    "FieldValidator",
    "JapaneseDate",
    "LocalGovernmentCode",
    "Municipality",
    "MyNumber",
    "NameKana",
    "PersonName",
    "PersonNameStr",
    "Phone",
    "PhoneKind",
    "PhoneNumber",
    "PostalCode",
    "PostalEntry",
    "age_on",
    "calc_corporate_number_check_digit",
    "calc_local_government_check_digit",
    "calc_my_number_check_digit",
    "check_postal_code",
    "compact_corporate_number",
    "compact_my_number",
    "date_of_reaching_age",
    "format_corporate_number",
    "format_my_number",
    "format_postal_code",
    "format_wareki",
    "is_valid_address",
    "is_valid_corporate_number",
    "is_valid_date",
    "is_valid_local_government_code",
    "is_valid_my_number",
    "is_valid_name_kana",
    "is_valid_person_name",
    "is_valid_phone",
    "is_valid_postal_code",
    "lookup_municipality",
    "lookup_postal_code",
    "parse_address",
    "parse_date",
    "to_katakana",
    "validate_address",
    "validate_corporate_number",
    "validate_local_government_code",
    "validate_my_number",
    "validate_name_kana",
    "validate_person_name",
    "validate_phone",
    "validate_postal_code",
]
