"""An obviously-correct, slow reference resolver: the same scoring with no index.

It compares every reading of the query with every form of every entity, using the same
readings, similarity and decision rule as :class:`~bnentity.matching.resolver.Resolver`. The
fast resolver's index only decides *which* forms are scored; tests check it never misses a
candidate the reference finds above ``min_score``.
"""

from __future__ import annotations

from bnentity.inflection import suffix_fits
from bnentity.keys import joined_key, normalized_key
from bnentity.matching.config import MatchConfig
from bnentity.matching.resolver import (
    BASE_SCORES,
    FUZZY_CAP,
    Match,
    Resolver,
    _rank_key,
    decide,
)
from bnentity.matching.similarity import name_similarity

__all__ = ["ReferenceResolver"]


class ReferenceResolver:
    """Brute force over all forms; for tests and for checking the index."""

    def __init__(self, resolver: Resolver) -> None:
        self.r = resolver
        self.config: MatchConfig = resolver.config

    def candidates(self, name: str) -> list[Match]:
        idx = self.r.index
        best: dict[int, Match] = {}
        for reading in self.r.readings(name):
            for fidx in range(len(idx)):
                form = idx.form(fidx)
                epos = idx.form_entity[fidx]
                if (epos, reading.normalized) in idx.rejected:
                    continue
                fvariant = " ".join(form.words)
                spacing = max(len(form.words), len(reading.words)) > 1
                if fvariant != reading.variant and spacing and joined_key(
                        form.text, rules=self.config.rules) == reading.joined:
                    m = Match(form.entity, BASE_SCORES[form.kind][1], form.text, "variant",
                              reading.suffix, form.kind.name.lower(), fidx in idx.common_forms)
                elif fvariant == reading.variant:
                    exact = normalized_key(form.text) == reading.normalized
                    score = BASE_SCORES[form.kind][0 if exact else 1]
                    m = Match(form.entity, score, form.text, "exact" if exact else "variant",
                              reading.suffix, form.kind.name.lower(),
                              fidx in idx.common_forms)
                else:
                    if len(form.words) != len(reading.words):
                        continue
                    if reading.suffix and not suffix_fits(form.words[-1], reading.suffix):
                        continue
                    sim = name_similarity(reading.words, form.words, self.config)
                    if sim <= 0:
                        continue
                    score = min(sim, FUZZY_CAP)
                    m = Match(form.entity, score, form.text, "fuzzy", reading.suffix,
                              form.kind.name.lower(), fidx in idx.common_forms)
                cur = best.get(epos)
                if cur is None or _rank_key(m) < _rank_key(cur):
                    best[epos] = m
        return sorted(best.values(), key=_rank_key)

    def resolve(self, name: str) -> Match | None:
        return decide(self.candidates(name), self.config)[0]
