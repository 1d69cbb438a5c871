"""Running text: find every mention of a gazetteer entity, link it, rewrite it.

The finder reads word pieces of the normalized text (:func:`bnentity.tokens.piece_lists`) and, at
each piece, tries the longest run of up to ``max_name_words`` pieces first. A run never crosses
punctuation or a line break, may contain hyphens (কিম জং-উন, বাশার আল-আসাদ), and may end in a
clitic joined by ``-`` or ``'`` (হুই’র, তাস-এর). Each run is resolved by exactly the resolver's
readings, scoring and :func:`~bnentity.matching.resolver.decide` — it is the same matching.
Pieces are whole words, so a mention never starts or ends inside a word (অনুমোদিত ∌ মোদি).

Short forms need more care than full names, because they are shared and some are ordinary
words. After the first pass over the document:

* a full name (``bn``, ``aliases``, Latin names) is linked wherever it is found;
* a short form (``short`` or a person's surname) that belongs to one entity only is linked;
* a short form shared by several entities (কিম: Kim Jong Un and Kim Yo Jong) is linked to the
  one that has a full mention anywhere in the same document, else not at all — the whole
  document counts, because headlines use the short form before the body gives the full name;
* a homograph (``homographs``: তাস, মাস্ক, মমতা) is linked only with support: a full mention of
  its entity in the document, or one of the entity's ``context`` words within
  ``context_window`` words;
* so is a single word matched only loosely: across scripts (an entity known only by its Latin
  name), or a short form spelled otherwise than the gazetteer spells it.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import compress
from operator import attrgetter, not_
from typing import TYPE_CHECKING, Any, Final, Literal

import regex

from bnentity.cuewords import MONTHS, ORG_HEADS, STOPWORDS, is_finite_verb
from bnentity.gazetteer.model import Entity
from bnentity.inflection import attach_suffix, stems
from bnentity.keys import normalized_key, variant_key
from bnentity.matching.config import MatchConfig
from bnentity.matching.similarity import vowel_rescued, word_similarity
from bnentity.matching.spans import CACHE_SIZE, SpanChecks, Ways
from bnentity.namewords import is_common_name_word, is_title
from bnentity.normalize import Normalized, normalize_with_offsets
from bnentity.tokens import NAME_SEPARATORS, PieceLists, glued_clitics, piece_lists

if TYPE_CHECKING:
    from bnentity.matching.resolver import Match, Resolver

__all__ = ["Mention", "MentionFinder", "attach_suffix"]

Support = Literal["name", "unique", "document", "context"]

@dataclass(frozen=True, slots=True)
class Mention:
    """A mention of an entity in a text.

    ``start``/``end`` index the *original* string, so ``text == original[start:end]``;
    ``suffix`` is the inflection or clitic glued to the name as written (``'ের'``, ``'’র'``)
    and ``suffix_start`` where it begins. ``support`` says why it was linked: ``name`` (a full
    name), ``unique`` (a short form of one entity only), ``document`` (the entity is named in
    full elsewhere in the text) or ``context`` (a context word of the entity is near).
    """

    start: int
    end: int
    text: str
    entity: Entity
    score: float
    method: str
    suffix: str
    suffix_start: int
    alias: str
    form: str
    support: Support

    def to_dict(self) -> dict[str, Any]:
        e = self.entity
        return {"start": self.start, "end": self.end, "text": self.text, "id": e.id,
                "name": e.name, "bn": e.bn, "type": e.type, "score": round(self.score, 2),
                "method": self.method, "suffix": self.suffix, "alias": self.alias,
                "form": self.form, "support": self.support}


@dataclass(frozen=True, slots=True)
class _Tentative:
    i: int                    # first piece
    j: int                    # one past the last name piece
    end_piece: int            # one past the last piece including a clitic
    match: Match | None       # the decided match (None: ambiguous short form)
    cands: tuple[Match, ...]  # with a match: the runners-up it may switch to
    needs_support: bool       # short form or homograph
    weak: bool = False        # one word matched only loosely: being unique is not enough
    ties: _Ties | None = None  # when ``match`` is None: the near-ties, indexed


@dataclass(frozen=True, slots=True, eq=False)
class _Ties:
    """Short forms of several entities (or a common name word) too close to call, indexed
    once per span for :meth:`MentionFinder._settle`: a common surname ties hundreds."""

    by_id: dict[str, Match]       # every tie, by entity id
    person_short: bool            # all are short forms of persons
    with_context: tuple[Match, ...]  # those whose context words may support them


_SpanResult = tuple["Match | None", tuple["Match", ...], "_Ties | None"]
#: What :meth:`MentionFinder._first_name` finds at the start of a run of words.
_First = tuple[int, int, "Match | None", tuple["Match", ...], bool, bool, "_Ties | None"]


class MentionFinder:
    """Finds mentions with a resolver's index, scoring and decision rule. Thread-safe.

    Every candidate span of the text is resolved by the resolver's own scoring, after the
    cheap necessary conditions of :mod:`bnentity.matching.spans` (which change speed, never
    results); the rules below then decide which candidate mentions are linked.
    """

    def __init__(self, resolver: Resolver) -> None:
        self.r = resolver
        idx = resolver.index
        homo: set[tuple[int, str]] = set()
        for epos, e in enumerate(idx.entities):
            for h in e.homographs:
                homo.add((epos, variant_key(h, rules=resolver.config.rules)))
        self._homographs = frozenset(homo)
        self._context: dict[str, frozenset[str]] = {
            e.id: frozenset(normalized_key(c) for c in e.context)
            for e in idx.entities if e.context}
        self.spans = SpanChecks(resolver)
        self._span: Callable[[tuple[str, ...], str, Ways], _SpanResult] = \
            lru_cache(maxsize=CACHE_SIZE)(self._resolve_span)
        self._first: Callable[[tuple[str, ...], tuple[str, ...], bool], _First | None] = \
            lru_cache(maxsize=CACHE_SIZE)(self._first_name)

    def _resolve_span(self, words: tuple[str, ...], clitic: str, ways: Ways) -> _SpanResult:
        from bnentity.matching.resolver import decide
        r = self.r
        cross, joined = ways
        cands = r._score_readings(r._readings_of(words, clitic), cross=cross, joined=joined)
        best, _ = decide(cands, r.config)
        found = tuple(cands)
        # Keep (the cache holds many spans) only the candidates a later step looks at: the
        # near-ties of a short form left for the document to decide, and the runners-up a
        # short form may switch to (:meth:`_named_alternative`).
        if best is None:
            ties = self._short_ties(found)
            if ties is None:
                return None, (), None
            return None, (), _Ties(
                {c.entity.id: c for c in ties},
                all(c.entity.type == "person" and self._is_short(c) for c in ties),
                tuple(c for c in ties if c.entity.id in self._context
                      and not (c.needs_support and c.form == "auto_short")))
        return best, tuple(c for c in found if best.score - c.score <= SHORT_SWITCH_MARGIN), \
            None

    # -- the finder ---------------------------------------------------------------------
    def find(self, text: str) -> list[Mention]:
        if len(text) <= CHUNK_CHARS:
            one_word_cross = self.spans.one_word_cross
            norm, doc, words, tentative = self._scan(text, one_word_cross)
            named = self._named(tentative)
            if not one_word_cross and self.spans.one_word_cross_for(named):
                # The document names an entity known only in Latin: read it again, now
                # comparing one-word spans with that name too.
                norm, doc, words, tentative = self._scan(text, True)
                named = self._named(tentative)
            return self._settle(norm, doc, words, tentative, named)
        # A long text is read in line-aligned chunks, twice: the first pass collects the
        # entities named in full anywhere (document context spans the whole text), the second
        # settles each chunk with them. Memory is bounded by the chunk, not the text.
        named = set()
        for lo, hi in _chunks(text):
            named |= self._named(self._scan(text[lo:hi], self.spans.one_word_cross)[3])
        one_word_cross = self.spans.one_word_cross_for(named)
        out: list[Mention] = []
        for lo, hi in _chunks(text):
            norm, doc, words, tentative = self._scan(text[lo:hi], one_word_cross)
            out.extend(_shift(m, lo) for m in self._settle(norm, doc, words, tentative, named))
        return out

    @staticmethod
    def _named(tentative: list[_Tentative]) -> set[str]:
        return {t.match.entity.id for t in tentative
                if t.match is not None and not t.needs_support}

    def _scan(self, text: str, one_word_cross: bool,
              ) -> tuple[Normalized, PieceLists, tuple[str, ...], list[_Tentative]]:
        """The first pass over one text: every candidate span, longest first."""
        norm = normalize_with_offsets(text)
        doc = piece_lists(norm)
        spans = self.spans
        # Per piece (C-level maps over cached per-word facts: news repeats its words).
        words = tuple(map(_KEY, map(spans.word, doc.texts)))  # a slice is a cache key as it is
        # The clitic glued to each piece's predecessor (হুই’র: 'র at the piece after হুই).
        clitics = (*glued_clitics(doc), "")
        n = len(words)
        # Whether each piece continues the run of the one before (no punctuation or line
        # break between); a run breaks where one does not.
        joins = list(map(NAME_SEPARATORS.__contains__, doc.seps))
        glued = joins[1:]
        glued.append(False)
        breaks = list(compress(range(n), map(not_, joins)))
        breaks.append(n)
        maxw = self.r.config.max_name_words
        first = self._first
        tentative: list[_Tentative] = []
        next_i = 0  # the piece after the last candidate mention
        for i in spans.starts(words, glued, one_word_cross):
            if i < next_i:
                continue
            # The run of pieces a name may span from i: no punctuation or line break inside.
            limit = min(breaks[bisect_right(breaks, i)], i + maxw)
            hit = first(words[i:limit], clitics[i + 1:limit + 1], one_word_cross)
            if hit is not None:
                k, glued_clitic, best, cands, needs_support, weak, ties = hit
                next_i = i + k + glued_clitic
                tentative.append(_Tentative(i, i + k, next_i, best, cands, needs_support, weak,
                                            ties))
        return norm, doc, words, tentative

    def _first_name(self, run: tuple[str, ...], clitics: tuple[str, ...],
                    one_word_cross: bool) -> _First | None:
        """The longest span at the start of ``run`` (words of a name run; ``clitics[k - 1]``
        is the clitic glued after its first ``k`` words, if any) that is a candidate mention:
        (words, 1 if a clitic is glued, match, candidates, needs support, weak, ties), else
        None. Cached: it depends on the run's words only, not on where they stand."""
        for k, ways in self.spans.runs(run, one_word_cross):
            clitic = clitics[k - 1]
            best, cands, ties = self._span(run[:k], clitic, ways)
            if best is not None and best.method == "translit" and len(best.alias.split()) != k:
                # Across scripts, the span must have the Latin name's words (সড়ক ও is
                # not "Sark" plus a word).
                best = None
            if best is not None:
                needs_support, weak = self._support_needed(k, best, run[0])
                return k, int(bool(clitic)), best, cands, needs_support, weak, None
            if ties is not None:
                return k, int(bool(clitic)), None, cands, True, False, ties
        return None

    def _is_short(self, m: Match) -> bool:
        return m.form in ("short", "auto_short")

    def _support_needed(self, k: int, best: Match, first_word: str) -> tuple[bool, bool]:
        """Whether a span of ``k`` words matched as ``best`` needs support (a full mention
        in the document or a context word) to be linked, and whether it is *weak* (being the
        only candidate is not enough)."""
        homograph = self._is_homograph(best)
        # One word matched only loosely — across scripts, or (fuzzily, or as a short form)
        # with other consonants than the gazetteer's spelling — needs a full mention or a
        # context word, like a homograph. Vowel-only differences stay linked (মোদী/মোদি,
        # কোলকাতা/কলকাতা, তেহেরান/তেহরান were misses of bench_find_accuracy when they were
        # weak), unless only the one-vowel rule lets them pass (নিয়ে ≠ নিউয়ে, see
        # :func:`~bnentity.matching.similarity.vowel_rescued`). Measured on ../shared/data:
        # সাড়ে, সড়ক, সার, শোক → Sark (a Latin-only entity, 194 false links), ভাষার/বাসার →
        # বাশার (ভ/ব and ষ/স folding), ফরিদুর (a given name) → Faridpur. Still linked, a known
        # false alarm: ক্যামেরন (David Cameron) → Cameroon, whose consonants are the same.
        loose = best.method == "fuzzy" or (best.method == "variant" and self._is_short(best))
        word = _without(first_word, best.suffix)  # the ending is not part of the name
        weak = k == 1 and (
            best.method == "translit"
            or (best.method == "fuzzy" and self._is_short(best))  # পরিণতি ≠ পরিণীতি
            or (loose and _consonants(word) != _consonants(normalized_key(best.alias)))
            or (best.method == "fuzzy" and vowel_rescued(
                variant_key(word, rules=self.r.config.rules),
                variant_key(best.alias, rules=self.r.config.rules), self.r.config)))
        return self._is_short(best) or homograph or weak, weak

    def _is_homograph(self, m: Match) -> bool:
        """Whether the spelling that matched is one its entity lists as an ordinary word."""
        epos = self.r.index.entity_position(m.entity.id)
        return (epos, variant_key(m.alias, rules=self.r.config.rules)) in self._homographs

    def _short_ties(self, cands: tuple[Match, ...]) -> tuple[Match, ...] | None:
        """The near-ties of candidates refused only for want of support — short forms of
        several entities (কিম), or one short form that is a common name word (খান) — else
        None."""
        if not cands:
            return None
        top = cands[0]
        cfg = self.r.config
        if top.score < cfg.min_score or top.method == "fuzzy":
            return None
        tied = tuple(c for c in cands if top.score - c.score < cfg.margin)
        if all(self._is_short(c) or c.needs_support for c in tied) \
                and (len(tied) > 1 or top.needs_support):
            return tied
        return None

    def _settle(self, norm: Normalized, doc: PieceLists, words: tuple[str, ...],
                tentative: list[_Tentative], named: set[str]) -> list[Mention]:
        out: list[Mention] = []
        prev_end = -1  # where the previous candidate mention ended (in pieces)
        for t in tentative:
            m = t.match
            support: Support = "name"
            after_mention, prev_end = prev_end == t.i, t.end_piece
            if (m is None or t.needs_support) and _after_another_name(doc, words, t.i):
                # খালেদ খান, হাবিবুর রহমান: a surname right after another person's given
                # name is that person's, whoever else the document names.
                continue
            if not after_mention and (m is None or t.needs_support) \
                    and _after_unknown_word(doc, words, t.i) \
                    and (m.entity.type == "person" and self._is_short(m) if m is not None
                         else t.ties is not None and t.ties.person_short):
                # ললিত মোদি, মুনমুন আহমেদ: a word that may be another person's given name
                # comes first — whoever the document names.
                continue
            if m is not None and _inside_longer_name(doc, words, t, m):
                continue
            if m is None:
                # Short forms tied between entities, or a common name word: link only to the
                # one named in full in this document, else to the one with context nearby.
                ties = t.ties  # the near-ties (see _resolve_span)
                if ties is None:  # (never: a tentative mention without a match has them)
                    continue
                in_doc = [ties.by_id[e] for e in named if e in ties.by_id]
                if len(in_doc) == 1:
                    m, support = in_doc[0], "document"
                elif in_doc:
                    continue
                else:
                    in_ctx = [c for c in ties.with_context
                              if self._has_context(c.entity.id, words, t.i, t.end_piece,
                                                   c.needs_support)]
                    if len(in_ctx) != 1:
                        continue
                    m, support = in_ctx[0], "context"
            elif t.needs_support:
                m = self._named_alternative(t, m, named)
                homograph = self._is_homograph(m)
                if m.entity.id in named:
                    support = "document"
                elif not (m.needs_support and m.form == "auto_short") and \
                        self._has_context(m.entity.id, words, t.i, t.end_piece,
                                          m.needs_support):
                    # A common surname of a fully named person (রহমান, খান) is shared by
                    # thousands: a role word nearby (বিএনপি, অভিনেতা) does not single out the
                    # gazetteer's one; only a full mention in the document does.
                    support = "context"
                elif not homograph and not t.weak:
                    support = "unique"
                else:
                    continue
            out.append(self._mention(norm, doc, t, m, support))
        return out

    def _named_alternative(self, t: _Tentative, m: Match, named: set[str]) -> Match:
        """A short form whose winner is not named in the document, but whose close runner-up
        (within :data:`SHORT_SWITCH_MARGIN`, also a short form) is: the document decides
        (… ললিত মোদি … মোদিকে is Lalit Modi, though Narendra Modi owns the short form)."""
        if m.entity.id in named:
            return m
        alt = [c for c in t.cands if c.entity.id in named and self._is_short(c)
               and m.score - c.score <= SHORT_SWITCH_MARGIN]
        return alt[0] if len(alt) == 1 else m

    def _has_context(self, entity_id: str, words: tuple[str, ...], i: int, j: int,
                     common: bool = False) -> bool:
        ctx = self._context.get(entity_id)
        if not ctx:
            return False
        w = min(self.r.config.context_window, COMMON_CONTEXT_WINDOW) if common \
            else self.r.config.context_window
        lo, hi = max(0, i - w), min(len(words), j + w)
        window = " ".join(words[lo:i]) + " | " + " ".join(words[j:hi])
        return any(c in window for c in ctx)

    def _mention(self, norm: Normalized, doc: PieceLists, t: _Tentative, m: Match,
                 support: Support) -> Mention:
        nstart, nend = doc.bounds[2 * t.i], doc.bounds[2 * t.end_piece - 1]
        start, end = norm.original_span(nstart, nend)
        nsuffix = m.suffix
        suffix_start = norm.original_span(nend - len(nsuffix), nend)[0] if nsuffix else end
        original = norm.original
        return Mention(start, end, original[start:end], m.entity, m.score, m.method,
                       original[suffix_start:end], suffix_start, m.alias, m.form, support)


