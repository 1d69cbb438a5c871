"""Orthographic normalization of Bengali (and mixed) text, with an exact offset map.

This module is the one place that owns Unicode. Everything downstream (tokens, stems, keys,
matching) works on normalized text and asks this module to map spans back to the original.

The policy, applied after NFC, one grapheme cluster at a time (a cluster NFC changes is cut
before each starter when NFC of the parts is NFC of the whole, so a mark or letter it leaves
alone keeps its own offsets):

* **Nukta letters.** য় ড় ঢ় arrive precomposed (U+09DF/U+09DC/U+09DD) or as base + nukta
  (U+09AF/U+09A1/U+09A2 + U+09BC). The precomposed code points are Unicode composition
  exclusions, so NFC always yields base + nukta: that decomposed form is the one we keep.
* **Khanda-ta.** ত + hasanta + ZWJ (the pre-Unicode-4.1 spelling) becomes ৎ (U+09CE).
* **ZWJ / ZWNJ** are kept only right after a hasanta, where they change which letters are drawn
  (র + ্ + ZWJ + য is the ra-phala form "র‍্য"; ZWNJ after hasanta forbids a conjunct); everywhere
  else they are invisible noise and removed. Keys (``bnentity.keys``) drop them always.
* **Invisible junk** — zero-width space, soft hyphen, BOM / zero-width no-break space, word
  joiner — is removed. It and the ZWJ/ZWNJ that go are removed *first*, before NFC and the
  white space rule, so that normalizing twice changes nothing (ে + ZWSP + া is ো; "a ZWNJ b"
  has one space).
* **Apostrophes and quotes.** ’ ‘ ′ ʼ ` ´ and ' become ``'``; “ ” „ ″ and " become ``"``.
  Bengali news uses both (হুই’র and হুই'র in the same archive).
* **Hyphens and dashes.** - ‐ ‑ ‒ – — ― − all become ``-``. Names are hyphenated with any of
  them (উত্তর কোরিয়া–রাশিয়া, কিম জং-উন).
* **Whitespace.** A run of white space becomes one space, or one newline if it contains a line
  break (so paragraphs stay apart and no multi-word name is matched across them).
* Digits (Bengali and ASCII), letters' case and everything else are left as they are.

Every output character remembers the span of original text it came from, at the granularity
of the part of a grapheme cluster NFC changed (ড় for a precomposed ড়) and character
granularity elsewhere, so any
span of the normalized text maps back to an exact span of the original:

>>> n = normalize_with_offsets("চো সন হুই’র")
>>> n.text
"চো সন হুই'র"
>>> n.original_span(6, 9)
(6, 9)
>>> normalize("ল\u09cd\u09af\u09be\u09ad\u09b0\u09ad") == normalize("ল্যাভরভ")
True
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, pairwise
from typing import Final

import regex

__all__ = [
    "Normalized",
    "explain_chars",
    "normalize",
    "normalize_with_offsets",
]

HASANTA: Final = "\u09cd"
NUKTA: Final = "\u09bc"
ZWJ: Final = "\u200d"
ZWNJ: Final = "\u200c"
KHANDA_TA: Final = "\u09ce"

#: Removed wherever they occur: zero-width space, soft hyphen, BOM, word joiner, LRM/RLM.
_INVISIBLE: Final = frozenset("\u200b\u00ad\ufeff\u2060\u200e\u200f")

#: One apostrophe and one double quote. Measured: the seeds use ’ (U+2019) for elision
#: (হুই’র, দু’দেশের) and ‘…’ for quotation; other archives use ASCII ' for the same.
_CHAR_MAP: Final[dict[str, str]] = {
    "\u2019": "'", "\u2018": "'", "\u2032": "'", "\u02bc": "'", "`": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-",
}

_GRAPHEME = regex.compile(r"\X", regex.DOTALL)
#: Characters the policy changes or removes: a word without them that is already NFC needs
#: no work.
_DIRTY = re.compile("[" + re.escape("".join(sorted(
    _INVISIBLE | set(_CHAR_MAP) | {ZWJ, ZWNJ}))) + "]")
#: White space (the Unicode White_Space characters, as ``regex``'s ``\s``).
_WS: Final = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
#: White space that changes: a run of two or more, or one character other than " ". (The
#: standard ``re`` scans for it in half the time ``regex`` takes on news text.)
_WS_CHANGING = re.compile(f"[{_WS.replace(' ', '')}][{_WS}]*| [{_WS}]+")
#: Where text may need work: a character other than ASCII (except
#: the backtick, an apostrophe), the Bengali block and the dandas; a precomposed nukta letter
#: (U+09DC/09DD/09DF, which NFC decomposes), the sandhi mark U+09FE; ে before া or ৗ (which
#: NFC composes into ো/ৌ); hasanta before nukta (which NFC reorders). Any other string of the
#: allowed characters is NFC and needs no work, so only the words with a hit are looked at
#: (tests/test_normalize.py checks every two-character string of the allowed characters and
#: every three-character string of the block with a mark in the middle).
_SUSPECT = re.compile(
    "[^\x00-\x5f\x61-\x7f\u0980-\u09db\u09de\u09e0-\u09fd\u0964\u0965]"
    "|\u09c7[\u09be\u09d7]|\u09cd\u09bc")


@dataclass(frozen=True, slots=True)
class Normalized:
    """Normalized text plus the map from each of its characters to the original span.

    The map is stored as segments (``seg_norm[k]`` is where segment ``k`` starts in ``text``;
    ``seg_start[k]``/``seg_end[k]`` its original span; ``seg_linear[k]`` whether character
    ``i`` of it maps to original character ``seg_start[k] + i``, else every character of it
    maps to the whole span). Clean news text is a handful of linear segments, so building the
    map costs almost nothing; :attr:`starts` and :attr:`ends` expand it per character.
    """

    original: str
    text: str
    seg_norm: tuple[int, ...]
    seg_start: tuple[int, ...]
    seg_end: tuple[int, ...]
    seg_linear: tuple[bool, ...]

    def _char_span(self, i: int) -> tuple[int, int]:
        k = bisect_right(self.seg_norm, i) - 1
        if self.seg_linear[k]:
            o = self.seg_start[k] + (i - self.seg_norm[k])
            return o, o + 1
        return self.seg_start[k], self.seg_end[k]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map ``text[start:end]`` to the span of ``original`` it was made from.

        An empty span maps to the position just before the character at ``start``.
        """
        if not 0 <= start <= end <= len(self.text):
            raise IndexError(f"span ({start}, {end}) is outside the normalized text "
                             f"of length {len(self.text)}")
        if start == end:
            pos = self.original_offset(start)
            return pos, pos
        return self._char_span(start)[0], self._char_span(end - 1)[1]

    def original_offset(self, index: int) -> int:
        """The original offset where normalized character ``index`` starts."""
        return self._char_span(index)[0] if index < len(self.text) else len(self.original)

    @property
    def starts(self) -> tuple[int, ...]:
        """Per normalized character, where its original span starts."""
        return tuple(self._char_span(i)[0] for i in range(len(self.text)))

    @property
    def ends(self) -> tuple[int, ...]:
        """Per normalized character, where its original span ends."""
        return tuple(self._char_span(i)[1] for i in range(len(self.text)))


