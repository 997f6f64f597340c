"""Django settings for the adapter tests: the example project's settings, unchanged.

Kept as its own module so the tests name a settings module under ``tests/`` and can add
test-only settings here without touching the example.
"""

from examples.django_app.settings import *  # noqa: F403
