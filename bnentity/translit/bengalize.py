"""Likely Bengali spellings of a Latin-script name (Trump -> ট্রাম্প, Lavrov -> লাভরভ).

For candidate generation: an entity that only has an English name can be indexed under the Bengali
keys this module proposes, so an exact-key lookup finds it before any fuzzy search. The spellings
come from a weighted grapheme-to-Bengali table (several options per English letter group, each with
a cost), a beam search over a word, Bengali orthography rules for consonant clusters (conjunct or
not) and vowels (sign or independent letter, য় glides), and a final re-ranking by
:func:`~bnentity.translit.crossmatch.cross_script_similarity` of each spelling with the Latin name,
so that spellings that do not read back as the name are dropped.

Measured on the tuning split of ``benchmarks/data/translit_pairs.tsv`` (see
docs/transliteration.md): the newspaper spelling of a word is among the 8 proposals for 64 % of
the words of person names and 41 % of the words of place names (Bangladeshi place names have many
inherent vowels and ড়/ঢ় that English spelling does not show); the costs below were set by hand
from the tuning pairs.

>>> "ট্রাম্প" in bengali_spellings("Trump")
True
>>> {"চো", "চোয়ে"} & set(bengali_spellings("Choe")) != set()
True
>>> {"লাভরভ", "ল্যাভরভ"} & set(bengali_spellings("Lavrov")) != set()
True
"""

from __future__ import annotations

import heapq
import unicodedata
from functools import lru_cache
from typing import Final

from bnentity.translit.crossmatch import cross_script_similarity

__all__ = ["bengali_spellings"]

HASANTA: Final = "\u09cd"
YA_NUKTA: Final = "য\u09bc"

# A phoneme is ("C", consonant letters) or ("V", vowel name). Vowel names: "A" (inherent
# vowel, written as nothing after a consonant), "a" া, "ae" ্যা, "i" ি, "ii" ী, "u" ু, "uu" ূ,
# "e" ে, "o" ো, "oi" ৈ, "ou" ৌ.
Phoneme = tuple[str, str]
Option = tuple[tuple[Phoneme, ...], float]

_SIGN: Final[dict[str, str]] = {
    "A": "", "a": "া", "ae": "্যা", "i": "ি", "ii": "ী", "u": "ু", "uu": "ূ", "e": "ে",
    "o": "ো", "oi": "ৈ", "ou": "ৌ",
}
_INDEPENDENT: Final[dict[str, str]] = {
    "A": "অ", "a": "আ", "ae": "অ্যা", "i": "ই", "ii": "ঈ", "u": "উ", "uu": "ঊ", "e": "এ",
    "o": "ও", "oi": "ঐ", "ou": "ঔ",
}


def _c(letters: str) -> Phoneme:
    return ("C", letters)


def _v(name: str) -> Phoneme:
    return ("V", name)


def _o(*alts: tuple[str, float]) -> tuple[Option, ...]:
    """Options written compactly: "C:ট V:a" -> ((C ট), (V a))."""
    out: list[Option] = []
    for spec, cost in alts:
        seq: list[Phoneme] = []
        for part in spec.split():
            kind, val = part.split(":")
            seq.append((kind, val))
        out.append((tuple(seq), cost))
    return tuple(out)