_KEY: Final = attrgetter("key")     # of a WordInfo


#: How far behind the winner a short form may be and still take a short mention because the
#: document names its entity in full: an editor's short form (99) vs another's surname (96).
SHORT_SWITCH_MARGIN: Final = 5.0

#: For a common name word (সোহেল, খান) a context word counts only this close: "সাংবাদিক
#: সোহেলকে" and "আ.লীগ নেতা তানভীরকে" (seeds) are 1–3 pieces apart; "অভিনেতা , নির্দেশক খালেদ
#: খান" (../shared/data, not Salman Khan) is 4 with another name between.
COMMON_CONTEXT_WINDOW: Final = 4


def _word_before(doc: PieceLists, words: tuple[str, ...], i: int) -> str | None:
    """The word of the piece before ``i`` if a space joins them (a name run), else None."""
    return words[i - 1] if i and doc.seps[i] == " " else None


def _after_another_name(doc: PieceLists, words: tuple[str, ...], i: int) -> bool:
    """Whether the piece before ``i`` is a common given name or surname joined by a space
    (খালেদ খান, হাবিবুর রহমান: someone else's surname)."""
    prev = _word_before(doc, words, i)
    return prev is not None and _is_name_word(prev)


@lru_cache(maxsize=CACHE_SIZE)
def _is_name_word(word: str) -> bool:
    return is_common_name_word(variant_key(word))


