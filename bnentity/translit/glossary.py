"""Generic words of names that Bengali translates instead of transliterating.

"দক্ষিণ সুদান" is "South Sudan" and "সলোমন দ্বীপপুঞ্জ" is "Solomon Islands": no romanization makes
দক্ষিণ sound like "South". Cross-script matching therefore reads these few generic words (compass
points, island, republic, ...) through this glossary and romanizes only the rest. The glossary is
deliberately small: only generic words of place and organisation names, never a name itself (মিশর
is Egypt, but that is an alias for the gazetteer, not a rule).

Evidence (tuning split of benchmarks/data/translit_pairs.tsv, 699 place queries): without the
glossary 22 fewer places are linked right and 13 fewer have the right top candidate (Solomon
Islands, South Sudan, Matlab North ...); persons are unaffected. See docs/transliteration.md.

>>> english_for("দ্বীপপুঞ্জ")
('islands',)
>>> english_for("লাভরভ")
()
"""

from __future__ import annotations

from typing import Final

__all__ = ["CONNECTORS_BN", "CONNECTORS_EN", "OPTIONAL_EN", "english_for"]

#: Bengali generic word -> the English words it translates (the first is the usual one).
_GLOSSARY: Final[dict[str, tuple[str, ...]]] = {
    "দ্বীপ": ("island",),
    "দ্বীপপুঞ্জ": ("islands",),
    "উত্তর": ("north",),
    "দক্ষিণ": ("south",),
    "দক্ষিন": ("south",),
    "পূর্ব": ("east",),
    "পশ্চিম": ("west",),
    "মধ্য": ("central", "middle"),
    "উত্তরাঞ্চলীয়": ("northern",),
    "দক্ষিণাঞ্চলীয়": ("southern",),
    "দক্ষিণাঞ্চল": ("southern territories",),
    "প্রজাতন্ত্র": ("republic",),
    "যুক্তরাষ্ট্র": ("united states",),
    "যুক্তরাষ্ট্রীয়": ("us",),
    "মার্কিন": ("us",),
    "যুক্তরাজ্য": ("united kingdom",),
    "সংযুক্ত": ("united",),
    "ফরাসী": ("french",),
    "ফরাসি": ("french",),
    "মহাসাগর": ("ocean",),
    "মহাসাগরীয়": ("ocean",),
    "সাগর": ("sea",),
    "অঞ্চল": ("territory",),
    "ভূখণ্ড": ("territories",),
    "নিরক্ষীয়": ("equatorial",),
    "সেন্ট": ("saint",),
    "সেন্ট.": ("saint",),
}

#: Connectors that carry no sound of the name (ও / এবং = "&" / "and").
CONNECTORS_BN: Final = frozenset({"ও", "এবং", "আর"})
CONNECTORS_EN: Final = frozenset({"and", "of", "the"})
#: English generic words a Bengali spelling often leaves out (ক্রিসমাস = Christmas Island).
#: Ablation (tuning split): 4 place links, 6 right top candidates.
OPTIONAL_EN: Final = frozenset({"island", "islands", "isl", "city"})
#: English abbreviations spelled out before keying ("St. Lucia" = সেন্ট লুসিয়া).
ABBREVIATIONS_EN: Final[dict[str, str]] = {"st": "saint", "ste": "sainte", "mt": "mount",
                                           "ft": "fort"}


def english_for(bengali_word: str) -> tuple[str, ...]:
    """The English equivalents of a generic Bengali name word, or ``()`` if it is not one."""
    return _GLOSSARY.get(bengali_word, ())
