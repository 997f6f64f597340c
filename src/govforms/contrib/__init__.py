"""Framework adapters: thin wrappers that put the govforms validators into a web framework.

Each adapter lives in its own subpackage and imports its framework only when imported itself:

* :mod:`govforms.contrib.django` — validators raising Django's ``ValidationError`` and form
  fields (extra ``django``);
* :mod:`govforms.contrib.wtforms` — WTForms validators and fields for Flask apps (extra
  ``flask``).

* :mod:`govforms.contrib.fastapi` — a 422 handler with our codes, localised messages and no
  echoed input (extra ``fastapi``).

FastAPI needs no field adapter: the pydantic types of :mod:`govforms.fields` work in request
models as they are (see ``examples/fastapi_app``). The core of govforms never imports this
package.
No adapter holds a rule of its own: every check is the plain validator's.
"""

from __future__ import annotations

__all__: list[str] = []
