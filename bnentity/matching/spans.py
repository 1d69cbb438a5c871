"""Which spans of running text may match a name: cheap necessary conditions, checked first.

The finder (:mod:`bnentity.matching.mentions`) resolves a span with the resolver's own scoring,
but most spans of news cannot match anything, and there are many: a 100k-alias gazetteer built
from real name words accepts two words in three as possible name words. So each span is first
checked against necessary conditions made of per-word and per-word-pair facts, each computed
once per distinct word, pair or run (news vocabulary is Zipfian) and cached:

* a span of several words: each pair of neighbours occurs, as some spellings of theirs, at that
  position in a name of the span's length;
* a one-word span: one of its spellings (under the one-word rules) is a one-word name;
* or its words written together begin and, with an ending stripped, are a form's joined key
  (ছাত্র লীগ/ছাত্রলীগ; a sorted table searched through packed 4-character codes);
* or every word may belong to an entity known only in Latin, and the span is as long as one of
  those names (one-word spans only when such a match could be linked: see ``one_word_cross``);
* and no span is longer than the names that begin with a spelling of its first word.

Before any of that, :meth:`SpanChecks.starts` asks the same questions of a run's first word
and its first pair of words only (cached by word and by pair, in C-level passes over the
text): a position that fails them costs no per-run work at all. At 100k aliases, 54k of the
150k word positions of ../shared/data pass them (102k hold a possible name word).

The checks only skip spans the scoring would reject: they change speed, never results
(tests/test_mentions.py compares the finder with every span scored).
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import compress, pairwise
from operator import and_, itemgetter, or_
from typing import TYPE_CHECKING, Final, NamedTuple

from bnentity.inflection import stems
from bnentity.keys import join_parts, joined_key, joined_parts, normalized_key, variant_key
from bnentity.once import Once

if TYPE_CHECKING:
    from bnentity.matching.resolver import Resolver

__all__ = ["SpanChecks", "Ways", "WordInfo"]


#: Entries per cache (words, word pairs, spans, runs). A 2.7 MB news sample (../shared/data)
#: has 46k distinct words; each entry is a few hundred bytes.
CACHE_SIZE: Final = 200_000
#: "Any vocabulary word": a stem the checks cannot reason about (see ``_word_cands``).
_ANY_WORD: Final = frozenset({-1})

#: How a span may match: whether to look across scripts, and whether its words written
#: together may be a name.
Ways = tuple[bool, bool]


class WordInfo(NamedTuple):
    """What the checks know of one word piece (cached by its text)."""

    key: str      # normalized key ('' for a piece that is no word)
    inner: bool   # may be a non-final word of a name
    final: bool   # may be the last word (an ending stripped)


_NO_WORD: Final = WordInfo("", False, False)
_ALONE: Final = itemgetter(0)
_HEAD: Final = itemgetter(1)


class SpanChecks:
    """The necessary conditions of one resolver's gazetteer (see the module). Thread-safe."""

    def __init__(self, resolver: Resolver) -> None:
        self.r = resolver
        idx = resolver.index
        #: Tables built on first use (each costs a pass over the index).
        self._tables = Once()
        cache = lru_cache(maxsize=CACHE_SIZE)
        self.word: Callable[[str], WordInfo] = cache(self._word_info)
        self._joined: Callable[[tuple[str, ...]], bool] = cache(self._joined_hit)
        self._cands: Callable[[str, bool], frozenset[int]] = cache(self._word_cands)
        self._pair: Callable[[str, str, int, int], bool] = cache(self._pair_hit)
        self._next: Callable[[int], frozenset[tuple[int, int, int]]] = cache(self._next_words)
        self._single: Callable[[str], frozenset[int]] = cache(self._single_cands)
        self._first_of: Callable[[str], int] = cache(self._first_word_reach)
        self._reach: Callable[[int], int] = cache(self._name_reach)
        self.translit: Callable[[str], bool] = cache(self._translit_word)
        self._check: Callable[[tuple[str, ...], bool], Ways | None] = cache(self._span_check)
        self.runs: Callable[[tuple[str, ...], bool], tuple[tuple[int, Ways], ...]] = \
            cache(self._possible_runs)
        self.head: Callable[[tuple[str, ...]], bool] = cache(self._joined_head)
        self._alone: Callable[[str], tuple[bool, bool]] = cache(self._alone_or_head)
        self._pair_open: Callable[[str, str], bool] = cache(self._pair_opens)
        #: How many words the Latin names of entities without a Bengali name have: a span
        #: of another length cannot be one (the finder requires the Latin name's words).
        self.cross_lengths = frozenset(
            len(n.split()) for e in idx.entities if not e.bengali_names
            for n in (*e.latin_names, *(("surname",) if e.type == "person" else ())))
        #: Whether spans of one / of several words may be names known only in Latin.
        self._cross_one = 1 in self.cross_lengths
        self._cross_more = any(n > 1 for n in self.cross_lengths)
        #: The entities known only in Latin.
        self.latin_only = frozenset(e.id for e in idx.entities if not e.bengali_names)
        #: A one-word match across scripts is weak: the finder links it only if the document
        #: names its entity in full or one of its context words is near. So one-word spans
        #: are compared across scripts only when some such entity has context words, or, in a
        #: second pass, when the document names one (``MentionFinder.find``) — otherwise every
        #: new word of the text would be romanized for nothing.
        self.one_word_cross = any(e.context for e in idx.entities if not e.bengali_names)

    def one_word_cross_for(self, named: set[str]) -> bool:
        """Whether to compare one-word spans across scripts in a document that names the
        entities ``named`` in full."""
        return self.one_word_cross or not named.isdisjoint(self.latin_only)

    def starts(self, words: Sequence[str], glued: Sequence[bool],
               one_word_cross: bool) -> list[int]:
        """The positions of ``words`` (the keys of a text's pieces; ``glued[k]``: whether
        piece ``k + 1`` continues the run of piece ``k``) where some span may pass
        :meth:`_span_check`: a necessary condition of ``runs(...)`` being non-empty there,
        from per-word and per-pair facts only. One word: it may be a one-word name, or a
        name written as one word, or (with ``one_word_cross``) a Latin-only name. Several:
        the first word begins a joined key, or the first pair is a pair of some name at its
        start, or both words may belong to a Latin-only name."""
        n = len(words)
        alone = list(map(self._alone, words))
        pair = list(map(self._pair_open, words, words[1:]))
        pair.append(False)
        # alone or (glued and (head or pair)), in C.
        opens = map(or_, map(_ALONE, alone),
                    map(and_, glued, map(or_, map(_HEAD, alone), pair)))
        if not ((one_word_cross and self._cross_one) or self._cross_more):
            return list(compress(range(n), opens))
        translit = self.translit
        cross_one, cross_more = one_word_cross and self._cross_one, self._cross_more
        return [k for k, ok in enumerate(opens)
                if ok or (translit(words[k]) and (
                    cross_one or (cross_more and k + 1 < n and glued[k]
                                  and translit(words[k + 1]))))]

    def _alone_or_head(self, word: str) -> tuple[bool, bool]:
        """(whether the one-word span ``word`` passes the checks by its Bengali spellings —
        a one-word name, or a name of several words written as one, inflected (পশ্চিমতীরের) —
        whether ``word`` begins some form's joined key: a name written with other spaces may
        start with any word, ছাত্র লীগ for ছাত্রলীগ)."""
        if not word:
            return False, False  # a piece that is no word starts nothing
        alone = (self.word(word).final and self._in_one_word_name(word)) \
            or self._joined((word,))
        return alone, self.head((word,))

    def _pair_opens(self, a: str, b: str) -> bool:
        """Whether ``a`` may be the first word of a name of two or more words whose second
        word ``b`` may be (:meth:`_pair_hit` at position 0, for any length)."""
        first = self._cands(a, False) if a else frozenset()
        if not first:
            return False
        last, inner = self._cands(b, True), self._cands(b, False)
        if first is _ANY_WORD or last is _ANY_WORD or inner is _ANY_WORD:
            return True
        nxt = self._next
        return any(pos == 0 and (x in last if k == 2 else x in inner)
                   for w in first for x, pos, k in nxt(w))

    def _word_info(self, piece: str) -> WordInfo:
        word = normalized_key(piece)
        if not word:
            return _NO_WORD
        if self._cands(word, False):
            return WordInfo(word, True, True)
        return WordInfo(word, False, bool(self._cands(word, True)))

    def _word_cands(self, word: str, last: bool) -> frozenset[int]:
        """The vocabulary words ``word`` may be a spelling of: itself, or, as the last word
        of a name (``last``), one of its stems (an ending stripped)."""
        r = self.r
        rules = r.config.rules
        if not last:
            return frozenset(w for w, _s in r._word_cands(variant_key(word, rules=rules), False))
        return self._stem_cands(word, False)

    def _stem_cands(self, word: str, single: bool) -> frozenset[int]:
        """The resolver's candidate words of each stem of ``word`` (under the one-word rules
        if ``single``), together."""
        r = self.r
        rules = r.config.rules
        out: set[int] = set()
        for st in stems(word):
            if " " in st.stem:
                return _ANY_WORD  # a clitic-like split: let the scoring decide
            out.update(w for w, _s in r._word_cands(variant_key(st.stem, rules=rules), single))
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
        return self._stem_cands(word, True)

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
        one = self._tables.get("one_word", self._one_word_names)
        cands = self._single(word)
        return cands is _ANY_WORD or any(one[w] for w in cands)

    def _joined_keys(self) -> _SortedStrings:
        """The joined key of every form (:func:`bnentity.keys.joined_key`), sorted."""
        return self._tables.get("joined", lambda: _SortedStrings(self._form_joined_keys()))

    def _form_joined_keys(self) -> Iterator[str]:
        """Every form's joined key, put together from its words' parts: the vocabulary is
        far smaller than the forms (1M aliases have 23,650 distinct words), so this is one
        regex pass per word, not per form (at 1M aliases the first ``find`` took 11 s)."""
        idx = self.r.index
        parts = [joined_parts(w) for w in idx.words]
        flat, off = idx.words_flat, idx.words_off
        for f in range(len(idx)):
            wids = flat[off[f]:off[f + 1]]
            out = [parts[wids[0]][0]]
            for prev, wid in pairwise(wids):
                out.append(parts[wid][1] if parts[prev][2] else parts[wid][0])
            yield join_parts(out)

    def _joined_head(self, words: tuple[str, ...]) -> bool:
        """Whether the words, written together, begin some form's joined key: if not, no
        longer span that starts with them is a name written with other spaces."""
        if len(words) > 1 and not self.head(words[:-1]):
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
        if len(words) > 1 and not self.head(words[:-1]):
            return False
        keys = self._joined_keys()
        head = words[:-1]
        for st in stems(words[-1]):
            if joined_key("", variant=self._variants((*head, st.stem))) in keys:
                return True
        return False

    def _possible_runs(self, run: tuple[str, ...], one_word_cross: bool,
                       ) -> tuple[tuple[int, Ways], ...]:
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
        info = self.word
        by_words = 1
        for k, w in enumerate(run[:self._first_of(run[0])], 1):
            wi = info(w)
            if wi.final:
                by_words = k
            if not wi.inner:
                break
        together = 1
        while together < len(run) and self.head(run[:together]):
            together += 1
        across = max((n for n in self.cross_lengths if n > 1 or one_word_cross), default=0)
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

    def _span_check(self, words: tuple[str, ...], one_word_cross: bool) -> Ways | None:
        """``None`` if the span cannot match a name (see the module), else how it may: across
        scripts (for a one-word span, only if ``one_word_cross``), written together."""
        translit = self.translit
        cross = len(words) in self.cross_lengths and (one_word_cross or len(words) > 1) \
            and all(translit(w) for w in words)
        joined = self._joined(words)
        if cross or joined:
            return cross, joined
        info = self.word
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


