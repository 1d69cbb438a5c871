"""Cross-script name linking benchmark: Bengali spellings against English-only names.

Run from the repository root (needs the dev dependency anyascii for the baseline; about 20 s on
2 cores)::

    python benchmarks/bench_translit.py            # held-out split, writes the JSON
    python benchmarks/bench_translit.py --split tune --no-write

Data: ``benchmarks/data/translit_pairs.tsv`` (``scripts/build_translit_devset.py``). For each
group (``place`` = country + place, ``person`` = person_foreign + person_south_asian) the
"gazetteer" holds every English name of the group from both splits, and each Bengali spelling of
the chosen split is a query. English names that share a Bengali spelling in the data (Kishoreganj /
Kishorganj) are aliases of one entity, so a link to either is right.

Reported per group: accuracy (linked to the right entity), wrong-link rate (linked to another
entity), abstentions; for bnentity (:class:`bnentity.translit.CrossScriptIndex` +
:func:`bnentity.translit.crossmatch.decide` with the tuned THRESHOLD and MARGIN) and for the
baseline anyascii + ``rapidfuzz.process.extractOne(scorer=fuzz.ratio, score_cutoff=70,
processor=str.lower)`` in the same run. Also: the *open-set* false-link rate (the query's own
entity removed from the gazetteer: every link is wrong), the recall of
:func:`bnentity.translit.bengali_spellings`, and romanize() throughput (cold caches and warm).
Results go to ``benchmarks/results/translit.json``.
"""

from __future__ import annotations

import argparse
import csv
import importlib
import json
import platform
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz, process  # noqa: E402

from bnentity.translit import CrossScriptIndex, bengali_spellings, romanize  # noqa: E402
from bnentity.translit.bengalize import _ascii_words, _word_spellings  # noqa: E402
from bnentity.translit.crossmatch import MARGIN, THRESHOLD, decide  # noqa: E402

DATA = ROOT / "benchmarks" / "data" / "translit_pairs.tsv"
OUT = ROOT / "benchmarks" / "results" / "translit.json"
GROUPS = {"place": ("country", "place"), "person": ("person_foreign", "person_south_asian")}
#: Bars from the project's issue 8 (held-out split).
BARS = {"place": (0.85, 0.02), "person": (0.85, 0.03)}


