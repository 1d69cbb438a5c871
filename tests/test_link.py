"""Resolver.link: spans from another recognizer → entities (issue 9).

The bar: every gold span of the seed articles (seeds/*.gold.jsonl), given with the label a
recognizer would put on it (person → PER, place → LOC, org → ORG), links to its gold entity
with the bundled gazetteers. Then the tolerances link promises: ragged spans (cut words,
punctuation and quotes at the edges, titles inside the span) and labels as type hints.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

import bnentity
from bnentity.matching.link import Link
from bnentity.matching.resolver import Resolver

ROOT = Path(__file__).resolve().parent.parent
SEED_FILES = sorted((ROOT / "seeds").glob("*.txt"))
TYPE_LABEL = {"person": "PER", "place": "LOC", "org": "ORG"}

#: Gold spans that do not link today, keyed by (seed number, start, text). strict=True: when
#: the resolver or the data is fixed the test XPASSes and fails, so remove the entry then.
KNOWN_FAILURES: dict[tuple[str, int, str], str] = {
    ("001", 2175, "নিউইয়র্ক"):
        "নিউইয়র্ক is the full name of new-york-city (100) and a short form of new-york-state "
        "(98): margin 2 < 3, so link abstains; the gold (the state) rests on the headline's "
        "meaning (its social-media law), which a LOC label cannot express",
}


@cache
def seed_text(stem: str) -> str:
    return (ROOT / "seeds" / f"{stem}.txt").read_text(encoding="utf-8")


def read_gold(txt: Path) -> list[dict[str, object]]:
    lines = txt.with_suffix(".gold.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@cache
def linked_seed(stem: str) -> dict[int, Link]:
    """Every gold span of one seed linked in one call (the whole article as context)."""
    resolver = bnentity.bundled()
    gold = read_gold(ROOT / "seeds" / f"{stem}.txt")
    spans = [(int(str(g["start"])), int(str(g["end"])), label_of(resolver, str(g["entity"])))
             for g in gold]
    links = resolver.link(seed_text(stem), spans)
    return {s: lk for (s, _, _), lk in zip(spans, links, strict=True)}


def label_of(resolver: Resolver, entity_id: str) -> str:
    return TYPE_LABEL.get(resolver.gazetteer[entity_id].type, "MISC")


def _gold_cases() -> list[object]:
    cases: list[object] = []
    for txt in SEED_FILES:
        if not txt.with_suffix(".gold.jsonl").exists():
            continue
        for g in read_gold(txt):
            key = (txt.stem[:3], int(str(g["start"])), str(g["text"]))
            marks = ([pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[key])]
                     if key in KNOWN_FAILURES else [])
            cases.append(pytest.param(txt.stem, g["start"], g["end"], g["text"], g["entity"],
                                      id=f"{key[0]}:{key[1]}:{key[2]}", marks=marks))
    return cases


GOLD_CASES = _gold_cases()


def test_there_are_gold_spans() -> None:
    assert len(GOLD_CASES) >= 200


@pytest.mark.parametrize(("stem", "start", "end", "text", "entity"), GOLD_CASES)
def test_gold_span_links_to_gold_entity(stem: str, start: int, end: int, text: str,
                                        entity: str) -> None:
    link = linked_seed(stem)[start]
    assert (link.start, link.end) == (start, end)
    assert link.entity_id == entity, (text, link)
    assert seed_text(stem)[link.text_start:link.text_end] == link.text


def test_known_failures_are_gold_spans() -> None:
    ids = {c.id for c in GOLD_CASES}  # type: ignore[attr-defined]
    for seed, start, text in KNOWN_FAILURES:
        assert f"{seed}:{start}:{text}" in ids, "stale KNOWN_FAILURES entry"


# -- ragged spans --------------------------------------------------------------------------

def _plain_gold() -> list[tuple[str, int, int, str, str]]:
    """Gold spans that link today and have no apostrophe, hyphen or space inside."""
    out = []
    for txt in SEED_FILES:
        for g in read_gold(txt):
            s, e, t = int(str(g["start"])), int(str(g["end"])), str(g["text"])
            if (txt.stem[:3], s, t) in KNOWN_FAILURES or len(t) < 4:
                continue
            if any(c in t for c in " -'’‘–"):
                continue
            out.append((txt.stem, s, e, t, str(g["entity"])))
    return out


PLAIN = _plain_gold()


def test_cut_words_are_widened_to_the_gold_span(bundled: Resolver) -> None:
    """A span that starts and ends inside the word is widened back to the whole word."""
    cases = [p for p in PLAIN if "." not in p[3]]
    assert len(cases) >= 50
    for stem, s, e, t, entity in cases:
        text = seed_text(stem)
        (link,) = bundled.link(text, [(s + 1, e - 1)])
        assert (link.text_start, link.text_end) == (s, e), (t, link)
        assert link.entity_id == linked_seed(stem)[s].entity_id == entity, (t, link)


def test_cut_words_with_a_dot_inside_are_widened(bundled: Resolver) -> None:
    """An abbreviation dot between letters is inside the word (আ.লীগ), as for tokens."""
    cases = [p for p in PLAIN if "." in p[3]]
    assert cases
    for stem, s, e, t, entity in cases:
        (link,) = bundled.link(seed_text(stem), [(s + 2, e - 1)])
        assert (link.text_start, link.text_end, link.entity_id) == (s, e, entity), (t, link)


def _grown(before: str, after: str) -> list[tuple[str, int, int, int, int, str, str]]:
    out = []
    for stem, s, e, t, entity in PLAIN:
        text = seed_text(stem)
        s2, e2 = s, e
        while s2 > 0 and text[s2 - 1] in before:
            s2 -= 1
        while e2 < len(text) and text[e2] in after:
            e2 += 1
        if (s2, e2) != (s, e):
            out.append((stem, s, e, s2, e2, t, entity))
    return out


def test_trailing_punctuation_and_quotes_are_dropped(bundled: Resolver) -> None:
    """Spans grown over the punctuation, closing quotes and spaces after them link the same."""
    cases = _grown("", "’”\"')]»,;:.!?। \n")
    assert len(cases) >= 20
    for stem, s, e, s2, e2, t, entity in cases:
        (link,) = bundled.link(seed_text(stem), [(s2, e2, label_of(bundled, entity))])
        assert (link.text_start, link.text_end, link.entity_id) == (s, e, entity), (t, link)


def test_leading_quotes_and_brackets_are_dropped(bundled: Resolver) -> None:
    """Opening quotes and brackets before the name are trimmed, anywhere in the text."""
    text = "সে বলল (লাভরভ) এলেন"
    (link,) = bundled.link(text, [(7, 14, "PER")])
    assert (link.text, link.text_start, link.text_end) == ("লাভরভ", 8, 13)
    cases = _grown("‘“\"'([« ", "")
    assert cases
    for stem, s, e, s2, e2, t, entity in cases:
        (link,) = bundled.link(seed_text(stem), [(s2, e2)])
        assert (link.text_start, link.text_end, link.entity_id) == (s, e, entity), (t, link)


@pytest.mark.parametrize(("text", "span_text", "entity"), [
    ("রুশ পররাষ্ট্রমন্ত্রী সের্গেই লাভরভ বৈঠকে বসেন।", "পররাষ্ট্রমন্ত্রী সের্গেই লাভরভ",
     "sergey-lavrov"),
    ("রুশ পররাষ্ট্রমন্ত্রী সের্গেই লাভরভ বৈঠকে বসেন।", "রুশ পররাষ্ট্রমন্ত্রী সের্গেই লাভরভ",
     "sergey-lavrov"),
    ("তিনি প্রেসিডেন্ট পুতিনের বার্তা পৌঁছে দেন।", "প্রেসিডেন্ট পুতিনের", "vladimir-putin"),
    ("উত্তর কোরিয়ার নেতা কিম জং উনের সঙ্গে দেখা হয়।", "নেতা কিম জং উনের", "kim-jong-un"),
    ("বৈঠকে ছিলেন পররাষ্ট্রমন্ত্রী চো সন হুই’র প্রতিনিধি।", "পররাষ্ট্রমন্ত্রী চো সন হুই’র",
     "choe-son-hui"),
])
def test_titles_inside_the_span(bundled: Resolver, text: str, span_text: str,
                                entity: str) -> None:
    s = text.index(span_text)
    (link,) = bundled.link(text, [(s, s + len(span_text), "PER")])
    assert link.entity_id == entity, link
    assert s <= link.text_start < link.text_end <= s + len(span_text)
    assert text[link.text_start:link.text_end] == link.text


# -- labels as hints -----------------------------------------------------------------------

HINT_YAML = """\
entities:
  - id: jordan
    name: Jordan
    type: place
    bn: জর্ডান
  - id: michael-jordan
    name: Michael Jordan
    type: person
    bn: মাইকেল জর্ডান
    short: [জর্ডান]
