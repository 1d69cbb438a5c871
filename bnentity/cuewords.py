"""Words around a name that tell what it is: ordinary words, verbs, heads of longer names.

Running text needs them to read a name's neighbourhood (:mod:`bnentity.matching.mentions`), and
the editors' name finder to propose unknown names (:mod:`bnentity.editors.namelike`); they live
here, below both, so that matching never imports the editors' tools.

* :data:`STOPWORDS` — common words of Bengali news that are almost never part of a name
  (``bnentity/data/stopwords.txt``: the 1,500 most frequent words of the *dev* half of
  ../shared/data that fall inside a PER/ORG/LOC/GPE span less than 5% of the time; how it was
  made is in docs/editors.md, "How the word lists were made").
* :data:`ORG_HEADS` — words that end an organisation's or an event's name (বিশ্ববিদ্যালয়, ব্যাংক):
  after a place name they make it part of a longer name (বাংলাদেশ ব্যাংক is a bank).
* :func:`is_finite_verb` — a word with a finite-verb ending (করেছেন, গেলেন, যাবে) is no name.

>>> is_finite_verb("বলেছেন"), is_finite_verb("লাভরভ")
(True, False)
>>> "থেকে" in STOPWORDS
True
"""

from __future__ import annotations

from importlib import resources
from typing import Final

import regex

from bnentity.keys import normalized_key
from bnentity.normalize import normalize

__all__ = ["MONTHS", "ORG_HEADS", "STOPWORDS", "is_finite_verb", "word_set"]


def word_set(words: str) -> frozenset[str]:
    """Normalized keys of white-space separated words."""
    return frozenset(normalized_key(normalize(w)) for w in words.split())


def _load(name: str) -> frozenset[str]:
    text = resources.files("bnentity").joinpath("data").joinpath(name).read_text(
        encoding="utf-8")
    return frozenset(normalized_key(normalize(w.strip())) for w in text.splitlines()
                     if w.strip() and not w.startswith("#"))


STOPWORDS: Final = _load("stopwords.txt")

#: Heads that end an organisation or event name, by stem (written by hand for the editors'
#: name finder; the review keeps the head inside the span). Newspaper and event heads
#: (পোস্ট, টাইমস, ট্রিবিউন, অলিম্পিক) were added for running text: in the find-accuracy
#: benchmark's dev split, a place followed by them (ওয়াশিংটন পোস্ট, বেইজিং অলিম্পিক) was
#: linked as the place. Ports (মংলা সমুদ্রবন্দর, চট্টগ্রাম বন্দর: 10 and 5 lines of
#: ../shared/data; the port authority, a look-alike of the place in resolver_variants.tsv)
#: were added with the second round of that data.
ORG_HEADS: Final = word_set("""
    বিশ্ববিদ্যালয় ইউনিভার্সিটি কলেজ বিদ্যালয় স্কুল মাদ্রাসা ব্যাংক লিমিটেড লিঃ গ্রুপ কোম্পানি
    হাসপাতাল ক্লিনিক মন্ত্রণালয় অধিদপ্তর কমিশন পরিষদ সমিতি সংঘ ক্লাব একাডেমি ইনস্টিটিউট
    ফাউন্ডেশন ট্রাস্ট করপোরেশন কর্পোরেশন লীগ পার্টি ফোরাম কাউন্সিল বোর্ড ফেডারেশন
    অ্যাসোসিয়েশন ইন্ডাস্ট্রিজ মিলস গার্মেন্টস টেলিভিশন প্লাজা মার্কেট টাওয়ার স্টেডিয়াম
    পোস্ট টাইমস ট্রিবিউন অলিম্পিক বন্দর সমুদ্রবন্দর বিমানবন্দর স্থলবন্দর নৌবন্দর
""")

#: Month names, Gregorian and Bengali: a date often comes right before a name (গত ১০ মার্চ
#: সালাহ উদ্দিন, ১৬ মে এরশাদের: the find-accuracy benchmark's dev split), and a month is no
#: given name, so a surname after one is not someone else's.
MONTHS: Final = word_set("""
    জানুয়ারি জানুয়ারী ফেব্রুয়ারি ফেব্রুয়ারী মার্চ এপ্রিল মে জুন জুলাই আগস্ট অগাস্ট সেপ্টেম্বর
    অক্টোবর নভেম্বর ডিসেম্বর বৈশাখ জ্যৈষ্ঠ আষাঢ় শ্রাবণ ভাদ্র আশ্বিন কার্তিক অগ্রহায়ণ পৌষ মাঘ
    ফাল্গুন চৈত্র
""")

#: Finite-verb endings: a word ending so is a verb, not a name (করেছেন, গেলেন, যাবে …).
_VERB_END: Final = regex.compile(
    "(?:েছেন|েছিলেন|েছিল|েছে|চ্ছেন|চ্ছে|চ্ছিল|ছিলেন|ছিল|ছেন|বেন|লেন|তেন|িয়েছেন|িয়েছে|ানো|ানোর|"
    "াচ্ছে|াবে|েছি|েছিলাম|লাম|বো|ব)$")


def is_finite_verb(word: str) -> bool:
    """Whether a (normalized) word ends like a finite verb."""
    return bool(_VERB_END.search(word))