def load_rows(path: Path = DATA) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def entities(rows: list[dict[str, str]]) -> dict[str, str]:
    """English name -> entity id: English names linked through a shared Bengali spelling form
    one entity (union-find); the id is the alphabetically first English name."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for r in rows:
        a, b = find("bn:" + r["bengali"]), find("en:" + r["english"])
        if a != b:
            parent[max(a, b)] = min(a, b)
    members: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        members[find("en:" + r["english"])].append(r["english"])
    return {e: min(members[find("en:" + e)]) for r in rows for e in [r["english"]]}


def _baseline_link(query: str, names: list[str], anyascii: Any) -> str | None:
    hit = process.extractOne(anyascii(query), names, scorer=fuzz.ratio, score_cutoff=70,
                             processor=str.lower)
    return None if hit is None else str(hit[0])


def evaluate_group(rows: list[dict[str, str]], kinds: tuple[str, ...], split: str,
                   anyascii: Any = None) -> dict[str, Any]:
    """Evaluate one group; the baseline is skipped (reported as all abstentions) when
    ``anyascii`` is None."""
    group_rows = [r for r in rows if r["kind"] in kinds]
    ent = entities(group_rows)
    names = sorted(ent)
    index = CrossScriptIndex((ent[n], n) for n in names)
    gold: dict[str, set[str]] = defaultdict(set)
    for r in group_rows:
        gold[r["bengali"]].add(ent[r["english"]])
    queries = [r for r in group_rows if r["split"] == split]
    ours = {"right": 0, "wrong": 0, "abstain": 0}
    base = {"right": 0, "wrong": 0, "abstain": 0}
    open_set_links = 0
    errors: list[dict[str, Any]] = []
    by_kind: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    t0 = time.perf_counter()
    for r in queries:
        q = r["bengali"]
        cands = index.candidates(q, limit=8)
        pick = decide(cands, threshold=THRESHOLD, margin=MARGIN)
        by_kind[r["kind"]]["queries"] += 1
        if pick is None:
            ours["abstain"] += 1
        elif cands[pick][0] in gold[q]:
            ours["right"] += 1
            by_kind[r["kind"]]["bnentity_right"] += 1
        else:
            ours["wrong"] += 1
            by_kind[r["kind"]]["bnentity_wrong"] += 1
        if pick is None or cands[pick][0] not in gold[q]:
            errors.append({"bengali": q, "english": r["english"], "romanized": romanize(q),
                           "candidates": [[c[1], round(c[2], 1)] for c in cands[:3]]})
        others = [c for c in cands if c[0] not in gold[q]]
        if decide(others, threshold=THRESHOLD, margin=MARGIN) is not None:
            open_set_links += 1
    ours_seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    for r in queries:
        link = None if anyascii is None else _baseline_link(r["bengali"], names, anyascii)
        if link is None:
            base["abstain"] += 1
        elif ent[link] in gold[r["bengali"]]:
            base["right"] += 1
            by_kind[r["kind"]]["baseline_right"] += 1
        else:
            base["wrong"] += 1
            by_kind[r["kind"]]["baseline_wrong"] += 1
    base_seconds = time.perf_counter() - t0
    n = len(queries)

    def rates(c: dict[str, int]) -> dict[str, float]:
        return {"accuracy": c["right"] / n, "wrong_links": c["wrong"] / n,
                "abstentions": c["abstain"] / n}

    return {
        "queries": n, "gazetteer_names": len(names), "entities": len(set(ent.values())),
        "bnentity": {**rates(ours), "open_set_false_links": open_set_links / n,
                     "ms_per_query": 1000 * ours_seconds / max(n, 1)},
        "baseline_anyascii_ratio70": {**rates(base),
                                      "ms_per_query": 1000 * base_seconds / max(n, 1)},
        "by_kind": {
            kind: {
                "queries": c["queries"],
                "bnentity_accuracy": c["bnentity_right"] / c["queries"],
                "bnentity_wrong_links": c["bnentity_wrong"] / c["queries"],
                "baseline_accuracy": c["baseline_right"] / c["queries"],
                "baseline_wrong_links": c["baseline_wrong"] / c["queries"],
            }
            for kind, c in sorted(by_kind.items())
        },
        "errors": errors,
    }


def spelling_recall(rows: list[dict[str, str]], split: str) -> dict[str, dict[str, float]]:
    """How often the newspaper spelling is among bengali_spellings() proposals."""
    out: dict[str, dict[str, float]] = {}
    for group, kinds in GROUPS.items():
        qs = [r for r in rows if r["kind"] in kinds and r["split"] == split]
        name_hits = name_top1 = words = word_hits = 0
        for r in qs:
            got = bengali_spellings(r["english"], limit=8)
            name_hits += r["bengali"] in got
            name_top1 += bool(got) and got[0] == r["bengali"]
            bws = r["bengali"].replace("-", " ").split()
            ews = _ascii_words(r["english"])
            if len(bws) == len(ews):
                for bw, ew in zip(bws, ews, strict=True):
                    words += 1
                    word_hits += bw in _word_spellings(ew, 8)
        out[group] = {"names": len(qs), "name_in_top8": name_hits / max(len(qs), 1),
                      "name_top1": name_top1 / max(len(qs), 1), "words": words,
                      "word_in_top8": word_hits / max(words, 1)}
    return out


def throughput(rows: list[dict[str, str]]) -> dict[str, float]:
    # The package exports the function romanize, which hides the submodule of the same name.
    romanize_module = importlib.import_module("bnentity.translit.romanize")
    names = [r["bengali"] for r in rows]
    cold = 0.0
    for _ in range(5):
        romanize_module.romanize_word.cache_clear()
        romanize_module._romanize_token.cache_clear()
        t0 = time.perf_counter()
        for name in names:
            romanize(name)
        cold = max(cold, len(names) / (time.perf_counter() - t0))
    t0 = time.perf_counter()
    reps = 20
    for _ in range(reps):
        for name in names:
            romanize(name)
    warm = reps * len(names) / (time.perf_counter() - t0)
    return {"names": len(names), "cold_names_per_s": cold, "warm_names_per_s": warm}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", default="heldout", choices=("heldout", "tune"))
    ap.add_argument("--no-write", action="store_true", help="do not write the JSON results")
    args = ap.parse_args()
    try:
        from anyascii import anyascii
    except ImportError:
        print("the baseline needs anyascii: pip install anyascii", file=sys.stderr)
        return 2
    t_start = time.perf_counter()
    rows = load_rows()
    results: dict[str, Any] = {
        "split": args.split, "threshold": THRESHOLD, "margin": MARGIN,
        "python": platform.python_version(), "groups": {},
    }
    for group, kinds in GROUPS.items():
        results["groups"][group] = evaluate_group(rows, kinds, args.split, anyascii)
    results["bengali_spellings"] = spelling_recall(rows, args.split)
    results["romanize_throughput"] = throughput(rows)
    results["seconds"] = time.perf_counter() - t_start

    print(f"split={args.split}  threshold={THRESHOLD}  margin={MARGIN}")
    print(f"{'group':8s} {'system':26s} {'N':>5s} {'accuracy':>9s} {'wrong':>7s} {'abstain':>8s}"
          f" {'open-set':>9s}")
    for group, res in results["groups"].items():
        for system in ("bnentity", "baseline_anyascii_ratio70"):
            m = res[system]
            open_set = f"{m['open_set_false_links']:9.3f}" if "open_set_false_links" in m else ""
            print(f"{group:8s} {system:26s} {res['queries']:5d} {m['accuracy']:9.3f} "
                  f"{m['wrong_links']:7.3f} {m['abstentions']:8.3f} {open_set}")
    for res in results["groups"].values():
        for kind, k in res["by_kind"].items():
            print(f"  {kind:20s} N={k['queries']:4d}  bnentity {k['bnentity_accuracy']:.3f} "
                  f"(wrong {k['bnentity_wrong_links']:.3f})  baseline {k['baseline_accuracy']:.3f} "
                  f"(wrong {k['baseline_wrong_links']:.3f})")
    for group, rec in results["bengali_spellings"].items():
        print(f"bengali_spellings {group}: name in top 8 {rec['name_in_top8']:.3f}, "
              f"word in top 8 {rec['word_in_top8']:.3f} ({rec['words']} words)")
    tp = results["romanize_throughput"]
    print(f"romanize: {tp['cold_names_per_s']:,.0f} names/s cold caches, "
          f"{tp['warm_names_per_s']:,.0f} names/s warm")
    ok = True
    for group, (acc_bar, wrong_bar) in BARS.items():
        m = results["groups"][group]["bnentity"]
        passed = m["accuracy"] >= acc_bar and m["wrong_links"] <= wrong_bar
        ok &= passed
        print(f"bar {group}: accuracy >= {acc_bar}, wrong <= {wrong_bar}: "
              f"{'PASS' if passed else 'FAIL'}")
    print(f"total {results['seconds']:.1f} s")
    if not args.no_write:
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n",
                       encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}")
    return 0 if ok or args.split != "heldout" else 1


if __name__ == "__main__":
    raise SystemExit(main())
