"""Throughput of normalization, tokenization and keys on real Bengali news text (issue 3).

Run from the repository root:

    python benchmarks/bench_normalize.py               # 5 repetitions, best and median
    python benchmarks/bench_normalize.py --repeat 1    # one repetition (a few seconds)

**Text.** Every sentence of ../shared/data (banglakit ``main.jsonl`` as written, rifat1493
``train_data.txt``/``test_data.txt`` tokens joined by spaces), grouped into documents of 5
consecutive sentences (``benchmarks._common.shared_documents``): 2,022 documents, 2.68 MB of
UTF-8. Most of it is not in NFC (687 of 3,545 banglakit and 5,211 of 6,562 rifat1493
sentences, 1,503 of the 2,022 documents: precomposed য় ড় ঢ়, which NFC decomposes), so
normalization has real work to do.

**Measured**, each over all documents, one call per document (one core, one thread):

* ``unicodedata.normalize("NFC", doc)`` — the floor: the C implementation of the one Unicode
  step every normalizer needs;
* ``bnentity.normalize(doc)`` and ``bnentity.normalize_with_offsets(doc)`` (the latter is what
  ``find`` and ``tokenize`` run; it keeps the offset map);
* ``bnentity.tokenize(doc)`` (normalization included);
* ``bnentity.variant_key(word)`` over every word token of the text (the word tokens of
  ``tokenize``, computed beforehand, not timed): **cold** — the module-level caches of
  ``bnentity.keys`` cleared before the pass — and **warm** — the same pass again, every word
  cached (news vocabulary is Zipfian, so a long run approaches warm). ``normalized_key`` alone
  is measured the same way.

MB/s = UTF-8 bytes of the documents (10^6) ÷ seconds (for the keys, the bytes of the text whose
words were keyed). The best of ``--repeat`` repetitions is the headline; the median is reported
too. Results: benchmarks/results/normalize.json.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._common import (
    RESULTS_DIR,
    format_table,
    git_state,
    shared_documents,
    utf8_mb,
    write_json,
)


def clear_key_caches() -> int:
    """Clear every ``functools`` cache at module level in bnentity's normalization, token and
    key modules; return how many were cleared."""
    import bnentity.inflection
    import bnentity.keys
    import bnentity.normalize
    import bnentity.tokens

    n = 0
    for mod in (bnentity.keys, bnentity.normalize, bnentity.tokens, bnentity.inflection):
        for value in vars(mod).values():
            clear = getattr(value, "cache_clear", None)
            if callable(clear):
                clear()
                n += 1
    return n


def timed(fn: Callable[[], Any], repeat: int, before: Callable[[], Any] | None = None,
          ) -> list[float]:
    """Wall times of ``repeat`` calls of ``fn`` (``before`` runs untimed before each)."""
    out: list[float] = []
    for _ in range(repeat):
        if before is not None:
            before()
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=5, help="repetitions per measurement")
    ap.add_argument("--output", type=Path, default=RESULTS_DIR / "normalize.json")
    args = ap.parse_args(argv)

    from bnentity import normalize, normalize_with_offsets
    from bnentity.keys import normalized_key, variant_key
    from bnentity.tokens import tokenize

    docs = shared_documents(5)
    if not docs:
        raise SystemExit("no text: ../shared/data is missing (set BNENTITY_SHARED_DATA)")
    mb = utf8_mb(docs)
    chars = sum(len(d) for d in docs)
    not_nfc = sum(not unicodedata.is_normalized("NFC", d) for d in docs)
    words = [t.text for d in docs for t in tokenize(d) if t.is_word]
    print(f"text: {len(docs)} documents, {mb:.2f} MB, {chars:,} characters, "
          f"{len(words):,} word tokens ({len(set(words)):,} distinct); {not_nfc} documents "
          f"not in NFC; best of {args.repeat}")

    def each(fn: Callable[[str], Any]) -> Callable[[], None]:
        def run() -> None:
            for d in docs:
                fn(d)
        return run

    def keys(fn: Callable[[str], Any]) -> Callable[[], None]:
        def run() -> None:
            for w in words:
                fn(w)
        return run

    cleared = clear_key_caches()
    results: dict[str, list[float]] = {
        "unicodedata NFC (floor)": timed(each(lambda d: unicodedata.normalize("NFC", d)),
                                         args.repeat),
        "normalize": timed(each(normalize), args.repeat),
        "normalize_with_offsets": timed(each(normalize_with_offsets), args.repeat),
        "tokenize": timed(each(tokenize), args.repeat),
        "variant_key, cold cache": timed(keys(variant_key), args.repeat, clear_key_caches),
    }
    results["variant_key, warm cache"] = timed(keys(variant_key), args.repeat)
    results["normalized_key, cold cache"] = timed(keys(normalized_key), args.repeat,
                                                  clear_key_caches)
    results["normalized_key, warm cache"] = timed(keys(normalized_key), args.repeat)

    floor = min(results["unicodedata NFC (floor)"])
    rows = []
    out: dict[str, Any] = {}
    for name, times in results.items():
        best, med = min(times), statistics.median(times)
        out[name] = {"best_s": best, "median_s": med, "mb_per_s": mb / best,
                     "mb_per_s_median": mb / med, "docs_per_s": len(docs) / best,
                     "times_floor": best / floor if floor else None}
        if "key" in name:
            out[name]["words_per_s"] = len(words) / best
        rows.append([name, f"{mb / best:.2f}", f"{mb / med:.2f}", f"{len(docs) / best:,.0f}",
                     f"{best / floor:.1f}x" if floor else "-"])
    print(format_table(["function", "MB/s (best)", "MB/s (median)", "docs/s",
                        "time vs NFC"], rows))
    print("keys: MB/s of the text whose word tokens were keyed; cold = bnentity.keys caches "
          f"cleared before each repetition ({cleared} caches).")
    path = write_json(args.output, {
        "code": git_state("bnentity"),
        "text": {"documents": len(docs), "mb": mb, "characters": chars,
                 "word_tokens": len(words), "distinct_words": len(set(words)),
                 "documents_not_nfc": not_nfc, "sentences_per_document": 5,
                 "source": "../shared/data: banglakit main.jsonl + rifat1493 train/test"},
        "repeat": args.repeat,
        "results": out,
    })
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