class _Builder:
    """Accumulates normalized text and its segment map, merging contiguous linear runs."""

    __slots__ = ("end", "linear", "norm", "out", "pos", "start")

    def __init__(self) -> None:
        self.out: list[str] = []
        self.norm: list[int] = []
        self.start: list[int] = []
        self.end: list[int] = []
        self.linear: list[bool] = []
        self.pos = 0

    def add(self, text: str, start: int, end: int, linear: bool) -> None:
        if not text:
            return
        if linear and self.linear and self.linear[-1] and self.end[-1] == start:
            self.end[-1] = end
        else:
            self.norm.append(self.pos)
            self.start.append(start)
            self.end.append(end)
            self.linear.append(linear)
        self.out.append(text)
        self.pos += len(text)

    def build(self, original: str) -> Normalized:
        return Normalized(original, "".join(self.out), tuple(self.norm), tuple(self.start),
                          tuple(self.end), tuple(self.linear))


def _clean_chars(s: str) -> list[tuple[str, int, int]]:
    """Apply the per-cluster policy (all but whitespace runs) to NFC text ``s``, from which
    the invisible characters are gone already (:func:`_kept_runs`).

    Returns ``(output, first source index, one past the last source index)`` per output
    character, indices into ``s``.
    """
    out: list[tuple[str, int, int]] = []
    for i, ch in enumerate(s):
        if ch in (ZWJ, ZWNJ):
            prev = out[-1][0] if out else ""
            if prev == HASANTA:
                if ch == ZWJ and len(out) >= 2 and out[-2][0] == "\u09a4":
                    # ত + ্ + ZWJ -> ৎ (khanda-ta, Unicode 4.1 spelling).
                    out[-2:] = [(KHANDA_TA, out[-2][1], i + 1)]
                    continue
                out.append((ch, i, i + 1))
            continue
        out.append((_CHAR_MAP.get(ch, ch), i, i + 1))
    return out


