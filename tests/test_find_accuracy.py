"""Issue 5's bars for find() on running text with unseen variants — DEV split, small and fast.

A few hundred real news sentences of ../shared/data with one NER span replaced by an attested
variant, inflected form or look-alike of a group of benchmarks/data/resolver_variants.tsv
(dev split), against a gazetteer holding one canonical form per group; see
benchmarks/bench_find_accuracy.py (the full benchmark, both splits, with the baseline and the
error list). Skipped when ../shared/data is missing. Never tune on the held-out split: its
test only records that the bars are not met there yet.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks._common import NER_FOLDERS, SHARED_DATA  # noqa: E402
from benchmarks.bench_find_accuracy import (  # noqa: E402
    BARS,
    DEFAULT_SENTENCES,
    SEED,
    all_group_forms,
    build_split,
    evaluate_split,
    load_hosts,
)

#: The benchmark's own sample (a split has ~900 forms to insert: a smaller sample reads only
#: some of them, and its recall moved by 2 points with the sample when the data grew).
N_SENTENCES = DEFAULT_SENTENCES

pytestmark = pytest.mark.skipif(
    not all((SHARED_DATA / f).is_dir() for f in NER_FOLDERS),
    reason=f"the shared NER corpora are missing ({SHARED_DATA}; expected <repo>/../shared/data "
           "or BNENTITY_SHARED_DATA)")


@pytest.fixture(scope="module")
def hosts() -> Any:
    return load_hosts(all_group_forms())


@pytest.fixture(scope="module")
def dev(hosts: Any) -> dict[str, Any]:
    return evaluate_split("dev", N_SENTENCES, SEED, hosts)


def test_generated_sentences_are_real_text_with_one_golded_insertion(hosts: Any) -> None:
    groups, sentences = build_split("dev", N_SENTENCES, SEED, hosts)
    assert len(sentences) == N_SENTENCES
    assert len({s.host for s in sentences}) == N_SENTENCES  # no host sentence twice
    by_host = {f"{h.key}@{h.start}": h for hs in hosts.values() for h in hs}
    for s in sentences:
        assert s.item.group in groups
        assert s.text[s.start:s.end] == s.item.form
        assert s.item.form != groups[s.item.group].canonical
        h = by_host[f"{s.host}@{s.start}"]
        assert s.text[:s.start] == h.text[:h.start]
        assert s.text[s.end:] == h.text[h.end:]
    _, again = build_split("dev", N_SENTENCES, SEED, hosts)
    assert [s.text for s in again] == [s.text for s in sentences]  # fixed seed


def test_baseline_is_measured(dev: dict[str, Any]) -> None:
    rx = dev["regex"]
    assert rx["links"] > 0 and 0.0 < rx["recall"] < 1.0


def test_find_meets_issue5_bars_on_dev(dev: dict[str, Any]) -> None:
    bn = dev["bnentity"]
    p, r = bn["precision"], bn["recall"]
    assert p >= BARS["precision"] and r >= BARS["recall"], (
        f"precision {p:.3f} (bar {BARS['precision']}), recall {r:.3f} (bar {BARS['recall']}); "
        "run python benchmarks/bench_find_accuracy.py --split dev for the errors")


@pytest.mark.xfail(strict=True, reason=(
    "held-out split (never tuned on), measured on the full benchmark (1,200 sentences): "
    "precision 0.949, recall 0.896 (bars 0.97/0.95); dev meets them (0.983/0.953). The "
    "held-out errors were not studied, so that the split stays a fair test"))
def test_find_meets_issue5_bars_on_heldout(hosts: Any) -> None:
    bn = evaluate_split("heldout", N_SENTENCES, SEED, hosts)["bnentity"]
    assert bn["precision"] >= BARS["precision"] and bn["recall"] >= BARS["recall"]
