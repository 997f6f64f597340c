"""Plugins: entry points, load_provider, named variants, and the example plugin installed."""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
import tomllib
import zipfile
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from govforms.errors import ConfigurationError
from govforms.payments import (
    ENTRY_POINT_GROUP,
    PaymentMethod,
    PaymentProvider,
    PaymentRequest,
    ProviderVariant,
    ProviderVariants,
    available_providers,
    load_provider,
)
from govforms.payments.testing import FakeClock, FakePaymentProvider, PaymentProviderContract
from tests.conftest import raises_code

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "payment_plugin"
MODULE = "govforms_examplepay"
SECRET = "whsec_plugin_test"


def _forget_example() -> None:
    for name in [m for m in sys.modules if m == MODULE or m.startswith(MODULE + ".")]:
        del sys.modules[name]
    importlib.invalidate_caches()


def install_from_pyproject(site: Path) -> None:
    """Install the example the way a wheel would land in site-packages: the package plus a
    ``.dist-info`` holding METADATA and the entry points declared in its pyproject.toml."""
    project = tomllib.loads((EXAMPLE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    shutil.copytree(EXAMPLE / "src" / MODULE, site / MODULE)
    dist_info = site / f"{project['name'].replace('-', '_')}-{project['version']}.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {project['name']}\nVersion: {project['version']}\n",
        encoding="utf-8",
    )
    lines = []
    for group, points in project["entry-points"].items():
        lines.append(f"[{group}]")
        lines.extend(f"{name} = {target}" for name, target in points.items())
    (dist_info / "entry_points.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    site = tmp_path / "site-packages"
    site.mkdir()
    install_from_pyproject(site)
    monkeypatch.syspath_prepend(str(site))
    _forget_example()
    yield site
    _forget_example()


def test_nothing_to_load_is_a_coded_error() -> None:
    with raises_code("payment.provider_not_found", name="no-such-provider"):
        load_provider("no-such-provider")


def test_example_plugin_is_found_and_loaded(installed: Path) -> None:
    assert {"examplepay", "examplepay-vouchers"} <= set(available_providers())
    assert list(available_providers()) == sorted(available_providers())
    provider = load_provider("examplepay", merchant_id="city-131016", webhook_secret=SECRET)
    assert isinstance(provider, PaymentProvider)
    assert type(provider).__module__ == MODULE
    assert SECRET not in repr(provider)
    payment = provider.create_payment(
        PaymentRequest(amount=300, method="card", reference="R7-1", idempotency_key="k1")
    )
    assert payment.status == "succeeded"
    with pytest.raises(ConfigurationError) as info:
        load_provider("examplepay-typo")
    assert info.value.code == "payment.provider_not_found"
    available = info.value.params["available"]
    assert {"examplepay", "examplepay-vouchers"} <= set(available)
    assert available == sorted(available)


def test_named_variant_from_the_plugin(installed: Path) -> None:
    clock = FakeClock(datetime(2026, 4, 1, 1, 0, tzinfo=UTC))
    vouchers = load_provider("examplepay-vouchers", webhook_secret=SECRET, clock=clock)
    assert vouchers.capabilities.methods == {PaymentMethod.KONBINI, PaymentMethod.PAY_EASY}
    assert vouchers.capabilities.max_amount == 300_000
    payment = vouchers.create_payment(
        PaymentRequest(
            amount=300,
            method="konbini",
            reference="R7-2",
            idempotency_key="k2",
            deadline=date(2026, 4, 10),
        )
    )
    assert payment.next_action is not None and payment.next_action.type == "konbini"
    # Caller configuration overrides the variant's preset.
    wider = load_provider("examplepay-vouchers", webhook_secret=SECRET, max_amount=500_000)
    assert wider.capabilities.max_amount == 500_000


def test_bad_configuration_is_coded_and_does_not_leak(installed: Path) -> None:
    with pytest.raises(ConfigurationError) as info:
        load_provider("examplepay", webhook_secret=SECRET, api_key="sk_live_do_not_show")
    assert info.value.code == "payment.provider_config"
    assert "sk_live" not in repr(info.value) and info.value.__suppress_context__
    with raises_code("payment.provider_config", name="examplepay"):
        load_provider("examplepay")  # the secret is required


class TestExamplePluginContract(PaymentProviderContract):
    """The installed plugin passes the conformance suite, loaded by name."""

    @pytest.fixture
    def provider(self, installed: Path) -> PaymentProvider:
        return load_provider("examplepay", webhook_secret=SECRET)


def test_host_variants_wrap_providers_and_factories() -> None:
    clock = FakeClock(datetime(2026, 4, 1, tzinfo=UTC))
    variants = ProviderVariants(
        {
            "card": ProviderVariant(FakePaymentProvider, {"seed": 1, "clock": clock}),
            "konbini": ProviderVariant(FakePaymentProvider, {"seed": 2, "clock": clock}),
        }
    )
    assert list(variants) == ["card", "konbini"] and len(variants) == 2
    card = variants.load("card")
    konbini = variants.load("konbini", seed=5)
    assert isinstance(card, FakePaymentProvider) and isinstance(konbini, FakePaymentProvider)
    request = PaymentRequest(amount=300, method="card", reference="R7-1", idempotency_key="k")
    assert card.create_payment(request).id == "pay_1_1"
    assert konbini.create_payment(request).id == "pay_5_1"
    with raises_code("payment.provider_not_found", name="nope"):
        variants.load("nope")
    assert "clock" in repr(variants["card"]) and "FakeClock" not in repr(variants["card"])


def test_variant_config_values_never_show() -> None:
    variant = ProviderVariant("examplepay", {"webhook_secret": SECRET})
    assert SECRET not in repr(variant)
    with pytest.raises(TypeError):
        variant.config["webhook_secret"] = "x"  # type: ignore[index]


def test_variants_must_be_variants() -> None:
    with raises_code("payment.provider_invalid", name="card", reason="not a ProviderVariant"):
        ProviderVariants({"card": FakePaymentProvider})  # type: ignore[dict-item]


def test_targets_that_are_not_providers_are_refused() -> None:
    with raises_code("payment.provider_invalid", name="<variant>", reason="not a PaymentProvider"):
        ProviderVariant(dict).load()
    with raises_code("payment.provider_invalid", name="<variant>", reason="not callable"):
        ProviderVariant(42).load()  # type: ignore[arg-type]


def test_variant_loops_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from govforms.payments import plugins

    loop = ProviderVariant("loop")
    monkeypatch.setattr(plugins, "_resolve", lambda name: loop)
    with raises_code("payment.provider_invalid", name="loop", reason="variant loop"):
        loop.load()


def test_entry_point_group_name() -> None:
    assert ENTRY_POINT_GROUP == "govforms.payment_providers"
    project = tomllib.loads((EXAMPLE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert ENTRY_POINT_GROUP in project["entry-points"]


def test_example_builds_as_a_wheel_with_hatchling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Build the example offline with hatchling, unpack the wheel, load the plugin from it."""
    pytest.importorskip("hatchling")
    out = tmp_path / "dist"
    source = tmp_path / "src-copy"
    shutil.copytree(EXAMPLE, source, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(out)],
        cwd=source,
        check=True,
        capture_output=True,
    )
    [wheel] = out.glob("*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert any(n.endswith(".dist-info/entry_points.txt") for n in names)
        archive.extractall(site)
    monkeypatch.syspath_prepend(str(site))
    _forget_example()
    try:
        assert "examplepay" in available_providers()
        provider = load_provider("examplepay", webhook_secret=SECRET)
        assert type(provider).__module__ == MODULE
    finally:
        _forget_example()
