"""Name words so common that, alone, they identify nobody.

A surname such as খান, হক or চৌধুরী, or a given name such as সোহেল or তানভীর, is shared by
thousands of people; that the gazetteer holds only one of them does not make a lone mention of
it refer to that one. Such short forms are linked in running text only with support (a full
mention of the entity in the same document, or one of its ``context`` words nearby), and
``resolve`` does not accept them alone.

The list was written by hand, in two parts. (1) Measured: in the 2,860 distinct PERSON spans
of the banglakit and rifat1493 NER data (../shared/data), each word occurs in at least five
different names (মো 96, হোসেন 86, ইসলাম 82, রহমান 82, খান 67, আলী 62, আহমেদ 58, আবদুল 57,
হক 56, মোহাম্মদ 48, উদ্দিন 46, আলম 45, চৌধুরী 43, হাসান 42, … জিয়া 8, সোহেল 7, তানভীর 7).
(2) Known, not rankable on so small a sample (0–4 names each): spelling variants of part 1
(মোঃ, হুসাইন, মিঞা), common Hindu surnames (ঘোষ, বসু, দত্ত, চক্রবর্তী, বন্দ্যোপাধ্যায় …) and
common given names of Bangladeshi news that occur in at least one name of the sample (রহিম,
তামিম, সাকিব, হেলাল …; given names with no occurrence there were left out).

The list is also a lexicon: one line per name, its spellings together. Two words on different
lines are different names (হোসেন/হাসান, আমিনুল/আমিরুল, হালিম/হাকিম: the look-alikes of the
resolver's development set), two on one line are one name (হোসেন/হোসাইন).
``python scripts/measure_name_words.py`` prints the count of every word.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

from bnentity.keys import variant_key

__all__ = ["COMMON_NAME_WORDS", "NAME_OF", "is_common_name_word", "same_name"]

#: One name per line, its spellings separated by spaces.
_LINES: Final = """
মো মোঃ মোহাম্মদ মুহাম্মদ মোহাম্মাদ মুহম্মদ মোহাম্মেদ মোহম্মদ
আহমেদ আহমদ আহম্মেদ আহমাদ আহাম্মেদ আহম্মদ
হোসেন হোসাইন হুসাইন হুসেন হোসেইন
ইসলাম
রহমান
খান
আলী আলি
হক
হাসান
উদ্দিন উদ্দীন
আলম
চৌধুরী
মিয়া মিঞা
শেখ
বেগম
মাহমুদ
সৈয়দ
গোলাম
কুমার
আবুল
আবু
আবদুল আব্দুল
আবদুর আব্দুর
আবদুস আব্দুস
কাজী
আনোয়ার
কামাল
খন্দকার খোন্দকার
আক্তার আখতার আকতার
শাহ
তালুকদার
মোল্লা
কবির কবীর
আহসান
মোস্তফা
সরকার
করিম
মাসুদ
নুরুল
রায়
শামীম
জাহাঙ্গীর
ফারুক
সাঈদ সাইদ
জাফর
আমিন
খালেদ
খালেদা
কাদের
রশিদ রশীদ
মামুন
মজুমদার
চন্দ্র
বিশ্বাস
পারভেজ
কামরুল
ইকবাল
জিয়া
ইউসুফ
রাশেদ
নাসির
সিং
শওকত
তানভীর
সোহেল
রুহুল
রানী
তারেক
রবিউল
নজরুল
ফজলে
হাফিজ
মীর
জাভেদ
সাইফুল
দাস
এনামুল
নাহিদ
জাহিদ
সুলতানা
জালাল
নূর নুর
সাহা
মান্নান
আমির
মোরশেদ
আসাদুজ্জামান
মাহবুবুল
মাহবুব
শাকিল
তুহিন
মোশাররফ
আলমগীর
শফিকুল
রাসেল
রানা
মোজাম্মেল
হাওলাদার
কালাম
শাহীন
জামিল
শারমিন
বাদল
ফাতেমা
আরিফ
জামান
ভূঁইয়া ভূইয়া ভুঁইয়া
পাটোয়ারী
প্রামাণিক
মণ্ডল মন্ডল
দেওয়ান
মুন্সী মুন্সি
সিদ্দিকী
সিদ্দিক
ব্যাপারী
ঘোষ
সেন
বসু
দত্ত
দে
পাল
গুপ্ত
চক্রবর্তী
ভট্টাচার্য
বন্দ্যোপাধ্যায় ব্যানার্জি ব্যানার্জী
মুখোপাধ্যায় মুখার্জি মুখার্জী
চট্টোপাধ্যায় চ্যাটার্জি চ্যাটার্জী
গঙ্গোপাধ্যায় গাঙ্গুলী গাঙ্গুলি
বর্মণ বর্মন
মিত্র
নাথ
দেব
শর্মা
আচার্য
রহিম
তামিম
সাকিব
রিয়াদ
সোহাগ
রবি
রাজ্জাক
লিটন
মিঠু
জুয়েল
হেলাল
বেলাল
জসিম
নাজমুল
মাসুম
রুবেল
সুমন
সজীব
হৃদয়
আকাশ
শুভ
তপু
রিপন
মিজানুর
হাবিবুর
হাবিব
হান্নান
হালিম
হাকিম
জাকির
জাবির
আমিনুল
আমিরুল
সাইদুল
ইয়াসিন ইয়াছিন ইয়াসীন
"""
_WORDS: Final = _LINES.split()
_GROUPS: Final[tuple[tuple[str, ...], ...]] = tuple(
    tuple(line.split()) for line in _LINES.strip().splitlines())

#: The list's variant keys (so ি/ী, শ/স … spellings of a word count as that word).
COMMON_NAME_WORDS: Final[frozenset[str]] = frozenset(variant_key(w) for w in _WORDS)
#: Variant key → which name it spells (spellings on one line share a number).
NAME_OF: Final[dict[str, int]] = {variant_key(w): i for i, g in enumerate(_GROUPS) for w in g}


@lru_cache(maxsize=65536)
def is_common_name_word(variant: str) -> bool:
    """Whether a one-word variant key is a common given name or surname.

    >>> from bnentity.keys import variant_key as v
    >>> [is_common_name_word(v(w)) for w in ("খান", "চৌধুরী", "পুতিন")]
    [True, True, False]
    """
    return variant in COMMON_NAME_WORDS


def same_name(a: str, b: str) -> bool | None:
    """Whether two variant-key words spell the same common name: ``True`` (two spellings of
    one name), ``False`` (two different names — হোসেন/হাসান, হেলাল/বেলাল are different people's
    names however alike they look), or ``None`` (one of them is not in the lexicon).

    >>> from bnentity.keys import variant_key as v
    >>> [same_name(v(a), v(b)) for a, b in (("হোসেন", "হোসাইন"), ("হোসেন", "হাসান"),
    ...                                        ("পুতিন", "পুটিন"))]
    [True, False, None]
    """
    na, nb = NAME_OF.get(a), NAME_OF.get(b)
    if na is None or nb is None:
        return None
    return na == nb
