"""Train a small bnlp-toolkit NER model for tests (no network: bnlp's own model is a download).

    python scripts/train_bnlp_test_model.py OUT.pkl [--sentences 3000] [--max-iterations 100]
        [--data .../rifat1493-bengali-ner/train_data.txt] [--evaluate N]

The model is what bnlp's ``BengaliNER(model_path)`` loads: a pickled ``sklearn_crfsuite.CRF``
(bnlp's ``load_pickle_model`` is a bare ``pickle.load``), trained on features from bnlp's own
feature function ``bnlp.utils.utils.features`` — the one ``BengaliNER.tag`` computes at
prediction time — exactly as bnlp's ``CRFTaggerTrainer.train`` does, minus its prints and with
a bounded number of L-BFGS iterations so it finishes in seconds.

Data: the first ``--sentences`` sentences of the Rifat1493 Bengali NER corpus
(``<repo>/../shared/data/rifat1493-bengali-ner/train_data.txt``: ``token<TAB>tag`` lines, a
blank line between sentences; tags B-/I- PER, LOC, ORG and bare TIM). A few lines are ragged
(an empty field between token and tag): the last non-empty field is the tag, and a tag that is
not ``O``, ``TIM`` or B-/I- of PER/LOC/ORG is read as ``O``. Deterministic: same data and
options, same model weights (L-BFGS has no randomness; the sentences are taken in file order;
the pickle's bytes still differ run to run by the training log's timings and a temp file name).
``--evaluate N`` also prints token-level micro F1 on the first N sentences of test_data.txt.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data" / "rifat1493-bengali-ner"
TAGS = frozenset({"O", "TIM"} | {f"{p}-{t}" for p in "BI" for t in ("PER", "LOC", "ORG")})

Sentence = list[tuple[str, str]]


def read_conll(path: str | Path) -> list[Sentence]:
    """Sentences of a ``token<TAB>tag`` file as lists of (token, tag)."""
    sentences: list[Sentence] = []
    current: Sentence = []
    with open(path, encoding="utf-8-sig") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if not line.strip():
                if current:
                    sentences.append(current)
                    current = []
                continue
            fields = [x.strip() for x in line.split("\t")]
            token = fields[0].lstrip("\ufeff")
            rest = [x for x in fields[1:] if x]
            tag = rest[-1] if rest else "O"
            if token:
                current.append((token, tag if tag in TAGS else "O"))
    if current:
        sentences.append(current)
    return sentences


def _bnlp_features() -> Any:
    sys.path.insert(0, str(REPO))
    from bnentity.integrations.bnlp import import_bnlp

    import_bnlp()  # no NLTK download attempt, no stdout chatter
    from bnlp.utils.utils import features
    return features


def sentence_features(features: Any, tokens: Sequence[str]) -> list[dict[str, Any]]:
    return [features(list(tokens), i) for i in range(len(tokens))]


def train(data: Path, sentences: int, max_iterations: int) -> tuple[Any, Any, int]:
    import sklearn_crfsuite

    features = _bnlp_features()
    train_set = read_conll(data)[:sentences]
    x = [sentence_features(features, [t for t, _ in s]) for s in train_set]
    y = [[g for _, g in s] for s in train_set]
    model = sklearn_crfsuite.CRF(algorithm="lbfgs", max_iterations=max_iterations)
    model.fit(x, y)
    return model, features, len(train_set)


def evaluate(model: Any, features: Any, path: Path, n: int) -> float:
    from sklearn_crfsuite import metrics

    test = read_conll(path)[:n]
    pred = model.predict([sentence_features(features, [t for t, _ in s]) for s in test])
    gold = [[g for _, g in s] for s in test]
    labels = [lb for lb in model.classes_ if lb != "O"]
    return float(metrics.flat_f1_score(gold, pred, average="micro", labels=labels))


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", type=Path, help="where to write the model (.pkl)")
    ap.add_argument("--data", type=Path, default=DATA / "train_data.txt")
    ap.add_argument("--sentences", type=int, default=3000,
                    help="train on the first N sentences (default 3000)")
    ap.add_argument("--max-iterations", type=int, default=100)
    ap.add_argument("--evaluate", type=int, default=0, metavar="N",
                    help="print token micro F1 on the first N sentences of test_data.txt")
    args = ap.parse_args(argv)
    if not args.data.is_file():
        ap.error(f"no training data at {args.data}")
    t0 = time.perf_counter()
    model, features, n = train(args.data, args.sentences, args.max_iterations)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "wb") as f:
        pickle.dump(model, f)
    print(f"trained on {n} sentences in {time.perf_counter() - t0:.1f} s -> {args.out}",
          file=sys.stderr)
    if args.evaluate:
        f1 = evaluate(model, features, args.data.with_name("test_data.txt"), args.evaluate)
        print(f"token micro F1 on {args.evaluate} test sentences: {f1:.3f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
