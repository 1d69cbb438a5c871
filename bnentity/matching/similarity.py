"""How alike two names are, word by word, on their variant keys.

Words are compared with Levenshtein similarity on a *comparison form* in which each nukta letter
(য়, ড়, ঢ়: two code points after NFC) counts as one character, so এরদোয়ান/এরদোগান differ by one
substitution, not two edits. Two words with the same consonant skeleton get at least the
skeleton floor. A multi-word name matches another only word by word, in order: a shared surname
does not make two people one (ললিত মোদি ≠ নরেন্দ্র মোদি).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

from rapidfuzz.distance import Levenshtein

from bnentity.inflection import is_derived_adjective
from bnentity.keys import CACHE_SIZE, skeleton_key, skeleton_key_uncached
from bnentity.matching.config import MatchConfig
from bnentity.namewords import same_name

__all__ = ["block_keys", "block_keys_uncached", "comparable", "name_similarity", "vowel_rescued",
           "word_similarity"]

_COLLAPSE: Final = (("য\u09bc", "\u09df"), ("ড\u09bc", "\u09dc"), ("ঢ\u09bc", "\u09dd"))


@lru_cache(maxsize=CACHE_SIZE)
def comparable(word: str) -> str:
    """The word with each nukta letter as one code point (for edit distances only)."""
    if "\u09bc" not in word:
        return word
    for pair, single in _COLLAPSE:
        word = word.replace(pair, single)
    return word


_skeleton = skeleton_key  # already cached in bnentity.keys


#: Two spellings of one common name (হোসেন/হোসাইন) score as a variant-key match would.
SAME_NAME_SCORE: Final = 97.0
#: The skeleton floor needs the two words within two characters of each other: চোয়ে/চো
#: (4/2) and হুই/হি (3/2) are East Asian glide variants; জাকারিয়া/জাকির (8/5) share জকর
#: but are two names (a dev-split look-alike).
_FLOOR_MAX_LEN_DIFF: Final = 2

#: Deleting one consonant from skeletons shorter than this would put every word of one or
#: two consonants in a few huge blocks; three keeps পুতিন/পুটিন (পতন/পটন → পন) together.
_MIN_DELETION_SKELETON: Final = 3


@lru_cache(maxsize=CACHE_SIZE)
def block_keys(word: str) -> tuple[str, ...]:
    """Blocking keys of a variant-key word: its skeleton and its one-deletion neighbours.

    Two words are *comparable* only if they share a key: their consonant skeletons are equal
    or one consonant apart (one deleted, inserted or substituted, for skeletons of three or
    more consonants). Bengali spellings of one name vary in vowels, glides and marks far more
    than in consonants, so this is part of what "similar" means here, and it is what lets the
    index find every comparable word with a few dict probes (symmetric deletion, as in
    SymSpell).

    >>> block_keys("পুতিন")
    ('পতন', 'তন', 'পন', 'পত')
    """
    return _keys_of_skeleton(_skeleton(word))


@lru_cache(maxsize=CACHE_SIZE)
def _block_set(word: str) -> frozenset[str]:
    return frozenset(block_keys(word))


def block_keys_uncached(word: str) -> tuple[str, ...]:
    """:func:`block_keys` without touching the caches (for building indexes)."""
    return _keys_of_skeleton(skeleton_key_uncached(word))


def _keys_of_skeleton(sk: str) -> tuple[str, ...]:
    if len(sk) < _MIN_DELETION_SKELETON:
        return (sk,)
    return tuple(dict.fromkeys((sk, *(sk[:i] + sk[i + 1:] for i in range(len(sk))))))

def _consonants_differ(q: str, f: str) -> bool:
    """A consonant substituted, or consonants added at the start or end: a different word.

    Bengali spellings of one name vary in vowels, glides and (after the folding rules) in a
    few consonant pairs; a remaining consonant substitution (মোহিত/রোহিত, বেলাল/হেলাল,
    জাবির/জাকির) or extra final consonants (সিরিয়াল/সিরিয়া) make another word. A consonant
    inserted inside the word stays a variant (এরদোয়ান/এরদোগান: the য় glide becomes গ).
    Measured on the resolver's dev split: these were 8 of the 9 look-alike hits.
    """
    sq, sf = _skeleton(q), _skeleton(f)
    if sq == sf:
        return False
    if len(sq) == len(sf):
        return True
    short, long_ = (sq, sf) if len(sq) < len(sf) else (sf, sq)
    # Consonants added at either end: a suffix or a prefix makes another word (সিরিয়াল/সিরিয়া,
    # উপজেলা/জেলা — "sub-district" is not the district; ../shared/data).
    return long_.startswith(short) or long_.endswith(short)


#: One vowel written or not inside a word, the consonants the same (মংলা/মোংলা, বেজিং/বেইজিং,
#: মুম্বই/মুম্বাই, শাজাহানপুর/শাহজাহানপুর is not one: হ is a consonant): a transliteration
#: variant, scored above ``min_score`` whatever the word's length. Levenshtein gives such
#: pairs of five or six letters 80–83, below it; they were 4 of the 24 misses of the
#: resolver's dev split (365 queries). Not at either end of the word: a final vowel makes
#: another word (কিম/কিমা), an initial one too (আলম/লম).
VOWEL_INSERT_SCORE: Final = 88.0
#: ... and only if the shorter word has four letters or more: কমল/কামাল (two names, Komol
#: and Kamal) and every other three-letter pair stay apart.
_VOWEL_INSERT_MIN_LEN: Final = 4
_VOWELS: Final = frozenset(chr(c) for c in (*range(0x0985, 0x0995), *range(0x09BE, 0x09CD)))


def _one_vowel_apart(a: str, b: str) -> bool:
    """Whether one of two words is the other with one vowel (sign or letter) added inside.

    >>> _one_vowel_apart("মোংলা", "মংলা"), _one_vowel_apart("কিমা", "কিম")
    (True, False)
    """
    if len(a) < len(b):
        a, b = b, a
    if len(a) != len(b) + 1:
        return False
    k = 0
    while k < len(b) and a[k] == b[k]:
        k += 1
    return 0 < k < len(b) and a[k] in _VOWELS and a[k + 1:] == b[k:]


def _vowel_variant(cq: str, cf: str) -> bool:
    """Whether two comparison forms score :data:`VOWEL_INSERT_SCORE` (long enough, one vowel
    apart)."""
    return min(len(cq), len(cf)) >= _VOWEL_INSERT_MIN_LEN and _one_vowel_apart(cq, cf)


def vowel_rescued(q: str, f: str, cfg: MatchConfig) -> bool:
    """Whether two variant-key words pass ``min_score`` only by :data:`VOWEL_INSERT_SCORE`
    (one vowel apart, too short for edit distance alone): in running text such a one-word
    match may be a common word (নিয়ে/নিউয়ে, হাতি/হাইতি: ../shared/data) and needs support."""
    cq, cf = comparable(q), comparable(f)
    return (_vowel_variant(cq, cf)
            and 100.0 * Levenshtein.normalized_similarity(cq, cf) < cfg.min_score)


def word_similarity(q: str, f: str, cfg: MatchConfig, *, single: bool = False) -> float:
    """Similarity 0–100 of two variant-key words; 0 if they are not comparable.

    ``single`` marks a one-word name, where the skeleton floor needs a longer skeleton and
    short words must match exactly (see :class:`MatchConfig`).
    """
    if q == f:
        return 100.0
    same = same_name(q, f)
    if same is not None:
        # Both are common name words: the lexicon knows whether they spell one name.
        return SAME_NAME_SCORE if same else 0.0
    # The cheapest refusal first: most words a query is compared with (its blocking
    # neighbours) differ from it by a consonant.
    if (_consonants_differ(q, f) or _block_set(q).isdisjoint(_block_set(f))
            or is_derived_adjective(q, f)):
        return 0.0
    cq, cf = comparable(q), comparable(f)
    if _vowel_variant(cq, cf):
        return VOWEL_INSERT_SCORE
    if single and min(len(cq), len(cf)) < cfg.single_min_len:
        return 0.0
    sim = 100.0 * Levenshtein.normalized_similarity(cq, cf)
    sq = _skeleton(q)
    if (sq and sq == _skeleton(f) and sq != q and abs(len(cq) - len(cf)) <= _FLOOR_MAX_LEN_DIFF
            and (not single or len(sq) >= cfg.single_skeleton_min)):
        sim = max(sim, cfg.skeleton_floor)
    return sim


def name_similarity(qwords: tuple[str, ...], fwords: tuple[str, ...],
                    cfg: MatchConfig) -> float:
    """Similarity 0–100 of two names given as variant-key words; 0 if any word is too far.

    Same word count: word by word, weighted by word length. Different counts (কিম জংউন vs
    কিম জং উন): the names with spaces removed, compared as one word.
    """
    if len(qwords) != len(fwords):
        q, f = "".join(qwords), "".join(fwords)
        if abs(len(qwords) - len(fwords)) > 1:
            return 0.0
        sim = word_similarity(q, f, cfg, single=True)
        return sim if sim >= cfg.min_score else 0.0
    single = len(qwords) == 1
    total = 0.0
    weight = 0
    for q, f in zip(qwords, fwords, strict=True):
        s = word_similarity(q, f, cfg, single=single)
        if s < cfg.word_min:
            return 0.0
        w = max(len(q), len(f))
        total += s * w
        weight += w
    return total / weight if weight else 0.0
