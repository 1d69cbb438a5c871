"""Issue 4's bars on the DEV split of benchmarks/data/resolver_variants.tsv.

The gazetteer is built in memory with one canonical Bengali form per group; every other
attested form is a query; look-alikes must not link to the entity they resemble (see
benchmarks/bench_resolver_accuracy.py, which prints the dev misses). The held-out split is
checked at the end for reporting only: never tune the resolver on its misses.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks._common import VARIANTS_TSV, load_variants, read_tsv, stable_split  # noqa: E402
from benchmarks.bench_resolver_accuracy import BARS, evaluate_split  # noqa: E402

KINDS = {"variant", "inflected", "lookalike"}
TYPES = {"person", "place", "org", "event", "work", "other"}


@pytest.fixture(scope="module")
def dev() -> dict[str, Any]:
    return evaluate_split("dev")


def _misses(result: dict[str, Any]) -> str:
    return "; ".join(f"{e['query']}→{e['got']}" for e in result["bnentity_errors"][:15])


# -- the data file itself ------------------------------------------------------------------

def test_variants_file_is_well_formed() -> None:
    rows = read_tsv(VARIANTS_TSV)
    assert rows and list(rows[0]) == ["group", "form", "kind", "source", "split", "type"]
    groups = {r["group"] for r in rows if r["kind"] != "lookalike"}
    seen: set[tuple[str, str]] = set()
    for r in rows:
        assert r["kind"] in KINDS, r
        assert r["type"] in TYPES, r
        assert r["form"].strip() == r["form"] and r["form"], r
        assert r["split"] == stable_split(r["group"]), r
        assert r["source"], r
        assert (r["group"], r["form"]) not in seen, f"duplicate row {r}"
        seen.add((r["group"], r["form"]))
        if r["kind"] == "lookalike":
            assert r["group"] in groups, f"look-alike target {r['group']!r} has no variants"


def test_variants_file_is_big_enough() -> None:
    groups = load_variants("all")
    multi = [g for g in groups.values() if len(g.forms) >= 2]
    queries = sum(len(g.queries) for g in groups.values())
    lookalikes = sum(len(g.lookalikes) for g in groups.values())
    assert len(multi) >= 120
    assert queries >= 400
    assert lookalikes >= 80
    splits = Counter(g.split for g in groups.values())
    assert min(splits.values()) >= 0.35 * len(groups)


# -- the bars (dev split) ----------------------------------------------------------------------

def test_dev_accuracy(dev: dict[str, Any]) -> None:
    acc = dev["bnentity"]["accuracy"]
    assert acc >= BARS["accuracy"], f"accuracy {acc:.3f}; misses: {_misses(dev)}"


def test_dev_wrong_links(dev: dict[str, Any]) -> None:
    wrong = dev["bnentity"]["wrong"]
    assert wrong <= BARS["wrong"], f"wrong-link rate {wrong:.3f}; misses: {_misses(dev)}"


def test_dev_lookalike_hits(dev: dict[str, Any]) -> None:
    hits = dev["bnentity"]["lookalike_hits"]
    assert hits <= BARS["lookalike"], f"look-alike hit rate {hits:.3f}; misses: {_misses(dev)}"


# -- the held-out split: reported, never tuned on ---------------------------------------------

@pytest.fixture(scope="module")
def heldout() -> dict[str, Any]:
    return evaluate_split("heldout")


@pytest.mark.xfail(strict=True, reason=(
    "measured on held-out: accuracy 0.935 (377/403) — below the 0.95 bar; the misses are "
    "abstentions (0 wrong links), left as they are because the held-out split is not for tuning"))
def test_heldout_accuracy(heldout: dict[str, Any]) -> None:
    assert heldout["bnentity"]["accuracy"] >= BARS["accuracy"]


def test_heldout_wrong_links_and_lookalikes(heldout: dict[str, Any]) -> None:
    assert heldout["bnentity"]["wrong"] <= BARS["wrong"]
    assert heldout["bnentity"]["lookalike_hits"] <= BARS["lookalike"]
