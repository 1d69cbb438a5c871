"""Precision and recall of find() on real news text with unseen variants (issue 5's bars).

Run from the repository root:

    python benchmarks/bench_find_accuracy.py                 # dev + held-out, 1200 sentences each
    python benchmarks/bench_find_accuracy.py --sentences 3000 --errors 60
    python benchmarks/bench_find_accuracy.py --split dev      # one split

Errors (false positives and misses of bnentity) are printed and saved for the dev split only.

**Gazetteer.** Per split, from benchmarks/data/resolver_variants.tsv (see
benchmarks/data/README.md): one entity per group with ONE Bengali form, the group's canonical
form (its first ``variant`` row) as ``bn``; ``type`` from the file, so person groups also get
the automatic surname short form. Nothing else.

**Sentences.** Real news sentences of ../shared/data (banglakit ``main.jsonl``, as written;
rifat1493 ``train_data.txt``/``test_data.txt``, tokens joined by spaces), with their NER
spans. A *host* is one span of a compatible label — PERSON/PER for person groups, GPE/LOC for
places, ORG for organisations — whose neighbouring tokens are tagged ``O`` (so the inserted
name does not run into another name's words), in a sentence that names no group by any of its
attested spellings (with case endings) outside that span: such a sentence would contain a real,
ungolded mention of a gazetteer entity. (Look-alikes and every other word may stay: they are
the false-positive test.) Every other form of the split's groups — spelling variants and
inflected forms, as attested — and every look-alike is inserted in place of a host span,
one insertion per sentence, each host sentence used at most once per split, items cycled in a
seeded random order (``--seed``) until ``--sentences`` sentences exist (≥ 1000 per split).

**Gold and scores.** The inserted span of a variant or inflected form is a gold mention of its
group. An inserted look-alike is a gold *non*-mention: a link of it to the group it resembles
is a false positive (``lookalike→target``), and so is any other link of it (``lookalike→
other``). The rest of the sentence is real text whose entities are not in the gazetteer: every
link there is a false positive (``host text``), and so is a link on a gold span to the wrong
entity or a second link on the same gold span.

* precision = correct links / all links in the generated sentences
* recall    = gold spans linked (overlapping span, right entity) / gold spans
* exact-boundary recall = gold spans linked with exactly the inserted span

Systems, in the same run: bnentity ``Resolver.find`` and the baseline *exact-form regex with a
suffix list*: an alternation of the canonical forms (escaped, longest first), then an optional
suffix — a case ending of ``bnentity.inflection.CASE_SUFFIXES`` optionally followed by an
emphatic particle of ``EMPHATIC_SUFFIXES``, an emphatic particle alone, or a clitic
``’র | 'র | -এর | -র | -কে`` — with Bengali-aware word boundaries (not preceded or followed by a
letter, a mark, ZWJ or ZWNJ), run on the NFC text.

Bars (issue 5): precision ≥ 0.97 and recall ≥ 0.95. Tune on ``dev`` only; ``heldout`` is for
reporting. Results: benchmarks/results/find_accuracy.json.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._common import (
    LABEL_FAMILY,
    RESULTS_DIR,
    SPLITS,
    VariantGroup,
    format_table,
    gazetteer_from_groups,
    git_state,
    iter_tagged_sentences,
    load_variants,
    write_json,
)

#: Issue 5's bars.
BARS = {"precision": 0.97, "recall": 0.95}
SEED = 20240705
DEFAULT_SENTENCES = 1200
#: Group type → the NER label family of the spans it may replace.
TYPE_FAMILY = {"person": "PER", "place": "LOC", "org": "ORG"}
#: Clitics the baseline accepts after a hyphen or an apostrophe.
BASELINE_CLITICS = ("’র", "'র", "-এর", "-র", "-কে")
_BOUND = r"[\p{L}\p{M}\u200c\u200d]"


# -- data ------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Item:
    """A form to insert: a variant/inflected form of ``group``, or a look-alike of it."""

    form: str
    group: str
    kind: str  # variant | inflected | lookalike
    family: str  # PER | LOC | ORG
    source: str


@dataclass(frozen=True, slots=True)
class Host:
    """A replaceable NER span of a real sentence."""

    key: str  # corpus:index
    text: str
    start: int
    end: int
    family: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """A generated sentence: a real sentence with one NER span replaced by ``item.form``."""

    text: str
    start: int
    end: int
    item: Item
    host: str
    replaced: str


#: A link found in a sentence: (start, end, entity id, how).
Link = tuple[int, int, str, str]
Linker = Callable[[str], list[Link]]


def items_of(groups: dict[str, VariantGroup]) -> list[Item]:
    """Every non-canonical form of every group, then every look-alike, in file order."""
    out: list[Item] = []
    for g in groups.values():
        fam = TYPE_FAMILY.get(g.type)
        if fam is None:
            continue
        out += [Item(f.text, g.id, f.kind, fam, f.source) for f in g.queries]
        out += [Item(f.text, g.id, "lookalike", fam, f.source) for f in g.lookalikes]
    return out


def nfc_with_offsets(text: str) -> tuple[str, list[int], list[int]]:
    """NFC of ``text`` and, per output character, the original span it came from.

    NFC works within a starter and its following marks, so each such cluster is normalized
    alone (for Bengali this is exact: য় and ো/ৌ compose or decompose inside the cluster).
    """
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    n = len(text)
    i = 0
    while i < n:
        j = i + 1
        while j < n and unicodedata.category(text[j])[0] == "M":
            j += 1
        cluster = text[i:j]
        nfc = unicodedata.normalize("NFC", cluster)
        if nfc == cluster:
            out.append(cluster)
            starts.extend(range(i, j))
            ends.extend(range(i + 1, j + 1))
        else:
            out.append(nfc)
            starts.extend([i] * len(nfc))
            ends.extend([j] * len(nfc))
        i = j
    return "".join(out), starts, ends


def suffix_alternation() -> str:
    """The baseline's optional suffix group (without the ``?``)."""
    import regex

    from bnentity.inflection import CASE_SUFFIXES, EMPHATIC_SUFFIXES

    def alt(xs: Iterable[str]) -> str:
        return "|".join(regex.escape(x) for x in sorted(set(xs), key=lambda s: (-len(s), s)))

    emph = alt(EMPHATIC_SUFFIXES)
    return (f"(?:(?:{alt(CASE_SUFFIXES)})(?:{emph})?|(?:{emph})|"
            f"(?:{alt(unicodedata.normalize('NFC', c) for c in BASELINE_CLITICS)}))")


