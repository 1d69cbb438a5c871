"""Speed, memory and accuracy of resolve() at 10k / 100k / 1M aliases, against brute force.

Run from the repository root:

    python benchmarks/bench_resolver_speed.py                   # 10k, 100k and 1M aliases
    python benchmarks/bench_resolver_speed.py --quick           # 10k only (< 1 minute)
    python benchmarks/bench_resolver_speed.py --sizes 10000,100000 --queries 1000

Gazetteers are synthetic but built from real Bengali name parts: the words of the PERSON, LOC/GPE
and ORG spans of ../shared/data/*/entity_mentions.tsv (inflected words dropped). Entities are
persons (2–3 words: given names + a family name, 70%), places (a place word with a toponym
suffix or two place words, 20%) and organisations (a place word + an organisation head word
such as বিশ্ববিদ্যালয়, 10%), each with 1–3 aliases (the canonical spelling plus attested-style
spelling variants or a shortened person name), until the gazetteer has the requested number
of Bengali aliases.

Queries are a fixed mix: exact aliases (25%), inflected aliases (ের/র/কে/তে/য়/এর …, 20%),
perturbed spellings (40%: one or two realistic alternations ি/ী, ু/ূ, শ/ষ/স, ন/ণ, ্যা/া, a
dropped hasanta, plus one random edit in a third of them) and non-names (15%: ordinary words of
the NER sentences that are in no name). A perturbed query whose spelling or variant key equals
an alias of another entity is replaced, and so is an exact or inflected query whose alias has
the same variant key as another entity's alias (its right answer would be ambiguous).

For each size, in a fresh process (so memory figures do not leak between sizes): build time of
the resolver, **index memory = RSS growth of the process while building the resolver** (the
gazetteer's Entity objects are made before and not counted), resolve() queries/s, median and
p95 latency, and the same queries through the brute-force baseline
``rapidfuzz.process.extractOne(q, aliases, scorer=fuzz.WRatio, score_cutoff=70,
processor=None)`` — on all queries up to 100k aliases' worth of work, and on a sample at
larger sizes (its latency is then the sample's, extrapolated to the whole query set, and its
accuracy is the sample's; the JSON says which). Accuracy = the right entity for names, no link
for non-names. Speed-up = bnentity queries/s ÷ brute-force queries/s.

Targets (issue 4): ≥ 50× brute force at 100k aliases with equal or better accuracy; median
≤ 1 ms and index ≤ 400 MB at 1M aliases. Results: benchmarks/results/resolver_speed.json
(--quick: resolver_speed_quick.json). The whole default run takes about 7 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._common import (
    RESULTS_DIR,
    format_table,
    iter_ner_mentions,
    latency_stats,
    measure,
    mib,
    time_calls,
    write_json,
)

SEED = 20240611
DEFAULT_SIZES = (10_000, 100_000, 1_000_000)
#: Brute-force work budget: queries × aliases scored in full; beyond it, a sample is used.
BRUTE_BUDGET = 100_000 * 300
BRUTE_MIN_SAMPLE = 100
BRUTE_MAX_SAMPLE = 1000

_BN_WORD = "^[\u0980-\u09ff]+$"
_VOWEL_SIGNS = "ািীুূৃেৈোৌ"
_CONSONANTS = "কখগঘঙচছজঝঞটঠডঢণতথদধনপফবভমযরলশষসহ"
_TOPONYM_SUFFIXES = ("পুর", "গঞ্জ", "নগর", "বাড়ি", "হাট", "খালী", "দিয়া", "কান্দি", "চর")
_INFLECTIONS_AFTER_VOWEL = ("র", "কে", "তে", "য়", "ও", "-এর")
_INFLECTIONS_AFTER_CONSONANT = ("ের", "কে", "ে", "এর", "ও")


# -- name parts from the NER corpora -------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Parts:
    given: tuple[str, ...]
    family: tuple[str, ...]
    place: tuple[str, ...]
    org_head: tuple[str, ...]
    common: tuple[str, ...]


def collect_parts() -> Parts:
    """Name words of the shared NER spans, with inflected words dropped."""
    import regex

    from bnentity.inflection import stems
    from bnentity.keys import normalized_key

    bn = regex.compile(_BN_WORD)
    given: Counter[str] = Counter()
    family: Counter[str] = Counter()
    place: Counter[str] = Counter()
    org_last: Counter[str] = Counter()
    name_words: set[str] = set()
    sentences: list[str] = []
    for m in iter_ner_mentions():
        words = normalized_key(m.mention).split()
        if not words or not all(bn.match(w) for w in words):
            continue
        name_words.update(words)
        if len(sentences) < 4000:
            sentences.append(m.sentence)
        if m.label == "PER" and 2 <= len(words) <= 4:
            given.update(words[:-1])
            family[words[-1]] += 1
        elif m.label in ("LOC", "GPE") and len(words) <= 2:
            place.update(words)
        elif m.label == "ORG" and len(words) >= 2:
            org_last[words[-1]] += 1
    attested = set(given) | set(family) | set(place)

    def bare(w: str) -> bool:  # not an inflected form of another attested word
        return len(w) >= 2 and not any(s.suffix and s.stem in attested for s in stems(w)[1:])

    common: Counter[str] = Counter()
    for s in sentences:
        for w in normalized_key(s).split():
            if len(w) >= 3 and bn.match(w) and w not in name_words:
                common[w] += 1
    if not given or not family or not place:
        raise SystemExit("no name parts: ../shared/data/*/entity_mentions.tsv is missing "
                         "(set BNENTITY_SHARED_DATA)")
    return Parts(
        given=tuple(sorted(w for w in given if bare(w))),
        family=tuple(sorted(w for w in family if bare(w))),
        place=tuple(sorted(w for w in place if bare(w))),
        org_head=tuple(sorted(w for w, c in org_last.items() if c >= 3 and bare(w))),
        common=tuple(sorted(w for w, c in common.items() if c >= 2)),
    )


# -- spelling perturbations ------------------------------------------------------------------

_ALTERNATIONS: tuple[tuple[str, str], ...] = (
    ("ি", "ী"), ("ী", "ি"), ("ু", "ূ"), ("ূ", "ু"), ("শ", "স"), ("স", "শ"), ("ষ", "শ"),
    ("ন", "ণ"), ("ণ", "ন"), ("্যা", "া"), ("া", "্যা"), ("ই", "ঈ"), ("ঈ", "ই"),
)


def alternate(s: str, rng: random.Random) -> str:
    """One realistic spelling alternation (or a dropped hasanta) at a random place; may be s."""
    options: list[tuple[int, str, str]] = []
    for a, b in _ALTERNATIONS:
        start = s.find(a)
        while start != -1:
            options.append((start, a, b))
            start = s.find(a, start + 1)
    start = s.find("্")
    while start != -1:
        options.append((start, "্", ""))
        start = s.find("্", start + 1)
    if not options:
        return s
    i, a, b = rng.choice(options)
    return s[:i] + b + s[i + len(a):]


def random_edit(s: str, rng: random.Random) -> str:
    """Substitute, delete or insert one Bengali letter or vowel sign (not at a word's start)."""
    positions = [i for i in range(1, len(s)) if s[i] != " " and s[i - 1] != " "]
    if not positions:
        return s
    i = rng.choice(positions)
    op = rng.random()
    pool = _VOWEL_SIGNS if s[i] in _VOWEL_SIGNS else _CONSONANTS
    if op < 0.4:
        return s[:i] + rng.choice(pool) + s[i + 1:]
    if op < 0.7:
        return s[:i] + s[i + 1:]
    return s[:i] + rng.choice(_CONSONANTS + _VOWEL_SIGNS) + s[i:]


def perturb(s: str, rng: random.Random, *, edit: bool) -> str:
    out = s
    for _ in range(rng.choice((1, 1, 2))):
        out = alternate(out, rng)
    if edit or out == s:
        out = random_edit(out, rng)
    return out


def inflect(s: str, rng: random.Random) -> str:
    last = s[-1]
    if last in _VOWEL_SIGNS or last in "অআইঈউঊএঐওঔ":
        return s + rng.choice(_INFLECTIONS_AFTER_VOWEL)
    return s + rng.choice(_INFLECTIONS_AFTER_CONSONANT)


# -- gazetteer ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Synthetic:
    ids: list[str]
    types: list[str]
    names: list[list[str]]  # per entity: canonical Bengali form, then aliases

    @property
    def alias_count(self) -> int:
        return sum(len(n) for n in self.names)


def make_gazetteer(size: int, parts: Parts, rng: random.Random) -> Synthetic:
    ids: list[str] = []
    types: list[str] = []
    names: list[list[str]] = []
    seen: set[str] = set()
    total = 0
    while total < size:
        r = rng.random()
        if r < 0.7:
            etype = "person"
            words = [rng.choice(parts.given) for _ in range(rng.choice((1, 1, 2)))]
            words.append(rng.choice(parts.family))
        elif r < 0.9:
            etype = "place"
            if rng.random() < 0.6:
                words = [rng.choice(parts.place) + rng.choice(_TOPONYM_SUFFIXES)]
            else:
                words = [rng.choice(parts.place), rng.choice(parts.place)]
        else:
            etype = "org"
            words = [rng.choice(parts.place), rng.choice(parts.org_head)]
        canon = " ".join(words)
        if canon in seen:
            continue
        seen.add(canon)
        forms = [canon]
        for _ in range(min(rng.choice((0, 0, 1, 1, 2)), size - total - 1)):
            if etype == "person" and len(words) == 3 and rng.random() < 0.3:
                alias = f"{words[0]} {words[2]}"
            else:
                alias = alternate(canon, rng)
            if alias not in seen:
                seen.add(alias)
                forms.append(alias)
        ids.append(f"e{len(ids)}")
        types.append(etype)
        names.append(forms)
        total += len(forms)
    return Synthetic(ids, types, names)


@dataclass(frozen=True, slots=True)
class BenchQuery:
    text: str
    kind: str  # exact | inflected | perturbed | non-name
    expected: str | None


def make_queries(g: Synthetic, parts: Parts, n: int, rng: random.Random) -> list[BenchQuery]:
    from bnentity.keys import variant_key

    owner_exact: dict[str, str] = {}
    for eid, forms in zip(g.ids, g.names, strict=True):
        for f in forms:
            owner_exact[f] = eid
    owner_vk: dict[str, set[str]] = {}

    def vk_owners(vk: str) -> set[str]:
        return owner_vk.get(vk, set())

    sample_idx = rng.sample(range(len(g.ids)), min(len(g.ids), n * 2))
    # Harness-side map of every alias's variant key (not timed, not counted as index memory)
    # to drop queries whose right answer is ambiguous by construction.
    for eid, forms in zip(g.ids, g.names, strict=True):
        for f in forms:
            owner_vk.setdefault(variant_key(f), set()).add(eid)
    out: list[BenchQuery] = []
    seen: set[str] = set()
    plan = ["exact"] * 25 + ["inflected"] * 20 + ["perturbed"] * 40 + ["non-name"] * 15
    it = iter(sample_idx)
    while len(out) < n:
        kind = plan[len(out) % len(plan)]
        if kind == "non-name":
            text = rng.choice(parts.common)
            if rng.random() < 0.3:
                text = f"{text} {rng.choice(parts.common)}"
            if text in owner_exact or vk_owners(variant_key(text)) or text in seen:
                continue
            seen.add(text)
            out.append(BenchQuery(text, kind, None))
            continue
        try:
            i = next(it)
        except StopIteration:
            it = iter(rng.sample(range(len(g.ids)), len(g.ids)))
            continue
        eid, forms = g.ids[i], g.names[i]
        alias = rng.choice(forms)
        if vk_owners(variant_key(alias)) - {eid}:
            continue  # another entity has the same spelling up to folding: ambiguous
        if kind == "exact":
            text = alias
        elif kind == "inflected":
            text = inflect(alias, rng)
        else:
            text = perturb(forms[0], rng, edit=rng.random() < 0.33)
            others = vk_owners(variant_key(text)) - {eid}
            if others or owner_exact.get(text, eid) != eid:
                continue
        if text in seen:
            continue
        seen.add(text)
        out.append(BenchQuery(text, kind, eid))
    rng.shuffle(out)
    return out


# -- one size, in a child process ------------------------------------------------------------

def _accuracy(results: Sequence[str | None], queries: Sequence[BenchQuery]) -> dict[str, Any]:
    by_kind: Counter[str] = Counter()
    right: Counter[str] = Counter()
    wrong_links = 0
    for got, q in zip(results, queries, strict=True):
        by_kind[q.kind] += 1
        if got == q.expected:
            right[q.kind] += 1
        elif got is not None:
            wrong_links += 1
    names = [q for q in queries if q.expected is not None]
    return {
        "all": sum(right.values()) / max(len(queries), 1),
        "names": sum(right[k] for k in by_kind if k != "non-name") / max(len(names), 1),
        "by_kind": {k: right[k] / v for k, v in sorted(by_kind.items())},
        "wrong_links": wrong_links / max(len(queries), 1),
        "n": len(queries),
    }


def run_size(size: int, n_queries: int, seed: int, trace: bool) -> dict[str, Any]:
    from rapidfuzz import fuzz, process

    from bnentity.gazetteer.model import Entity, Gazetteer
    from bnentity.matching.resolver import Resolver

    rng = random.Random(seed + size)
    t0 = time.perf_counter()
    parts = collect_parts()
    syn = make_gazetteer(size, parts, rng)
    queries = make_queries(syn, parts, n_queries, rng)
    # Every entity needs a Latin `name`; a real gazetteer's Latin names share words the way
    # its Bengali ones do, so the name is the romanized canonical form (an id such as
    # "e123456" would add a million unique junk words to the vocabulary).
    from bnentity.translit import romanize
    gaz = Gazetteer([Entity(id=eid, name=romanize(forms[0]) or eid, type=t, bn=forms[0],
                            aliases=tuple(forms[1:]))
                     for eid, t, forms in zip(syn.ids, syn.types, syn.names, strict=True)])
    prep_s = time.perf_counter() - t0

    resolver, m = measure(lambda: Resolver.from_gazetteer(gaz), trace=trace)
    warm = [inflect(rng.choice(syn.names[rng.randrange(len(syn.names))]), rng)
            for _ in range(20)]
    for w in warm:
        resolver.resolve(w)

    def bn_link(q: BenchQuery) -> str | None:
        r = resolver.resolve(q.text)
        return None if r is None else r.entity.id

    bn_results, bn_times = time_calls(bn_link, queries)

    aliases: list[str] = []
    owners: list[str] = []
    for eid, forms in zip(syn.ids, syn.names, strict=True):
        aliases.extend(forms)
        owners.extend([eid] * len(forms))
    n_brute = min(len(queries), BRUTE_MAX_SAMPLE,
                  max(BRUTE_MIN_SAMPLE, BRUTE_BUDGET // len(aliases)))
    brute_q = queries[:n_brute]

    def rf_link(q: BenchQuery) -> str | None:
        hit = process.extractOne(q.text, aliases, scorer=fuzz.WRatio, score_cutoff=70,
                                 processor=None)
        return None if hit is None else owners[hit[2]]

    rf_results, rf_times = time_calls(rf_link, brute_q)
    bn_stats = latency_stats(bn_times)
    rf_stats = latency_stats(rf_times)
    bn_on_sample = _accuracy(bn_results[:n_brute], brute_q)
    return {
        "aliases": len(aliases),
        "entities": len(syn.ids),
        "entity_types": dict(Counter(syn.types)),
        "queries": len(queries),
        "query_mix": dict(Counter(q.kind for q in queries)),
        "prepare_s": prep_s,
        "bnentity": {
            "build_s": m.seconds,
            "index_rss_mib": mib(m.rss_delta),
            "index_tracemalloc_retained_mib": mib(m.traced_retained),
            "index_tracemalloc_peak_mib": mib(m.traced_peak),
            "forms_indexed": len(resolver.index),
            **bn_stats,
            "accuracy": _accuracy(bn_results, queries),
            "accuracy_on_brute_sample": bn_on_sample,
        },
        "rapidfuzz": {
            "sampled": n_brute < len(queries),
            "sample_queries": n_brute,
            **rf_stats,
            "extrapolated_total_s": rf_stats["total_s"] / max(n_brute, 1) * len(queries),
            "accuracy": _accuracy(rf_results, brute_q),
        },
        "speedup_qps": bn_stats["qps"] / rf_stats["qps"] if rf_stats["qps"] else None,
    }


def _child(args: tuple[int, int, int, bool]) -> dict[str, Any]:
    return run_size(*args)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                    help="comma-separated alias counts (default 10000,100000,1000000)")
    ap.add_argument("--quick", action="store_true", help="10k aliases only (< 1 minute)")
    ap.add_argument("--queries", type=int, default=2000, help="queries per size (default 2000)")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--trace", action="store_true",
                    help="also measure the index with tracemalloc (slows the build 2-4x)")
    ap.add_argument("--output", type=Path, default=None,
                    help="default: benchmarks/results/resolver_speed.json "
                         "(resolver_speed_quick.json with --quick)")
    args = ap.parse_args(argv)
    sizes = [10_000] if args.quick else [int(s.replace("_", "")) for s in args.sizes.split(",")]
    if args.output is None:
        args.output = RESULTS_DIR / ("resolver_speed_quick.json" if args.quick
                                     else "resolver_speed.json")

    ctx = mp.get_context("spawn")
    results: dict[str, Any] = {}
    t_start = time.perf_counter()
    for size in sizes:
        with ctx.Pool(1) as pool:
            r = pool.apply(_child, ((size, args.queries, args.seed, args.trace),))
        results[str(size)] = r
        b, f = r["bnentity"], r["rapidfuzz"]
        print(f"{size:>9,} aliases: build {b['build_s']:.1f}s, index {b['index_rss_mib']:.0f} MiB"
              f" RSS; resolve {b['qps']:.0f} q/s (median {b['median_ms']:.3f} ms); brute "
              f"{f['qps']:.1f} q/s on {f['sample_queries']} queries; x{r['speedup_qps']:.0f}",
              flush=True)
    rows = []
    for key, r in results.items():
        b, f = r["bnentity"], r["rapidfuzz"]
        bs, fa = b["accuracy_on_brute_sample"], f["accuracy"]
        rows.append([f"{int(key):,}", f"{b['build_s']:.2f}", f"{b['index_rss_mib']:.0f}",
                     f"{b['qps']:.0f}", f"{b['median_ms']:.3f}", f"{b['p95_ms']:.3f}",
                     f"{f['qps']:.2f}{'*' if f['sampled'] else ''}", f"{f['median_ms']:.1f}",
                     f"{r['speedup_qps']:.0f}x", f"{b['accuracy']['all']:.3f}",
                     f"{bs['all']:.3f}", f"{fa['all']:.3f}",
                     f"{bs['by_kind'].get('perturbed', 0):.3f}",
                     f"{fa['by_kind'].get('perturbed', 0):.3f}",
                     f"{bs['wrong_links']:.3f}", f"{fa['wrong_links']:.3f}"])
    print()
    print(format_table(["aliases", "build s", "index MiB", "bn q/s", "bn med ms", "bn p95 ms",
                        "rf q/s", "rf med ms", "speed-up", "bn acc", "bn acc(s)", "rf acc(s)",
                        "bn pert(s)", "rf pert(s)", "bn wrong(s)", "rf wrong(s)"], rows))
    print("index MiB = RSS growth while building the resolver. * = brute force timed on a sample "
          "of the queries. (s) = on the brute-force sample, for both linkers; bn acc = bnentity "
          "on all queries. acc = right entity for names, no link for non-names; pert = perturbed "
          "spellings only; wrong = linked to a wrong entity (non-names included).")
    out = write_json(args.output, {
        "baseline": ("rapidfuzz.process.extractOne(q, aliases, scorer=fuzz.WRatio, "
                     "score_cutoff=70, processor=None)"),
        "memory": "index_rss_mib = RSS growth of a fresh process while building the resolver",
        "targets": {"speedup_at_100k": 50, "median_ms_at_1M": 1.0, "index_mib_at_1M": 400},
        "seed": args.seed, "queries_per_size": args.queries,
        "total_wall_s": time.perf_counter() - t_start,
        "sizes": results,
    })
    print(f"wrote {out} ({time.perf_counter() - t_start:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
