"""Recount the evidence for bnentity.namewords.COMMON_NAME_WORDS.

    python scripts/measure_name_words.py [../shared/data]

For every word of the list: in how many distinct PERSON spans of the NER data it occurs.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

from bnentity.keys import normalized_key, variant_key
from bnentity.namewords import _WORDS

csv.field_size_limit(10**9)


def main() -> None:
    data = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parents[2] / "shared/data")
    names: set[str] = set()
    for path, col, lab in ((data / "banglakit-bengali-ner/entity_mentions.tsv", 2, 1),
                           (data / "rifat1493-bengali-ner/entity_mentions.tsv", 3, 2)):
        with path.open(encoding="utf-8") as f:
            for row in csv.reader(f, delimiter="\t"):
                if row[lab] in ("PERSON", "PER"):
                    names.add(normalized_key(row[col]))
    counts: Counter[str] = Counter()
    for n in names:
        for w in set(n.split()):
            counts[variant_key(w)] += 1
    print(f"{len(names)} distinct PERSON spans")
    for w in dict.fromkeys(_WORDS):
        print(f"{counts[variant_key(w)]:4d}  {w}")


if __name__ == "__main__":
    main()