class _SortedStrings:
    """Sorted distinct strings in one ``str`` (a few bytes per character, not an object per
    string), for membership and prefix tests by bisection.

    Each string's first :data:`_CODE_CHARS` characters are also packed into one integer, in
    an array in the same order: a search bisects that array in C first, and only the few
    strings that share the query's code are compared as strings.
    """

    __slots__ = ("_codes", "_hashes", "_n", "_off", "_text")

    def __init__(self, strings: Iterable[str]) -> None:
        ordered = sorted(set(strings))
        self._text = "".join(ordered)
        off = array("q", [0])
        for x in ordered:
            off.append(off[-1] + len(x))
        self._off = off
        self._n = len(ordered)
        self._codes = array("Q", map(_code, ordered))
        #: The strings' hashes, sorted: most membership tests are misses, and a miss is
        #: decided by one C-level bisection (a hit is confirmed on the strings).
        self._hashes = array("q", sorted(map(hash, ordered)))

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
        h = hash(s)
        k = bisect_left(self._hashes, h)
        if k == len(self._hashes) or self._hashes[k] != h:
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
    head = s[:_CODE_CHARS].encode("utf-16-be")
    if len(head) == 2 * min(len(s), _CODE_CHARS):  # no surrogate pair: one C-level step
        return int.from_bytes(head + bytes(2 * _CODE_CHARS - len(head)), "big")
    c = 0
    for i in range(_CODE_CHARS):
        c = (c << 16) | (min(ord(s[i]), 0xFFFF) if i < len(s) else 0)
    return c
