"""Inflections Bengali glues to names: every plausible stem with its suffix, never one guess.

Which stem is right is decided by the gazetteer (the matcher tries each), not here.

>>> [(s.stem, s.suffix) for s in stems("কিমের")]
[('কিমের', ''), ('কিমে', 'র'), ('কিম', 'ের')]
>>> ("হাসিনা", "র") in [(s.stem, s.suffix) for s in stems("হাসিনার")]
True
>>> ("পিয়ংইয়ং", "য়ে") in [(s.stem, s.suffix) for s in stems("পিয়ংইয়ংয়ে")]
True
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from bnentity.normalize import normalize

__all__ = ["CASE_SUFFIXES", "EMPHATIC_SUFFIXES", "Stem", "attach_suffix", "is_derived_adjective",
           "stems", "suffix_fits"]

#: Case and number endings, in the NFC form normalize() produces (য় is য + nukta).
#: Measured on the last word of the 11,949 NER spans of ../shared/data (banglakit + rifat1493):
#: "words with the ending / words whose stripped stem is itself attested as a span word":
#: ের 2545/2194, র 4880/2140 (includes ের), ে 1253/486, কে 564/465, য় 225/112, দের 108/6,
#: তে 87/62, সহ 60/54, রা 47/4, য়ে 26/2, এর 21/0 (after vowels: জাতিসংঘএর is not written;
#: এর follows acronyms, mostly as a hyphen clitic), দেরকে 0 (kept: ordinary grammar),
#: য়ের (genitive after ই/উ-final foreign names: হুইয়ের, পিয়ংইয়ংয়ের in the press).
#: গামী/মুখী ("bound for": ঢাকাগামী বাস, সেন্টমার্টিনগামী জাহাজ in seed 001): 11 and 17 tokens
#: in the corpus; the only stems that resolve are place names (ঢাকা, চট্টগ্রাম) — দ্রুতগামী,
#: নিম্নমুখী, বহুমুখী strip to no name.
#: Left out on purpose: টি (43/4, a classifier that attaches to common nouns, not names),
#: গুলো/বাসী (0 and 2 occurrences; বাসী makes a demonym, not the name: গোপালগঞ্জবাসী).
CASE_SUFFIXES: Final[tuple[str, ...]] = tuple(normalize(s) for s in (
    "দেরকে", "দের", "রা", "এর", "য়ের", "ের", "র", "কে", "তে", "য়ে", "য়", "ে", "সহ",
    "গামী", "মুখী",
))
#: Emphatic/inclusive particles that follow a case ending or the bare name (পুতিনকেও, কিমই).
#: Measured as above: ও 69/42, ই 73/35, েই 17/10, রও 12/4, কেই 4/3, কেও 2/1.
EMPHATIC_SUFFIXES: Final[tuple[str, ...]] = tuple(normalize(s) for s in ("ও", "ই"))

#: A stem must keep at least this many code points: one consonant plus a sign at least.
#: Shorter "stems" (a lone consonant) are never names in the gazetteers we ship.
_MIN_STEM: Final = 2
_BAD_STEM_END: Final = frozenset("\u09cd\u200c\u200d")  # hasanta, ZWNJ, ZWJ


@dataclass(frozen=True, slots=True)
class Stem:
    """A candidate stem of a word and the suffix that was stripped (``''`` for the word)."""

    stem: str
    suffix: str


def _ok(stem: str) -> bool:
    return len(stem) >= _MIN_STEM and stem[-1] not in _BAD_STEM_END


@lru_cache(maxsize=65536)
def _stems(word: str) -> tuple[Stem, ...]:
    out: dict[str, str] = {word: ""}
    bases: list[tuple[str, str]] = [(word, "")]
    for emph in EMPHATIC_SUFFIXES:
        if word.endswith(emph) and _ok(word[: -len(emph)]):
            bases.append((word[: -len(emph)], emph))
    for base, emph in bases:
        if emph:
            out.setdefault(base, emph)
        for suf in CASE_SUFFIXES:
            if base.endswith(suf) and _ok(base[: -len(suf)]):
                stem = base[: -len(suf)]
                if suf[0] == "য" and stem[-1] in "িী":
                    # ি/ী + য়… is the adjective ending ীয় (কোরীয়, ভারতীয়), never a case
                    # ending: after ি the locative is তে and the genitive র (দিল্লিতে, দিল্লির).
                    continue
                out.setdefault(stem, suf + emph)
    ordered = sorted(out.items(), key=lambda kv: (len(kv[1]), kv[1]))
    return tuple(Stem(s, suf) for s, suf in ordered)


def stems(word: str) -> tuple[Stem, ...]:
    """Every plausible (stem, suffix) split of a normalized word, the word itself first.

    Ordered by suffix length, so the least-stripped reading comes first. Non-Bengali words
    yield only themselves.

    >>> [(s.stem, s.suffix) for s in stems("পুতিনকেও")]
    [('পুতিনকেও', ''), ('পুতিনকে', 'ও'), ('পুতিনক', 'েও'), ('পুতিন', 'কেও')]
    """
    if not word or not ("\u0980" <= word[-1] <= "\u09ff"):
        return (Stem(word, ""),)
    return _stems(word)


#: Word-final ী/ি and ীয়/িয় turn a place name into an adjective or demonym: ইসরায়েলি
#: (Israeli), পাকিস্তানি, ইউক্রেনীয় (Ukrainian), কোরীয় (Korean), ভারতীয়. In the seeds these were
#: the only false links of the finder (ইউক্রেনীয়, উত্তর কোরীয়, ইসরায়েলিকে), and -ান
#: (আমেরিকান) 14 false links in ../shared/data; they are
#: derivation, not inflection, so they are not stripped — the matcher refuses them instead.
#: Checked on variant-key words (i_length and i_glide folded): ীয়/িয় end in a bare য় there.
_GLIDE_END: Final = "য\u09bc"


def is_derived_adjective(word: str, name: str) -> bool:
    """Whether variant-key ``word`` is an adjective/demonym derived from ``name`` (or back).

    >>> from bnentity.keys import variant_key as v
    >>> is_derived_adjective(v("ইসরায়েলি"), v("ইসরায়েল"))
    True
    >>> is_derived_adjective(v("কোরীয়"), v("কোরিয়া"))
    True
    >>> is_derived_adjective(v("আমেরিকান"), v("আমেরিকা"))
    True
    >>> is_derived_adjective(v("জেলেনস্কী"), v("জেলেনস্কি"))
    False
    """
    if word == name:
        return False
    if word == name + "ি" or name == word + "ি":
        return True
    # -ান after an ā-final name: আমেরিকান (American), রাশিয়ান, কোরিয়ান, ইতালিয়ান.
    if (word == name + "ন" and name.endswith("া")) or (name == word + "ন" and word.endswith("া")):
        return True
    return word.endswith(_GLIDE_END) != name.endswith(_GLIDE_END)


#: Case endings whose form depends on the stem's last sound: ending → (case, C|V|N), where C is
#: consonant-final (কিমের, ওনসানে), V vowel-final (হাসিনার, ঢাকায়) and N ends in ং/ঙ
#: (পিয়ংইয়ংয়ের, পিয়ংইয়ংয়ে). এর after a vowel is the hyphen-less spelling of the clitic.
_ALLOMORPHS: Final[dict[str, tuple[str, str]]] = {normalize(k): v for k, v in {
    "ের": ("genitive", "C"), "র": ("genitive", "V"), "য়ের": ("genitive", "N"),
    "এর": ("genitive", "V"),
    "ে": ("locative", "C"), "য়": ("locative", "V"), "য়ে": ("locative", "N"),
}.items()}
#: Endings that follow only a vowel (হাসিনার, ঢাকায়) or only a consonant (কিমের, ওনসানে).
_AFTER_VOWEL: Final = frozenset(k for k, (_c, cls) in _ALLOMORPHS.items()
                                if cls == "V" and k != normalize("এর"))
_AFTER_CONSONANT: Final = frozenset(k for k, (_c, cls) in _ALLOMORPHS.items() if cls == "C")
_VOWEL_SIGNS: Final = frozenset("\u09be\u09bf\u09c0\u09c1\u09c2\u09c3\u09c7\u09c8\u09cb\u09cc"
                                "অআইঈউঊঋএঐওঔ")


def suffix_fits(stem: str, suffix: str) -> bool:
    """Whether ``suffix`` can follow ``stem``'s last sound (a vowel or a consonant).

    Used on fuzzy matches: the reading কমিশনা + র (from কমিশনার, "commissioner") does not
    fit কমিশন, which would take ের. Clitics joined by a hyphen or apostrophe fit anything.

    >>> suffix_fits("কমিশন", "র"), suffix_fits("কমিশন", "ের"), suffix_fits("হাসিনা", "র")
    (False, True, True)
    """
    if not suffix or not stem or suffix[0] in "-'":
        return True
    core = suffix[:-1] if suffix[-1] in "ওই" and len(suffix) > 1 else suffix
    vowel_final = stem[-1] in _VOWEL_SIGNS
    if core in _AFTER_VOWEL:
        return vowel_final
    if core in _AFTER_CONSONANT:
        return not vowel_final
    return True


def _final_class(stem: str) -> str:
    """C (consonant-final), V (vowel-final) or N (ends in ং/ঙ, takes য়ের/য়ে)."""
    if not stem:
        return "C"
    ch = stem[-1]
    if ch in "ংঙ":
        return "N"
    return "V" if ch in _VOWEL_SIGNS else "C"


def attach_suffix(stem: str, suffix: str) -> str:
    """Glue a case suffix to a new stem, choosing the allomorph the stem's ending needs.

    A suffix joined by a hyphen or apostrophe is kept as written.

    >>> attach_suffix("সের্গেই লাভরভ", "ের")
    'সের্গেই লাভরভের'
    >>> attach_suffix("ঢাকা", "ে")
    'ঢাকায়'
    >>> attach_suffix("মিশর", "র")
    'মিশরের'
    >>> attach_suffix("চোয়ে সন হুই", "’র")
    'চোয়ে সন হুই’র'
    """
    if not suffix or suffix[0] in "-'’‘\u2010\u2011\u2013\u2014":
        return stem + suffix
    cls = _final_class(stem)
    for emph in ("", "ও", "ই"):
        core = suffix[: -len(emph)] if emph and suffix.endswith(emph) else suffix
        if emph and core == suffix:
            continue
        if core in _ALLOMORPHS:
            case = _ALLOMORPHS[core][0]
            choice = next(k for k, (c, kcls) in _ALLOMORPHS.items()
                          if c == case and kcls == cls and k != normalize("এর"))
            return stem + choice + emph
    return stem + suffix