def _after_unknown_word(doc: PieceLists, words: tuple[str, ...], i: int) -> bool:
    """Whether the piece before ``i`` may be another person's given name (see
    :func:`_may_be_given_name`)."""
    prev = _word_before(doc, words, i)
    return prev is not None and _may_be_given_name(prev)


@lru_cache(maxsize=CACHE_SIZE)
def _may_be_given_name(word: str) -> bool:
    """Whether a word may be a given name: a Bengali word that is no common word, title, verb
    or inflected word (ললিত মোদি, বিল ক্লিনটন, জয়া বচ্চন — not প্রধানমন্ত্রী মোদি, ভারতের মোদি,
    বলেন মোদি, ও মোদি).

    Measured on the find-accuracy benchmark's dev split: these surnames of look-alikes were
    20 of its 55 false links."""
    if not word or word.isascii() or word.isdigit():
        return False
    if word in STOPWORDS or is_title(word) or word in MONTHS or is_finite_verb(word) \
            or word.endswith(_CLASSIFIER_ENDINGS):
        return False
    return not any(st.suffix for st in stems(word))


#: A noun with a classifier (সময়টা, বইটির, দলগুলো) is no given name: of the 4,071 words before
#: the last word of the PER spans of ../shared/data, none ends so (one ends in bare টি: মন্টি,
#: which is why টি alone is not here). ``এ সময়টা সালমান`` is Salman Khan.
_CLASSIFIER_ENDINGS: Final = ("টা", "টার", "টাকে", "টির", "টিকে", "গুলো", "গুলোর", "গুলি")