def normalize_with_offsets(text: str) -> Normalized:
    """Normalize ``text`` (see the module docstring) and keep the offset map.

    >>> n = normalize_with_offsets("কিম  জং\u2013উন")
    >>> n.text
    'কিম জং-উন'
    >>> n.original_span(4, 9)
    (5, 10)
    """
    if not isinstance(text, str):
        raise TypeError(f"normalize expects str, got {type(text).__name__}; "
                        "decode bytes first (e.g. data.decode('utf-8'))")
    kept = _kept_runs(text)
    if kept is None:
        return _normalized(text)
    # Invisible characters go first, so that NFC and the white space rules see the text as
    # it will read (ে + ZWSP + া is ো; "a ZWNJ b" has one space): normalizing stays idempotent.
    stripped = "".join(text[a:z] for a, z in kept)
    inner = _normalized(stripped)
    starts = list(accumulate((z - a for a, z in kept), initial=0))
    b = _Builder()
    bounds = (*inner.seg_norm, len(inner.text))
    for k, linear in enumerate(inner.seg_linear):
        lo, hi = inner.seg_start[k], inner.seg_end[k]
        out = inner.text[bounds[k]:bounds[k + 1]]
        if not linear:
            b.add(out, _in_original(kept, starts, lo), _in_original(kept, starts, hi - 1) + 1,
                  False)
            continue
        # A linear segment is cut where characters were removed between its characters.
        r = bisect_right(starts, lo) - 1
        while lo < hi:
            end = min(hi, starts[r + 1])
            a = kept[r][0] + lo - starts[r]
            b.add(out[:end - lo], a, a + end - lo, True)
            out = out[end - lo:]
            lo, r = end, r + 1
    return b.build(text)


def _normalized(text: str) -> Normalized:
    """The policy on text without invisible characters (see :func:`_kept_runs`)."""
    b = _Builder()
    pos = 0
    # White space that changes (a run, or a single character other than " ") is handled
    # first, so that a grapheme cluster never straddles it; single spaces stay in segments.
    for ws in _WS_CHANGING.finditer(text):
        _clean_segment(text, pos, ws.start(), b)
        run = ws.group()
        sep = "\n" if ("\n" in run or "\r" in run or "\u2028" in run
                       or "\u2029" in run) else " "
        b.add(sep, ws.start(), ws.end(), False)
        pos = ws.end()
    _clean_segment(text, pos, len(text), b)
    return b.build(text)


#: Characters the policy may remove: the invisible ones, and ZWJ/ZWNJ (kept after a hasanta).
_REMOVABLE = re.compile("[" + "".join(sorted(_INVISIBLE | {ZWJ, ZWNJ})) + "]")


def _kept_runs(text: str) -> list[tuple[int, int]] | None:
    """The runs of ``text`` left when the invisible characters and the ZWJ/ZWNJ that follow
    no hasanta are removed, as (start, end); None if nothing is removed (the common case)."""
    runs: list[tuple[int, int]] = []
    last = 0          # where the text after the last removed character starts
    prev_kept = ""    # the last character kept before the current one
    removed = False
    for m in _REMOVABLE.finditer(text):
        p = m.start()
        if p > last:
            prev_kept = text[p - 1]
        if text[p] in (ZWJ, ZWNJ) and prev_kept == HASANTA:
            continue  # it changes which letters are drawn: kept, part of the run
        removed = True
        if p > last:
            runs.append((last, p))
        last = p + 1
    if not removed:
        return None
    if last < len(text):
        runs.append((last, len(text)))
    return runs


def _in_original(kept: list[tuple[int, int]], starts: list[int], i: int) -> int:
    """The original index of character ``i`` of the text made of the ``kept`` runs."""
    r = bisect_right(starts, i) - 1
    return kept[r][0] + i - starts[r]


def _clean_segment(text: str, lo: int, hi: int, b: _Builder) -> None:
    # Fix the words that may need work, copying the text between them as it is: in the 2.7 MB
    # of ../shared/data, 15,210 words of 159,043 need work (12,643 of them a precomposed য়).
    run = lo        # where the text not yet added starts
    word_end = lo   # the end of the last word looked at
    for m in _SUSPECT.finditer(text, lo, hi):
        p = m.start()
        if p < word_end:
            continue  # a second hit in the same word
        start = text.rfind(" ", lo, p) + 1 or lo
        word_end = text.find(" ", p, hi)
        if word_end < 0:
            word_end = hi
        fixed = _fixed_word(text[start:word_end])
        if fixed is None:
            continue
        if run < start:
            b.add(text[run:start], run, start, True)
        for out, a, z, linear in fixed:
            b.add(out, start + a, start + z, linear)
        run = word_end
    if run < hi:
        b.add(text[run:hi], run, hi, True)


