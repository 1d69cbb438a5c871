"""Running text: find every mention of a gazetteer entity, link it, rewrite it.

The finder reads word pieces of the normalized text (:func:`bnentity.tokens.pieces`) and, at
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
import threading
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Final, Literal, NamedTuple, TypeVar, cast

import regex

from bnentity.cuewords import ORG_HEADS, STOPWORDS, is_finite_verb
from bnentity.gazetteer.model import Entity
from bnentity.inflection import attach_suffix, stems
from bnentity.keys import joined_key, normalized_key, variant_key
from bnentity.matching.config import MatchConfig
from bnentity.matching.similarity import word_similarity
from bnentity.namewords import TITLE_WORDS, is_common_name_word
from bnentity.normalize import Normalized, normalize_with_offsets
from bnentity.tokens import NAME_SEPARATORS, Piece, is_clitic, pieces

if TYPE_CHECKING:
    from bnentity.matching.resolver import Match, Resolver

__all__ = ["Mention", "MentionFinder", "attach_suffix"]

Support = Literal["name", "unique", "document", "context"]
_T = TypeVar("_T")

#: Entries per cache of the finder (words, word pairs, spans). A 2.7 MB news sample
#: (../shared/data) has 46k distinct words; each entry is a few hundred bytes.
_CACHE_SIZE: Final = 200_000
#: "Any vocabulary word": a stem the checks cannot reason about (see ``_word_cands``).
_ANY_WORD: Final = frozenset({-1})


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
    cands: tuple[Match, ...]  # the candidates that matter (see _resolve_span)
    needs_support: bool       # short form or homograph
    weak: bool = False        # one word matched only loosely: being unique is not enough


class _Word(NamedTuple):
    """What the finder knows of one word piece (cached by its text)."""

    key: str      # normalized key ('' for a piece that is no word)
    inner: bool   # may be a non-final word of a name
    final: bool   # may be the last word (an ending stripped)


_NO_WORD: Final = _Word("", False, False)

_SpanResult = tuple["Match | None", tuple["Match", ...], bool]
#: How a span may match (see :meth:`MentionFinder._span_check`): whether to look across
#: scripts, and whether its words written together may be a name.
_Ways = tuple[bool, bool]


class MentionFinder:
    """Finds mentions with a resolver's index, scoring and decision rule. Thread-safe.

    Every candidate span of the text is resolved by the resolver's own scoring, but most
    spans cannot match anything, and news has many of them (a 100k-alias gazetteer built from
    real name words accepts two words in three as possible name words). So a span is first
    checked against necessary conditions made of per-word and per-word-pair facts, each
    computed once per distinct word (news vocabulary is Zipfian): a span of several words is
    scored only if each pair of neighbours occurs, as some spellings of theirs, side by side
    in a gazetteer name; a one-word span only if one of its spellings is a one-word name; or if
    its words written together are a name (ছাত্র লীগ/ছাত্রলীগ); or if every word may belong to
    an entity known only in Latin. The checks only skip spans the scoring would reject, so
    they change speed, never results (tests/test_mentions.py compares with unfiltered spans).
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
        self._lock = threading.Lock()
        #: Built on first use (each costs a pass over the index): see :meth:`_once`.
        self._lazy: dict[str, Any] = {}
        cache = lru_cache(maxsize=_CACHE_SIZE)
        self._span: Callable[[tuple[str, ...], str, _Ways], _SpanResult] = \
            cache(self._resolve_span)
        self._word: Callable[[str], _Word] = cache(self._word_info)
        self._joined: Callable[[tuple[str, ...]], bool] = cache(self._joined_hit)
        self._cands: Callable[[str, bool], frozenset[int]] = cache(self._word_cands)
        self._pair: Callable[[str, str, int, int], bool] = cache(self._pair_hit)
        self._next: Callable[[int], frozenset[tuple[int, int, int]]] = cache(self._next_words)
        self._single: Callable[[str], frozenset[int]] = cache(self._single_cands)
        self._first_of: Callable[[str], int] = cache(self._first_word_reach)
        self._reach: Callable[[int], int] = cache(self._name_reach)
        self._translit: Callable[[str], bool] = cache(self._translit_word)
        self._check: Callable[[tuple[str, ...], bool], _Ways | None] = cache(self._span_check)
        self._runs: Callable[[tuple[str, ...], bool], tuple[tuple[int, _Ways], ...]] = \
            cache(self._possible_runs)
        self._head: Callable[[tuple[str, ...]], bool] = cache(self._joined_head)
        #: How many words the Latin names of entities without a Bengali name have: a span
        #: of another length cannot be one (the finder requires the Latin name's words).
        self._cross_lengths = frozenset(
            len(n.split()) for e in idx.entities if not e.bengali_names
            for n in (*e.latin_names, *(("surname",) if e.type == "person" else ())))
        #: A one-word match across scripts is weak (see :meth:`_tentative`): it is linked only
        #: if the document names its entity in full or one of its context words is near. So
        #: one-word spans are compared across scripts only when some such entity has context
        #: words, or, in a second pass, when the document names one (see :meth:`find`) —
        #: otherwise every new word of the text would be romanized for nothing.
        self._latin_only = frozenset(e.id for e in idx.entities if not e.bengali_names)
        self._one_word_cross = any(e.context for e in idx.entities if not e.bengali_names)

    # -- per-word and per-span work, cached by string (news vocabulary is Zipfian) --------
    def _word_info(self, piece: str) -> _Word:
        word = normalized_key(piece)
        if not word:
            return _NO_WORD
        if self._cands(word, False):
            return _Word(word, True, True)
        if self._cands(word, True):
            return _Word(word, False, True)
        return _Word(word, False, False)

    def _word_cands(self, word: str, last: bool) -> frozenset[int]:
        """The vocabulary words ``word`` may be a spelling of: itself, or, as the last word
        of a name (``last``), one of its stems (an ending stripped)."""
        r = self.r
        rules = r.config.rules
        if not last:
            return frozenset(w for w, _s in r._word_cands(variant_key(word, rules=rules), False))
        out: set[int] = set()
        for st in stems(word):
            if " " in st.stem:
                return _ANY_WORD  # a clitic-like split: let the scoring decide
            out.update(w for w, _s in r._word_cands(variant_key(st.stem, rules=rules), False))
        return frozenset(out)

    def _translit_word(self, word: str) -> bool:
        """Whether a Bengali word (an ending stripped) may be part of the name of an entity
        known only by its Latin name. Latin words in running text match Latin names by
        spelling only (they are indexed forms): comparing them by sound with every Latin
        name, as ``resolve("Lavrow")`` does, found nothing in ../shared/data but boilerplate
        (Share → Sark) and cost a phonetic index of every entity."""
        if word.isascii():
            return False
        return any(self.r.could_be_translit_word(st.stem) for st in stems(word))

    def _pair_hit(self, a: str, b: str, pos: int, k: int) -> bool:
        """Whether some spelling of ``a`` is followed by some spelling of ``b`` at word
        ``pos`` of a name of ``k`` words (the scoring compares names of the query's length,
        word by word)."""
        first, second = self._cands(a, False), self._cands(b, pos + 2 == k)
        if first is _ANY_WORD or second is _ANY_WORD:
            return True
        wanted = {(w, pos, k) for w in second}
        nxt = self._next
        return any(not nxt(w).isdisjoint(wanted) for w in first)

    def _next_words(self, wid: int) -> frozenset[tuple[int, int, int]]:
        """(next word, position of ``wid``, length of the name) for each place where ``wid``
        is followed by a word in a name."""
        idx = self.r.index
        flat, off = idx.words_flat, idx.words_off
        out: set[tuple[int, int, int]] = set()
        for f in idx.postings_of(wid):
            lo, hi = off[f], off[f + 1]
            out.update((flat[p + 1], p - lo, hi - lo) for p in range(lo, hi - 1) if flat[p] == wid)
        return frozenset(out)

    def _single_cands(self, word: str) -> frozenset[int]:
        """The vocabulary words a one-word name spelled ``word`` (an ending stripped) may be:
        the resolver's candidates under the stricter rules of one-word names."""
        r = self.r
        rules = r.config.rules
        out: set[int] = set()
        for st in stems(word):
            if " " in st.stem:
                return _ANY_WORD
            out.update(w for w, _s in r._word_cands(variant_key(st.stem, rules=rules), True))
        return frozenset(out)

    def _once(self, name: str, make: Callable[[], _T]) -> _T:
        """``make()``, computed on first use (once, under the lock) and kept."""
        value = self._lazy.get(name)
        if value is None:
            with self._lock:
                value = self._lazy.get(name)
                if value is None:
                    value = self._lazy[name] = make()
        return cast(_T, value)

    def _one_word_names(self) -> bytearray:
        """Per vocabulary word, whether it is a one-word name by itself."""
        idx = self.r.index
        one = bytearray(len(idx.words))
        for f, k in enumerate(idx.nwords):
            if k == 1:
                one[idx.words_flat[idx.words_off[f]]] = 1
        return one

    def _in_one_word_name(self, word: str) -> bool:
        """Whether some spelling of ``word`` (as a last word) is a one-word name."""
        one = self._once("one_word", self._one_word_names)
        cands = self._single(word)
        return cands is _ANY_WORD or any(one[w] for w in cands)

    def _joined_keys(self) -> _SortedStrings:
        """The joined key of every form (:func:`bnentity.keys.joined_key`), sorted."""
        idx = self.r.index
        return self._once("joined", lambda: _SortedStrings(
            joined_key("", variant=idx.form_variant(f)) for f in range(len(idx))))

    def _joined_head(self, words: tuple[str, ...]) -> bool:
        """Whether the words, written together, begin some form's joined key: if not, no
        longer span that starts with them is a name written with other spaces."""
        if len(words) > 1 and not self._head(words[:-1]):
            return False  # the shorter head begins no key, so neither does this one
        return self._joined_keys().has_prefix(joined_key("", variant=self._variants(words)))

    def _variants(self, words: tuple[str, ...]) -> str:
        """The variant key of the words (word by word: no folding rule crosses a space)."""
        rules = self.r.config.rules
        return " ".join(variant_key(w, rules=rules) for w in words)

    def _joined_hit(self, words: tuple[str, ...]) -> bool:
        """Whether the words, written together, may be a name (ছাত্র লীগ → ছাত্রলীগ), with or
        without an ending on the last word: the words alone need not be gazetteer words. A
        one-word span may also be a name of several words written as one (পিয়ংইয়ং)."""
        if len(words) > 1 and not self._head(words[:-1]):
            return False
        keys = self._joined_keys()
        head = words[:-1]
        for st in stems(words[-1]):
            if joined_key("", variant=self._variants((*head, st.stem))) in keys:
                return True
        return False

    def _possible_runs(self, run: tuple[str, ...], one_word_cross: bool,
                       ) -> tuple[tuple[int, _Ways], ...]:
        """The spans at the start of ``run`` that may match a name, longest first: (number
        of words, how) — one cached lookup per position of the text instead of one per
        span."""
        check = self._check
        out = []
        for k in range(self._longest_possible(run, one_word_cross), 0, -1):
            ways = check(run[:k], one_word_cross)
            if ways is not None:
                out.append((k, ways))
        return tuple(out)

    def _longest_possible(self, run: tuple[str, ...], one_word_cross: bool) -> int:
        """An upper bound on the length of a span at the start of ``run`` that may match
        (every span is checked anyway; this only spares the checks of longer ones): by words,
        no longer than the names that begin with a spelling of the first word, and all but
        the last word possible inner words; written together, all but the last word must
        begin a joined key; across scripts, a Latin-only name's length."""
        info = self._word
        by_words = 1
        for k, w in enumerate(run[:self._first_of(run[0])], 1):
            wi = info(w)
            if wi.final:
                by_words = k
            if not wi.inner:
                break
        together = 1
        while together < len(run) and self._head(run[:together]):
            together += 1
        across = max((n for n in self._cross_lengths if n > 1 or one_word_cross), default=0)
        return min(len(run), max(by_words, together, across))

    def _first_word_reach(self, word: str) -> int:
        """The most words of a name that begins with a spelling of ``word`` (1 if none)."""
        cands = self._cands(word, False)
        if cands is _ANY_WORD:
            return 255
        return max((self._reach(w) for w in cands), default=1)

    def _name_reach(self, wid: int) -> int:
        """The most words of a name whose first word is ``wid`` (1 if none)."""
        idx = self.r.index
        flat, off, nwords = idx.words_flat, idx.words_off, idx.nwords
        return max((nwords[f] for f in idx.postings_of(wid) if flat[off[f]] == wid), default=1)

    def _span_check(self, words: tuple[str, ...], one_word_cross: bool) -> _Ways | None:
        """``None`` if the span cannot match a name (see the class), else how it may: across
        scripts (for a one-word span, only if ``one_word_cross``), written together."""
        translit = self._translit
        cross = len(words) in self._cross_lengths and (one_word_cross or len(words) > 1) \
            and all(translit(w) for w in words)
        joined = self._joined(words)
        if cross or joined:
            return cross, joined
        info = self._word
        if len(words) == 1:
            if info(words[0]).final and self._in_one_word_name(words[0]):
                return False, False
            return None
        if info(words[-1]).final and all(info(w).inner for w in words[:-1]):
            pair = self._pair
            k = len(words)
            if all(pair(words[p], words[p + 1], p, k) for p in range(k - 1)):
                return False, False
        return None

    def _resolve_span(self, words: tuple[str, ...], clitic: str, ways: _Ways) -> _SpanResult:
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
            if not self._unsupported_short(found):
                return None, (), False
            top = found[0].score
            return None, tuple(c for c in found if top - c.score < r.config.margin), True
        return best, tuple(c for c in found if best.score - c.score <= SHORT_SWITCH_MARGIN), \
            False

    # -- the finder ---------------------------------------------------------------------
    def find(self, text: str) -> list[Mention]:
        if len(text) <= CHUNK_CHARS:
            one_word_cross = self._one_word_cross
            norm, ps, words, tentative = self._scan(text, one_word_cross)
            named = self._named(tentative)
            if not one_word_cross and not named.isdisjoint(self._latin_only):
                # The document names an entity known only in Latin: read it again, now
                # comparing one-word spans with that name too.
                norm, ps, words, tentative = self._scan(text, True)
                named = self._named(tentative)
            return self._settle(norm, ps, words, tentative, named)
        # A long text is read in line-aligned chunks, twice: the first pass collects the
        # entities named in full anywhere (document context spans the whole text), the second
        # settles each chunk with them. Memory is bounded by the chunk, not the text.
        named = set()
        for lo, hi in _chunks(text):
            named |= self._named(self._scan(text[lo:hi], self._one_word_cross)[3])
        one_word_cross = self._one_word_cross or not named.isdisjoint(self._latin_only)
        out: list[Mention] = []
        for lo, hi in _chunks(text):
            norm, ps, words, tentative = self._scan(text[lo:hi], one_word_cross)
            out.extend(_shift(m, lo) for m in self._settle(norm, ps, words, tentative, named))
        return out

    @staticmethod
    def _named(tentative: list[_Tentative]) -> set[str]:
        return {t.match.entity.id for t in tentative
                if t.match is not None and not t.needs_support}

    def _scan(self, text: str, one_word_cross: bool,
              ) -> tuple[Normalized, list[Piece], list[str], list[_Tentative]]:
        """The first pass over one text: every candidate span, longest first."""
        norm = normalize_with_offsets(text)
        ps = pieces(norm)
        word_info = self._word
        info = [word_info(p.text) for p in ps]
        words = [w.key for w in info]
        seps = [p.sep for p in ps]
        maxw = self.r.config.max_name_words
        runs = self._runs
        head = self._head
        translit = self._translit
        cross_start = one_word_cross or max(self._cross_lengths, default=0) > 1
        tentative: list[_Tentative] = []
        n = len(ps)
        i = 0
        while i < n:
            # A name starts with a possible name word, or with the start of a name's words
            # written with other spaces (ছাত্র লীগ for ছাত্রলীগ: ছাত্র is no gazetteer word),
            # or with a word of a name known only in Latin.
            if not info[i].final and not head((words[i],)) \
                    and not (cross_start and translit(words[i])):
                i += 1
                continue
            # The run of pieces a name may span from i: no punctuation or line break inside.
            limit = i + 1
            while limit < n and limit - i < maxw and seps[limit] in NAME_SEPARATORS:
                limit += 1
            found = None
            for k, ways in runs(tuple(words[i:limit]), one_word_cross):
                j = i + k
                span = tuple(words[i:j])
                clitic = ""
                end_piece = j
                if j < n and is_clitic(ps[j]):
                    clitic = ps[j].sep + ps[j].text
                    end_piece = j + 1
                best, cands, unsupported = self._span(span, clitic, ways)
                if best is not None and best.method == "translit" \
                        and len(best.alias.split()) != j - i:
                    # Across scripts, the span must have the Latin name's words (সড়ক ও is
                    # not "Sark" plus a word).
                    best = None
                if best is not None:
                    found = self._tentative(i, j, end_piece, best, cands, words[i])
                elif unsupported:
                    found = _Tentative(i, j, end_piece, None, cands, True)
                if found is not None:
                    break
            if found is None:
                i += 1
                continue
            tentative.append(found)
            i = found.end_piece
        return norm, ps, words, tentative

    def _is_short(self, m: Match) -> bool:
        return m.form in ("short", "auto_short")


    def _tentative(self, i: int, j: int, end_piece: int, best: Match,
                   cands: tuple[Match, ...], first_word: str) -> _Tentative:
        homograph = self._is_homograph(best)
        # One word matched only loosely — across scripts, or (fuzzily, or as a short form)
        # with other consonants than the gazetteer's spelling — needs a full mention or a
        # context word, like a homograph. Vowel-only differences stay linked (মোদী/মোদি,
        # কোলকাতা/কলকাতা, তেহেরান/তেহরান were misses of bench_find_accuracy when they were
        # weak). Measured on ../shared/data: সাড়ে, সড়ক, সার, শোক → Sark (a Latin-only
        # entity, 194 false links), ভাষার/বাসার → বাশার (ভ/ব and ষ/স folding), ফরিদুর (a
        # given name) → Faridpur. Still linked, a known false alarm: ক্যামেরন (David
        # Cameron) → Cameroon, whose consonants are the same.
        loose = best.method == "fuzzy" or (best.method == "variant" and self._is_short(best))
        weak = j - i == 1 and (
            best.method == "translit"
            or (best.method == "fuzzy" and self._is_short(best))  # পরিণতি ≠ পরিণীতি
            or (loose and _consonants(first_word) != _consonants(normalized_key(best.alias))))
        return _Tentative(i, j, end_piece, best, cands,
                          self._is_short(best) or homograph or weak, weak)

    def _is_homograph(self, m: Match) -> bool:
        """Whether the spelling that matched is one its entity lists as an ordinary word."""
        epos = self.r.index.entity_position(m.entity.id)
        return (epos, variant_key(m.alias, rules=self.r.config.rules)) in self._homographs

    def _unsupported_short(self, cands: tuple[Match, ...]) -> bool:
        """Refused only for want of support: short forms of several entities (কিম), or one
        short form that is a common name word (খান)."""
        if not cands:
            return False
        top = cands[0]
        cfg = self.r.config
        if top.score < cfg.min_score or top.method == "fuzzy":
            return False
        tied = [c for c in cands if top.score - c.score < cfg.margin]
        return all(self._is_short(c) or c.needs_support for c in tied) \
            and (len(tied) > 1 or top.needs_support)

    def _settle(self, norm: Normalized, ps: list[Piece], words: list[str],
                tentative: list[_Tentative], named: set[str]) -> list[Mention]:
        out: list[Mention] = []
        prev_end = -1  # where the previous candidate mention ended (in pieces)
        for t in tentative:
            m = t.match
            support: Support = "name"
            after_mention, prev_end = prev_end == t.i, t.end_piece
            if (m is None or t.needs_support) and _after_another_name(ps, words, t.i):
                # খালেদ খান, হাবিবুর রহমান: a surname right after another person's given
                # name is that person's, whoever else the document names.
                continue
            if not after_mention and all(c.entity.type == "person" and self._is_short(c)
                                         for c in ((m,) if m is not None else t.cands)) \
                    and (m is None or t.needs_support) and _after_unknown_word(ps, words, t.i):
                # ললিত মোদি, মুনমুন আহমেদ: a word that may be another person's given name
                # comes first — whoever the document names.
                continue
            if m is not None and _inside_longer_name(ps, words, t, m):
                continue
            if m is None:
                # Short forms tied between entities, or a common name word: link only to the
                # one named in full in this document, else to the one with context nearby.
                tied = t.cands  # the near-ties (see _resolve_span)
                in_doc = [c for c in tied if c.entity.id in named] if named else []
                in_ctx = [c for c in tied if c.entity.id in self._context
                          and not (c.needs_support and c.form == "auto_short")
                          and self._has_context(c.entity.id, words,
                                                t.i, t.end_piece, c.needs_support)]
                if len(in_doc) == 1:
                    m, support = in_doc[0], "document"
                elif not in_doc and len(in_ctx) == 1:
                    m, support = in_ctx[0], "context"
                else:
                    continue
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
            out.append(self._mention(norm, ps, t, m, support))
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

    def _has_context(self, entity_id: str, words: list[str], i: int, j: int,
                     common: bool = False) -> bool:
        ctx = self._context.get(entity_id)
        if not ctx:
            return False
        w = min(self.r.config.context_window, COMMON_CONTEXT_WINDOW) if common \
            else self.r.config.context_window
        lo, hi = max(0, i - w), min(len(words), j + w)
        window = " ".join(words[lo:i]) + " | " + " ".join(words[j:hi])
        return any(c in window for c in ctx)

    def _mention(self, norm: Normalized, ps: list[Piece], t: _Tentative, m: Match,
                 support: Support) -> Mention:
        first, last = ps[t.i], ps[t.end_piece - 1]
        start, end = norm.original_span(first.nstart, last.nend)
        nsuffix = m.suffix
        if nsuffix:
            ns = last.nend - len(nsuffix)
            suffix_start = norm.original_span(ns, last.nend)[0]
        else:
            suffix_start = end
        original = norm.original
        return Mention(start, end, original[start:end], m.entity, m.score, m.method,
                       original[suffix_start:end], suffix_start, m.alias, m.form, support)


