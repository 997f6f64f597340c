"""``python -m govforms`` runs the ``govforms`` command."""

from govforms.cli import main

raise SystemExit(main())