def forms_regex(forms: Iterable[str]) -> Any:
    """Bengali-aware whole-word regex of ``forms`` (NFC) with the optional suffix group; the
    bare form is captured as group ``name``."""
    import regex

    alts = sorted({unicodedata.normalize("NFC", f) for f in forms}, key=lambda s: (-len(s), s))
    body = "|".join(regex.escape(f) for f in alts)
    return regex.compile(rf"(?<!{_BOUND})(?P<name>{body}){suffix_alternation()}?(?!{_BOUND})")


def load_hosts(exclude_forms: Iterable[str]) -> dict[str, list[Host]]:
    """Replaceable spans of the shared NER sentences, by label family (PER, LOC, ORG).

    A span qualifies when its neighbouring tokens are tagged ``O``, it holds a Bengali letter
    and at least two characters, and the rest of its sentence names none of
    ``exclude_forms`` (whole words, case endings allowed).
    """
    import regex

    bengali = regex.compile(r"\p{Bengali}")
    exclude = forms_regex(exclude_forms)
    out: dict[str, list[Host]] = {"PER": [], "LOC": [], "ORG": []}
    for s in iter_tagged_sentences():
        if not s.aligned:
            continue
        candidates = []
        for start, end, label, k0, k1 in s.spans():
            fam = LABEL_FAMILY.get(label)
            if fam is None or fam not in out:
                continue
            if k0 > 0 and s.tokens[k0 - 1][2] != "O":
                continue
            if k1 < len(s.tokens) and s.tokens[k1][2] != "O":
                continue
            mention = s.text[start:end]
            if len(mention) < 2 or not bengali.search(mention):
                continue
            candidates.append((start, end, fam))
        if not candidates:
            continue
        nfc_text = unicodedata.normalize("NFC", s.text)
        if not exclude.search(nfc_text):
            for start, end, fam in candidates:
                out[fam].append(Host(f"{s.corpus}:{s.index}", s.text, start, end, fam))
            continue
        for start, end, fam in candidates:
            before = unicodedata.normalize("NFC", s.text[:start])
            after = unicodedata.normalize("NFC", s.text[end:])
            if exclude.search(before) or exclude.search(after):
                continue
            out[fam].append(Host(f"{s.corpus}:{s.index}", s.text, start, end, fam))
    return out