"""


@pytest.fixture(scope="module")
def jordan(tmp_path_factory: pytest.TempPathFactory) -> Resolver:
    path = tmp_path_factory.mktemp("hint") / "jordan.yaml"
    path.write_text(HINT_YAML, encoding="utf-8")
    return bnentity.load(path)


@pytest.mark.parametrize(("label", "expected"), [
    (None, None),              # 100 vs 98: too close to call without a hint
    ("LOC", "jordan"), ("GPE", "jordan"), ("B-LOC", "jordan"), ("I-LOC", "jordan"),
    ("b-loc", "jordan"), ("S-LOC", "jordan"), ("U-LOC", "jordan"), ("LOCATION", "jordan"),
    ("PER", "michael-jordan"), ("PERSON", "michael-jordan"), ("I-PER", "michael-jordan"),
    ("E-PER", "michael-jordan"),
    ("TIM", None), ("MISC", None), ("", None),   # no hint
    ("ORG", None),             # a hint no candidate has: no change
])
def test_label_hints(jordan: Resolver, label: str | None, expected: str | None) -> None:
    text = "জর্ডানের বাদশাহ সফরে এসেছেন।"
    span = (0, 8) if label is None else (0, 8, label)
    (link,) = jordan.link(text, [span])
    assert link.label == label
    assert link.entity_id == expected, link


def test_link_does_not_override_a_clear_winner_with_a_hint(bundled: Resolver) -> None:
    """A wrong label does not invent a link: a place named with a PER label stays the place."""
    text = "ঢাকায় আজ বৃষ্টি হয়েছে।"
    (link,) = bundled.link(text, [(0, 5, "PER")])
    assert link.entity_id == "dhaka"


# -- the contract ----------------------------------------------------------------------------

def test_one_link_per_span_in_the_given_order(bundled: Resolver) -> None:
    text = "লাভরভের সঙ্গে চো সন হুই’র বৈঠক হয় পিয়ংইয়ংয়ে।"
    spans = [(text.index("পিয়ংইয়ংয়ে"), len(text) - 1, "LOC"),
             (0, 7, "PER"), (0, 7), (14, 26, "I-PER")]
    links = bundled.link(text, spans)
    assert [(lk.start, lk.end) for lk in links] == [sp[:2] for sp in spans]
    assert [lk.entity_id for lk in links] == ["pyongyang", "sergey-lavrov", "sergey-lavrov",
                                              "choe-son-hui"]
    for lk in links:
        assert text[lk.text_start:lk.text_end] == lk.text
        assert lk.to_dict()["match"]["id"] == lk.entity_id


def test_empty_and_out_of_range_spans(bundled: Resolver) -> None:
    text = "লাভরভ এলেন।"
    between, beyond, nothing = bundled.link(text, [(5, 5), (0, 500), (6, 11, "PER")])
    assert between.match is None and between.text == ""
    assert beyond.entity_id == "sergey-lavrov" and beyond.via == "inner"
    assert (beyond.text_start, beyond.text_end) == (0, 5)
    assert nothing.match is None and nothing.text == "এলেন"
    assert bundled.link(text, []) == []


def test_a_malformed_span_is_an_error(bundled: Resolver) -> None:
    with pytest.raises(ValueError, match="a span is"):
        bundled.link("লাভরভ", [(0,)])  # type: ignore[list-item]
