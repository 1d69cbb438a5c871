"""``bnentity review`` on the shared NER corpora: time, name-like span precision/recall, and a
50-cluster sample for judging (issue 7's bars).

Run from the repository root:

    python benchmarks/bench_review.py              # full run, writes benchmarks/results/
    python benchmarks/bench_review.py --jobs 1     # single process

Corpus: ../shared/data (override with BNENTITY_SHARED_DATA): banglakit main.jsonl (one JSON array
``[sentence, tags]`` per line; the sentence is read with the JSONL reader, which takes the first
string of an array) and rifat1493 train_data.txt + test_data.txt (token<TAB>tag lines, blank line
between sentences; read with the ``conll`` reader, which joins the tokens of a sentence with
spaces). 10,107 sentences in all; each sentence is one document.

Timing: the whole ``review`` (reading, resolver mention finding, name-like spans, clustering,
ranking, the queue JSON and the HTML page written to a temp folder), wall clock, on this
machine (2 cores). Bar: under 60 s.

Name-like spans are measured against the corpora's NER spans (PER/PERSON, ORG, LOC, GPE; DATE,
LAW and TIM are not names), per sentence, by *overlap*: a detected span is right if it overlaps
a gold span, a gold span is found if a detected span overlaps it (a name detected with a title
word or without its last word still tells the editor "this is a name"); exact-boundary figures
(after stripping a case ending) are reported too. Sentences are split into a dev and a held-out
half by a stable hash (``benchmarks._common.stable_split``): the cue lists and weights of
``bnentity.editors.namelike`` were checked on dev only; held-out is the honest figure.
Two views: *all* spans the detector proposes, and *unknown* spans (not overlapping a gazetteer
mention), which is what review queues.

The 50-cluster sample: the top 25 unknown-name clusters of the ranked queue (what an editor sees
first) plus 25 drawn at random (seed 7) from the rest, written to
benchmarks/results/review_sample.tsv with a ``real_name`` column judged by hand (see
JUDGEMENT_RULE). Results: benchmarks/results/review.json.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._common import (
    RESULTS_DIR,
    SHARED_DATA,
    read_tsv,
    stable_split,
    write_json,
)
from bnentity.inflection import stems
from bnentity.keys import normalized_key

#: Labels that are names; the others (DATE, LAW, TIM) are not.
NAME_LABELS = frozenset({"PER", "ORG", "LOC", "GPE"})
BANGLAKIT = SHARED_DATA / "banglakit-bengali-ner"
RIFAT = SHARED_DATA / "rifat1493-bengali-ner"
SAMPLE_TSV = RESULTS_DIR / "review_sample.tsv"
JUDGEMENT_RULE = (
    "real_name=yes if the cluster's top spelling (as shown, inflection stripped) is, in its "
    "context snippets, the name of a specific person, place, organisation or event (a proper "
    "noun, possibly with a title-less extra word); 'partial' if it is part of a name or a "
    "name glued to a common word; 'no' for common words, titles, verbs and adjectives "
    "(demonyms count as no)"
)


@dataclass(frozen=True, slots=True)
class Sentence:
    """One corpus sentence with its gold name spans (character offsets)."""

    doc_id: str
    text: str
    gold: tuple[tuple[int, int], ...]

    @property
    def split(self) -> str:
        return stable_split(self.text)


def _conll_sentences(path: Path) -> Iterator[list[tuple[str, str]]]:
    cur: list[tuple[str, str]] = []
    with open(path, encoding="utf-8-sig") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if cur:
                    yield cur
                    cur = []
                continue
            tok, _, tag = line.partition("\t")
            cur.append((tok, tag.strip()))
    if cur:
        yield cur


def load_sentences() -> list[Sentence]:
    """Every sentence of the two corpora with gold name spans, in corpus order."""
    out: list[Sentence] = []
    mentions: dict[int, list[str]] = {}
    for row in read_tsv(BANGLAKIT / "entity_mentions.tsv"):
        if row["label"][:3] in NAME_LABELS:
            mentions.setdefault(int(row["sentence_idx"]), []).append(row["mention"])
    with open(BANGLAKIT / "main.jsonl", encoding="utf-8") as f:
        for i, line in enumerate(f):
            text = json.loads(line)[0]
            gold: list[tuple[int, int]] = []
            pos = 0
            for m in mentions.get(i, []):
                at = text.find(m, pos)
                if at < 0:
                    at = text.find(m)
                if at >= 0:
                    gold.append((at, at + len(m)))
                    pos = at + len(m)
            out.append(Sentence(f"banglakit:{i}", text, tuple(gold)))
    for name in ("train_data.txt", "test_data.txt"):
        for k, toks in enumerate(_conll_sentences(RIFAT / name)):
            parts: list[str] = []
            gold = []
            pos = 0
            cur: list[int] | None = None
            for tok, tag in toks:
                start = pos
                parts.append(tok)
                pos += len(tok) + 1
                label = tag[2:5] if tag[:2] in ("B-", "I-") else ""
                if label in NAME_LABELS:
                    if tag.startswith("B-") or cur is None:
                        if cur is not None:
                            gold.append((cur[0], cur[1]))
                        cur = [start, start + len(tok)]
                    else:
                        cur[1] = start + len(tok)
                else:
                    if cur is not None:
                        gold.append((cur[0], cur[1]))
                    cur = None
            if cur is not None:
                gold.append((cur[0], cur[1]))
            out.append(Sentence(f"rifat:{name}:{k}", " ".join(parts), tuple(gold)))
    return out


# -- span precision / recall ------------------------------------------------------------------

def _overlaps(a: tuple[int, int], spans: Any) -> bool:
    return any(a[0] < e and a[1] > s for s, e in spans)


def span_metrics(sentences: list[Sentence], detected: dict[str, list[tuple[int, int]]],
                 mentions: dict[str, list[tuple[int, int]]]) -> dict[str, Any]:
    """Overlap and exact precision/recall of detected spans against the gold spans, for all
    spans and for the *unknown* ones (neither side overlapping a gazetteer mention)."""
    out: dict[str, Any] = {}
    for view in ("all", "unknown"):
        tp_p = n_p = tp_r = n_r = ex_p = ex_r = 0
        for s in sentences:
            ms = mentions[s.doc_id]
            det = detected[s.doc_id]
            gold = list(s.gold)
            if view == "unknown":
                det = [d for d in det if not _overlaps(d, ms)]
                gold = [g for g in gold if not _overlaps(g, ms)]
            n_p += len(det)
            n_r += len(gold)
            tp_p += sum(1 for d in det if _overlaps(d, gold))
            tp_r += sum(1 for g in gold if _overlaps(g, det))
            exact = {normalized_key(s.text[a:b]) for a, b in det}
            ex_p += sum(1 for a, b in det if any(_same_name(s.text[a:b], s.text[x:y])
                                                 for x, y in gold))
            ex_r += sum(1 for x, y in gold if normalized_key(s.text[x:y]) in exact
                        or any(_same_name(s.text[a:b], s.text[x:y]) for a, b in det))
        p = tp_p / n_p if n_p else 0.0
        r = tp_r / n_r if n_r else 0.0
        out[view] = {
            "detected": n_p, "gold": n_r,
            "precision_overlap": round(p, 3), "recall_overlap": round(r, 3),
            "f1_overlap": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "precision_exact": round(ex_p / n_p, 3) if n_p else 0.0,
            "recall_exact": round(ex_r / n_r, 3) if n_r else 0.0,
        }
    return out


def _same_name(a: str, b: str) -> bool:
    """Equal as names: same normalized words, the last word allowed to differ by a case
    ending (হাসিনার = হাসিনা)."""
    wa, wb = normalized_key(a).split(" "), normalized_key(b).split(" ")
    if wa == wb:
        return True
    if len(wa) != len(wb) or wa[:-1] != wb[:-1]:
        return False
    sa = {s.stem for s in stems(wa[-1])}
    return bool(sa & {s.stem for s in stems(wb[-1])})


def evidence_precision(sentences: list[Sentence], finder: Any,
                       mentions: dict[str, list[tuple[int, int]]]) -> dict[str, Any]:
    """Per evidence kind: precision of the spans it proposes alone / with others (dev)."""
    alone: dict[str, list[int]] = {}
    anyw: dict[str, list[int]] = {}
    for s in sentences:
        for sp in finder.find(s.text):
            if _overlaps((sp.start, sp.end), mentions[s.doc_id]):
                continue
            hit = int(_overlaps((sp.start, sp.end), s.gold))
            for ev in sp.evidence:
                anyw.setdefault(ev, [0, 0])
                anyw[ev][0] += hit
                anyw[ev][1] += 1
            if len(sp.evidence) == 1:
                alone.setdefault(sp.evidence[0], [0, 0])
                alone[sp.evidence[0]][0] += hit
                alone[sp.evidence[0]][1] += 1
    return {ev: {"alone_precision": round(alone.get(ev, [0, 0])[0] / max(1, alone.get(
        ev, [0, 1])[1]), 3), "alone_n": alone.get(ev, [0, 0])[1],
        "with_others_precision": round(v[0] / v[1], 3), "n": v[1]}
        for ev, v in sorted(anyw.items())}


# -- the 50-cluster sample ----------------------------------------------------------------------

SAMPLE_FIELDS = ("cluster_id", "rank", "how", "count", "spellings", "evidence", "confidence",
                 "nearest", "context", "real_name", "note")


def write_sample(items: list[dict[str, Any]], path: Path = SAMPLE_TSV) -> dict[str, Any]:
    """Top 25 + 25 random unknown clusters; keeps judgements already in ``path``."""
    old: dict[str, dict[str, str]] = {}
    if path.exists():
        with open(path, encoding="utf-8", newline="") as f:
            lines = [line for line in f if not line.startswith("#")]
        for row in csv.DictReader(lines, delimiter="\t"):
            old[row["cluster_id"]] = row
    unknown = [it for it in items if it["kind"] == "unknown"]
    top = unknown[:25]
    rest = unknown[25:]
    rnd = random.Random(7).sample(rest, min(25, len(rest)))
    rows = []
    for how, group in (("top", top), ("random", sorted(rnd, key=lambda it: it["rank"]))):
        for it in group:
            prev = old.get(it["id"], {})
            ctx = it["contexts"][0] if it["contexts"] else {"text": "", "start": 0, "end": 0}
            rows.append({
                "cluster_id": it["id"], "rank": it["rank"], "how": how, "count": it["count"],
                "spellings": " | ".join(s["spelling"] for s in it["spellings"][:5]),
                "evidence": ",".join(it["evidence"]), "confidence": it["confidence"],
                "nearest": (f"{it['nearest'][0]['id']}:{it['nearest'][0]['score']}"
                            if it["nearest"] else ""),
                "context": (ctx["text"][:ctx["start"]] + "[[" + ctx["text"][ctx["start"]:
                            ctx["end"]] + "]]" + ctx["text"][ctx["end"]:]).replace("\t", " "),
                "real_name": prev.get("real_name", ""), "note": prev.get("note", ""),
            })
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(f"# {JUDGEMENT_RULE}\n")
        w = csv.DictWriter(f, fieldnames=SAMPLE_FIELDS, delimiter="\t")
        w.writeheader()
        w.writerows(rows)
    judged = [r["real_name"] for r in rows if r["real_name"]]
    counts = {k: judged.count(k) for k in ("yes", "partial", "no")}
    share = counts["yes"] / len(judged) if judged else None
    return {"sample": len(rows), "judged": len(judged), **counts,
            "share_real_names": round(share, 3) if share is not None else None,
            "share_real_or_partial": (round((counts["yes"] + counts["partial"]) / len(judged), 3)
                                      if judged else None),
            "top25_share_real": _share([r for r in rows if r["how"] == "top"]),
            "random25_share_real": _share([r for r in rows if r["how"] == "random"]),
            "rule": JUDGEMENT_RULE}


def _share(rows: list[dict[str, Any]]) -> float | None:
    judged = [r for r in rows if r["real_name"]]
    return round(sum(r["real_name"] == "yes" for r in judged) / len(judged), 3) \
        if judged else None


# -- main ------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--jobs", type=int, default=1, help="review worker processes (default 1)")
    ap.add_argument("--evidence", action="store_true",
                    help="also print the per-evidence precision on dev")
    args = ap.parse_args(argv)
    if not (BANGLAKIT / "main.jsonl").exists():
        print(f"no corpus at {SHARED_DATA}; set BNENTITY_SHARED_DATA", file=sys.stderr)
        return 2

    import bnentity
    from bnentity.editors.namelike import NameLikeFinder
    from bnentity.editors.report_html import write_html
    from bnentity.editors.review import iter_documents, review

    # 1. The timed run: exactly what `bnentity review` does, from reading the files to
    #    writing the JSON and the HTML page.
    t0 = time.perf_counter()
    resolver = bnentity.load()
    docs = iter(list(iter_documents([BANGLAKIT / "main.jsonl"], fmt="jsonl"))
                + list(iter_documents([RIFAT / "train_data.txt", RIFAT / "test_data.txt"],
                                      fmt="conll")))
    queue = review(docs, resolver, jobs=args.jobs, gazetteer_paths=[bnentity.BUNDLED])
    with tempfile.TemporaryDirectory() as tmp:
        queue.write(Path(tmp) / "review.json")
        write_html(queue.to_dict(), Path(tmp) / "review.html")
        html_bytes = (Path(tmp) / "review.html").stat().st_size
    seconds = time.perf_counter() - t0
    print(f"review: {queue.stats['documents']} documents in {seconds:.1f} s "
          f"(bar: < 60 s); {queue.stats['unlisted_rows']} unlisted rows, "
          f"{queue.stats['unknown_rows']} unknown clusters; page {html_bytes / 1e6:.1f} MB")

    # 2. Name-like spans against the NER spans.
    sentences = load_sentences()
    finder = NameLikeFinder(resolver)
    detected: dict[str, list[tuple[int, int]]] = {}
    mentions: dict[str, list[tuple[int, int]]] = {}
    for s in sentences:
        detected[s.doc_id] = [(sp.start, sp.end) for sp in finder.find(s.text)]
        mentions[s.doc_id] = [(m.start, m.end) for m in resolver.find(s.text)]
    spans: dict[str, Any] = {}
    for split in ("dev", "heldout", "all"):
        part = [s for s in sentences if split == "all" or s.split == split]
        spans[split] = span_metrics(part, detected, mentions)
        a, u = spans[split]["all"], spans[split]["unknown"]
        print(f"name-like spans, {split:7}: P {a['precision_overlap']:.3f} "
              f"R {a['recall_overlap']:.3f} (overlap; exact P {a['precision_exact']:.3f} "
              f"R {a['recall_exact']:.3f}); unknown only: P {u['precision_overlap']:.3f} "
              f"R {u['recall_overlap']:.3f}")
    evidence = None
    if args.evidence:
        evidence = evidence_precision([s for s in sentences if s.split == "dev"],
                                      NameLikeFinder(resolver, min_confidence=0.0), mentions)
        for ev, v in evidence.items():
            print(f"  {ev:9} alone {v['alone_precision']:.3f} (n={v['alone_n']}), with others "
                  f"{v['with_others_precision']:.3f} (n={v['n']})")

    # 3. The 50-cluster sample.
    sample = write_sample(queue.items)
    print(f"sample: {SAMPLE_TSV} ({sample['judged']}/{sample['sample']} judged; share of "
          f"real names {sample['share_real_names']})")
    write_json(RESULTS_DIR / "review.json", {
        "bar_seconds": 60, "seconds": round(seconds, 2), "jobs": args.jobs,
        "stats": queue.stats, "html_bytes": html_bytes, "name_like_spans": spans,
        "evidence_precision_dev": evidence, "sample": sample,
        "top_rows": [{k: it[k] for k in ("rank", "kind", "spelling", "count", "priority")}
                     for it in queue.items[:20]],
    })
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