def _inside_longer_name(doc: PieceLists, words: tuple[str, ...], t: _Tentative,
                        m: Match) -> bool:
    """Whether a place's name, uninflected, begins a longer name: an organisation or an event
    (বাংলাদেশ ব্যাংক, ওয়াশিংটন পোস্ট, বেইজিং অলিম্পিক: a head of
    :data:`bnentity.cuewords.ORG_HEADS` follows) or an electoral constituency (কুমিল্লা-৬).
    Measured on the find-accuracy benchmark's dev split: 24 of its 55 false links."""
    k = t.end_piece
    if m.entity.type != "place" or m.suffix or k >= len(doc.texts):
        return False
    sep = doc.seps[k]
    if sep == "-":
        return doc.texts[k].isdigit()
    return sep == " " and any(st.stem in ORG_HEADS for st in stems(words[k]))


_CONSONANT_LETTERS = regex.compile(r"[^\u0995-\u09b9\u09bc\u09ce\u09dc-\u09df]")


def _consonants(word: str) -> str:
    """The consonant letters of a word as written (before any folding)."""
    consonants: str = _CONSONANT_LETTERS.sub("", word)
    return consonants


#: Texts longer than this are read in chunks ending at a line break (or, failing one, a
#: space). News articles are far shorter (the seeds: 6–8 thousand characters); an archive
#: handed over as one string is not, and must not cost memory in proportion to its size.
CHUNK_CHARS: Final = 100_000


