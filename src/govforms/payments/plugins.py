"""Provider plugins: found by entry point, loaded by name, configured by the host app.

A plugin package declares an entry point in the group ``govforms.payment_providers``::

    [project.entry-points."govforms.payment_providers"]
    examplepay = "govforms_examplepay:ExamplePayProvider"
    examplepay-konbini = "govforms_examplepay:KONBINI_ONLY"

The target is either a factory (usually the provider class) called with the configuration as
keyword arguments, or a :class:`ProviderVariant`: a *named variant*, one provider class under a
preset configuration. The host app can define its own variants with :class:`ProviderVariants`
(e.g. ``"card"`` and ``"konbini"`` accounts of the same provider), without writing a plugin.

Nothing is read at import time and nothing is cached: entry points are looked up on each call,
so loading is cheap to reason about (call it once at start-up and keep the provider).

The configuration (API keys, webhook secrets) never appears in an error or a ``repr``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from importlib.metadata import EntryPoint, entry_points
from types import MappingProxyType
from typing import Any, Final

import attrs

from govforms.errors import ConfigurationError
from govforms.payments.protocol import PaymentProvider

__all__ = [
    "ENTRY_POINT_GROUP",
    "ProviderVariant",
    "ProviderVariants",
    "available_providers",
    "load_provider",
]

#: The entry point group plugins register in.
ENTRY_POINT_GROUP: Final = "govforms.payment_providers"
_MAX_DEPTH: Final = 4


def _freeze(config: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(config))


@attrs.frozen(slots=True)
class ProviderVariant:
    """A provider under a preset configuration.

    ``factory`` is a callable (usually the provider class) or the name of another provider entry
    point. ``config`` holds the preset keyword arguments; the caller's keyword arguments override
    them. ``repr`` shows the configuration's keys, never its values.

    >>> ProviderVariant("fake", {"webhook_secret": "s3cret"})
    ProviderVariant(factory='fake', config=<keys: webhook_secret>)
    """

    factory: Callable[..., Any] | str
    config: Mapping[str, Any] = attrs.field(
        factory=dict, converter=_freeze, repr=lambda c: f"<keys: {', '.join(sorted(c))}>"
    )

    def load(self, name: str = "<variant>", /, **overrides: Any) -> PaymentProvider:
        """Build the provider with ``config`` updated by ``overrides``."""
        return _build(name, self, overrides, depth=0)


class ProviderVariants(Mapping[str, ProviderVariant]):
    """The host app's named variants, looked up before the installed entry points.

    >>> variants = ProviderVariants({"konbini": ProviderVariant("fake", {"seed": 7})})
    >>> list(variants)
    ['konbini']
    """

    __slots__ = ("_variants",)

    def __init__(self, variants: Mapping[str, ProviderVariant]) -> None:
        for name, variant in variants.items():
            if not isinstance(variant, ProviderVariant):
                raise ConfigurationError(
                    "payment.provider_invalid", name=str(name), reason="not a ProviderVariant"
                )
        self._variants: Mapping[str, ProviderVariant] = _freeze(variants)

    def __getitem__(self, name: str) -> ProviderVariant:
        return self._variants[name]

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._variants))

    def __len__(self) -> int:
        return len(self._variants)

    def __repr__(self) -> str:
        return f"ProviderVariants({sorted(self._variants)!r})"

    def load(self, name: str, /, **overrides: Any) -> PaymentProvider:
        """Load the variant ``name``, or the installed provider of that name."""
        variant = self._variants.get(name)
        if variant is None:
            return load_provider(name, **overrides)
        return _build(name, variant, overrides, depth=0)


def _entry_points() -> dict[str, EntryPoint]:
    found: dict[str, EntryPoint] = {}
    for point in entry_points(group=ENTRY_POINT_GROUP):
        # The first distribution on sys.path wins, as importlib.metadata orders them.
        found.setdefault(point.name, point)
    return found


def available_providers() -> tuple[str, ...]:
    """The names of the installed provider entry points, sorted."""
    return tuple(sorted(_entry_points()))


def _resolve(name: str) -> Any:
    points = _entry_points()
    point = points.get(name)
    if point is None:
        raise ConfigurationError("payment.provider_not_found", name=name, available=sorted(points))
    try:
        return point.load()
    except (ImportError, AttributeError):
        raise ConfigurationError(
            "payment.provider_invalid", name=name, reason="entry point cannot be imported"
        ) from None


def _build(name: str, target: Any, config: Mapping[str, Any], *, depth: int) -> PaymentProvider:
    if depth > _MAX_DEPTH:
        raise ConfigurationError("payment.provider_invalid", name=name, reason="variant loop")
    if isinstance(target, ProviderVariant):
        merged = {**target.config, **config}
        factory = target.factory
        if isinstance(factory, str):
            return _build(factory, _resolve(factory), merged, depth=depth + 1)
        return _build(name, factory, merged, depth=depth + 1)
    if not callable(target):
        raise ConfigurationError("payment.provider_invalid", name=name, reason="not callable")
    try:
        provider = target(**config)
    except TypeError:
        # The message may quote the configuration: do not chain it.
        raise ConfigurationError("payment.provider_config", name=name) from None
    if not isinstance(provider, PaymentProvider):
        raise ConfigurationError(
            "payment.provider_invalid", name=name, reason="not a PaymentProvider"
        )
    return provider


def load_provider(name: str, /, **config: Any) -> PaymentProvider:
    """Build the installed provider ``name`` with ``config`` as keyword arguments.

    Codes (all :class:`~govforms.errors.ConfigurationError`): ``payment.provider_not_found``
    (with the available names), ``payment.provider_invalid``, ``payment.provider_config`` (the
    factory refused the configuration).
    """
    return _build(name, _resolve(name), config, depth=0)
