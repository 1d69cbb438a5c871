"""False alarms of find() on real news the gazetteer does not cover (issue 5).

Run from the repository root:

    python benchmarks/bench_find_shared.py            # needs ../shared/data beside the repo

Every sentence of the banglakit and rifat1493 NER corpora (10,106 Bangladeshi news sentences)
goes through ``bnentity.find`` with the bundled gazetteers. Each linked mention is either a true
mention of a bundled entity or a false alarm. To judge them:

1. a mention that overlaps an NER span of a compatible label (PERSON/PER → person, GPE/LOC →
   place, ORG → org) is counted true — the annotators saw a name of that kind there;
2. every other mention is grouped by (surface, entity) and judged by hand in
   ``benchmarks/data/find_shared_judgements.tsv`` (columns: surface, entity, verdict
   ``true``/``false``, reason). The NER annotation is incomplete (many country and district
   names are untagged), which is why step 2 exists. A group not yet judged is reported, not
   guessed.

Reported: mentions, how many were judged each way, and false alarms per 1,000 sentences.
Results: benchmarks/results/find_shared.json; the unjudged groups are listed on stdout.
"""

from __future__ import annotations

import csv
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from _common import RESULTS_DIR, SHARED_DATA, write_json

import bnentity

JUDGEMENTS = Path(__file__).parent / "data" / "find_shared_judgements.tsv"
_LABELS = {"PERSON": "person", "PER": "person", "GPE": "place", "LOC": "place", "ORG": "org"}


def sentences() -> list[tuple[str, list[tuple[str, str]]]]:
    """(sentence, [(label, span text)]) for both corpora."""
    csv.field_size_limit(10**9)
    out: list[tuple[str, list[tuple[str, str]]]] = []
    bk = SHARED_DATA / "banglakit-bengali-ner"
    spans: dict[int, list[tuple[str, str]]] = defaultdict(list)
    with (bk / "entity_mentions.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            spans[int(row["sentence_idx"])].append((row["label"], row["mention"]))
    with (bk / "main.jsonl").open(encoding="utf-8") as f:
        for i, line in enumerate(f):
            out.append((json.loads(line)[0], spans.get(i, [])))
    rf = SHARED_DATA / "rifat1493-bengali-ner"
    rspans: dict[tuple[str, int], list[tuple[str, str]]] = defaultdict(list)
    with (rf / "entity_mentions.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            rspans[(row["split"], int(row["sentence_idx"]))].append((row["label"], row["mention"]))
    for split in ("train_data", "test_data"):
        tokens: list[str] = []
        idx = 0
        with (rf / f"{split}.txt").open(encoding="utf-8-sig") as f:
            for line in [*f, "\n"]:
                if line.strip():
                    tokens.append(line.split("\t")[0])
                elif tokens:
                    out.append((" ".join(tokens), rspans.get((split, idx), [])))
                    idx += 1
                    tokens = []
    return out


def load_judgements() -> dict[tuple[str, str], tuple[str, str]]:
    if not JUDGEMENTS.exists():
        return {}
    with JUDGEMENTS.open(encoding="utf-8") as f:
        rows = csv.DictReader(f, delimiter="\t")
        return {(r["surface"], r["entity"]): (r["verdict"], r["reason"]) for r in rows
                if r["verdict"] in ("true", "false")}


def main() -> int:
    if not SHARED_DATA.exists():
        print(f"skipped: {SHARED_DATA} not found")
        return 0
    data = sentences()
    r = bnentity.load()
    judged = load_judgements()
    t0 = time.perf_counter()
    by_ner = 0
    groups: Counter[tuple[str, str]] = Counter()
    example: dict[tuple[str, str], str] = {}
    how: dict[tuple[str, str], str] = {}
    total = 0
    for text, spans in data:
        for m in r.find(text):
            total += 1
            if any(_LABELS.get(lab) == m.entity.type and (m.text in men or men in m.text)
                   for lab, men in spans):
                by_ner += 1
                continue
            key = (m.text, m.entity.id)
            groups[key] += 1
            example.setdefault(key, text[max(0, m.start - 40):m.end + 40])
            how.setdefault(key, f"{m.method}/{m.form}/{m.support}")
    seconds = time.perf_counter() - t0
    true_h = sum(c for k, c in groups.items() if judged.get(k, ("",))[0] == "true")
    false_h = sum(c for k, c in groups.items() if judged.get(k, ("",))[0] == "false")
    unjudged = {k: c for k, c in groups.items() if k not in judged}
    n = len(data)
    result = {
        "sentences": n, "mentions": total, "true_by_ner_overlap": by_ner,
        "true_by_judgement": true_h, "false_alarms": false_h,
        "unjudged": sum(unjudged.values()), "unjudged_groups": len(unjudged),
        "false_alarms_per_1000_sentences": round(1000 * false_h / n, 2),
        "seconds": round(seconds, 1),
        "false_alarm_groups": sorted(
            ({"surface": k[0], "entity": k[1], "count": c, "reason": judged[k][1]}
             for k, c in groups.items() if judged.get(k, ("",))[0] == "false"),
            key=lambda d: -int(d["count"])),
    }
    write_json(RESULTS_DIR / "find_shared.json", result)
    print(f"{n} sentences, {total} mentions: {by_ner} overlap an NER span of their kind, "
          f"{true_h} judged true, {false_h} judged false alarms, {result['unjudged']} unjudged "
          f"({len(unjudged)} groups) → {result['false_alarms_per_1000_sentences']} false alarms "
          f"per 1,000 sentences ({seconds:.1f} s)")
    for (surface, eid), c in sorted(unjudged.items(), key=lambda kv: -kv[1]):
        print(f"UNJUDGED\t{surface}\t{eid}\t{c}\t{how[(surface, eid)]}\t"
              f"{example[(surface, eid)]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