#: English letter groups -> Bengali phoneme options with costs (lower is likelier). Costs were set
#: by hand from the tuning pairs: the first option is the newspaper convention (d -> ড in
#: European names, দ in South Asian and Arabic ones, hence both at close cost).
_GRAPHEMES: Final[dict[str, tuple[Option, ...]]] = {
    # consonant groups
    "sch": _o(("C:শ", 0.0)), "tch": _o(("C:চ", 0.0)), "tsch": _o(("C:চ", 0.0)),
    "chr": _o(("C:ক C:র", 0.0)), "ch": _o(("C:চ", 0.0), ("C:ছ", 0.8), ("C:খ", 1.2), ("C:শ", 1.5)),
    "chh": _o(("C:ছ", 0.0), ("C:চ", 0.3)),
    "nj": _o(("C:ঞ C:জ", 0.0), ("C:ন C:জ", 0.5)), "nch": _o(("C:ঞ C:চ", 0.2), ("C:ন C:চ", 0.4)),
    "sh": _o(("C:শ", 0.0), ("C:স", 1.0)), "zh": _o(("C:ঝ", 0.3), ("C:জ", 0.5)),
    "kh": _o(("C:খ", 0.0)), "gh": _o(("C:ঘ", 0.3), ("C:গ", 0.5)),
    "ph": _o(("C:ফ", 0.0)), "th": _o(("C:থ", 0.3), ("C:ত", 0.5), ("C:দ", 1.2)),
    "dh": _o(("C:ধ", 0.0), ("C:ঢ", 0.3)), "bh": _o(("C:ভ", 0.0)), "jh": _o(("C:ঝ", 0.0)),
    "ck": _o(("C:ক", 0.0)), "qu": _o(("C:ক V:u", 0.6), ("C:ক", 0.8)),
    "ng": _o(("C:ং", 0.3), ("C:ঙ C:গ", 0.6), ("C:ঙ", 1.0)),
    "nk": _o(("C:ঙ C:ক", 0.0), ("C:ং C:ক", 0.5)),
    "ts": _o(("C:ৎ C:স", 0.5), ("C:ট C:স", 0.5), ("C:ত C:স", 1.0)),
    "tz": _o(("C:ৎ C:স", 0.3), ("C:জ", 1.0)),
    "x": _o(("C:ক C:স", 0.0)),
    "b": _o(("C:ব", 0.0)), "c": _o(("C:ক", 0.0)), "d": _o(("C:ড", 0.2), ("C:দ", 0.3)),
    "f": _o(("C:ফ", 0.0)), "g": _o(("C:গ", 0.0), ("C:জ", 1.0)), "h": _o(("C:হ", 0.0)),
    "j": _o(("C:জ", 0.0)), "k": _o(("C:ক", 0.0)), "l": _o(("C:ল", 0.0)),
    "m": _o(("C:ম", 0.0)), "n": _o(("C:ন", 0.0)), "p": _o(("C:প", 0.0)),
    "q": _o(("C:ক", 0.0)), "r": _o(("C:র", 0.0), ("C:ড়", 0.9)), "s": _o(("C:স", 0.0), ("C:শ", 1.0)),
    "t": _o(("C:ট", 0.2), ("C:ত", 0.3)), "v": _o(("C:ভ", 0.0)),
    "z": _o(("C:জ", 0.0)),
    # vowel groups
    "aa": _o(("V:a", 0.0)), "ee": _o(("V:i", 0.0), ("V:ii", 0.3)),
    "oo": _o(("V:u", 0.0), ("V:uu", 0.6)), "ou": _o(("V:ou", 0.5), ("V:u", 0.5), ("V:o", 1.0)),
    "ow": _o(("V:ou", 0.3), ("V:o", 0.4)),
    "au": _o(("V:A", 0.8), ("V:ou", 0.6), ("V:a V:u", 1.2)), "ai": _o(("V:a V:i", 0.3),
                                                                       ("V:e V:i", 0.8),
                                                                       ("V:oi", 1.0)),
    "ay": _o(("V:e V:i", 0.5), ("V:a V:i", 0.5), ("V:e", 0.8)),
    "ei": _o(("V:e V:i", 0.3), ("V:e", 0.5), ("V:a V:i", 0.8)),
    "ey": _o(("V:e V:i", 0.3), ("V:i", 0.8)),
    "ie": _o(("V:i", 0.5), ("V:i V:e", 0.8)), "ea": _o(("V:i", 0.5), ("V:i V:a", 0.8)),
    "oe": _o(("V:o V:e", 0.3), ("V:o", 0.6)), "oi": _o(("V:o V:i", 0.3), ("V:oi", 1.0)),
    "a": _o(("V:a", 0.0), ("V:A", 0.35), ("V:ae", 0.7), ("V:e", 1.5)),
    "e": _o(("V:e", 0.0), ("V:i", 1.2), ("V:A", 1.5)),
    "i": _o(("V:i", 0.0), ("V:ii", 0.5), ("V:a V:i", 1.5)),
    "o": _o(("V:o", 0.2), ("V:A", 0.4), ("V:a", 1.5)),
    "u": _o(("V:u", 0.0), ("V:a", 0.7), ("V:uu", 1.0), ("V:A", 1.2)),
    "y": _o(("V:i", 0.0)),
    "w": _o(("C:ও", 0.0)),
}
_MAX_GRAPHEME: Final = max(len(g) for g in _GRAPHEMES)
_VOWEL_LETTERS: Final = "aeiouy"
_NASALS: Final = frozenset({"ম", "ন", "ঙ", "ঞ"})
_STOPS: Final = frozenset("কখগঘচছজঝটঠডঢতথদধপফবভ")
_SIBILANT_PARTNERS: Final = frozenset("টকপতমনলথ")
_L_PARTNERS: Final = frozenset("ডটফকপভমবদত")
_PHALA: Final = frozenset({"র", "ল", "ব"})

