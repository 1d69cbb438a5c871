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
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Final, Literal

import regex

from bnentity.gazetteer.model import Entity
from bnentity.inflection import attach_suffix, stems
from bnentity.keys import joined_key, normalized_key, variant_key
from bnentity.matching.config import MatchConfig
from bnentity.matching.similarity import word_similarity
from bnentity.namewords import is_common_name_word
from bnentity.normalize import Normalized, normalize_with_offsets
from bnentity.tokens import NAME_SEPARATORS, Piece, is_clitic, pieces

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
    cands: tuple[Match, ...]  # candidates (for ambiguous short forms)
    needs_support: bool       # short form or homograph
    weak: bool = False        # one word matched only loosely: being unique is not enough


class MentionFinder:
    """Finds mentions with a resolver's index, scoring and decision rule. Thread-safe."""

    def __init__(self, resolver: Resolver) -> None:
        self.r = resolver
        idx = resolver.index
        homo: set[tuple[int, str]] = set()
        for epos, e in enumerate(idx.entities):
            for h in e.homographs:
                homo.add((epos, variant_key(h, rules=resolver.config.rules)))
        self._homographs = frozenset(homo)
        self._context: dict[int, frozenset[str]] = {
            epos: frozenset(normalized_key(c) for c in e.context)
            for epos, e in enumerate(idx.entities) if e.context}
        self._span: Callable[[tuple[str, ...], str], tuple[Match | None, tuple[Match, ...]]] = \
            lru_cache(maxsize=200_000)(self._resolve_span)
        self._word: Callable[[str], tuple[str, bool, bool]] = lru_cache(maxsize=200_000)(
            self._word_info)
        self._joined: Callable[[tuple[str, ...]], bool] = lru_cache(maxsize=200_000)(
            self._joined_hit)

    # -- per-word and per-span work, cached by string (news vocabulary is Zipfian) --------
    def _word_info(self, piece: str) -> tuple[str, bool, bool]:
        """(normalized key, can be a non-final word of a name, can be the final word)."""
        r = self.r
        idx = r.index
        rules = r.config.rules
        word = normalized_key(piece)
        if not word:
            return word, False, False
        v = variant_key(word, rules=rules)
        inner = v in idx.vocab or bool(r._word_cands(v, False))
        if inner:
            return word, True, True
        for st in stems(word):
            vs = variant_key(st.stem, rules=rules)
            if vs in idx.vocab or r._word_cands(vs, False):
                return word, False, True
        if any(r.could_be_translit_word(st.stem) for st in stems(word)):
            return word, True, True
        return word, False, False

    def _joined_hit(self, words: tuple[str, ...]) -> bool:
        """Whether the words, written together, may be a name (ছাত্র লীগ → ছাত্রলীগ), with or
        without an ending on the last word: the words alone need not be gazetteer words."""
        idx = self.r.index
        rules = self.r.config.rules
        for st in stems(words[-1]):
            jk = joined_key(" ".join((*words[:-1], st.stem)), rules=rules)
            if idx.variant.get(jk) or idx.joined.get(jk):
                return True
        return False

    def _resolve_span(self, words: tuple[str, ...], clitic: str,
                      ) -> tuple[Match | None, tuple[Match, ...]]:
        from bnentity.matching.resolver import decide
        r = self.r
        cands = r._score_readings(r._readings_of(words, clitic))
        best, _ = decide(cands, r.config)
        return best, tuple(cands)

    # -- the finder ---------------------------------------------------------------------
    def find(self, text: str) -> list[Mention]:
        if len(text) <= CHUNK_CHARS:
            norm, ps, words, tentative = self._scan(text)
            return self._settle(norm, ps, words, tentative, self._named(tentative))
        # A long text is read in line-aligned chunks, twice: the first pass collects the
        # entities named in full anywhere (document context spans the whole text), the second
        # settles each chunk with them. Memory is bounded by the chunk, not the text.
        named: set[str] = set()
        for lo, hi in _chunks(text):
            named |= self._named(self._scan(text[lo:hi])[3])
        out: list[Mention] = []
        for lo, hi in _chunks(text):
            norm, ps, words, tentative = self._scan(text[lo:hi])
            out.extend(_shift(m, lo) for m in self._settle(norm, ps, words, tentative, named))
        return out

    @staticmethod
    def _named(tentative: list[_Tentative]) -> set[str]:
        return {t.match.entity.id for t in tentative
                if t.match is not None and not t.needs_support}

    def _scan(self, text: str) -> tuple[Normalized, list[Piece], list[str], list[_Tentative]]:
        """The first pass over one text: every candidate span, longest first."""
        norm = normalize_with_offsets(text)
        ps = pieces(norm)
        word_info = self._word
        info = [word_info(p.text) for p in ps]
        words = [w for w, _a, _b in info]
        maxw = self.r.config.max_name_words
        tentative: list[_Tentative] = []
        n = len(ps)
        i = 0
        while i < n:
            if not info[i][2]:
                i += 1
                continue
            # The run of pieces a name may span from i: no punctuation or line break inside.
            limit = i + 1
            while limit < n and limit - i < maxw and ps[limit].sep in NAME_SEPARATORS:
                limit += 1
            found = None
            for j in range(limit, i, -1):
                if (not info[j - 1][2] or not all(info[k][1] for k in range(i, j - 1))) \
                        and not (j - i > 1 and self._joined(tuple(words[i:j]))):
                    continue
                clitic = ""
                end_piece = j
                if j < n and is_clitic(ps[j]):
                    clitic = ps[j].sep + ps[j].text
                    end_piece = j + 1
                best, cands = self._span(tuple(words[i:j]), clitic)
                if best is not None and best.method == "translit" \
                        and len(best.alias.split()) != j - i:
                    # Across scripts, the span must have the Latin name's words (সড়ক ও is
                    # not "Sark" plus a word).
                    best = None
                if best is not None:
                    found = self._tentative(i, j, end_piece, best, cands, words[i])
                elif self._unsupported_short(cands):
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
        index = self.r.index
        out: list[Mention] = []
        for t in tentative:
            m = t.match
            support: Support = "name"
            if (m is None or t.needs_support) and _after_another_name(ps, words, t.i):
                # খালেদ খান, হাবিবুর রহমান: a surname right after another person's given
                # name is that person's, whoever else the document names.
                continue
            if m is None:
                # Short forms tied between entities, or a common name word: link only to the
                # one named in full in this document, else to the one with context nearby.
                top = t.cands[0].score
                tied = [c for c in t.cands if top - c.score < self.r.config.margin]
                in_doc = [c for c in tied if c.entity.id in named]
                in_ctx = [c for c in tied if not (c.needs_support and c.form == "auto_short")
                          and self._has_context(index.entity_position(c.entity.id), words,
                                                t.i, t.end_piece, c.needs_support)]
                if len(in_doc) == 1:
                    m, support = in_doc[0], "document"
                elif not in_doc and len(in_ctx) == 1:
                    m, support = in_ctx[0], "context"
                else:
                    continue
            elif t.needs_support:
                m = self._named_alternative(t, m, named)
                epos = index.entity_position(m.entity.id)
                homograph = self._is_homograph(m)
                if m.entity.id in named:
                    support = "document"
                elif not (m.needs_support and m.form == "auto_short") and \
                        self._has_context(epos, words, t.i, t.end_piece, m.needs_support):
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

    def _has_context(self, epos: int, words: list[str], i: int, j: int,
                     common: bool = False) -> bool:
        ctx = self._context.get(epos)
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


def _after_another_name(ps: list[Piece], words: list[str], i: int) -> bool:
    """Whether the piece before ``i`` is a common given name or surname joined by a space
    (খালেদ খান, হাবিবুর রহমান: someone else's surname)."""
    if i == 0 or ps[i].sep != " ":
        return False
    return is_common_name_word(variant_key(words[i - 1]))


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
