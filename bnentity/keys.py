"""Comparison keys for names, from strict to loose.

* :func:`normalized_key` — normalized text, case-folded, punctuation, hyphens and apostrophes as
  word breaks, ZWJ/ZWNJ dropped, Latin diacritics removed. Two spellings with the same
  normalized key are the same spelling.
* :func:`variant_key` — additionally folds the spelling alternations that Bengali transliteration
  of names really produces (ল্যাভরভ/লাভরভ, জেলেনস্কি/জেলেনস্কী, নেতানিয়াহু/নেতানইয়াহু …).
  Each folding rule is named, switchable, and documented with the pairs that justify it.
* :func:`joined_key` — the variant key with word breaks removed, so spelling a name as one
  word or two does not matter (পিয়ং ইয়ং/পিয়ংইয়ং, ছাত্র লীগ/ছাত্রলীগ, সিরাজ উল/সিরাজুল).
* :func:`skeleton_key` — the consonant skeleton of the variant key: vowels, glides and marks
  dropped. Far too loose to decide anything; it is a *blocking* key that brings candidates
  together (চোয়ে/চো/চোই and হুই/হি all meet), and the scorer decides.

>>> variant_key("ল্যাভরভ") == variant_key("লাভরভ")
True
>>> skeleton_key("চোয়ে সন হুই") == skeleton_key("চো সন হুই") == skeleton_key("চোই সন হি")
True
>>> normalized_key("কিম জং-উন") == normalized_key("কিম জং উন")
True
>>> variant_key("গাঁজা") == variant_key("গাজা")   # chandrabindu is not folded by default
False
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

import regex

from bnentity.normalize import normalize

__all__ = [
    "DEFAULT_RULES",
    "FOLDING_RULES",
    "FoldRule",
    "join_parts",
    "joined_key",
    "normalized_key",
    "skeleton_key",
    "variant_key",
]


@dataclass(frozen=True, slots=True)
class FoldRule:
    """One spelling alternation folded by :func:`variant_key`.

    ``evidence`` names the attested pairs that justify the rule; ``default`` says whether
    :data:`DEFAULT_RULES` includes it. ``table`` is set for rules that are a plain character
    mapping (consecutive ones are fused into one ``str.translate``).
    """

    name: str
    apply: Callable[[str], str]
    default: bool
    evidence: str
    table: dict[int, str] | None = None


def _sub(pattern: str, repl: str | Callable[[regex.Match[str]], str]) -> Callable[[str], str]:
    rx = regex.compile(pattern)
    return lambda s: rx.sub(repl, s)


_RETROFLEX: Final = {"ট": "ত", "ঠ": "থ", "ড": "দ", "ঢ": "ধ"}


class _Tr:
    """A character-mapping rule (its table is exposed so rules can be fused)."""

    __slots__ = ("table",)

    def __init__(self, table: dict[str, str]) -> None:
        self.table: dict[int, str] = {ord(k): v for k, v in table.items()}

    @classmethod
    def from_table(cls, table: dict[int, str]) -> _Tr:
        tr = cls({})
        tr.table = table
        return tr

    def __call__(self, s: str) -> str:
        return s.translate(self.table)


def _tr(table: dict[str, str]) -> _Tr:
    return _Tr(table)


#: The folding rules, applied in this order. Pairs are from the seed articles, the banglakit and
#: rifat1493 NER spans in ../shared/data, and the press spellings in gazetteers/people.yaml.
FOLDING_RULES: Final[tuple[FoldRule, ...]] = (
    FoldRule("ya_phala", lambda s: s.replace("অ্যা", "এ").replace("্যা", "া"), True,
             "ল্যাভরভ/লাভরভ (seeds 000 vs 003), অ্যান্টনি/এন্টনি, র‍্যাব/রাব: /æ/ is written "
             "consonant+্যা or া, and word-initially অ্যা or এ"),
    FoldRule("i_length", _tr({"ী": "ি", "ঈ": "ই"}), True,
             "জেলেনস্কি/জেলেনস্কী, শরীয়তপুর/শরিয়তপুর, রশীদ/রশিদ (rifat1493 spans): Bengali "
             "spelling reform made long/short i free variants in names"),
    FoldRule("u_length", _tr({"ূ": "ু", "ঊ": "উ"}), True,
             "সূচি/সুচি, মুহূর্ত/মুহুর্ত; names of foreign origin use either (ফুকুশিমা/ফূকুশিমা)"),
    FoldRule("sibilants", _tr({"শ": "স", "ষ": "স"}), True,
             "শোইগু/সোইগু, ওয়াশিংটন/ওয়াসিংটন, হোসেন/হোশেন; one /ʃ/–/s/ sound in foreign names"),
    FoldRule("retroflex_n", _tr({"ণ": "ন"}), True,
             "পরিণীতি/পরিনীতি, কৃষ্ণ/কৃষ্ন; ণ and ন are one sound in Bengali"),
    FoldRule("ja_ya", _sub("য(?!\u09bc)", "জ"), True,
             "জামায়াত/যামায়াত, জয়া/যয়া, যশোর/জশোর: য without nukta is pronounced জ"),
    FoldRule("i_glide", _sub("(?<=[\u0995-\u09b9]\u09bc?)ই(?=য\u09bc)", "ি"), True,
             "নেতানিয়াহু/নেতানইয়াহু, ইয়াহিয়া/ইয়াহইয়া: after a consonant, the i before the য় "
             "glide is written as a sign or as a letter. Only that: dropping the i would merge "
             "জিয়া (Zia) and জয়া (Jaya), measured as 57 false links in ../shared/data"),
    FoldRule("b_v", _tr({"ভ": "ব"}), True,
             "ভ্লাদিমির/ব্লাদিমির, ভেনেজুয়েলা/বেনেজুয়েলা: foreign v is written ভ or ব"),
    FoldRule("nasal_ng", _tr({"ঙ": "ং"}), True,
             "ব্লিঙ্কেন/ব্লিংকেন, বাঙলা/বাংলা, সিঙ্গাপুর/সিংগাপুর"),
    FoldRule("nasal_nya", _tr({"ঞ": "ন"}), True,
             "মঞ্জুরুল/মনজুরুল (69 and 81 lines of ../shared/data), সঞ্জয়/সনজয়, কাঞ্চন/কানচন: "
             "the palatal nasal of ঞ্জ ঞ্চ is written ন as often"),
    FoldRule("ts_z", _sub("ৎস|ত্স", "জ"), True,
             "শলৎস/শলজ (Scholz: Prothom Alo / banglakit spans), মোৎসার্ট/মোজার্ট, নাৎসি/নাজি "
             "(../shared/data: নাজি 8 lines): German z is written ৎস or জ"),
    FoldRule("khanda_ta", _tr({"ৎ": "ত"}), True,
             "উৎপল/উত্পল (pre-Unicode-4.1 text writes ৎ as ত্)"),
    FoldRule("hasanta", _tr({"্": ""}), True,
             "ব্লিঙ্কেন/ব্লিংকেন, জেলেনস্কি/জেলেনিস্কি: conjunct vs explicit hasanta"),
    FoldRule("retroflex", _sub("ট|ঠ|ড(?!\u09bc)|ঢ(?!\u09bc)",
                               lambda m: _RETROFLEX[m.group()]), True,
             "পুতিন/পুটিন, রোনালদো/রোনাল্ডো, মার্টিন/মার্তিন, ডোনাল্ড/দোনাল্ড: foreign t and d "
             "are written retroflex or dental (ড় and ঢ় are other letters and stay)"),
    FoldRule("chha_sa", _tr({"ছ": "স"}), True,
             "ইয়াছিন/ইয়াসিন, ছালাম/সালাম, মোছাম্মৎ/মোসাম্মৎ: Bangladeshi spelling writes the "
             "/s/ of Arabic names with ছ"),
    FoldRule("gemination", _sub(r"([\u0995-\u09b9])\1", r"\1"), True,
             "আহাম্মেদ/আহমেদ, মোহাম্মদ/মোহামদ, আল্লামা/আলামা: a doubled consonant (after "
             "hasanta folding) is written single as often"),
    FoldRule("final_h", _sub("(?<=[\u09be-\u09cc\u0982])হ(?!\\p{M})(?=\\s|$)", ""), True,
             "রাফাহ/রাফা, হানিয়েহ/হানিয়ে, ইসমাইলিয়াহ: a word-final h after a vowel sign is "
             "silent in Arabic and Hebrew names and often not written; so is the h of সিংহ/সিং "
             "(Singh: মনমোহন সিংহ/সিং, resolver_variants.tsv)"),
    FoldRule("of_word", _sub("(?<![^ ])অফ(?![^ ])", "অব"), True,
             "টাইমস অফ ইন্ডিয়া/টাইমস অব ইন্ডিয়া, চেম্বার অফ/অব কমার্স: English \"of\" inside a "
             "name is অব in Bangladesh (43 spans of ../shared/data, none অফ) and অফ in West "
             "Bengal's press; the whole word only"),
    FoldRule("chandrabindu", _tr({"ঁ": ""}), False,
             "OFF: গাঁজা (cannabis) vs গাজা (Gaza), কাঁদা vs কাদা — a one-mark difference "
             "that changes the word; ঁ is rarely dropped in names"),
)

#: The rules :func:`variant_key` applies unless told otherwise.
DEFAULT_RULES: Final[frozenset[str]] = frozenset(r.name for r in FOLDING_RULES if r.default)
_RULE_NAMES: Final = frozenset(r.name for r in FOLDING_RULES)

#: Size of each per-string cache of this module (and of bnentity.matching.similarity). Running
#: text repeats words (Zipf): the 10,106 sentences of ../shared/data have 24,466 distinct word
#: types, so this holds a news archive's working set; building an index bypasses the caches
#: (:func:`variant_key_uncached`) so a million aliases do not evict it.
CACHE_SIZE: Final = 65536

_NON_WORD = regex.compile(r"[^\p{L}\p{M}\p{N}]+")
_COMBINING_LATIN = regex.compile(r"(?<=\p{Latin})\p{Mn}+")
_LATIN = regex.compile(r"\p{Latin}")
#: Vowel signs, independent vowels, the য় glide, chandrabindu, visarga, nukta leftovers.
_SKELETON_DROP = regex.compile(
    "[\u0985-\u0994\u09be-\u09cc\u09d7\u09e0-\u09e3\u0981\u0983]|য\u09bc|\u09bc")
_LATIN_VOWELS = regex.compile(r"(?<=\p{Latin})[aeiouy]+")


@lru_cache(maxsize=CACHE_SIZE)
def normalized_key(name: str) -> str:
    """Case-, encoding- and punctuation-insensitive key of a name.

    >>> normalized_key("  Sergey   LAVROV ") == normalized_key("sergey lavrov")
    True
    >>> normalized_key("Erdoğan")
    'erdogan'
    >>> normalized_key("হুই’র") == normalized_key("হুই র")
    True
    """
    s = normalize(name).casefold()
    if not s.isascii():
        s = s.replace("\u200c", "").replace("\u200d", "")
        if _LATIN.search(s):
            s = _COMBINING_LATIN.sub("", unicodedata.normalize("NFD", s))
            s = unicodedata.normalize("NFC", s)
    return " ".join(w for w in _NON_WORD.split(s) if w)


def _check_rules(rules: Iterable[str]) -> frozenset[str]:
    rs = frozenset(rules)
    unknown = rs - _RULE_NAMES
    if unknown:
        raise ValueError(f"unknown folding rule(s) {sorted(unknown)}; "
                         f"known rules: {', '.join(r.name for r in FOLDING_RULES)}")
    return rs


@lru_cache(maxsize=64)
def _pipeline(rules: frozenset[str]) -> tuple[Callable[[str], str], ...]:
    """The rules in order, with consecutive character mappings fused into one translate."""
    steps: list[Callable[[str], str]] = []
    pending: dict[int, str] | None = None
    for rule in FOLDING_RULES:
        if rule.name not in rules:
            continue
        table = rule.apply.table if isinstance(rule.apply, _Tr) else None
        if table is not None:
            if pending is None:
                pending = dict(table)
            else:
                # Compose: first the pending mapping, then this one.
                composed = {k: v.translate(table) for k, v in pending.items()}
                for k, v in table.items():
                    composed.setdefault(k, v)
                pending = composed
            continue
        if pending is not None:
            steps.append(_Tr.from_table(pending))
            pending = None
        steps.append(rule.apply)
    if pending is not None:
        steps.append(_Tr.from_table(pending))
    return tuple(steps)


@lru_cache(maxsize=CACHE_SIZE)
def _variant(key: str, rules: frozenset[str]) -> str:
    if key.isascii():
        return key  # every rule folds Bengali letters only
    for step in _pipeline(rules):
        key = step(key)
    return key


def variant_key(name: str, *, rules: Iterable[str] = DEFAULT_RULES) -> str:
    """The normalized key with Bengali spelling alternations folded (see :data:`FOLDING_RULES`).

    >>> variant_key("জেলেনস্কি") == variant_key("জেলেনস্কী")
    True
    >>> variant_key("নেতানিয়াহু") == variant_key("নেতানইয়াহু")
    True
    >>> variant_key("ল্যাভরভ", rules=set()) == variant_key("লাভরভ", rules=set())
    False
    """
    rs = rules if rules is DEFAULT_RULES else _check_rules(rules)
    return _variant(normalized_key(name), rs)


def variant_key_uncached(name: str, rules: frozenset[str] = DEFAULT_RULES, *,
                         normalized: str | None = None) -> str:
    """:func:`variant_key` without touching the caches (for building indexes); pass
    ``normalized`` if the normalized key is already known."""
    nk = normalized if normalized is not None else normalized_key.__wrapped__(name)
    return _variant.__wrapped__(nk, rules if rules is DEFAULT_RULES else _check_rules(rules))


def skeleton_key_uncached(name: str) -> str:
    """:func:`skeleton_key` without touching the caches (for building indexes)."""
    return " ".join(_skeleton_word(w) for w in variant_key_uncached(name).split(" ") if w)


def _skeleton_word(word: str) -> str:
    if word.isascii():
        sk = word[:1] + _LATIN_VOWELS.sub("", word[1:]) if word else word
    else:
        sk = _SKELETON_DROP.sub("", word)
    return sk or word


@lru_cache(maxsize=CACHE_SIZE)
def skeleton_key(name: str) -> str:
    """Consonant skeleton of the variant key, word by word: a blocking key, not a verdict.

    >>> skeleton_key("লাভরভ")
    'লবরব'
    >>> skeleton_key("কিম জং-উন")
    'কম জং ন'
    """
    return " ".join(_skeleton_word(w) for w in variant_key(name).split(" ") if w)


#: A vowel letter right after a consonant becomes the vowel sign when the words are joined
#: (সিরাজ উল → সিরাজুল, নাহিদ উল → নাহিদুল: dev-split pairs of resolver_variants.tsv).
_VOWEL_SIGN: Final = {"আ": "া", "ই": "ি", "উ": "ু", "এ": "ে", "ও": "ো", "ঐ": "ৈ", "ঔ": "ৌ"}
_CONSONANT_THEN_VOWEL = regex.compile("(?<=[\u0995-\u09b9]\u09bc?)([আইউএওঐঔ])")


def joined_key(name: str, *, rules: Iterable[str] = DEFAULT_RULES,
               variant: str | None = None) -> str:
    """The variant key with the spaces between words removed (and a vowel letter after a
    consonant written as its sign). Pass ``variant`` if the variant key is already known.

    A spacing-variant key: compare it only where one side has several words (a one-word
    সই, "signature", and শি share it; the variant key tells them apart).

    >>> joined_key("পিয়ং ইয়ং") == joined_key("পিয়ংইয়ং")
    True
    >>> joined_key("সিরাজ উল ইসলাম") == joined_key("সিরাজুল ইসলাম")
    True
    >>> joined_key("হেলাল উদ্দিন") == joined_key("হেলালউদ্দীন")
    True
    """
    vk = variant if variant is not None else variant_key(name, rules=rules)
    # Inside each written word, an h between a vowel and a consonant goes: it is the h that
    # final_h drops when the word is written apart (শাহপরান/শাহ পরান). Only inside a word: a
    # word that begins with h stays whole (না হতো is not ন্যাটো).
    if "হ" in vk:
        vk = _H_BEFORE_CONSONANT.sub("", vk)
    joined = join_parts(vk.split(" ")) if " " in vk else vk
    signed: str = _CONSONANT_THEN_VOWEL.sub(lambda m: _VOWEL_SIGN[m.group(1)], joined)
    return signed


#: An h after a vowel sign (or ং) and before a consonant, inside a word: the compounds of
#: শাহ are written as one word or two (শাহ জালাল/শাহজালাল: 12 and 43 lines of
#: ../shared/data; শাহ পরান/শাহপরান in resolver_variants.tsv), and final_h drops the h of
#: the word written apart.
_H_BEFORE_CONSONANT: Final = regex.compile(r"(?<=[\u09be-\u09cc\u0982])হ(?=[\u0995-\u09b9])")


def join_parts(parts: Iterable[str]) -> str:
    """Words (or their :func:`joined_parts`) written together. A consonant that ends one and
    begins the next is written once, as the variant key's gemination rule writes a doubled
    consonant inside a word (বিশ্ব ব্যাংক/বিশ্বব্যাংক: বিসব + বাংক).

    >>> join_parts(["বিসব", "বাংক"]) == joined_key("বিশ্বব্যাংক")
    True
    """
    out = ""
    for part in parts:
        if out and part[:1] == out[-1:] and "\u0995" <= part[:1] <= "\u09b9":
            part = part[1:]
        out += part
    return out


def joined_parts(variant_word: str) -> tuple[str, str, bool]:
    """One variant-key word's share of a joined key, so that joined keys can be put together
    word by word: (its part when it comes first or after a vowel, its part after a consonant,
    whether it ends in a consonant). ``joined_key`` of words is their parts put together by
    :func:`join_parts`.

    >>> first, after, _ = joined_parts("উল")
    >>> joined_parts("সিরাজ")[0] + after == joined_key("সিরাজ উল")
    True
    """
    first = joined_key("", variant=variant_word)
    after = _VOWEL_SIGN[first[0]] + first[1:] if first[:1] in _VOWEL_SIGN else first
    return first, after, _CONSONANT_END.search(variant_word) is not None


_CONSONANT_END: Final = regex.compile("[\u0995-\u09b9]\u09bc?$")