def all_group_forms() -> list[str]:
    """Every variant and inflected form of every group of both splits."""
    return [f.text for g in load_variants("all").values() for f in g.forms]


def make_sentences(items: Sequence[Item], hosts: dict[str, list[Host]], n: int,
                   rng: random.Random) -> list[Sentence]:
    """``n`` sentences: items cycled in shuffled rounds, each into an unused host sentence."""
    if not items:
        return []
    rounds = math.ceil(n / len(items))
    order: list[Item] = []
    for _ in range(rounds):
        batch = list(items)
        rng.shuffle(batch)
        order += batch
    pools = {fam: rng.sample(hs, len(hs)) for fam, hs in hosts.items()}
    cursor = dict.fromkeys(pools, 0)
    used: set[str] = set()
    out: list[Sentence] = []
    for it in order[:n]:
        pool = pools[it.family]
        host = None
        while cursor[it.family] < len(pool):
            h = pool[cursor[it.family]]
            cursor[it.family] += 1
            if h.key not in used:
                host = h
                break
        if host is None:  # pool exhausted: reuse sentences, never within one round
            used_now = {s.host for s in out[-len(items):]}
            choices = [h for h in pool if h.key not in used_now] or pool
            host = rng.choice(choices)
        used.add(host.key)
        text = host.text[:host.start] + it.form + host.text[host.end:]
        out.append(Sentence(text, host.start, host.start + len(it.form), it, host.key,
                            host.text[host.start:host.end]))
    return out


# -- systems ------------------------------------------------------------------------------------

def bnentity_linker(resolver: Any) -> Linker:
    def find(text: str) -> list[Link]:
        return [(m.start, m.end, m.entity.id,
                 f"{m.method} via {m.alias!r} ({m.form}, {m.support}, {m.score:.0f})")
                for m in resolver.find(text)]
    return find


def regex_linker(groups: dict[str, VariantGroup]) -> Linker:
    """The baseline: exact canonical forms + optional suffix, whole words, on NFC text."""
    owner = {unicodedata.normalize("NFC", g.canonical): g.id for g in groups.values()}
    pat = forms_regex(owner)

    def find(text: str) -> list[Link]:
        nfc, starts, ends = nfc_with_offsets(text)
        out: list[Link] = []
        for m in pat.finditer(nfc):
            s, e = m.span()
            out.append((starts[s], ends[e - 1], owner[m.group("name")],
                        f"regex {m.group('name')!r}"))
        return out
    return find


# -- scoring ------------------------------------------------------------------------------------

@dataclass(slots=True)
class Score:
    """Counts and errors of one system on one sentence set."""

    sentences: int = 0
    gold: int = 0
    lookalikes: int = 0
    links: int = 0
    correct: int = 0
    exact: int = 0
    lookalike_hits: int = 0
    gold_by_kind: Counter[str] = field(default_factory=Counter)
    found_by_kind: Counter[str] = field(default_factory=Counter)
    fp_kinds: Counter[str] = field(default_factory=Counter)
    false_positives: list[dict[str, Any]] = field(default_factory=list)
    misses: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> dict[str, Any]:
        p = self.correct / self.links if self.links else 1.0
        r = self.correct / self.gold if self.gold else 0.0
        return {
            "sentences": self.sentences, "gold_spans": self.gold,
            "lookalike_spans": self.lookalikes, "links": self.links, "correct": self.correct,
            "precision": p, "recall": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "exact_boundary_recall": self.exact / self.gold if self.gold else 0.0,
            "recall_by_kind": {k: self.found_by_kind[k] / v
                               for k, v in sorted(self.gold_by_kind.items())},
            "lookalike_hit_rate": self.lookalike_hits / self.lookalikes if self.lookalikes
            else 0.0,
            "false_positives_by_kind": dict(self.fp_kinds.most_common()),
            "precision_if_full_names_inside_lookalikes_were_right": (
                (self.correct + self.fp_kinds["lookalike→target, full name inside"])
                / self.links if self.links else 1.0),
            "seconds": self.seconds,
            "meets_bars": p >= BARS["precision"] and r >= BARS["recall"],
        }


def _context(text: str, start: int, end: int, width: int = 30) -> str:
    lo, hi = max(0, start - width), min(len(text), end + width)
    return f"{text[lo:start]}[[{text[start:end]}]]{text[end:hi]}".replace("\n", " ")