@lru_cache(maxsize=65536)
def _fixed_word(word: str) -> tuple[tuple[str, int, int, bool], ...] | None:
    """``None`` for a word that is already normalized, else its normalized pieces with their
    spans in the word (neighbouring linear pieces merged). Cached: news repeats its words."""
    if _is_clean(word):
        return None
    merged: list[tuple[str, int, int, bool]] = []
    for piece in _clean_word(word):
        if merged and piece[3] and merged[-1][3] and merged[-1][2] == piece[1]:
            out, a, _z, _linear = merged[-1]
            merged[-1] = (out + piece[0], a, piece[2], True)
        else:
            merged.append(piece)
    return tuple(merged)


def _is_clean(s: str) -> bool:
    """Whether ``s`` is already normalized (NFC, and nothing the policy changes)."""
    return _DIRTY.search(s) is None and unicodedata.is_normalized("NFC", s)


def _clean_word(word: str) -> tuple[tuple[str, int, int, bool], ...]:
    """The normalized pieces of a word that needs work, with their spans in the word."""
    out: list[tuple[str, int, int, bool]] = []
    for m in _GRAPHEME.finditer(word):
        for part, a in _nfc_parts(m.group()):
            s = m.start() + a
            nfc = unicodedata.normalize("NFC", part)
            if nfc == part:
                # NFC left it alone: map character by character, so a suffix that starts at
                # a vowel sign inside a cluster (কিম|ের) maps back exactly.
                for ch, i, z in _clean_chars(part):
                    out.append((ch, s + i, s + z, ch == part[i] and z == i + 1))
            else:
                # NFC composed or reordered: every output character maps to the whole part.
                out.append(("".join(ch for ch, _i, _z in _clean_chars(nfc)), s, s + len(part),
                            False))
    return tuple(out)


def _nfc_parts(cluster: str) -> list[tuple[str, int]]:
    """The grapheme cluster cut where NFC does not reach across — before a starter (combining
    class 0) other than ZWJ/ZWNJ (they stay with the hasanta before them, which their policy
    looks at), where NFC of the two sides is NFC of the whole — with each part's offset, if
    NFC of the parts is NFC of the whole; else the whole cluster. A cluster can hold a
    punctuation mark, a stray sign and a letter (``:্ড়``, ``-্ফৌ``): the offsets of the part
    NFC changes (ড়, ফৌ) must not swallow the others."""
    nfc = unicodedata.normalize
    whole = nfc("NFC", cluster)
    cuts = [i for i in range(1, len(cluster))
            if not unicodedata.combining(cluster[i]) and cluster[i] not in (ZWJ, ZWNJ)
            and nfc("NFC", cluster[:i]) + nfc("NFC", cluster[i:]) == whole]
    if not cuts:
        return [(cluster, 0)]
    parts = [(cluster[a:z], a) for a, z in pairwise([0, *cuts, len(cluster)])]
    if "".join(nfc("NFC", p) for p, _a in parts) != whole:
        return [(cluster, 0)]
    return parts


def normalize(text: str) -> str:
    """Normalize ``text`` for comparison and matching; idempotent.

    >>> normalize("হুই’র") == normalize("হুই'র")
    True
    >>> normalize("\u09df") == normalize("\u09af\u09bc")   # য় precomposed or base + nukta
    True
    >>> normalize("উৎসব") == normalize("উত\u09cd\u200dসব")  # khanda-ta, old and new spelling
    True
    """
    return normalize_with_offsets(text).text


def explain_chars(text: str) -> str:
    """One line per code point: index, the code point, and its Unicode name.

    For the day two identical-looking names do not match.

    >>> print(explain_chars("\u09af\u09bc"))
    0  U+09AF  য  BENGALI LETTER YA
    1  U+09BC  ◌়  BENGALI SIGN NUKTA
    """
    lines = []
    for i, ch in enumerate(text):
        name = unicodedata.name(ch, "<unnamed>")
        shown = ("◌" + ch) if unicodedata.combining(ch) or unicodedata.category(ch) == "Mn" \
            else (ch if ch.isprintable() and not ch.isspace() else " ")
        lines.append(f"{i}  U+{ord(ch):04X}  {shown}  {name}")
    return "\n".join(lines)
