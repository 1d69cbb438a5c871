"""Name-like spans in running Bengali text: what *might* be a name the gazetteer lacks.

Bengali has no capital letters, so a name is recognised by its company. Each word piece of the
normalized text (:func:`bnentity.tokens.pieces`) is classified, and spans are proposed from
anchors, each with named *evidence*:

=============== ===============================================================================
``title``       the span follows a title or role word (পররাষ্ট্রমন্ত্রী, প্রেসিডেন্ট, সভাপতি,
                অধ্যাপক, ড., ওসি, ছেলে …): the next one to four content words
``namepart``    a word that is usually part of a name (মো., আবদুল, চৌধুরী, হোসেন, লিমিটেড, or a
                word of a gazetteer name): the run of content words around it
``place``       the words before a place head (X উপজেলার, X গ্রামের, X থানার, X সড়কে)
``org``         the words before an organisation head, head included (X বিশ্ববিদ্যালয়,
                X লিমিটেড, X লীগ)
``said``        the words before a reporting verb (X বলেন, X জানান) or before প্রমুখ/ওরফে
``clitic``      a word with a case ending glued by a hyphen or apostrophe (তাস-এর, হুই’র): the
                press does that to acronyms and foreign names
``acronym``     a word spelled as English letter names (বিএনপি, এফবিআই, ডিএমপি)
``latin``       a run of Latin-script words in Bengali text (Reuters, AFP)
``translit``    a transliteration-shaped word: consonant clusters of English loans (স্ট, ট্র,
                ফ্র, ন্ড, ক্স …) — weak alone, it strengthens other evidence
=============== ===============================================================================

A *content word* is a Bengali or Latin word of two letters or more that is not a common word
(:data:`bnentity.cuewords.STOPWORDS`), a title, a head word, or verb-shaped (a finite verb
ending such as -েছেন, -লেন, -বে). Spans never cross punctuation or a line break (except the
dot of an abbreviated title: ড. ইউনূস). Overlapping proposals merge, and a span's confidence is the
noisy-OR of its evidence weights (:data:`EVIDENCE_WEIGHTS`, each the precision of that evidence
alone on the dev half of ../shared/data, measured by ``benchmarks/bench_review.py``).

The word lists: the titles, heads and verbs are written by hand; ``bnentity/data/stopwords.txt``
and ``data/name_parts.txt`` were derived from the *dev* half of the NER corpora in
../shared/data (see their headers and docs/editors.md); precision and recall are reported on
the held-out half.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Final

import regex

from bnentity import cuewords
from bnentity.inflection import stems
from bnentity.keys import normalized_key, variant_key
from bnentity.namewords import is_title
from bnentity.normalize import Normalized, normalize_with_offsets
from bnentity.tokens import CLITICS, Piece, pieces

if TYPE_CHECKING:
    from bnentity.matching.resolver import Resolver

__all__ = ["EVIDENCE_WEIGHTS", "MIN_CONFIDENCE", "NameLikeFinder", "NameSpan"]


def _norm_set(words: Iterable[str] | str) -> frozenset[str]:
    """Normalized words (a string is split on white space)."""
    return cuewords.word_set(words if isinstance(words, str) else " ".join(words))


def _load_list(name: str) -> frozenset[str]:
    text = resources.files("bnentity.editors").joinpath("data").joinpath(name).read_text(
        encoding="utf-8")
    return _norm_set(w.strip() for w in text.splitlines() if w.strip()
                     and not w.startswith("#"))


#: Abbreviated titles written with a dot (ড. মুহাম্মদ ইউনূস, মো. আবদুল): the dot does not end
#: the span after them.
ABBREVIATIONS: Final = _norm_set("ড ডা মো মোঃ মু মোহা প্রফ লে ক্যাপ্ট")
#: Heads that follow a place name (right cues), by stem; measured on dev: উপজেলার 22,
#: গ্রামের 21, ইউনিয়নের 16, থানার 15, সদর 14 … right after a LOC span.
PLACE_HEADS: Final = _norm_set("""
    উপজেলা জেলা গ্রাম ইউনিয়ন থানা এলাকা শহর নগর পৌরসভা বাজার মহাসড়ক সড়ক রোড নদী সদর
    মহল্লা ওয়ার্ড উপকূল দ্বীপ সীমান্ত বন্দর স্টেশন চত্বর মোড় এভিনিউ লেন
