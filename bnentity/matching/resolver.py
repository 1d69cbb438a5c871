"""The resolver: a name in, the right entity out — or an honest "don't know".

Pipeline (each step is its own module): normalization (:mod:`bnentity.normalize`) → word pieces
and clitics (:mod:`bnentity.tokens`) → stems (:mod:`bnentity.inflection`) → keys
(:mod:`bnentity.keys`) → index lookup (:mod:`bnentity.matching.index`) → scoring
(:mod:`bnentity.matching.similarity`) → decision (:func:`decide`, thresholds in
:class:`~bnentity.matching.config.MatchConfig`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from bnentity.gazetteer.model import Entity, Gazetteer
from bnentity.inflection import stems, suffix_fits
from bnentity.keys import joined_key, normalized_key, skeleton_key, variant_key
from bnentity.matching.config import MatchConfig
from bnentity.matching.index import FormKind, NameIndex
from bnentity.matching.mentions import Mention, MentionFinder, RewriteStyle
from bnentity.matching.mentions import rewrite as _rewrite
from bnentity.matching.similarity import name_similarity, word_similarity
from bnentity.namewords import NAME_OF
from bnentity.normalize import normalize_with_offsets
from bnentity.once import Once
from bnentity.tokens import is_clitic, pieces

if TYPE_CHECKING:
    from bnentity.matching.link import Link, Span

__all__ = ["Decision", "Explanation", "Match", "Reading", "Resolver", "decide"]

Method = Literal["exact", "variant", "fuzzy", "translit"]

#: Score of a non-fuzzy match by what the form is (rows) and how it matched (columns).
#: An editor's explicit short form beats another entity's automatic surname by the margin
#: (মোদি: Narendra Modi's declared short form vs Lalit Modi's surname; dev split).
#: A full name beats a short form of another entity by ≥ the default margin (3), so "জর্ডান"
#: (Jordan) resolves to the country, not to Michael Jordan's surname; a shared full alias ties
#: (→ "don't know"); variant-key matches sit below exact ones so an exact spelling wins a tie.
BASE_SCORES: Final[dict[FormKind, tuple[float, float]]] = {
    FormKind.FULL: (100.0, 97.0),
    FormKind.LATIN: (100.0, 97.0),
    FormKind.SHORT: (99.0, 96.0),
    FormKind.AUTO_SHORT: (96.0, 93.0),
}
#: Fuzzy scores are capped below every variant-key score. No extra penalty for short forms:
#: on the dev set a 4-point penalty only cost right links (এরদোগান → এরদোয়ান's surname
#: scores 85.7); the one-word length rule and the margin already guard short forms.
FUZZY_CAP: Final = 92.0


@dataclass(frozen=True, slots=True)
class Match:
    """A candidate entity for a name.

    Attributes:
        entity: the entity.
        score: 0–100.
        alias: the gazetteer spelling that matched.
        method: ``exact`` (same normalized spelling), ``variant`` (same after folding
            spelling alternations), ``fuzzy`` (similar enough) or ``translit`` (across scripts).
        suffix: the inflection or clitic stripped from the name (``'ের'``, ``"'র"``), or ``''``.
        form: what the alias is: ``full``, ``latin``, ``short`` or ``auto_short``.
        needs_support: the alias is a short form that is a common name word (খান, হক,
            সোহেল — :mod:`bnentity.namewords`): alone it identifies nobody, so ``resolve``
            does not accept it and ``find`` links it only after a full mention of the entity
            or near one of its context words.
    """

    entity: Entity
    score: float
    alias: str
    method: Method
    suffix: str = ""
    form: str = "full"
    needs_support: bool = False

    def to_dict(self) -> dict[str, Any]:
        e = self.entity
        return {"id": e.id, "name": e.name, "bn": e.bn, "type": e.type,
                "score": round(self.score, 2), "alias": self.alias, "method": self.method,
                "suffix": self.suffix, "form": self.form, "needs_support": self.needs_support}


@dataclass(frozen=True, slots=True)
class Reading:
    """One way to read the query: its words after stripping a suffix, with its keys."""

    words: tuple[str, ...]
    suffix: str
    normalized: str
    variant: str
    skeleton: str
    joined: str


@dataclass(frozen=True, slots=True)
class Decision:
    """Why :func:`decide` accepted or refused the best candidate."""

    accepted: bool
    reason: str
    best_score: float | None
    runner_up_score: float | None
    min_score: float
    margin: float


@dataclass(frozen=True, slots=True)
class Explanation:
    """The whole story of one resolution (``resolver.explain(name)``)."""

    query: str
    normalized: str
    readings: tuple[Reading, ...]
    candidates: tuple[Match, ...]
    decision: Decision
    result: Match | None
    config: MatchConfig = field(repr=False)

    def replay(self) -> Match | None:
        """Decide again from the recorded candidates; reproduces :attr:`result`."""
        return decide(list(self.candidates), self.config)[0]

    def to_dict(self) -> dict[str, Any]:
        d = self.decision
        return {
            "query": self.query, "normalized": self.normalized,
            "readings": [{"words": list(r.words), "suffix": r.suffix, "normalized": r.normalized,
                          "variant": r.variant, "skeleton": r.skeleton, "joined": r.joined}
                         for r in self.readings],
            "candidates": [m.to_dict() for m in self.candidates],
            "decision": {"accepted": d.accepted, "reason": d.reason,
                         "best_score": d.best_score, "runner_up_score": d.runner_up_score,
                         "min_score": d.min_score, "margin": d.margin},
            "result": self.result.to_dict() if self.result else None,
        }

    def __str__(self) -> str:
        lines = [f"query:       {self.query!r}"]
        if self.normalized != self.query:
            lines.append(f"normalized:  {self.normalized!r}")
        lines.append("readings (stem + stripped suffix → keys):")
        for r in self.readings:
            suf = f" + {r.suffix!r}" if r.suffix else ""
            lines.append(f"  {' '.join(r.words)!r}{suf}: variant {r.variant!r}, "
                         f"skeleton {r.skeleton!r}")
        lines.append("candidates:")
        if not self.candidates:
            lines.append("  (none)")
        for m in self.candidates:
            suf = f", suffix {m.suffix!r}" if m.suffix else ""
            lines.append(f"  {m.score:6.2f}  {m.entity.id:<28} via {m.alias!r} "
                         f"({m.method}, {m.form}{suf})")
        d = self.decision
        verdict = f"→ {self.result.entity.id}" if self.result else "→ None (don't know)"
        lines.append(f"decision:    {verdict}: {d.reason} "
                     f"[min_score {d.min_score:g}, margin {d.margin:g}]")
        return "\n".join(lines)


def decide(candidates: Sequence[Match], config: MatchConfig) -> tuple[Match | None, Decision]:
    """The decision rule, shared by ``resolve``, ``find`` and replayed explanations.

    Candidates are one per entity, best first. The best is accepted if it reaches
    ``min_score`` and beats the runner-up by ``margin`` (``fuzzy_margin`` when it is fuzzy).
    """
    if not candidates:
        return None, Decision(False, "no candidate", None, None, config.min_score, config.margin)
    best = candidates[0]
    runner = candidates[1] if len(candidates) > 1 else None
    if best.method == "translit":
        min_score, margin = config.translit_min_score, config.translit_margin
    else:
        min_score = config.min_score
        margin = config.fuzzy_margin if best.method == "fuzzy" else config.margin
    rs = runner.score if runner else None
    if best.score < min_score:
        return None, Decision(False, f"best score {best.score:.2f} is below min_score",
                              best.score, rs, min_score, margin)
    if best.needs_support:
        return None, Decision(False, f"{best.alias!r} is a common name word: alone it "
                              "identifies nobody (it needs a full mention or a context word)",
                              best.score, rs, min_score, margin)
    if runner is not None and best.score - runner.score < margin:
        return None, Decision(False, f"ambiguous: {best.entity.id} {best.score:.2f} vs "
                              f"{runner.entity.id} {runner.score:.2f} (margin "
                              f"{best.score - runner.score:.2f} < {margin:g})",
                              best.score, rs, min_score, margin)
    why = (f"score {best.score:.2f} ≥ {min_score:g}"
           + (f", {best.score - runner.score:.2f} ahead of {runner.entity.id}" if runner else
              ", no other candidate"))
    return best, Decision(True, why, best.score, rs, min_score, margin)


class _Cross:
    """The cross-script indexes of a gazetteer, each built on first use (importing
    :mod:`bnentity.translit` only then): Latin queries need the index of every Latin name;
    Bengali text needs only the entities that have no Bengali spelling."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self._entities = entities
        self.latin_only = frozenset(e.id for e in entities if not e.bengali_names)
        self._built = Once()

    def _get(self, name: str) -> Any:
        return self._built.get(name, lambda: self._make(name))

    def _make(self, name: str) -> Any:
        from bnentity.translit import CrossScriptIndex, phonetic_key

        if name == "phonetic":
            return phonetic_key
        ents = self._entities if name == "all" else \
            [e for e in self._entities if e.id in self.latin_only]
        if name == "words":
            return CrossScriptIndex((e.id, w) for e in ents for n in e.latin_names
                                    for w in n.split())
        pairs = [(e.id, n) for e in ents for n in e.latin_names]
        # A person's surname alone (Lavrow, জেলেনস্কির), as for Bengali short forms.
        pairs += [(e.id, (w[0] if e.family_name_first else w[-1]))
                  for e in ents if e.type == "person"
                  for n in e.latin_names if len(w := n.split()) >= 2]
        return CrossScriptIndex(pairs)

    @property
    def all(self) -> Any:
        """Every entity's Latin names (for Latin queries)."""
        return self._get("all")

    @property
    def only(self) -> Any:
        """The Latin names of entities without a Bengali spelling (for Bengali queries)."""
        return self._get("only")

    @property
    def words(self) -> Any:
        """The words of those names (to spot them in running text)."""
        return self._get("words")

    def phonetic(self, s: str) -> str:
        key: str = self._get("phonetic")(s)
        return key


