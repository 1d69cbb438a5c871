"""The seed articles' gold annotations (seeds/*.gold.jsonl) are well-formed and consistent.

Conventions are in seeds/README.md: offsets are Python str indices into the text read with
``open(path, encoding="utf-8").read()``; a span covers the whole word (name + glued inflection).
"""

from __future__ import annotations

import itertools
import json
from functools import cache
from pathlib import Path

import pytest

from bnentity.gazetteer import Gazetteer, load_gazetteer

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
#: The pristine copies: /work/shared/seeds on a developer's machine; in CI, shared/ lies beside
#: the fresh clone of the repository.
SHARED_CANDIDATES = (ROOT.parent / "shared" / "seeds", Path("/work/shared/seeds"))
#: Characters a span may never start or end with (quotes, brackets, punctuation, space).
EDGE_JUNK = set(" \t\n\xa0‘’“”'\"()[]{}«»,.;:!?।-–—")


@cache
def gazetteer() -> Gazetteer:
    return load_gazetteer(ROOT / "gazetteers")


def read_gold(txt: Path) -> list[dict[str, object]]:
    gold = txt.with_suffix(".gold.jsonl")
    lines = gold.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def is_letter(ch: str) -> bool:
    """A letter or sign of a word: Bengali letters/signs (not digits or danda) or any alpha."""
    return ("\u0980" <= ch <= "\u09ff" and not "\u09e6" <= ch <= "\u09ef") or ch.isalpha()


def test_there_are_five_seeds_each_with_gold() -> None:
    assert len(SEED_FILES) == 5
    for txt in SEED_FILES:
        assert txt.with_suffix(".gold.jsonl").is_file(), f"{txt.name} has no gold file"


@pytest.mark.parametrize("txt", SEED_FILES, ids=lambda p: p.stem)
def test_gold_spans_match_the_text(txt: Path) -> None:
    content = txt.read_text(encoding="utf-8")
    gold = read_gold(txt)
    assert gold, f"{txt.name}: no mentions"
    for m in gold:
        assert set(m) == {"start", "end", "text", "entity"}, m
        start, end = m["start"], m["end"]
        assert isinstance(start, int) and isinstance(end, int) and 0 <= start < end, m
        assert content[start:end] == m["text"], (m, content[start:end])


@pytest.mark.parametrize("txt", SEED_FILES, ids=lambda p: p.stem)
def test_gold_spans_are_ordered_and_disjoint(txt: Path) -> None:
    spans = [(int(m["start"]), int(m["end"])) for m in read_gold(txt)]  # type: ignore[call-overload]
    for (s1, e1), (s2, e2) in itertools.pairwise(spans):
        assert e1 <= s2, f"{txt.name}: span ({s1}, {e1}) overlaps or precedes ({s2}, {e2})"


@pytest.mark.parametrize("txt", SEED_FILES, ids=lambda p: p.stem)
def test_gold_spans_are_whole_words(txt: Path) -> None:
    """No quote, bracket or space at the edges; the span neither starts nor ends mid-word."""
    content = txt.read_text(encoding="utf-8")
    for m in read_gold(txt):
        start, end, text = int(m["start"]), int(m["end"]), str(m["text"])  # type: ignore[call-overload]
        assert text[0] not in EDGE_JUNK and text[-1] not in EDGE_JUNK, m
        before = content[start - 1] if start else " "
        after = content[end] if end < len(content) else " "
        assert not is_letter(before), f"{m}: starts inside a word"
        assert not is_letter(after), f"{m}: ends inside a word (include the inflection)"


@pytest.mark.parametrize("txt", SEED_FILES, ids=lambda p: p.stem)
def test_gold_entities_exist(txt: Path) -> None:
    g = gazetteer()
    missing = sorted({str(m["entity"]) for m in read_gold(txt)} - set(g))
    assert not missing, f"{txt.name}: unknown entity ids {missing}"


def test_core_examples_are_annotated() -> None:
    """The mission's examples appear in the gold with the seeds' own spellings."""
    pairs = {(str(m["text"]), str(m["entity"])) for txt in SEED_FILES for m in read_gold(txt)}
    for pair in [("লাভরভের", "sergey-lavrov"), ("সের্গেই ল্যাভরভ", "sergey-lavrov"),
                 ("চোয়ে সন হুই", "choe-son-hui"), ("চো সন হুই’র", "choe-son-hui"),
                 ("চোই সন হি-এর", "choe-son-hui"), ("কিম জং-উন", "kim-jong-un"),
                 ("কিমকে", "kim-jong-un"), ("ভ্লাদিমির পুতিন", "vladimir-putin"),
                 ("সের্গেই শোইগু", "sergei-shoigu"), ("উত্তর কোরিয়ার", "country-kp"),
                 ("পিয়ংইয়ংয়ের", "pyongyang"), ("তাস-এর", "tass")]:
        assert pair in pairs, pair


def test_seed_texts_are_unchanged() -> None:
    shared = next((p for p in SHARED_CANDIDATES if p.is_dir()), None)
    if shared is None:
        pytest.skip("no shared/seeds folder to compare with")
    for txt in SEED_FILES:
        original = shared / txt.name
        assert original.is_file(), f"{txt.name} is not in {shared}"
        assert txt.read_bytes() == original.read_bytes(), f"{txt.name} differs from {original}"
