"""How many NER spans of real Bengali news link, and how many of those links are right (issue 9).

Run from the repository root:

    python benchmarks/bench_link_shared.py              # counts + sample + results
    python benchmarks/bench_link_shared.py --sample 0   # counts only

Data: ``../shared/data/*/entity_mentions.tsv`` (override with ``BNENTITY_SHARED_DATA``):
banglakit (``sentence_idx, label, mention, sentence``; labels PERSON, ORG, GPE, DATE, LAW)
and rifat1493 (``split, sentence_idx, label, mention, sentence``; labels PER, LOC, ORG). The
spans carry no entity ids. Only person, place and organisation spans are linked (PERSON/PER,
GPE/LOC, ORG); DATE, LAW and rows without a label are counted as excluded.

Each mention is located in its sentence — rows of one sentence come in text order, so each is
searched after the previous one, as a whole-word match (its spaces may match any white space)
— and every located span of a sentence is passed to one ``Resolver.link(sentence, spans)``
call with its label, over the bundled gazetteers (``bnentity.load()``). Reported per corpus
and label: spans, located, linked (``link.match`` is not ``None``), and how (``via``).

Precision: a seeded sample of ``--sample`` (100) linked spans from both corpora (the first
by a seeded hash of each span's source line, so the sample is stable when links change) is
written to ``benchmarks/results/link_sample.tsv`` with the sentence, the label, the entity's id,
name and description, how it was linked (``via``; ``linked_text`` is what was resolved — for
``via=inner`` a name inside the span) and two judgement columns. Judgements are made by hand
and kept when the file is rewritten (rows are matched by ``source``, ``span`` and entity);
new rows say ``unjudged``. The rules (also in the JSON):

* ``judgement`` (the headline number) — does the recognizer's **span** denote that entity in
  that sentence? Judged from the sentence and the entity's name and description, with the
  seeds' conventions (``seeds/README.md``): a place named for its people, team or government
  (metonymy) is the place; a bare district name is the district when the gazetteer has no city
  of that name; titles and glued endings inside the span do not matter.
  **right** — it does. **wrong** — it denotes another entity: a namesake, or a different thing
  that merely contains the name (a hospital, college, company, road or constituency named
  after a district; Sydney for অস্ট্রেলিয়ার সিডনি). **unsure** — part of the entity (a party's
  local unit, an organ of an organisation), two entities joined by a hyphen (জামায়াত-শিবির),
  or the entity's description does not say enough to tell.
* ``text_judgement`` — does the **linked text** (``linked_text``; the same as the span unless
  ``via=inner``) name that entity there, as a mention in the seeds' sense (a place name inside
  a compound still names the place)?

precision = right / (right + wrong); ``precision_strict`` counts unsure as not right.
Results: ``benchmarks/results/link_shared.json``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import regex

from benchmarks._common import RESULTS_DIR, SHARED_DATA, format_table, read_tsv, write_json
from bnentity.matching.link import LABEL_TYPES

CORPORA = ("banglakit-bengali-ner", "rifat1493-bengali-ner")
#: Corpus labels → the label family reported (and passed to link as given).
FAMILY = {"PERSON": "PER", "PER": "PER", "GPE": "LOC", "LOC": "LOC", "ORG": "ORG"}
SAMPLE_TSV = RESULTS_DIR / "link_sample.tsv"
RESULT_JSON = RESULTS_DIR / "link_shared.json"
SAMPLE_COLUMNS = ("source", "span", "label", "entity_id", "entity_name", "description", "via",
                  "linked_text", "judgement", "text_judgement", "note", "sentence")
JUDGEMENTS = ("right", "wrong", "unsure")
RULE = {
    "judgement": "does the recognizer's span denote that entity in that sentence? Judged from "
                 "the sentence and the entity's name and description, with the seeds' "
                 "conventions (metonymy -> the place; a bare district name -> the district when "
                 "no city of that name exists). right = it does; wrong = it denotes another "
                 "entity (a namesake, or a thing named after the entity: a hospital, college, "
                 "company, road or constituency named after a district); unsure = part of the "
                 "entity (a local unit, an organ), two entities joined by a hyphen, or the "
                 "description does not say enough.",
    "text_judgement": "does the linked text (the span, or for via=inner the name inside it "
                      "that was resolved) name that entity there, as a mention in the seeds' "
                      "sense (a place name inside a compound still names the place)?",
    "precision": "right / (right + wrong); precision_strict = right / judged",
}
_WORD = r"[\p{L}\p{M}\p{N}\u200c\u200d]"


@dataclass(slots=True)
class Row:
    corpus: str
    line: int
    label: str
    mention: str
    sentence: str
    start: int = -1
    end: int = -1

    @property
    def source(self) -> str:
        return f"{self.corpus}/entity_mentions.tsv:{self.line}"


def load_rows() -> dict[tuple[str, str], list[Row]]:
    """Rows grouped by sentence (corpus + split + sentence_idx), in file order."""
    groups: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for corpus in CORPORA:
        path = SHARED_DATA / corpus / "entity_mentions.tsv"
        if not path.exists():
            continue
        for i, r in enumerate(read_tsv(path), start=2):
            key = (corpus, f"{r.get('split', '')}:{r['sentence_idx']}")
            groups[key].append(Row(corpus, i, r.get("label") or "", r.get("mention") or "",
                                   r.get("sentence") or ""))
    return groups


def _pattern(mention: str) -> Any:
    words = [regex.escape(w) for w in mention.split()]
    return regex.compile(rf"(?<!{_WORD})" + r"\s*".join(words) + rf"(?!{_WORD})")


def locate(rows: list[Row]) -> None:
    """Set each row's start/end: a whole-word match after the previous row's, else anywhere."""
    cursor = 0
    for row in rows:
        if not row.mention.strip():
            continue
        pat = _pattern(row.mention)
        m = pat.search(row.sentence, cursor) or pat.search(row.sentence)
        if m:
            row.start, row.end = m.span()
            cursor = m.end()


def run(sample_size: int, seed: int) -> dict[str, Any]:
    import bnentity

    resolver = bnentity.load()
    groups = load_rows()
    if not groups:
        raise SystemExit(f"no data under {SHARED_DATA}")
    counts: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    excluded: Counter[str] = Counter()
    linked: list[tuple[Row, Any]] = []
    entities: Counter[str] = Counter()
    t0 = time.perf_counter()
    for (corpus, _), rows in groups.items():
        keep = [r for r in rows if r.label in FAMILY]
        for r in rows:
            if r.label not in FAMILY:
                excluded[f"{corpus}:{r.label or '(none)'}"] += 1
        locate(keep)
        for r in keep:
            c = counts[corpus][FAMILY[r.label]]
            c["spans"] += 1
            c["located"] += r.start >= 0
        located = [r for r in keep if r.start >= 0]
        if not located:
            continue
        links = resolver.link(located[0].sentence, [(r.start, r.end, r.label) for r in located])
        for r, lk in zip(located, links, strict=True):
            if lk.match is not None:
                c = counts[corpus][FAMILY[r.label]]
                c["linked"] += 1
                c[f"via_{lk.via}"] += 1
                linked.append((r, lk))
                entities[lk.entity_id] += 1
    seconds = time.perf_counter() - t0

    table: dict[str, dict[str, dict[str, int]]] = {}
    for corpus, by_label in counts.items():
        table[corpus] = {lb: dict(sorted(c.items())) for lb, c in sorted(by_label.items())}
        total: Counter[str] = Counter()
        for c in by_label.values():
            total.update(c)
        table[corpus]["all"] = dict(sorted(total.items()))
    for corpus_counts in table.values():
        for c in corpus_counts.values():
            c_spans = c.get("spans", 0)
            c["linked_share_permille"] = round(1000 * c.get("linked", 0) / c_spans) if c_spans \
                else 0

    sample_result = write_sample(linked, sample_size, seed, resolver) if sample_size else {}
    return {
        "data": str(SHARED_DATA), "gazetteer": repr(resolver), "seconds": round(seconds, 2),
        "counts": table, "excluded_labels": dict(sorted(excluded.items())),
        "distinct_entities_linked": len(entities),
        "top_entities": entities.most_common(25),
        "sample": sample_result,
    }


def write_sample(linked: list[tuple[Row, Any]], size: int, seed: int,
                 resolver: Any) -> dict[str, Any]:
    old: dict[tuple[str, str], dict[str, str]] = {}
    if SAMPLE_TSV.exists():
        for r in read_tsv(SAMPLE_TSV):
            old[(r["source"], r["span"])] = r
    # Rank by a seeded hash of each span's source line rather than random.sample: when the
    # gazetteer or the resolver changes, spans that still link keep their place, so the
    # hand-made judgements of the sample survive.
    def rank(p: tuple[Row, Any]) -> bytes:
        return hashlib.sha256(f"{seed}:{p[0].source}".encode()).digest()

    picked = sorted(linked, key=rank)[:size]
    picked.sort(key=lambda p: (p[0].corpus, p[0].line))
    rows: list[dict[str, str]] = []
    for r, lk in picked:
        e = lk.match.entity
        span = r.sentence[r.start:r.end]
        prev = old.get((r.source, span), {})
        if prev.get("entity_id") != e.id:
            prev = {}
        rows.append({
            "source": r.source, "span": span, "label": r.label, "entity_id": e.id,
            "entity_name": e.name, "description": " ".join((e.description or "").split()),
            "via": lk.via, "linked_text": lk.text,
            "judgement": prev.get("judgement", "unjudged"),
            "text_judgement": prev.get("text_judgement", "unjudged"),
            "note": prev.get("note", ""),
            "sentence": r.sentence,
            "_type_agrees": str(e.type == LABEL_TYPES.get(r.label)),
        })
    SAMPLE_TSV.parent.mkdir(parents=True, exist_ok=True)
    with open(SAMPLE_TSV, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=SAMPLE_COLUMNS, delimiter="\t", lineterminator="\n")
        w.writeheader()
        w.writerows({k: v for k, v in r.items() if not k.startswith("_")} for r in rows)
    by_via = {via: precision([r for r in rows if r["via"] == via])
              for via in sorted({r["via"] for r in rows})}
    inner_mismatch = [r for r in rows if r["via"] == "inner" and r["_type_agrees"] == "False"]
    return {
        "file": str(SAMPLE_TSV.relative_to(SAMPLE_TSV.parent.parent.parent)),
        "size": len(rows), "seed": seed, "rule": RULE,
        "span_level": precision(rows),
        "span_level_by_via": by_via,
        "inner_links_whose_type_differs_from_the_label": precision(inner_mismatch),
        "span_level_if_those_were_not_linked": precision(
            [r for r in rows if r not in inner_mismatch]),
        "text_level": precision(rows, "text_judgement"),
        "wrong": [{"span": r["span"], "label": r["label"], "entity_id": r["entity_id"],
                   "via": r["via"], "note": r["note"]}
                  for r in rows if r["judgement"] == "wrong"],
    }


def precision(rows: list[dict[str, str]], column: str = "judgement") -> dict[str, Any]:
    """Judgement counts and precision of some sample rows."""
    verdicts = Counter(r[column] for r in rows)
    right, wrong = verdicts["right"], verdicts["wrong"]
    judged = right + wrong + verdicts["unsure"]
    return {"n": len(rows), "judgements": dict(sorted(verdicts.items())),
            "precision": round(right / (right + wrong), 4) if right + wrong else None,
            "precision_strict": round(right / judged, 4) if judged else None}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sample", type=int, default=100, help="linked spans to sample (0: none)")
    ap.add_argument("--seed", type=int, default=9)
    args = ap.parse_args(argv)
    result = run(args.sample, args.seed)
    rows = [(corpus, lb, c.get("spans", 0), c.get("located", 0), c.get("linked", 0),
             c.get("linked", 0) / c["spans"] if c.get("spans") else 0.0)
            for corpus, by_label in result["counts"].items() for lb, c in by_label.items()]
    print(format_table(("corpus", "label", "spans", "located", "linked", "share"), rows))
    s = result["sample"]
    if s:
        for name in ("span_level", "text_level"):
            p = s[name]
            print(f"{name}: {p['judgements']}; precision {p['precision']} "
                  f"(strict {p['precision_strict']})")
        for via, p in s["span_level_by_via"].items():
            print(f"  span level, via={via}: {p['judgements']}; precision {p['precision']}")
    if s:
        print(f"sample: {s['file']}")
    write_json(RESULT_JSON, {"benchmark": "link_shared", **result})
    print(f"\nwrote {RESULT_JSON}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
