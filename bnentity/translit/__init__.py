"""Name-oriented transliteration between Bengali and Latin script.

* :func:`romanize` — Bengali to the Latin spelling English news uses for names
  (ল্যাভরভ -> "Lavrav", কেসিএনএ -> "KCNA").
* :func:`phonetic_key` — a key over Latin names that makes transliteration variants meet
  (Lavrov / Lavroff / Lavrow, Choe / Choi, Erdoğan / Erdogan).
* :func:`bengali_spellings` — likely Bengali spellings of a Latin name (Trump -> ট্রাম্প).
* :func:`cross_script_similarity` and :class:`CrossScriptIndex` — Bengali queries against
  Latin-only names, with blocking and a decision rule (:func:`decide`).

See docs/transliteration.md for the rules and the measurements behind them.
"""

from bnentity.translit.bengalize import bengali_spellings
from bnentity.translit.crossmatch import CrossScriptIndex, cross_script_similarity, decide
from bnentity.translit.phonetic import phonetic_key
from bnentity.translit.romanize import romanize

__all__ = [
    "CrossScriptIndex",
    "bengali_spellings",
    "cross_script_similarity",
    "decide",
    "phonetic_key",
    "romanize",
]
