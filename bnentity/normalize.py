"""Orthographic normalization of Bengali (and mixed) text, with an exact offset map.

This module is the one place that owns Unicode. Everything downstream (tokens, stems, keys,
matching) works on normalized text and asks this module to map spans back to the original.

The policy, applied after NFC, one grapheme cluster at a time:

* **Nukta letters.** য় ড় ঢ় arrive precomposed (U+09DF/U+09DC/U+09DD) or as base + nukta
  (U+09AF/U+09A1/U+09A2 + U+09BC). The precomposed code points are Unicode composition
  exclusions, so NFC always yields base + nukta: that decomposed form is the one we keep.
* **Khanda-ta.** ত + hasanta + ZWJ (the pre-Unicode-4.1 spelling) becomes ৎ (U+09CE).
* **ZWJ / ZWNJ** are kept only right after a hasanta, where they change which letters are drawn
  (র + ্ + ZWJ + য is the ra-phala form "র‍্য"; ZWNJ after hasanta forbids a conjunct); everywhere
  else they are invisible noise and removed. Keys (``bnentity.keys``) drop them always.
* **Invisible junk** — zero-width space, soft hyphen, BOM / zero-width no-break space, word
  joiner — is removed.
* **Apostrophes and quotes.** ’ ‘ ′ ʼ ` ´ and ' become ``'``; “ ” „ ″ and " become ``"``.
  Bengali news uses both (হুই’র and হুই'র in the same archive).
* **Hyphens and dashes.** - ‐ ‑ ‒ – — ― − all become ``-``. Names are hyphenated with any of
  them (উত্তর কোরিয়া–রাশিয়া, কিম জং-উন).
* **Whitespace.** A run of white space becomes one space, or one newline if it contains a line
  break (so paragraphs stay apart and no multi-word name is matched across them).
* Digits (Bengali and ASCII), letters' case and everything else are left as they are.

Every output character remembers the span of original text it came from, at grapheme-cluster
granularity where the policy changed a cluster and character granularity elsewhere, so any
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

import unicodedata
from dataclasses import dataclass
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
_WS = regex.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Normalized:
    """Normalized text plus, per character, the original span it came from.

    ``starts[i]`` and ``ends[i]`` give the original span of normalized character ``i``; several
    normalized characters from one grapheme cluster share its span.
    """

    original: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map ``text[start:end]`` to the span of ``original`` it was made from.

        An empty span maps to the position just before the character at ``start``.
        """
        if not 0 <= start <= end <= len(self.text):
            raise IndexError(f"span ({start}, {end}) is outside the normalized text "
                             f"of length {len(self.text)}")
        if start == end:
            pos = self.starts[start] if start < len(self.text) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def original_offset(self, index: int) -> int:
        """The original offset where normalized character ``index`` starts."""
        return self.starts[index] if index < len(self.text) else len(self.original)


def _clean_chars(s: str) -> list[tuple[str, int, int]]:
    """Apply the per-cluster policy (all but whitespace runs) to NFC text ``s``.

    Returns ``(output, first source index, one past the last source index)`` per output
    character, indices into ``s``.
    """
    out: list[tuple[str, int, int]] = []
    for i, ch in enumerate(s):
        if ch in _INVISIBLE:
            continue
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
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    # Whitespace runs are handled first so that a cluster never straddles them.
    for ws in _WS.finditer(text):
        _clean_segment(text, pos, ws.start(), out, starts, ends)
        run = ws.group()
        sep = "\n" if ("\n" in run or "\r" in run or "\u2028" in run or "\u2029" in run) else " "
        out.append(sep)
        starts.append(ws.start())
        ends.append(ws.end())
        pos = ws.end()
    _clean_segment(text, pos, len(text), out, starts, ends)
    norm = "".join(out)
    return Normalized(text, norm, tuple(starts), tuple(ends))


def _clean_segment(text: str, lo: int, hi: int, out: list[str], starts: list[int],
                   ends: list[int]) -> None:
    if lo >= hi:
        return
    seg = text[lo:hi]
    if seg.isascii() and "`" not in seg:
        out.append(seg)
        starts.extend(range(lo, hi))
        ends.extend(range(lo + 1, hi + 1))
        return
    for m in _GRAPHEME.finditer(seg):
        cluster = m.group()
        s, e = lo + m.start(), lo + m.end()
        nfc = unicodedata.normalize("NFC", cluster)
        if nfc == cluster:
            # NFC left it alone: map character by character, so a suffix that starts at a
            # vowel sign inside a cluster (কিম|ের) maps back exactly.
            for ch, a, b in _clean_chars(cluster):
                out.append(ch)
                starts.append(s + a)
                ends.append(s + b)
        else:
            # NFC composed or reordered: every output character maps to the whole cluster.
            cleaned = "".join(ch for ch, _a, _b in _clean_chars(nfc))
            out.append(cleaned)
            starts.extend([s] * len(cleaned))
            ends.extend([e] * len(cleaned))


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