#: How far behind the winner a short form may be and still take a short mention because the
#: document names its entity in full: an editor's short form (99) vs another's surname (96).
SHORT_SWITCH_MARGIN: Final = 5.0

#: For a common name word (সোহেল, খান) a context word counts only this close: "সাংবাদিক
#: সোহেলকে" and "আ.লীগ নেতা তানভীরকে" (seeds) are 1–3 pieces apart; "অভিনেতা , নির্দেশক খালেদ
#: খান" (../shared/data, not Salman Khan) is 4 with another name between.
COMMON_CONTEXT_WINDOW: Final = 4


class _SortedStrings:
    """Sorted distinct strings in one ``str`` (a few bytes per character, not an object per
    string), for membership and prefix tests by bisection.

    Each string's first :data:`_CODE_CHARS` characters are also packed into one integer, in
    an array in the same order: a search bisects that array in C first, and only the few
    strings that share the query's code are compared as strings.
    """

    __slots__ = ("_codes", "_n", "_off", "_text")

    def __init__(self, strings: Iterable[str]) -> None:
        ordered = sorted(set(strings))
        self._text = "".join(ordered)
        off = array("q", [0])
        for x in ordered:
            off.append(off[-1] + len(x))
        self._off = off
        self._n = len(ordered)
        self._codes = array("Q", map(_code, ordered))

    def _at(self, i: int) -> str:
        return self._text[self._off[i]:self._off[i + 1]]

    def _first_not_below(self, s: str) -> int:
        # _code is monotone (s <= t gives _code(s) <= _code(t)), so the first string not
        # below s is in the block of strings with s's code, or just after it.
        c = _code(s)
        lo = bisect_left(self._codes, c)
        hi = bisect_right(self._codes, c, lo)
        return bisect_left(range(self._n), s, lo, hi, key=self._at)

    def __contains__(self, s: object) -> bool:
        if not isinstance(s, str):
            return False
        i = self._first_not_below(s)
        return i < self._n and self._at(i) == s

    def has_prefix(self, prefix: str) -> bool:
        """Whether some string starts with ``prefix``."""
        i = self._first_not_below(prefix)
        return i < self._n and self._at(i).startswith(prefix)