#: States kept per position in the beam search.
BEAM: Final = 48
#: Cost of a spelling Bengali orthography does not allow; such spellings are never proposed.
_INVALID: Final = 9.0


def _join_cost(c1: str, c2: str, initial: bool) -> tuple[float, float]:
    """(cost of writing c1+c2 as a conjunct, cost of writing them side by side).

    Bengali news writes a word-initial cluster as a conjunct (ট্রাম্প, স্টোকস, ভ্লাদিমির), a
    reph for r + consonant (মার্কেল), nasal + stop and s + stop as conjuncts (ট্রাম্প, ডোনাল্ড,
    স্টার্ক), and other medial pairs side by side, the inherent vowel unspoken (লাভরভ Lavrov).
    """
    if "ং" in (c1, c2) or c1 == "ৎ":
        return (_INVALID, 0.0)
    if initial:
        return (0.0, 1.5)
    if c1 == "র":
        return (0.2, 0.4)
    if c1 == c2:
        return (0.0, 1.0)
    if c1 in _NASALS and c2 in _STOPS:
        return (0.0, 1.0)
    if c1 in ("স", "শ") and c2 in _SIBILANT_PARTNERS:
        return (0.0, 1.0)
    if c1 == "ল" and c2 in _L_PARTNERS:
        return (0.2, 0.6)
    if c2 == "স" and c1 in ("ক", "ট", "প"):
        return (0.5, 0.3)
    if c2 in _PHALA:
        return (0.6, 0.2)
    return (1.0, 0.0)


