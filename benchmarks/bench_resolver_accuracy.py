"""Accuracy of resolve() on real attested variants, against plain rapidfuzz (issue 4's bars).

Run from the repository root:

    python benchmarks/bench_resolver_accuracy.py                 # dev and held-out, side by side
    python benchmarks/bench_resolver_accuracy.py --split dev     # one split (dev|heldout|all)
    python benchmarks/bench_resolver_accuracy.py --errors 50     # list more of bnentity's misses

Misses are printed and saved for the dev split only, unless --show-heldout-errors is given.

Data: benchmarks/data/resolver_variants.tsv (see benchmarks/data/README.md). For each split a
gazetteer is built in memory with ONE canonical Bengali form per group (its first ``variant``
row, as ``bn``; ``name`` = the group id; ``type`` from the file), and every other form of the
group (spelling variants and inflected forms as they occur in text) is a query. Look-alikes
(names or words that resemble a group's name but are a different entity or no name at all)
are queries that must NOT link to the group they resemble.

Measured for bnentity's ``Resolver.resolve`` and, in the same run, for the baseline
``rapidfuzz.process.extractOne(query, forms, scorer=fuzz.WRatio, score_cutoff=70,
processor=None)`` over the same canonical forms:

* accuracy  — queries linked to the right entity / queries
* wrong     — queries linked to another entity / queries
* abstain   — queries with no answer / queries
* look-alike hits — look-alikes linked to the entity they must not link to / look-alikes

A second evaluation uses the real bundled gazetteer (``bnentity.load()``) restricted to the
groups whose entity exists there (same id, or a form equal under ``variant_key`` to one of the
entity's names); there every form of the group is a query (the bundled canonical spelling may
differ from the file's), and the baseline runs over all bundled Bengali names and aliases.

Bars (issue 4): accuracy ≥ 0.95, wrong ≤ 0.01, look-alike hits ≤ 0.05. Tune on ``dev`` only;
``heldout`` is for reporting. Results: benchmarks/results/resolver_accuracy.json.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._common import (
    RESULTS_DIR,
    VariantGroup,
    format_table,
    gazetteer_from_groups,
    load_variants,
    write_json,
)

#: Issue 4's bars.
BARS = {"accuracy": 0.95, "wrong": 0.01, "lookalike": 0.05}

#: A linker: query -> (entity id or None, score, detail).
Linker = Callable[[str], tuple[str | None, float, str]]


@dataclass(frozen=True, slots=True)
class Query:
    text: str
    expected: str | None  # entity id it must link to (None for look-alikes)
    forbidden: str | None  # entity id it must not link to (look-alikes)
    kind: str
    source: str
    group: str


@dataclass(slots=True)
class Outcome:
    """Counts and misses of one linker on one query set."""

    n: int = 0
    right: int = 0
    wrong: int = 0
    abstain: int = 0
    n_lookalike: int = 0
    lookalike_hits: int = 0
    lookalike_linked: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    by_kind_right: Counter[str] = field(default_factory=Counter)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        n, la = max(self.n, 1), max(self.n_lookalike, 1)
        return {
            "queries": self.n,
            "accuracy": self.right / n,
            "wrong": self.wrong / n,
            "abstain": self.abstain / n,
            "lookalikes": self.n_lookalike,
            "lookalike_hits": self.lookalike_hits / la,
            "lookalike_linked_any": self.lookalike_linked / la,
            "accuracy_by_kind": {k: self.by_kind_right[k] / v for k, v in
                                 sorted(self.by_kind.items())},
            "meets_bars": (self.right / n >= BARS["accuracy"] and self.wrong / n <= BARS["wrong"]
                           and self.lookalike_hits / la <= BARS["lookalike"]),
        }


def build_queries(groups: dict[str, VariantGroup]) -> list[Query]:
    """Every non-canonical form as a query for its group, then every look-alike."""
    out = [Query(f.text, g.id, None, f.kind, f.source, g.id)
           for g in groups.values() for f in g.queries]
    out += [Query(f.text, None, g.id, "lookalike", f.source, g.id)
            for g in groups.values() for f in g.lookalikes]
    return out


def run(linker: Linker, queries: Sequence[Query]) -> Outcome:
    """Score one linker on the queries."""
    o = Outcome()
    for q in queries:
        got, score, detail = linker(q.text)
        if q.expected is None:
            o.n_lookalike += 1
            o.lookalike_linked += got is not None
            if got == q.forbidden:
                o.lookalike_hits += 1
                o.errors.append({"query": q.text, "kind": q.kind, "must_not_be": q.forbidden,
                                 "got": got, "score": round(score, 1), "detail": detail,
                                 "source": q.source})
            continue
        o.n += 1
        o.by_kind[q.kind] += 1
        if got == q.expected:
            o.right += 1
            o.by_kind_right[q.kind] += 1
            continue
        if got is None:
            o.abstain += 1
        else:
            o.wrong += 1
        o.errors.append({"query": q.text, "kind": q.kind, "expected": q.expected, "got": got,
                         "score": round(score, 1), "detail": detail, "source": q.source})
    return o


def bnentity_linker(resolver: Any) -> Linker:
    def link(q: str) -> tuple[str | None, float, str]:
        m = resolver.resolve(q)
        if m is None:
            cands = resolver.candidates(q, limit=2)
            detail = "; ".join(f"{c.entity.id}:{c.score:.0f}:{c.method}" for c in cands)
            return None, 0.0, f"abstained [{detail}]" if detail else "abstained"
        return m.entity.id, float(m.score), f"{m.method} via {m.alias!r} suffix={m.suffix!r}"
    return link


def rapidfuzz_linker(forms: Sequence[str], owners: Sequence[str]) -> Linker:
    """The baseline: extractOne with WRatio, cutoff 70, no processor, over ``forms``."""
    from rapidfuzz import fuzz, process

    def link(q: str) -> tuple[str | None, float, str]:
        hit = process.extractOne(q, forms, scorer=fuzz.WRatio, score_cutoff=70, processor=None)
        if hit is None:
            return None, 0.0, "below cutoff"
        return owners[hit[2]], float(hit[1]), f"via {hit[0]!r}"
    return link


def evaluate_split(split: str) -> dict[str, Any]:
    """Both linkers on the gazetteer built from one split of the variants file."""
    import bnentity

    groups = load_variants(split)
    gaz = gazetteer_from_groups(groups)
    resolver = bnentity.Resolver.from_gazetteer(gaz)
    queries = build_queries(groups)
    forms = [g.canonical for g in groups.values()]
    owners = [g.id for g in groups.values()]
    bn = run(bnentity_linker(resolver), queries)
    rf = run(rapidfuzz_linker(forms, owners), queries)
    return {"split": split, "entities": len(groups), "bnentity": bn.summary(),
            "rapidfuzz": rf.summary(), "bnentity_errors": bn.errors,
            "rapidfuzz_errors_count": len(rf.errors), "_outcomes": (bn, rf)}


def evaluate_bundled(split: str) -> dict[str, Any] | None:
    """Both linkers on the bundled gazetteer, restricted to groups that exist there."""
    import bnentity
    from bnentity.keys import variant_key

    resolver = bnentity.load()
    gaz = resolver.gazetteer
    by_key: dict[str, set[str]] = {}
    forms: list[str] = []
    owners: list[str] = []
    for e in gaz.values():
        names = (*e.bengali_names, *e.short)
        for name in e.bengali_names:
            forms.append(name)
            owners.append(e.id)
        for name in names:
            by_key.setdefault(variant_key(name), set()).add(e.id)
    groups = load_variants(split)
    mapping: dict[str, str] = {}
    for g in groups.values():
        if g.id in gaz:
            mapping[g.id] = g.id
            continue
        hits = set().union(*(by_key.get(variant_key(f.text), set()) for f in g.forms
                             if f.kind == "variant"))
        if len(hits) == 1:
            mapping[g.id] = hits.pop()
    if not mapping:
        return None
    queries = [Query(f.text, mapping[g.id], None, f.kind, f.source, g.id)
               for g in groups.values() if g.id in mapping for f in g.forms]
    queries += [Query(f.text, None, mapping[g.id], "lookalike", f.source, g.id)
                for g in groups.values() if g.id in mapping for f in g.lookalikes]
    bn = run(bnentity_linker(resolver), queries)
    rf = run(rapidfuzz_linker(forms, owners), queries)
    return {"split": split, "gazetteer_entities": len(gaz), "groups_found": len(mapping),
            "mapping": mapping, "bnentity": bn.summary(), "rapidfuzz": rf.summary(),
            "bnentity_errors": bn.errors, "_outcomes": (bn, rf)}


def _row(label: str, s: dict[str, Any]) -> list[Any]:
    return [label, s["queries"], s["accuracy"], s["wrong"], s["abstain"], s["lookalikes"],
            s["lookalike_hits"], "yes" if s["meets_bars"] else "no"]


HEADERS = ["linker", "queries", "accuracy", "wrong", "abstain", "look-alikes", "la-hits",
           "bars"]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=("dev", "heldout", "all"), action="append",
                    help="split(s) to evaluate (repeatable); default: dev and heldout")
    ap.add_argument("--errors", type=int, default=30,
                    help="how many of bnentity's misses to print per split (default 30)")
    ap.add_argument("--show-heldout-errors", action="store_true",
                    help="also print and save the misses on the held-out split (off by "
                         "default: the held-out split is for reporting, not for tuning)")
    ap.add_argument("--no-bundled", action="store_true",
                    help="skip the evaluation on the bundled gazetteer")
    ap.add_argument("--output", type=Path, default=RESULTS_DIR / "resolver_accuracy.json")
    args = ap.parse_args(argv)
    splits = args.split or ["dev", "heldout"]

    results: dict[str, Any] = {"bars": BARS, "baseline": (
        "rapidfuzz.process.extractOne(query, forms, scorer=fuzz.WRatio, score_cutoff=70, "
        "processor=None)"), "splits": {}, "bundled": {}}
    for split in splits:
        r = evaluate_split(split)
        r.pop("_outcomes")
        hide = split != "dev" and not args.show_heldout_errors
        if hide:
            r["bnentity_errors"] = f"{len(r['bnentity_errors'])} (hidden: --show-heldout-errors)"
        results["splits"][split] = r
        print(f"\n== split {split}: {r['entities']} entities (one canonical form each)")
        print(format_table(HEADERS, [_row("bnentity", r["bnentity"]),
                                     _row("rapidfuzz WRatio≥70", r["rapidfuzz"])]))
        print("   bnentity accuracy by kind:",
              {k: round(v, 3) for k, v in r["bnentity"]["accuracy_by_kind"].items()})
        if hide:
            print(f"   bnentity misses: {r['bnentity_errors']}")
        elif args.errors and r["bnentity_errors"]:
            print(f"   bnentity misses ({len(r['bnentity_errors'])}):")
            for e in r["bnentity_errors"][: args.errors]:
                want = e.get("expected") or f"NOT {e['must_not_be']}"
                print(f"     {e['query']!s:32} want {want:28} got {e['got']!s:24} "
                      f"{e['detail']}")
        if not args.no_bundled:
            b = evaluate_bundled(split)
            if b is None:
                print("   bundled gazetteer: no group of this split exists there")
                continue
            b.pop("_outcomes")
            if hide:
                b["bnentity_errors"] = (f"{len(b['bnentity_errors'])} "
                                        "(hidden: --show-heldout-errors)")
            results["bundled"][split] = b
            print(f"\n== split {split} on the bundled gazetteer ({b['gazetteer_entities']} "
                  f"entities; {b['groups_found']} groups found there)")
            print(format_table(HEADERS, [_row("bnentity", b["bnentity"]),
                                         _row("rapidfuzz WRatio≥70", b["rapidfuzz"])]))
            if args.errors and not hide and b["bnentity_errors"]:
                print(f"   bnentity misses ({len(b['bnentity_errors'])}):")
                for e in b["bnentity_errors"][: args.errors]:
                    want = e.get("expected") or f"NOT {e['must_not_be']}"
                    print(f"     {e['query']!s:32} want {want:28} got {e['got']!s:24} "
                          f"{e['detail']}")
    path = write_json(args.output, results)
    print(f"\nwrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