def _contains_canonical(linked: str, canonical: str | None) -> bool:
    """The link is the group's canonical full name (perhaps inflected) — found inside a longer
    look-alike name (বেইজিং in বেইজিং অলিম্পিক, কুমিল্লা in কুমিল্লা-৬)."""
    from bnentity.keys import normalized_key

    return canonical is not None and normalized_key(linked).startswith(normalized_key(canonical))


def score(linker: Linker, sentences: Sequence[Sentence],
          canonical: dict[str, str] | None = None) -> Score:
    """Run one system over the sentences and count (see the module docstring).

    ``canonical`` (group id → canonical form) lets look-alike hits that are the group's own
    full name inside a longer name be counted apart (they are false positives all the same).
    """
    canonical = canonical or {}
    sc = Score()
    t0 = time.perf_counter()
    found = [linker(s.text) for s in sentences]
    sc.seconds = time.perf_counter() - t0
    for s, links in zip(sentences, found, strict=True):
        it = s.item
        sc.sentences += 1
        is_gold = it.kind != "lookalike"
        if is_gold:
            sc.gold += 1
            sc.gold_by_kind[it.kind] += 1
        else:
            sc.lookalikes += 1
        claimed = False
        hit_target = False
        for start, end, eid, how in links:
            sc.links += 1
            overlaps = start < s.end and s.start < end
            if overlaps and is_gold and eid == it.group and not claimed:
                claimed = True
                sc.correct += 1
                sc.found_by_kind[it.kind] += 1
                sc.exact += (start, end) == (s.start, s.end)
                continue
            if not overlaps:
                why = "host text"
            elif not is_gold:
                why = "lookalike→other"
                if eid == it.group:
                    hit_target = True
                    why = ("lookalike→target, full name inside"
                           if _contains_canonical(s.text[start:end], canonical.get(eid))
                           else "lookalike→target")
            else:
                why = "gold span, second link" if eid == it.group else "gold span, wrong entity"
            sc.fp_kinds[why] += 1
            sc.false_positives.append({
                "why": why, "linked": s.text[start:end], "entity": eid, "how": how,
                "inserted": it.form, "inserted_kind": it.kind, "group": it.group,
                "context": _context(s.text, start, end), "host": s.host})
        sc.lookalike_hits += hit_target
        if is_gold and not claimed:
            got = [f"{s.text[a:b]}→{eid}" for a, b, eid, _ in links
                   if a < s.end and s.start < b]
            sc.misses.append({
                "inserted": it.form, "kind": it.kind, "group": it.group,
                "got": "; ".join(got) or None, "context": _context(s.text, s.start, s.end),
                "host": s.host, "source": it.source})
    return sc


def aggregate(errors: Sequence[dict[str, Any]], keys: Sequence[str]) -> list[dict[str, Any]]:
    """Identical errors (same values of ``keys``) merged, with a count and the first example;
    most frequent first (each form is inserted into several sentences)."""
    merged: dict[tuple[Any, ...], dict[str, Any]] = {}
    for e in errors:
        k = tuple(e[key] for key in keys)
        if k in merged:
            merged[k]["count"] += 1
        else:
            merged[k] = {"count": 1, **e}
    return sorted(merged.values(), key=lambda e: -e["count"])


FP_KEYS = ("why", "linked", "entity", "inserted")
MISS_KEYS = ("inserted", "group", "got")


# -- the benchmark ------------------------------------------------------------------------------

def build_split(split: str, n: int, seed: int,
                hosts: dict[str, list[Host]] | None = None,
                ) -> tuple[dict[str, VariantGroup], list[Sentence]]:
    """The groups of a split and its generated sentences (deterministic for a seed)."""
    groups = load_variants(split)
    if hosts is None:
        hosts = load_hosts(all_group_forms())
    rng = random.Random(f"{seed}:{split}")
    return groups, make_sentences(items_of(groups), hosts, n, rng)


def evaluate_split(split: str, n: int = DEFAULT_SENTENCES, seed: int = SEED,
                   hosts: dict[str, list[Host]] | None = None) -> dict[str, Any]:
    """Both systems on one split; the raw :class:`Score` objects under ``_scores``."""
    from bnentity.matching.resolver import Resolver

    groups, sentences = build_split(split, n, seed, hosts)
    resolver = Resolver.from_gazetteer(gazetteer_from_groups(groups))
    canonical = {g.id: g.canonical for g in groups.values()}
    bn = score(bnentity_linker(resolver), sentences, canonical)
    rx = score(regex_linker(groups), sentences, canonical)
    return {
        "split": split, "entities": len(groups), "sentences": len(sentences),
        "inserted_by_kind": dict(Counter(s.item.kind for s in sentences)),
        "host_corpora": dict(Counter(s.host.split(":")[0] for s in sentences)),
        "distinct_host_sentences": len({s.host for s in sentences}),
        "bnentity": bn.summary(), "regex": rx.summary(), "_scores": (bn, rx),
    }


