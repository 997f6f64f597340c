"""govforms: e-government form primitives for Japan.

``import govforms`` loads only the error model; the parts load when imported:
:mod:`govforms.fields` (validators), :mod:`govforms.payments`, :mod:`govforms.identity` and
:mod:`govforms.submissions`.

>>> import govforms
>>> try:
...     raise govforms.FieldError("postal_code.format")
... except govforms.GovFormsError as error:
...     print(error.code, "/", error.message("ja"))
postal_code.format / 郵便番号は7桁の数字で入力してください（例: 100-0001）。
"""

from govforms.errors import (
    ConfigurationError,
    FieldError,
    GovFormsError,
    IdentityError,
    PaymentError,
    ValidationErrors,
)

__version__ = "0.1.0"

__all__ = [
    "ConfigurationError",
    "FieldError",
    "GovFormsError",
    "IdentityError",
    "PaymentError",
    "ValidationErrors",
    "__version__",
]