#: Characters packed into a :class:`_SortedStrings` code: four of 16 bits fill 64 bits.
_CODE_CHARS: Final = 4


def _code(s: str) -> int:
    """The first :data:`_CODE_CHARS` characters of ``s`` as one integer, in string order
    (a missing character is 0; one above U+FFFF counts as U+FFFF, which keeps the order)."""
    c = 0
    for i in range(_CODE_CHARS):
        c = (c << 16) | (min(ord(s[i]), 0xFFFF) if i < len(s) else 0)
    return c


def _after_another_name(ps: list[Piece], words: list[str], i: int) -> bool:
    """Whether the piece before ``i`` is a common given name or surname joined by a space
    (খালেদ খান, হাবিবুর রহমান: someone else's surname)."""
    if i == 0 or ps[i].sep != " ":
        return False
    return is_common_name_word(variant_key(words[i - 1]))


def _after_unknown_word(ps: list[Piece], words: list[str], i: int) -> bool:
    """Whether the piece before ``i`` may be another person's given name: a Bengali word
    joined by a space that is no common word, title, verb or inflected word (ললিত মোদি,
    বিল ক্লিনটন, জয়া বচ্চন — not প্রধানমন্ত্রী মোদি, ভারতের মোদি, বলেন মোদি, ও মোদি).

    Measured on the find-accuracy benchmark's dev split: these surnames of look-alikes were
    20 of its 55 false links."""
    if i == 0 or ps[i].sep != " ":
        return False
    prev = words[i - 1]
    if not prev or prev.isascii() or prev.isdigit():
        return False
    if prev in STOPWORDS or prev in TITLE_WORDS or is_finite_verb(prev) \
            or prev.endswith(_CLASSIFIER_ENDINGS):
        return False
    return not any(st.suffix for st in stems(prev))