def _without(word: str, suffix: str) -> str:
    """The word without the inflection the match stripped from it."""
    return word[:-len(suffix)] if suffix and word.endswith(suffix) else word


def _chunks(text: str) -> list[tuple[int, int]]:
    out = []
    lo = 0
    while lo < len(text):
        hi = min(len(text), lo + CHUNK_CHARS)
        if hi < len(text):
            cut = text.rfind("\n", lo + CHUNK_CHARS // 2, hi)
            if cut < 0:
                cut = text.rfind(" ", lo + CHUNK_CHARS // 2, hi)
            hi = cut + 1 if cut >= 0 else hi
        out.append((lo, hi))
        lo = hi
    return out


def _shift(m: Mention, by: int) -> Mention:
    return replace(m, start=m.start + by, end=m.end + by, suffix_start=m.suffix_start + by)


# -- rewriting ---------------------------------------------------------------------------
RewriteStyle = Literal["replace", "annotate", "json"]


def rewrite(finder: MentionFinder, text: str, *, style: RewriteStyle = "replace",
            expand_short: bool = False) -> str:
    """See :meth:`bnentity.Resolver.rewrite`."""
    mentions = finder.find(text)
    if style == "json":
        return json.dumps({"text": text, "mentions": [m.to_dict() for m in mentions]},
                          ensure_ascii=False)
    out: list[str] = []
    pos = 0
    for m in mentions:
        out.append(text[pos:m.start])
        if style == "annotate":
            out.append(f"[[{m.text}|{m.entity.id}]]")
        else:
            out.append(_replacement(m, expand_short, finder.r.config))
        pos = m.end
    out.append(text[pos:])
    return "".join(out)


def _canonical_short(m: Mention, cfg: MatchConfig) -> str:
    """The spelling a short mention is rewritten to: the first of the entity's short
    spellings — the surname as ``bn`` writes it, then its ``short`` list in order — that is
    a spelling of the same word (ল্যাভরভ → লাভরভ; জয়া stays জয়া, not বচ্চন)."""
    e = m.entity
    options: list[str] = []
    if e.bn and len(words := e.bn.split()) >= 2:
        options.append(words[0] if e.family_name_first else words[-1])
    options.extend(e.short)
    alias = variant_key(m.alias, rules=cfg.rules)
    for option in options:
        if option == m.alias or word_similarity(variant_key(option, rules=cfg.rules), alias,
                                                cfg) > 0:
            return option
    return m.alias


def _replacement(m: Mention, expand_short: bool, cfg: MatchConfig) -> str:
    short = m.form in ("short", "auto_short")
    if short and not expand_short:
        canonical = _canonical_short(m, cfg)
    elif m.form == "latin" or m.entity.bn is None:
        # Latin text stays Latin; an entity without a Bengali spelling has nothing to write.
        return m.text
    else:
        canonical = m.entity.bn
    return attach_suffix(canonical, m.suffix)