def _grapheme_options(word: str, i: int) -> list[tuple[int, tuple[Option, ...]]]:
    """The grapheme(s) starting at ``word[i]``: (length, options), with context rules."""
    out: list[tuple[int, tuple[Option, ...]]] = []
    n = len(word)
    nxt = word[i + 1] if i + 1 < n else ""
    ch = word[i]
    at_end = i == n - 1
    prev = word[i - 1] if i else ""
    # Context-dependent single letters.
    if ch == prev and ch not in _VOWEL_LETTERS:
        # The second letter of a double consonant was consumed with the first (see the end).
        return [(1, (((), 0.5),))]
    if i == 0 and ch == "y" and nxt in _VOWEL_LETTERS:
        # Initial y + vowel: ইয়া, ইয়ে (Yahya, Yemen); yi is ই, yu is ইউ (Yunus).
        if nxt == "i":
            return [(2, _o(("V:i", 0.0)))]
        if nxt == "u":
            return [(2, _o(("V:i V:u", 0.0)))]
        if nxt == "o" and word[i + 2:i + 3] == "u":
            return [(3, _o(("V:i V:u", 0.0)))]
        out.append((1, _o(("V:i C:" + YA_NUKTA, 0.0))))
    elif ch == "i" and i + 2 < n and word[i + 1] not in _VOWEL_LETTERS \
            and word[i + 2] == "e" and i + 3 >= n - 1:
        # i + consonant + final e/en/es is the English "ai" (Biden বাইডেন, Mike মাইক).
        out.append((1, _o(("V:a V:i", 0.2), ("V:i", 0.3))))
    elif ch == "e" and i == n - 2 and nxt == "s" and i >= 2 and prev not in _VOWEL_LETTERS:
        # -es after a consonant: e is silent (Stokes স্টোকস, Gates গেটস).
        out.append((1, (((), 0.2), ((_v("e"),), 0.4))))
    elif ch in "aou" and i + 2 < n and word[i + 1] not in _VOWEL_LETTERS \
            and word[i + 2] == "e" and i + 3 >= n - 1 and word[i + 1] != "r":
        # Vowel + consonant + final e/es is the long vowel (Gates গেটস, Cape কেপ, Rome রোম).
        long = {"a": "e", "o": "o", "u": "u"}[ch]
        out.append((1, _o(("V:" + long, 0.1), ("V:a" if ch == "a" else "V:" + long, 0.4))))
    elif ch == "u" and i + 2 < n and word[i + 1] not in _VOWEL_LETTERS + "r" \
            and word[i + 2] not in _VOWEL_LETTERS and word[i + 1] != word[i + 2]:
        # u before two different consonants is the English short u, া (Trump ট্রাম্প, Musk মাস্ক).
        out.append((1, _o(("V:a", 0.2), ("V:u", 0.3))))
    elif ch == "y" and 0 < i < n - 1 and prev not in _VOWEL_LETTERS \
            and nxt not in _VOWEL_LETTERS:
        # y between consonants is the English "ai" (Tyson টাইসন, Byron বায়রন).
        out.append((1, _o(("V:a V:i", 0.2), ("V:i", 0.3))))
    elif ch == "o" and word[i + 1:] == "ng":
        # Final -ong is অং (Jong জং, Hong হং, Song সং).
        out.append((1, _o(("V:A", 0.0), ("V:o", 0.3))))
    elif ch == "c" and nxt in ("e", "i", "y"):
        out.append((1, _o(("C:স", 0.0))))
    elif ch == "g" and nxt in ("e", "i", "y"):
        out.append((1, _o(("C:গ", 0.3), ("C:জ", 0.5))))
    elif ch == "x" and i == 0:
        out.append((1, _o(("C:শ", 0.0), ("C:জ", 0.8))))
    elif ch == "y" and nxt in _VOWEL_LETTERS and (i == 0 or word[i - 1] in _VOWEL_LETTERS):
        out.append((1, _o(("C:" + YA_NUKTA, 0.0))))
    elif ch == "e" and at_end and i >= 2 and word[i - 1] not in _VOWEL_LETTERS:
        # A final e after a consonant: silent in English (Mike মাইক), ে in Romance and African
        # names (Pelé পেলে, Kagame কাগামে).
        out.append((1, (((), 0.3), ((_v("e"),), 0.5))))
    elif ch == "w" and nxt in _VOWEL_LETTERS:
        # w before a vowel: ও + য় glide (Wang ওয়াং, Wazed ওয়াজেদ), উ before i (William উইলিয়াম)
        # and after a consonant (Rwanda রুয়ান্ডা, Swift সুইফট).
        if nxt == "i" or (prev and prev not in _VOWEL_LETTERS):
            out.append((1, _o(("V:u", 0.0))))
        else:
            out.append((1, _o(("C:ও C:" + YA_NUKTA, 0.0), ("V:u", 1.0))))
    elif ch == "w":
        # w after a vowel closes it (Snowden স্নোডেন, Lavrow লাভরভ).
        out.append((1, (((), 0.2), ((_c("ভ"),), 0.8), ((_v("u"),), 0.8))))
    elif ch == "h" and i > 0 and word[i - 1] in _VOWEL_LETTERS and (at_end or
                                                                     nxt not in _VOWEL_LETTERS):
        out.append((1, (((_c("হ"),), 0.2), ((), 0.4))))
    for length in range(min(_MAX_GRAPHEME, n - i), 0, -1):
        g = word[i:i + length]
        if g in _GRAPHEMES and not (out and length == 1):
            out.append((length, _GRAPHEMES[g]))
    # Double letters: one sound (Abbas আব্বাস is the exception the geminate option covers).
    if i + 1 < n and nxt == ch and ch not in _VOWEL_LETTERS:
        out.append((2, tuple((seq + seq, cost + 0.6) for seq, cost in _GRAPHEMES.get(ch, ()))
                    + tuple((seq, cost + 0.1) for seq, cost in _GRAPHEMES.get(ch, ()))))
    return out


def _render(phonemes: tuple[Phoneme, ...], joins: tuple[bool, ...]) -> str:
    """Bengali orthography for a phoneme sequence; ``joins[k]`` says whether consonant k is
    joined (hasanta) to the consonant after it."""
    out: list[str] = []
    prev = ""   # "", "C" or "V"
    prev_vowel = ""
    for k, (kind, val) in enumerate(phonemes):
        if kind == "C":
            if val == "ও":          # the w glide: ও before য়
                out.append("ও")
                prev = "V"
                prev_vowel = "o"
                continue
            out.append(val)
            if joins[k]:
                out.append(HASANTA)
            prev = "C"
            continue
        if prev == "C":
            out.append(_SIGN[val])
        elif prev == "V" and val in ("a", "e", "o", "A") and prev_vowel in ("i", "ii", "e", "o",
                                                                            "u", "uu"):
            # Hiatus: য় carries the second vowel (মারিয়া Maria, চোয়ে Choe, রুয়ান্ডা Rwanda).
            out.append(YA_NUKTA + _SIGN[val if val != "A" else "a"])
        else:
            out.append(_INDEPENDENT[val])
        prev = "V"
        prev_vowel = val
    return "".join(out)