HEADERS = ["system", "links", "correct", "precision", "recall", "exact-bnd R", "variant R",
           "inflected R", "look-alike hits", "bars"]


def _row(label: str, s: dict[str, Any]) -> list[Any]:
    rk = s["recall_by_kind"]
    return [label, s["links"], s["correct"], s["precision"], s["recall"],
            s["exact_boundary_recall"], rk.get("variant", 0.0), rk.get("inflected", 0.0),
            s["lookalike_hit_rate"], "yes" if s["meets_bars"] else "no"]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=SPLITS, action="append",
                    help="split(s) to evaluate (repeatable); default: dev and heldout")
    ap.add_argument("--sentences", type=int, default=DEFAULT_SENTENCES,
                    help=f"generated sentences per split (default {DEFAULT_SENTENCES})")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--errors", type=int, default=40,
                    help="false positives and misses of bnentity to print and save, each "
                         "(dev split only; default 40)")
    ap.add_argument("--output", type=Path, default=RESULTS_DIR / "find_accuracy.json")
    args = ap.parse_args(argv)
    splits = args.split or list(SPLITS)
    t_start = time.perf_counter()
    hosts = load_hosts(all_group_forms())
    if not any(hosts.values()):
        raise SystemExit("no host sentences: ../shared/data is missing "
                         "(set BNENTITY_SHARED_DATA)")
    print("host spans by label family:", {k: len(v) for k, v in hosts.items()})
    results: dict[str, Any] = {
        "code": git_state("bnentity"),
        "bars": BARS, "seed": args.seed, "sentences_per_split": args.sentences,
        "baseline": ("exact-form regex: canonical forms (escaped, longest first) + optional "
                     "suffix (CASE_SUFFIXES [+ EMPHATIC] | EMPHATIC | ’র 'র -এর -র -কে), "
                     "Bengali-aware word boundaries, on NFC text"),
        "host_spans": {k: len(v) for k, v in hosts.items()},
        "splits": {},
    }
    for split in splits:
        r = evaluate_split(split, args.sentences, args.seed, hosts)
        bn, _rx = r.pop("_scores")
        print(f"\n== split {split}: {r['entities']} entities (one canonical form each), "
              f"{r['sentences']} sentences {r['inserted_by_kind']}")
        print(format_table(HEADERS, [_row("bnentity find", r["bnentity"]),
                                     _row("regex + suffixes", r["regex"])]))
        print("   false positives by kind: bnentity",
              r["bnentity"]["false_positives_by_kind"], "| regex",
              r["regex"]["false_positives_by_kind"])
        if split == "dev":
            fps = aggregate(bn.false_positives, FP_KEYS)
            misses = aggregate(bn.misses, MISS_KEYS)
            r["bnentity_false_positives"] = fps[: args.errors]
            r["bnentity_misses"] = misses[: args.errors]
            if args.errors:
                print(f"   bnentity false positives: {len(bn.false_positives)} links, "
                      f"{len(fps)} distinct (count × what):")
                for e in fps[: args.errors]:
                    print(f"     {e['count']}× {e['why']:<24} {e['linked']!s:22} → "
                          f"{e['entity']:<22} {e['how']} | inserted {e['inserted']!r} "
                          f"({e['inserted_kind']} of {e['group']}) | {e['context']}")
                print(f"   bnentity misses: {len(bn.misses)} spans, {len(misses)} distinct:")
                for e in misses[: args.errors]:
                    print(f"     {e['count']}× {e['inserted']!s:26} {e['kind']:<9} want "
                          f"{e['group']:<24} got {e['got']} | {e['context']}")
        else:
            r["bnentity_errors"] = (f"{len(bn.false_positives)} false positives, "
                                    f"{len(bn.misses)} misses (hidden: held-out split)")
        results["splits"][split] = r
    results["total_wall_s"] = time.perf_counter() - t_start
    path = write_json(args.output, results)
    print(f"\nwrote {path} ({results['total_wall_s']:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