""")
#: Heads that end an organisation name, by stem (the span includes them).
ORG_HEADS: Final = cuewords.ORG_HEADS
#: Reporting verbs and list markers after a person's name (right cues); dev: বলেন 130,
#: জানান 40, বলেছেন 19, প্রমুখ 17, ওরফে 7 right after a PER span.
SAID: Final = _norm_set("বলেন বলেছেন জানান জানিয়েছেন বলেছিলেন জানিয়েছিলেন প্রমুখ ওরফে")
#: English letter names as Bengali writes them in acronyms (বিএনপি = বি + এন + পি).
LETTER_NAMES: Final[tuple[str, ...]] = tuple(sorted(_norm_set("""
    এ বি সি ডি ই এফ জি এইচ আই জে কে এল এম এন ও পি কিউ আর এস টি ইউ ভি ডব্লিউ ডাব্লিউ
    এক্স ওয়াই জেড জেট
"""), key=len, reverse=True))
#: A locative ending (ঢাকায়, প্যারিসে, কিয়েভে): after a name of two words or more, a word so
#: inflected is where the person was, not more of the name (প্রেসিডেন্ট এমানুয়েল মাখোঁ প্যারিসে
#: বলেন). It changes boundaries, not which names are found (dev overlap P/R unchanged).
_LOCATIVE: Final = regex.compile("(?:[^্]ে|য়|তে)$")
#: Consonant clusters of English loans, rare in native words (native কষ্ট has ষ্ট, not স্ট).
_TRANSLIT: Final = regex.compile(
    "স্ট|স্ক|স্প|স্ল|ট্র|ড্র|ফ্র|ফ্ল|ব্ল|ক্ল|গ্ল|প্ল|ন্ড|ন্ট|ক্স|র্ড|র্ট|ল্ড|জ়|(?<!^ব)্যা")
_BENGALI: Final = regex.compile(r"\p{Bengali}")
_LATIN: Final = regex.compile(r"^\p{Latin}[\p{Latin}\p{M}.]*$")
_LETTERS: Final = regex.compile(r"^[\p{L}\p{M}]+$")

STOPWORDS: Final = cuewords.STOPWORDS
NAME_PARTS: Final = _load_list("name_parts.txt")

#: Weight of each kind of evidence: the precision of spans proposed by that evidence *alone*
#: (share overlapping a gold PER/ORG/LOC/GPE span, spans on gazetteer mentions left out) on the
#: dev half of ../shared/data, from ``python benchmarks/bench_review.py --evidence`` (n in
#: brackets): namepart 0.66 (1628), place 0.53 (385), org 0.49 (152), acronym 0.38 (229),
#: title 0.35 (290), said 0.31 (111), latin 0.15 (13), translit 0.14 (1148), clitic 0.09 (11).
#: The weights were set from the first such measurement (namepart was then 0.69) and rounded to
#: 0.05. Many misses are names the corpora left unannotated (lists of accused, panel members),
#: so these are lower bounds: judged by hand, 37 of a sample of 50 of the queue's unknown
#: clusters are names and 9 more parts of names (benchmarks/results/review_sample.tsv).
EVIDENCE_WEIGHTS: Final[dict[str, float]] = {
    "namepart": 0.7, "place": 0.55, "org": 0.5, "acronym": 0.4, "title": 0.35, "said": 0.3,
    "latin": 0.15, "translit": 0.15, "clitic": 0.1,
}
#: A span is proposed when its confidence reaches this. 0.3 keeps every evidence whose spans
#: were right at least 30% of the time alone on dev, and drops latin, translit and clitic
#: alone (≤ 15%); combined with any other evidence they pass.
MIN_CONFIDENCE: Final = 0.3
#: The longest span, in words. Dev: 97% of the PER/ORG/LOC/GPE spans have at most 4 words.
MAX_WORDS: Final = 4


@dataclass(frozen=True, slots=True)
class NameSpan:
    """A span of text that looks like a name.

    ``start``/``end`` index the original text; ``words`` are the normalized words as written
    (the last may carry a case ending); ``evidence`` names why (see the module docstring).
    """

    start: int
    end: int
    text: str
    words: tuple[str, ...]
    evidence: tuple[str, ...]
    confidence: float


@dataclass(slots=True)
class _Proposal:
    i: int
    j: int  # one past the last piece
    evidence: set[str]


class NameLikeFinder:
    """Finds name-like spans; ``resolver`` (optional) adds its vocabulary as name words."""

    def __init__(self, resolver: Resolver | None = None, *,
                 min_confidence: float = MIN_CONFIDENCE, max_words: int = MAX_WORDS) -> None:
        self.min_confidence = min_confidence
        self.max_words = max_words
        rules = None
        vocab: set[str] = set()
        if resolver is not None:
            rules = resolver.config.rules
            for e in resolver.gazetteer.values():
                for name in (*e.bengali_names, *e.short):
                    ws = variant_key(name, rules=rules).split(" ")
                    # Every word of a person's name is a name word; of other entities only
                    # one-word names (জাতীয়, উত্তর, পরিষদ are words of multi-word org and
                    # place names, and common words: dev precision 0.45 with them, 0.62
                    # without).
                    if e.type == "person" or len(ws) == 1:
                        vocab.update(w for w in ws if len(w) >= 2 and _BENGALI.search(w))
        self._vocab = frozenset(vocab)
        self._rules = rules
        self._cls = lru_cache(maxsize=200_000)(self._classify)

    # -- word classes ---------------------------------------------------------------------
    def _classify(self, w: str) -> tuple[str, ...]:
        """The classes of a normalized word (``stop``, ``title``, ``part``, ``place``, …)."""
        if not w or not _LETTERS.match(w.replace(".", "")):
            return ("stop",)
        out: list[str] = []
        latin = bool(_LATIN.match(w))
        if is_title(w):
            out.append("title")
        if w in ABBREVIATIONS:
            out.append("abbrev")
        stem_forms = [s.stem for s in stems(w)]
        if any(s in PLACE_HEADS for s in stem_forms):
            out.append("place")
        if any(s in ORG_HEADS for s in stem_forms):
            out.append("org")
        if w in SAID:
            out.append("said")
        short = not latin and len(w) < 2
        verb = not latin and cuewords.is_finite_verb(w) and w not in NAME_PARTS
        if w in STOPWORDS or short or verb:
            out.append("stop")
        if any(s in NAME_PARTS for s in stem_forms[:3]) or (
                self._vocab and self._rules is not None and any(
                    variant_key(s, rules=self._rules) in self._vocab for s in stem_forms[:3])):
            out.append("part")
        if latin and len(w) >= 2:
            out.append("latin")
        if not latin and _TRANSLIT.search(w):
            out.append("translit")
        if not latin and any(_is_acronym(s.stem) for s in stems(w)):
            out.append("acronym")
        return tuple(out)

    def _content(self, cls: tuple[str, ...]) -> bool:
        return not any(c in cls for c in ("stop", "title", "said", "place"))

    # -- spans ----------------------------------------------------------------------------
    def find(self, text: str | Normalized, ps: list[Piece] | None = None) -> list[NameSpan]:
        """Name-like spans of ``text``, in order, non-overlapping."""
        norm = text if isinstance(text, Normalized) else normalize_with_offsets(text)
        if ps is None:
            ps = pieces(norm)
        n = len(ps)
        if n == 0:
            return []
        words = [normalized_key(p.text) for p in ps]
        classes = [self._cls(w) for w in words]
        content = [self._content(c) for c in classes]
        # A break before piece k: punctuation or a line break, except the dot of "ড." etc.
        brk = [False] * n
        for k in range(1, n):
            if ps[k].sep in ("|", "\n"):
                gap = norm.text[ps[k - 1].nend:ps[k].nstart].strip()
                brk[k] = not (gap == "." and "abbrev" in classes[k - 1])
        clitic_after = [k + 1 < n and ps[k + 1].sep in ("-", "'") and ps[k + 1].text in CLITICS
                        for k in range(n)]
        props: list[_Proposal] = []
        mw = self.max_words

        def right_run(start: int, limit: int) -> int:
            j = start
            while j < n and j - start < limit and content[j] and (j == start or not brk[j]):
                if j - start >= 2 and _LOCATIVE.search(words[j]) and "part" not in classes[j]:
                    break
                j += 1
            return j

        def left_run(end: int, limit: int) -> int:
            i = end
            while i > 0 and end - (i - 1) <= limit and content[i - 1] and not brk[i]:
                i -= 1
            return i

        for k in range(n):
            cls = classes[k]
            if "title" in cls and k + 1 < n and not brk[k + 1]:
                j = right_run(k + 1, mw)
                if j > k + 1:
                    props.append(_Proposal(k + 1, j, {"title"}))
            if "part" in cls and content[k] and "org" not in cls:
                i = left_run(k, mw - 1)
                j = right_run(k, mw - (k - i))
                props.append(_Proposal(i, max(j, k + 1), {"namepart"}))
            if "place" in cls and "org" not in cls and k > 0 and not brk[k]:
                i = left_run(k, 2)
                if i < k:
                    props.append(_Proposal(i, k, {"place"}))
            if "org" in cls and k > 0 and not brk[k]:
                i = left_run(k, mw - 1)
                if i < k:
                    props.append(_Proposal(i, k + 1, {"org"}))
            if "said" in cls and k > 0 and not brk[k]:
                end = k
                if k > 1 and _LOCATIVE.search(words[k - 1]) and "part" not in classes[k - 1] \
                        and not brk[k - 1]:
                    end = k - 1  # X ঢাকায় বলেন: the name is before the place
                i = left_run(end, 3)
                if i < end:
                    props.append(_Proposal(i, end, {"said"}))
            if content[k]:
                if clitic_after[k] and _BENGALI.search(words[k]):
                    props.append(_Proposal(k, k + 1, {"clitic"}))
                if "acronym" in cls:
                    props.append(_Proposal(k, k + 1, {"acronym"}))
                if "translit" in cls:
                    props.append(_Proposal(k, k + 1, {"translit"}))
                if "latin" in cls and (k == 0 or "latin" not in classes[k - 1] or brk[k]):
                    j = k + 1
                    while j < n and j - k < mw and "latin" in classes[j] and not brk[j]:
                        j += 1
                    props.append(_Proposal(k, j, {"latin"}))
        return self._settle(norm, ps, words, props)

    def _settle(self, norm: Normalized, ps: list[Piece], words: list[str],
                props: list[_Proposal]) -> list[NameSpan]:
        if not props:
            return []
        props.sort(key=lambda p: (p.i, -p.j))
        merged: list[_Proposal] = []
        for p in props:
            if merged and p.i < merged[-1].j:
                last = merged[-1]
                if p.j - last.i <= self.max_words + 1:
                    last.j = max(last.j, p.j)
                    last.evidence |= p.evidence
                    continue
                # Too long to merge: keep the stronger evidence, drop the overlap.
                if _confidence(p.evidence) > _confidence(last.evidence) and p.j > last.j:
                    last.j = p.i
                    if last.j <= last.i:
                        merged.pop()
                    merged.append(_Proposal(p.i, p.j, set(p.evidence)))
                continue
            merged.append(_Proposal(p.i, p.j, set(p.evidence)))
        out: list[NameSpan] = []
        for p in merged:
            conf = _confidence(p.evidence)
            if conf < self.min_confidence or p.j <= p.i:
                continue
            start, end = norm.original_span(ps[p.i].nstart, ps[p.j - 1].nend)
            out.append(NameSpan(start, end, norm.original[start:end], tuple(words[p.i:p.j]),
                                tuple(sorted(p.evidence)), round(conf, 3)))
        return out


def _confidence(evidence: Iterable[str]) -> float:
    miss = 1.0
    for e in evidence:
        miss *= 1.0 - EVIDENCE_WEIGHTS.get(e, 0.0)
    return 1.0 - miss


@lru_cache(maxsize=65536)
def _is_acronym(word: str) -> bool:
    """Whether ``word`` is three or more English letter names (বিএনপি, এফবিআই)."""
    if len(word) < 3 or not _BENGALI.search(word):
        return False
    # Shortest-first DP over letter-name prefixes; count the letters of one parse.
    best: dict[int, int] = {0: 0}
    for pos in range(len(word)):
        if pos not in best:
            continue
        for ln in LETTER_NAMES:
            if word.startswith(ln, pos):
                nxt = pos + len(ln)
                best[nxt] = max(best.get(nxt, 0), best[pos] + 1)
    return best.get(len(word), 0) >= 3
