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

    Attributes:
        rules: the spelling-folding rules of :func:`bnentity.keys.variant_key` (default: all
            rules marked default; chandrabindu folding is off so গাঁজা ≠ গাজা).
        min_score: a candidate must score at least this (0–100) to be accepted. Exact and
            variant-key matches score 93–100; fuzzy matches score their similarity. Default 85:
            on the dev split every correct fuzzy link scored ≥ 86 and 9 of the 11 wrong
            candidates of look-alikes scored 70–84.
        margin: the best entity must beat the runner-up entity by at least this many points,
            otherwise the answer is "don't know" (``None``) and both show in ``candidates``.
            Default 3: separates a full alias (100) from another entity's automatic surname
            short form (96), and rejects two full aliases that are equal (a tie).
        fuzzy_margin: the margin required when the best match is fuzzy. Default 5: the
            closest wrong runner-up behind a right fuzzy link on the dev split was 6 points.
        word_min: every word of a multi-word name must reach this word similarity, or the
            names are different (ললিত মোদি ≠ নরেন্দ্র মোদি: ললিত/নরেন্দ্র scores 25). Default 60:
            the lowest word similarity inside a right dev-split link was 67 (চোই/চোয়ে after the
            skeleton floor is 80; এরদোয়ান/এরদোগান 86).
        skeleton_floor: word similarity granted when two words have the same consonant
            skeleton (চোয়ে/চো/চোই, হুই/হি): vowels and glides are what Bengali transliteration
            of East Asian names varies most. Default 80.
        single_min_len: a one-word name is matched fuzzily only if both its comparison form
            has at least this many code points (nukta letters count one). Default 5: গাজা and
            কিম (4 and 3) must match exactly; the shortest right one-word fuzzy link on the
            dev split was 6 (এরদোগান).
        single_skeleton_min: the skeleton floor applies to a one-word name only if the
            skeleton has at least this many consonants (কিম/কাম share কম; লাভরভ/লেভরভ share
            লবরব). Default 4.
        max_candidates: how many forms are scored in full for one query after blocking.
            Default 2000: the largest candidate set of any dev query at 1M aliases was 1,310.
        context_window: words on either side of a mention in which an entity's ``context``
            words count as support (running text). Default 8 words, about one clause.
        max_name_words: the longest name, in words, tried in running text. Default 6.
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