@lru_cache(maxsize=8192)
def _word_spellings(word: str, limit: int) -> tuple[str, ...]:
    """Best Bengali spellings of one lower-case ASCII word, cheapest first."""
    # State: (cost, position, phonemes, joins); beam search by position.
    beams: list[tuple[float, tuple[Phoneme, ...], tuple[bool, ...]]] = [(0.0, (), ())]
    by_pos: dict[int, list[tuple[float, tuple[Phoneme, ...], tuple[bool, ...]]]] = {0: beams}
    n = len(word)
    for i in range(n):
        states = by_pos.pop(i, [])
        if not states:
            continue
        states = heapq.nsmallest(BEAM, states, key=lambda s: s[0])
        for length, options in _grapheme_options(word, i):
            for seq, cost in options:
                for base_cost, phon, joins in states:
                    new_phon, new_joins, extra = _extend(phon, joins, seq)
                    by_pos.setdefault(i + length, []).append(
                        (base_cost + cost + extra, new_phon, new_joins))
    finals = by_pos.get(n, [])
    seen: dict[str, float] = {}
    for cost, phon, joins in finals:
        if cost >= _INVALID:
            continue
        text = _render(phon, joins)
        if text and (text not in seen or cost < seen[text]):
            seen[text] = cost
    ranked = sorted(seen.items(), key=lambda kv: (kv[1], kv[0]))
    return tuple(t for t, _ in ranked[:limit])


def _extend(phon: tuple[Phoneme, ...], joins: tuple[bool, ...],
            seq: tuple[Phoneme, ...]) -> tuple[tuple[Phoneme, ...], tuple[bool, ...], float]:
    """Append ``seq``; decide the join of each consonant pair (cheapest), return the extra cost."""
    p = list(phon)
    j = list(joins)
    extra = 0.0
    for ph in seq:
        if ph[0] == "V" and p and p[-1] == ("C", "ং"):
            extra += _INVALID    # ং never carries a vowel: ng + vowel is ঙ্গ (Angela অ্যাঙ্গেলা)
        if ph == ("C", "ড\u09bc") and (not p or p[-1][0] == "C"):
            extra += _INVALID    # ড় follows a vowel (বাড়ী, ছড়ি), never starts a word or cluster
        if ph[0] == "C" and p and p[-1][0] == "C" and ph[1] != "ও" and p[-1][1] != "ও":
            initial = all(q[0] == "C" for q in p)
            conj, apart = _join_cost(p[-1][1], ph[1], initial)
            j[-1] = conj <= apart
            extra += min(conj, apart)
        p.append(ph)
        j.append(False)
    return tuple(p), tuple(j), extra


def _ascii_words(latin: str) -> list[str]:
    text = unicodedata.normalize("NFKD", latin)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    out: list[str] = []
    for raw in text.replace("-", " ").split():
        w = "".join(ch for ch in raw if "a" <= ch <= "z")
        if w:
            out.append(w)
    return out


def bengali_spellings(latin: str, *, limit: int = 8) -> list[str]:
    """Likely Bengali spellings of the Latin-script name ``latin``, likeliest first.

    Multi-word names are spelled word by word and the combinations ranked by total cost; every
    proposal must read back as the name (cross-script similarity of at least 70 with it).
    Deterministic; returns at most ``limit`` distinct spellings (NFC, য় as base + nukta).

    >>> bengali_spellings("Kim Jong Un", limit=1)
    ['কিম জং উন']
    >>> bengali_spellings("", limit=3)
    []
    """
    words = _ascii_words(latin)
    if not words or limit <= 0:
        return []
    per_word = [_word_spellings(w, max(limit, 6)) for w in words]
    if any(not p for p in per_word):
        return []
    # Combine by rank (the k-th spelling of a word costs k): best-first over rank vectors.
    combos: list[tuple[int, tuple[int, ...]]] = [(0, tuple(0 for _ in per_word))]
    seen_vecs = {combos[0][1]}
    out: list[str] = []
    while combos and len(out) < limit * 3:
        rank, vec = heapq.heappop(combos)
        out.append(" ".join(p[k] for p, k in zip(per_word, vec, strict=True)))
        for w in range(len(vec)):
            if vec[w] + 1 < len(per_word[w]):
                nv = (*vec[:w], vec[w] + 1, *vec[w + 1:])
                if nv not in seen_vecs:
                    seen_vecs.add(nv)
                    heapq.heappush(combos, (rank + 1, nv))
    kept = [s for s in out if cross_script_similarity(s, latin) >= READBACK_MIN]
    return kept[:limit]


#: A proposal must score at least this against the Latin name it came from, so that a spelling that
#: reads back as another name is not proposed. It does not change recall (tuning split, names:
#: 0.340 without it, 0.341 with it): it removes junk, not newspaper spellings.
READBACK_MIN: Final = 70.0