#: A noun with a classifier (সময়টা, বইটির, দলগুলো) is no given name: of the 4,071 words before
#: the last word of the PER spans of ../shared/data, none ends so (one ends in bare টি: মন্টি,
#: which is why টি alone is not here). ``এ সময়টা সালমান`` is Salman Khan.
_CLASSIFIER_ENDINGS: Final = ("টা", "টার", "টাকে", "টির", "টিকে", "গুলো", "গুলোর", "গুলি")


def _inside_longer_name(ps: list[Piece], words: list[str], t: _Tentative, m: Match) -> bool:
    """Whether a place's name, uninflected, begins a longer name: an organisation or an event
    (বাংলাদেশ ব্যাংক, ওয়াশিংটন পোস্ট, বেইজিং অলিম্পিক: a head of
    :data:`bnentity.cuewords.ORG_HEADS` follows) or an electoral constituency (কুমিল্লা-৬).
    Measured on the find-accuracy benchmark's dev split: 24 of its 55 false links."""
    k = t.end_piece
    if m.entity.type != "place" or m.suffix or k >= len(ps):
        return False
    nxt = ps[k]
    if nxt.sep == "-":
        return nxt.text.isdigit()
    return nxt.sep == " " and any(st.stem in ORG_HEADS for st in stems(words[k]))


_CONSONANT_LETTERS = regex.compile(r"[^\u0995-\u09b9\u09bc\u09ce\u09dc-\u09df]")


def _consonants(word: str) -> str:
    """The consonant letters of a word as written (before any folding)."""
    consonants: str = _CONSONANT_LETTERS.sub("", word)
    return consonants


#: Texts longer than this are read in chunks ending at a line break (or, failing one, a
#: space). News articles are far shorter (the seeds: 6–8 thousand characters); an archive
#: handed over as one string is not, and must not cost memory in proportion to its size.
CHUNK_CHARS: Final = 100_000


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
