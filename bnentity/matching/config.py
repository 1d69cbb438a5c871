"""Every threshold of the matcher, in one frozen object.

Keyword arguments to :func:`bnentity.load` override the fields, e.g.
``bnentity.load(min_score=90)``. The evidence for each default is given beside it; the
development data are ``benchmarks/data/resolver_variants.tsv`` (dev split only — the held-out
split is never used for tuning), the seeds' gold annotations, and the ../shared/data NER
sentences for false alarms in running text.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from bnentity.keys import DEFAULT_RULES

__all__ = ["MatchConfig"]


@dataclass(frozen=True, slots=True)
class MatchConfig:
    """How names are matched and when a match is accepted.

    Evidence: a sweep of each field alone on the dev split of
    benchmarks/data/resolver_variants.tsv (225 queries, 76 look-alikes; ``python
    benchmarks/bench_resolver_accuracy.py --split dev``), the seeds' gold mentions, and the
    unit cases of tests/data/mini.yaml. The held-out split was never used to choose a value.

    Attributes:
        rules: the spelling-folding rules of :func:`bnentity.keys.variant_key` (default: all
            rules marked default; chandrabindu folding is off so গাঁজা ≠ গাজা).
        min_score: a candidate must score at least this (0–100) to be accepted. Exact and
            variant-key matches score 93–100; fuzzy matches score their similarity (capped at
            92). Dev sweep: 80 → accuracy 0.969 but 2 of 76 look-alikes linked; 82 → 0.969,
            none; 85 → 0.964, none; 88 → 0.938. 85 keeps a 3-point cushion above the first
            look-alike.
        margin: the best entity must beat the runner-up entity by at least this many points,
            otherwise the answer is "don't know" (``None``) and both show in ``candidates``.
            Default 3: a full alias (100) beats another entity's automatic surname (96), an
            editor's explicit short form (99) beats another's automatic one (96), and two
            equal aliases (a tie) never pass. Dev sweep 1–5: no change.
        fuzzy_margin: the margin required when the best match is fuzzy. Default 5; dev sweep
            2–8: no change (no dev query had two fuzzy candidates within 8 points), so the
            larger, safer value was kept.
        word_min: every word of a multi-word name must reach this word similarity, or the
            names are different (ললিত মোদি ≠ নরেন্দ্র মোদি). Dev sweep 50–80: no change,
            because the consonant and lexicon rules of :mod:`bnentity.matching.similarity`
            already separate the dev look-alikes; 60 admits a one-vowel change in a
            three-letter word (চো/চোয়ে before the floor).
        skeleton_floor: word similarity granted when two words have the same consonant
            skeleton (চোয়ে/চো/চোই, হুই/হি): vowels and glides are what Bengali transliteration
            of East Asian names varies most. Dev sweep: 70 → 0.956, 75 → 0.960, 80 → 0.964,
            85 → 0.964 with 2 look-alikes linked. 80 is the highest safe value.
        single_min_len: a one-word name is matched fuzzily only if both comparison forms
            have at least this many code points (a nukta letter counts one). Default 5: no
            word of four or fewer (কিম, গাজা, হাসি) is matched fuzzily, except one vowel
            written or not inside it (মংলা/মোংলা, :data:`~bnentity.matching.similarity.
            VOWEL_INSERT_SCORE`); dev sweep 3–6: no change.
        single_skeleton_min: the skeleton floor applies to a one-word name only if the
            skeleton has at least this many consonants (কিম/কাম share কম). Default 4.
        max_candidates: how many forms are scored in full for one query after blocking.
            Default 2000, a bound on work per query, not a tuning value.
        context_window: words on either side of a mention in which an entity's ``context``
            words count as support (running text). Default 8 words, about one clause
            (সাংবাদিক সোহেলকে, আ.লীগ নেতা তানভীরকে in the seeds sit 1–2 words away).
        max_name_words: the longest name, in words, tried in running text. Default 6: the
            longest bundled name (ডেমোক্রেটিক পিপলস রিপাবলিক অব কোরিয়া) has 5.
        translit_min_score: a cross-script match (a Bengali spelling of an entity known only
            by its Latin name, or a Latin spelling phonetically close to one) must score at
            least this on :func:`bnentity.translit.cross_script_similarity`. Default 82, tuned
            on the tune split of benchmarks/data/translit_pairs.tsv (docs/transliteration.md).
        translit_margin: and beat the runner-up by this much. Default 4, from the same tuning.
    """

    rules: frozenset[str] = DEFAULT_RULES
    min_score: float = 85.0
    margin: float = 3.0
    fuzzy_margin: float = 5.0
    word_min: float = 60.0
    skeleton_floor: float = 80.0
    single_min_len: int = 5
    single_skeleton_min: int = 4
    max_candidates: int = 2000
    context_window: int = 8
    max_name_words: int = 6
    translit_min_score: float = 82.0
    translit_margin: float = 4.0

    def __post_init__(self) -> None:
        problems = [f"{name} must be between 0 and 100, got {getattr(self, name)!r}"
                    for name in _SCORES if not 0 <= getattr(self, name) <= 100]
        problems += [f"{name} must be at least {low}, got {getattr(self, name)!r}"
                     for name, low in _AT_LEAST.items() if not getattr(self, name) >= low]
        if problems:
            raise ValueError("invalid MatchConfig: " + "; ".join(problems))

    def with_overrides(self, **overrides: Any) -> MatchConfig:
        """A copy with some fields replaced; unknown names raise ``TypeError`` with the list."""
        known = {f.name for f in fields(self)}
        unknown = set(overrides) - known
        if unknown:
            raise TypeError(f"unknown MatchConfig option(s) {sorted(unknown)}; "
                            f"known: {', '.join(sorted(known))}")
        if "rules" in overrides:
            overrides["rules"] = frozenset(overrides["rules"])
        return replace(self, **overrides)


#: Fields that are scores (0–100), and fields with a least sensible value.
_SCORES = ("min_score", "word_min", "skeleton_floor", "translit_min_score")
_AT_LEAST = {"margin": 0, "fuzzy_margin": 0, "translit_margin": 0, "single_min_len": 1,
             "single_skeleton_min": 1, "max_candidates": 1, "context_window": 0,
             "max_name_words": 1}