#: Form kinds by number, and their names as a Match writes them (an enum call per
#: candidate cost 5 µs).
_KINDS: Final = tuple(FormKind)
_KIND_NAMES: Final = tuple(k.name.lower() for k in FormKind)
_METHOD_RANK: Final = {"exact": 0, "variant": 1, "translit": 2, "fuzzy": 3}


def _rank_key(m: Match) -> tuple[float, int, int, str]:
    return (-m.score, _METHOD_RANK[m.method], len(m.suffix), m.entity.id)


class Resolver:
    """Resolves Bengali and Latin names to the entities of a gazetteer. Thread-safe.

    Build it with :func:`bnentity.load` (YAML files) or :meth:`from_gazetteer`.
    """

    def __init__(self, gazetteer: Gazetteer, config: MatchConfig | None = None) -> None:
        self.gazetteer = gazetteer
        self.config = config or MatchConfig()
        self.index = NameIndex(gazetteer, self.config)
        #: The parts built on first use: the finder, the cross-script indexes.
        self._parts = Once()
        self._word_cands: Callable[[str, bool], tuple[tuple[int, float], ...]] = \
            lru_cache(maxsize=200_000)(self._word_candidates)

    @classmethod
    def from_gazetteer(cls, gazetteer: Gazetteer, **overrides: Any) -> Resolver:
        """A resolver over an in-memory gazetteer; keyword arguments override MatchConfig."""
        return cls(gazetteer, MatchConfig().with_overrides(**overrides))

    @classmethod
    def from_paths(cls, *paths: str | Path, **overrides: Any) -> Resolver:
        from bnentity.gazetteer.load import load_gazetteer
        return cls(load_gazetteer(*paths), MatchConfig().with_overrides(**overrides))

    def __repr__(self) -> str:
        return f"<Resolver {len(self.gazetteer)} entities, {len(self.index)} forms>"

    # -- query parsing -------------------------------------------------------------------
    def readings(self, name: str) -> list[Reading]:
        """The ways to read ``name``: its words with each plausible suffix stripped."""
        norm = normalize_with_offsets(name)
        ps = pieces(norm)
        words = [normalized_key(p.text) for p in ps]
        words = [w for w in words if w]
        if not words:
            return []
        clitic = ""
        if len(words) > 1 and is_clitic(ps[-1]):
            clitic = ps[-1].sep + ps[-1].text
            words = words[:-1]
        return self._readings_of(tuple(words), clitic)

    def _readings_of(self, words: tuple[str, ...], clitic: str) -> list[Reading]:
        out: list[Reading] = []
        seen: set[str] = set()
        rules = self.config.rules
        # Every key is word by word (no folding rule crosses a space), so the keys of a
        # reading are joined from the words' cached keys: in running text the same words
        # recur in ever new spans.
        head_v = [variant_key(w, rules=rules) for w in words[:-1]]
        head_s = [skeleton_key(w) for w in words[:-1]]
        for st in stems(words[-1]):
            tail = st.stem.split(" ")
            nk = " ".join((*words[:-1], *tail))
            if nk in seen:
                continue
            seen.add(nk)
            vws = (*head_v, *(variant_key(w, rules=rules) for w in tail))
            vk = " ".join(vws)
            out.append(Reading(vws, st.suffix + clitic, nk, vk,
                               " ".join((*head_s, *(skeleton_key(w) for w in tail))),
                               joined_key(nk, variant=vk)))
        return out

    # -- candidate generation and scoring --------------------------------------------
    def _word_candidates(self, word: str, single: bool) -> tuple[tuple[int, float], ...]:
        idx = self.index
        cfg = self.config
        out = []
        if single:
            # A one-word name's rules only refuse more (word_similarity: single is never
            # above the general score), so its candidates are among the general ones.
            for wid, _s in self._word_cands(word, False):
                s = word_similarity(word, idx.words[wid], cfg, single=True)
                if s >= cfg.word_min:
                    out.append((wid, s))
            return tuple(out)
        for wid in idx.similar_words(word, substitutions=word in NAME_OF):
            s = word_similarity(word, idx.words[wid], cfg, single=single)
            if s >= cfg.word_min:
                out.append((wid, s))
        return tuple(out)

    def _score_readings(self, readings: Sequence[Reading], *, cross: bool = True,
                        joined: bool = True) -> list[Match]:
        """Best match per entity over all readings, best first. ``cross=False`` skips the
        cross-script candidates, ``joined=False`` the lookups of the words written together
        (the finder knows when none can match)."""
        idx = self.index
        entities, form_entity, rejected = idx.entities, idx.form_entity, idx.rejected
        # The best offer per entity, by the rank of the Match it would make (_rank_key): a
        # common name word offers thousands of forms, and only the winners become Matches.
        offers: dict[int, tuple[tuple[float, int, int, str], int, Method, Reading]] = {}

        def offer(fidx: int, score: float, method: Method, reading: Reading) -> None:
            epos = form_entity[fidx]
            if (epos, reading.normalized) in rejected:
                return
            key = (-score, _METHOD_RANK[method], len(reading.suffix), entities[epos].id)
            cur = offers.get(epos)
            if cur is None or key < cur[0]:
                offers[epos] = (key, fidx, method, reading)

        for r in readings:
            for fidx in idx.by_variant(r.variant):
                kind = _KINDS[idx.form_kind[fidx]]
                exact = normalized_key(idx.form_text(fidx)) == r.normalized
                offer(fidx, BASE_SCORES[kind][0 if exact else 1], "exact" if exact else
                      "variant", r)
            # Spaced or unspaced (পিয়ং ইয়ং/পিয়ংইয়ং): a variant-key match of the joined words.
            # Not two one-word spellings: the variant key compares them (and a common surname
            # is the one-word form of thousands of entities).
            for fidx in idx.by_joined(r.joined, min_words=1 + (len(r.words) == 1)) \
                    if joined else ():
                offer(fidx, BASE_SCORES[_KINDS[idx.form_kind[fidx]]][1], "variant", r)
        for r in readings:
            for fidx, sim in self._fuzzy_forms(r.words):
                if r.suffix and not suffix_fits(idx.words[idx.form_words(fidx)[-1]], r.suffix):
                    # কমিশনার is not কমিশন + র: after a consonant the genitive is ের.
                    continue
                offer(fidx, min(sim, FUZZY_CAP), "fuzzy", r)
        best = {epos: Match(entities[epos], -key[0], idx.form_text(fidx), method, r.suffix,
                            _KIND_NAMES[idx.form_kind[fidx]], fidx in idx.common_forms)
                for epos, (key, fidx, method, r) in offers.items()}
        if cross:
            self._cross_candidates(readings, best)
        return sorted(best.values(), key=_rank_key)

    # -- across scripts (bnentity.translit) -------------------------------------------
    def _cross(self) -> _Cross:
        return self._parts.get("cross", lambda: _Cross(self.index.entities))

    def _cross_candidates(self, readings: Sequence[Reading], best: dict[int, Match]) -> None:
        """Offer cross-script matches: Latin queries against every entity's Latin names by
        sound (Lavrow → Lavrov); Bengali queries against entities that have *only* a Latin
        name (ভলোদিমির জেলেনস্কি → name: Volodymyr Zelensky)."""
        if not readings:
            return
        latin = readings[0].normalized.isascii()
        cross = self._cross()
        if not latin and not cross.latin_only:
            return
        idx = self.index
        table = cross.all if latin else cross.only
        for r in (readings if not latin else readings[:1]):
            sound = cross.phonetic(r.normalized) if latin else ""
            for eid, name, score in table.candidates(r.normalized, limit=5):
                epos = idx.entity_position(eid)
                # Latin to Latin, only a spelling of the same sound counts (Lavrow/Lavroff/
                # Lavrov share a phonetic key); "Share" scores 84 against "Sark" in a seed's
                # boilerplate but is another word.
                if latin and sound != cross.phonetic(name):
                    continue
                cur = best.get(epos)
                m = Match(idx.entities[epos], score, name, "translit", r.suffix, "latin")
                if cur is None or (cur.method == "fuzzy" and cur.score < score
                                   and cur.score < self.config.min_score):
                    best[epos] = m

    def could_be_translit_word(self, word: str) -> bool:
        """Whether a Bengali word may be part of the name of an entity known only in Latin."""
        cross = self._cross()
        if not cross.latin_only or word.isascii():
            return False
        return bool(cross.words.candidates(word, limit=1,
                                           score_cutoff=self.config.translit_min_score))

    def _fuzzy_forms(self, words: tuple[str, ...]) -> list[tuple[int, float]]:
        idx = self.index
        cfg = self.config
        k = len(words)
        single = k == 1
        per_pos: list[dict[int, float]] = []
        for w in words:
            cands = dict(self._word_cands(w, single))
            if not cands:
                return []
            per_pos.append(cands)
        # Walk the postings of the position with the fewest forms.
        off = idx.posting_off
        pivot = min(range(k), key=lambda i: sum(off[w + 1] - off[w] for w in per_pos[i]))
        out: list[tuple[int, float]] = []
        seen: set[int] = set()
        budget = cfg.max_candidates
        nwords, flat, offsets, vocab_words = idx.nwords, idx.words_flat, idx.words_off, idx.words
        positions = range(k)
        for wid in sorted(per_pos[pivot], key=lambda w: (-per_pos[pivot][w], w)):
            for fidx in idx.postings_of(wid):
                if nwords[fidx] != k or fidx in seen:
                    continue
                seen.add(fidx)
                budget -= 1
                if budget < 0:
                    return out
                base = offsets[fidx]
                total = 0.0
                weight = 0
                for i in positions:
                    fwid = flat[base + i]
                    s = per_pos[i].get(fwid)
                    if s is None:
                        break
                    wlen = max(len(words[i]), len(vocab_words[fwid]))
                    total += s * wlen
                    weight += wlen
                else:
                    out.append((fidx, total / weight))
        return out

    # -- public verbs -----------------------------------------------------------------
    def candidates(self, name: str, *, limit: int = 5) -> list[Match]:
        """Ranked candidates with scores, near-ties included; at most ``limit``."""
        return self._score_readings(self.readings(name))[:limit]

    def resolve(self, name: str) -> Match | None:
        """The entity when one is clearly right, else ``None``.

        >>> import bnentity
        >>> bnentity.load().resolve("লাভরভের").entity.id
        'sergey-lavrov'
        """
        return decide(self._score_readings(self.readings(name)), self.config)[0]

    def explain(self, name: str) -> Explanation:
        """The whole story: normalization, readings and keys, candidates, decision."""
        readings = self.readings(name)
        cands = self._score_readings(readings)
        result, decision = decide(cands, self.config)
        return Explanation(name, normalize_with_offsets(name).text, tuple(readings),
                           tuple(cands), decision, result, self.config)

    # -- running text -------------------------------------------------------------------
    @property
    def _finder(self) -> MentionFinder:
        return self._parts.get("finder", lambda: MentionFinder(self))

    def find(self, text: str) -> list[Mention]:
        """Every mention of an entity in ``text``, in order, non-overlapping.

        Offsets index the original string: ``text[m.start:m.end] == m.text``.

        >>> import bnentity
        >>> [(m.text, m.entity.id) for m in bnentity.load().find("চো সন হুই’র সঙ্গে লাভরভ")]
        [('চো সন হুই’র', 'choe-son-hui'), ('লাভরভ', 'sergey-lavrov')]
        """
        return self._finder.find(text)

    def rewrite(self, text: str, *, style: RewriteStyle = "replace",
                expand_short: bool = False) -> str:
        """``text`` with every mention written in its entity's canonical Bengali spelling.

        The inflection is kept and re-attached in the form the new spelling needs
        (:func:`~bnentity.matching.mentions.attach_suffix`). Short forms stay short but take
        the gazetteer's spelling (ল্যাভরভের → লাভরভের) unless ``expand_short=True``
        (→ সের্গেই লাভরভের). Everything that is not a mention is left unchanged, character
        for character. ``style="annotate"`` writes ``[[surface|entity-id]]`` instead;
        ``style="json"`` returns the text and its mentions as JSON, for review.
        """
        if style not in ("replace", "annotate", "json"):
            raise ValueError(f"style must be 'replace', 'annotate' or 'json', not {style!r}")
        return _rewrite(self._finder, text, style=style, expand_short=expand_short)

    def link(self, text: str, spans: Iterable[Span]) -> list[Link]:
        """Link spans another recognizer found: ``(start, end)`` or ``(start, end, label)``.

        One :class:`~bnentity.matching.link.Link` per span, in the given order; see
        :mod:`bnentity.matching.link` for how labels, titles and ragged spans are handled.
        """
        from bnentity.matching.link import link_spans
        return link_spans(self, text, spans)

    def similarity(self, a: str, b: str) -> float:
        """Name similarity 0–100 of two spellings, as the resolver sees them."""
        va = tuple(variant_key(a, rules=self.config.rules).split(" "))
        vb = tuple(variant_key(b, rules=self.config.rules).split(" "))
        return name_similarity(va, vb, self.config)
