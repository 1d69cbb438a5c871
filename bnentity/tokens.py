"""A name-aware tokenizer for Bengali news text.

Words stay whole with their vowel signs, conjuncts and nukta letters (the pattern works on code
point classes that never split a grapheme cluster: a word is a run of letters, marks, digits and
ZWJ/ZWNJ). Words joined by a hyphen or an apostrophe without spaces form one token (জং-উন,
দু'দেশের); when the last part is a case clitic (হুই’র, হি-এর, তাস-এর, কেসিএনএ-র) the token
carries it separately. Danda, Latin punctuation, quotes and brackets are tokens of their own, and
Latin words inside Bengali text are tokens of kind ``latin``.

Every token carries its span in the *original* text (before normalization), so
``original[token.start:token.end]`` is exactly what was written.

>>> toks = tokenize("চো সন হুই’র সঙ্গে কিম জং-উন।")
>>> [(t.base, t.clitic) for t in toks if t.is_word]
[('চো', ''), ('সন', ''), ('হুই', 'র'), ('সঙ্গে', ''), ('কিম', ''), ('জং-উন', '')]
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import Final, Literal, NamedTuple

import regex

from bnentity.normalize import Normalized, normalize_with_offsets

__all__ = ["CLITICS", "NAME_SEPARATORS", "Piece", "PieceLists", "Token", "TokenKind",
           "glued_clitics", "is_clitic", "piece_lists", "pieces", "tokenize"]

TokenKind = Literal["bengali", "latin", "number", "mixed", "punct"]

#: Case, number and emphasis endings that Bengali writes after a hyphen or an apostrophe when
#: the stem is an acronym, a foreign word or ends awkwardly (তাস-এর, কেসিএনএ-র, হুই’র,
#: ডিএমপি-কে). Seen in the seeds (হুই’র, হি-এর, তাস-এর) and in the banglakit NER sentences.
CLITICS: Final[frozenset[str]] = frozenset({
    "এর", "র", "কে", "তে", "এ", "য়", "য়ে", "ও", "ই", "রা", "দের", "সহ", "এরও", "এরই",
    "কেও", "কেই", "রও", "রই", "তেও", "দেরকে", "য়ের", "য়েরও",
})

#: A word piece: a letter or digit, then letters, marks, digits, ZWJ/ZWNJ. Split on it (one
#: C-level pass), the text alternates gap, piece, gap, …, gap.
_PIECE = regex.compile(r"([\p{L}\p{N}][\p{L}\p{M}\p{N}\u200c\u200d]*)")
#: What separates a piece from the previous one, by the exact gap (others: a line break
#: inside, else punctuation).
_SEPS: Final = {"-": "-", "'": "'", ".": ".", ". ": ". ", " ": " "}
_BENGALI = regex.compile(r"\p{Bengali}")
_LATIN = regex.compile(r"\p{Latin}")
_DIGITS = regex.compile(r"[\p{N}.,]+")
#: A punctuation mark, with any stray combining marks written on it (they belong to it).
_PUNCT = regex.compile(r"[^\s\p{L}\p{M}\p{N}\u200c\u200d][\p{M}\u200c\u200d]*")
#: Separators that glue pieces into one token: hyphen, apostrophe, and an abbreviation dot
#: between letters (আ.লীগ, এ.কে.এম).
_JOINERS: Final = ("-", "'", ".")
#: Separators allowed *inside* a name in running text: the joiners, white space, and an
#: abbreviation dot followed by a space (মো. নাহিদ হুসাইন, ড. মুহাম্মদ ইউনূস).
NAME_SEPARATORS: Final = frozenset({" ", "-", "'", ".", ". "})


class Piece(NamedTuple):
    """One word piece of normalized text: no spaces, hyphens or apostrophes inside.

    ``nstart``/``nend`` index the normalized text (map them to the original with
    :meth:`Normalized.original_span`). ``sep`` is what joins it to the previous piece: ``""``
    (first in text), ``" "`` (white space), ``"\\n"`` (a line break), ``"-"`` or ``"'"`` (glued),
    or ``"|"`` (punctuation between).
    """

    text: str
    nstart: int
    nend: int
    sep: str


@dataclass(frozen=True, slots=True)
class Token:
    """A token with its span in the original text.

    ``text`` is the normalized token; ``base`` is the token without a separated clitic and
    ``clitic`` the clitic ('' if none); ``clitic_sep`` is the ``-`` or ``'`` that joined it.
    ``parts`` are the hyphen/apostrophe-joined parts of ``base`` (``('জং', 'উন')``).
    """

    text: str
    start: int
    end: int
    kind: TokenKind
    base: str
    clitic: str = ""
    clitic_sep: str = ""
    parts: tuple[str, ...] = ()

    @property
    def is_word(self) -> bool:
        return self.kind != "punct"


#: The separators that glue a clitic to the word before it.
_GLUE: Final = ("-", "'")


def is_clitic(piece: Piece) -> bool:
    """Whether a piece is a case clitic glued by a hyphen or apostrophe (হুই’র, তাস-এর)."""
    return piece.sep in _GLUE and piece.text in CLITICS


def glued_clitics(doc: PieceLists) -> list[str]:
    """Per piece, the clitic with its separator if the piece is one (:func:`is_clitic`: the
    ``'র`` of হুই’র), else ``''``: :func:`is_clitic` over parallel lists.

    >>> glued_clitics(piece_lists(normalize_with_offsets("হুই’র, কিম")))
    ['', "'র", '']
    """
    return [sep + t if sep in _GLUE and t in CLITICS else ""
            for sep, t in zip(doc.seps, doc.texts, strict=True)]


def _kind(s: str) -> TokenKind:
    if _DIGITS.fullmatch(s):
        return "number"
    bn = bool(_BENGALI.search(s))
    la = bool(_LATIN.search(s))
    if bn and la:
        return "mixed"
    if bn:
        return "bengali"
    if la:
        return "latin"
    return "mixed" if any(c.isalpha() for c in s) else "number"


class PieceLists(NamedTuple):
    """The word pieces of a normalized text as parallel lists (what :func:`pieces` returns,
    without an object per piece): piece ``k`` is ``texts[k]``, joined to the previous one by
    ``seps[k]``, at ``bounds[2 * k]:bounds[2 * k + 1]`` of the normalized text."""

    texts: list[str]
    seps: list[str]
    bounds: list[int]


def piece_lists(norm: Normalized) -> PieceLists:
    """Split normalized text into word pieces, remembering what separates each from the last.

    >>> pl = piece_lists(normalize_with_offsets("হুই’র, কিম"))
    >>> pl.texts, pl.seps, pl.bounds[:4]
    (['হুই', 'র', 'কিম'], ['', "'", '|'], [0, 3, 4, 5])
    """
    parts = _PIECE.split(norm.text)  # gap, piece, gap, piece, …, gap
    texts = parts[1::2]
    seps = list(map(_sep, parts[0:-1:2]))
    if seps:
        seps[0] = ""
    return PieceLists(texts, seps, list(accumulate(map(len, parts))))


@lru_cache(maxsize=4096)
def _sep(gap: str) -> str:
    """What a gap between two pieces separates them by (see :class:`Piece`)."""
    sep = _SEPS.get(gap)
    if sep is None:
        sep = "\n" if "\n" in gap else "|"
    return sep


def pieces(norm: Normalized) -> list[Piece]:
    """Split normalized text into word pieces, remembering what separates each from the last.

    >>> [(p.text, p.sep) for p in pieces(normalize_with_offsets("হুই’র, কিম"))]
    [('হুই', ''), ('র', "'"), ('কিম', '|')]
    """
    texts, seps, bounds = piece_lists(norm)
    return [Piece(t, bounds[2 * k], bounds[2 * k + 1], sep)
            for k, (t, sep) in enumerate(zip(texts, seps, strict=True))]


def tokenize(text: str | Normalized) -> list[Token]:
    """Split text into word and punctuation tokens with original offsets.

    >>> toks = tokenize("তাস-এর তথ্যানুসারে, লাভরভ")
    >>> [(t.text, t.clitic, t.start, t.end) for t in toks]
    [('তাস-এর', 'এর', 0, 6), ('তথ্যানুসারে', '', 7, 18), (',', '', 18, 19), ('লাভরভ', '', 20, 25)]
    """
    norm = text if isinstance(text, Normalized) else normalize_with_offsets(text)
    ps = pieces(norm)
    tokens: list[Token] = []
    ntext = norm.text
    i = 0
    last_nend = 0
    while i < len(ps):
        j = i
        while j + 1 < len(ps) and ps[j + 1].sep in _JOINERS:
            j += 1
        _punct_between(norm, last_nend, ps[i].nstart, tokens)
        group = ps[i:j + 1]
        full = ntext[group[0].nstart:group[-1].nend]
        clitic = sep = ""
        base_parts = [p.text for p in group]
        if len(group) > 1 and is_clitic(group[-1]):
            clitic, sep = group[-1].text, group[-1].sep
            base_parts = base_parts[:-1]
            base = ntext[group[0].nstart:group[-2].nend]
        else:
            base = full
        start, end = norm.original_span(group[0].nstart, group[-1].nend)
        tokens.append(Token(full, start, end, _kind(full), base, clitic, sep, tuple(base_parts)))
        last_nend = group[-1].nend
        i = j + 1
    _punct_between(norm, last_nend, len(ntext), tokens)
    return tokens


def _punct_between(norm: Normalized, lo: int, hi: int, tokens: list[Token]) -> None:
    for m in _PUNCT.finditer(norm.text, lo, hi):
        s, e = norm.original_span(m.start(), m.end())
        tokens.append(Token(m.group(), s, e, "punct", m.group()))
