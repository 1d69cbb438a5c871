"""Linking the spans another recognizer found (bnlp-toolkit, spaCy, a transformer …).

A recognizer says *where* a name is and what kind it is; this module says *who*. Each span is
resolved with the same readings, scoring and decision as ``resolve``/``find``, plus:

* **Tolerant spans.** A span that cuts a word is widened to whole words; punctuation, quotes
  and white space at its edges are dropped (NER output often includes a trailing ``,`` or ``’``).
* **Titles and extra words.** If the whole span does not resolve (অধ্যাপক খন্দকার বজলুল হক,
  প্রেসিডেন্ট পুতিনের), the longest mention the finder sees *inside* the span is used — if it
  is of the span's type, and, for a person span, a full name or a surname with only titles
  around it (খালেদ খান is not Salman Khan; a hospital named after a district is not it).
* **The label as a hint.** PERSON/PER → person, LOC/GPE → place, ORG → org: when a candidate of
  the hinted type reaches ``min_score``, candidates of other types are dropped before deciding,
  so a LOC span জর্ডান links to the country even if a person shares the name.
* **The document as context.** Entities named in full anywhere in the text (``find``) break
  ties between candidates, as for short forms in running text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, cast

import regex

from bnentity.inflection import stems
from bnentity.keys import normalized_key
from bnentity.matching.resolver import Match, decide
from bnentity.namewords import is_title

if TYPE_CHECKING:
    from bnentity.matching.resolver import Method, Resolver

__all__ = ["LABEL_TYPES", "Link", "link_spans"]

#: Recognizer labels → gazetteer entity types. Covers bnlp-toolkit (PER/LOC/ORG, BILOU or
#: BIO prefixes stripped), spaCy/OntoNotes (PERSON/GPE/LOC/ORG/NORP/FAC) and the banglakit
#: data (PERSON/ORG/GPE). Unknown labels give no hint.
LABEL_TYPES: Final[dict[str, str]] = {
    "PER": "person", "PERSON": "person", "PERS": "person",
    "LOC": "place", "LOCATION": "place", "GPE": "place", "FAC": "place",
    "ORG": "org", "ORGANIZATION": "org", "ORGANISATION": "org", "NORP": "org",
    "EVENT": "event", "WORK_OF_ART": "work",
}
_WORD_CHAR = regex.compile(r"[\p{L}\p{M}\p{N}\u200c\u200d]")

Span = tuple[int, int] | tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class Link:
    """The result for one input span.

    ``start``/``end`` are the span as given; ``text`` is the (widened, trimmed) text that was
    resolved, at ``text_start``/``text_end``; ``match`` is the entity or ``None``; ``via`` says
    how: ``span`` (the span itself resolved), ``inner`` (a mention inside the span),
    ``document`` (a tie broken by the document's other mentions).
    """

    start: int
    end: int
    label: str | None
    text: str
    text_start: int
    text_end: int
    match: Match | None
    via: str

    @property
    def entity_id(self) -> str | None:
        return self.match.entity.id if self.match else None

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "label": self.label, "text": self.text,
                "match": self.match.to_dict() if self.match else None, "via": self.via}


def _label_type(label: str | None) -> str | None:
    if not label:
        return None
    core = regex.sub(r"^[BIOLUES]-", "", label.upper())
    return LABEL_TYPES.get(core)


def _in_word(text: str, i: int) -> bool:
    """A letter, mark or digit, or an abbreviation dot between two of them (আ.লীগ)."""
    if _WORD_CHAR.match(text, i):
        return True
    return (text[i] == "." and 0 < i < len(text) - 1 and bool(_WORD_CHAR.match(text, i - 1))
            and bool(_WORD_CHAR.match(text, i + 1)))


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    # Widen a span that cuts a word to the whole word.
    while 0 < start < len(text) and _in_word(text, start - 1) and _in_word(text, start):
        start -= 1
    while 0 < end < len(text) and _in_word(text, end) and _in_word(text, end - 1):
        end += 1
    # Drop punctuation, quotes, brackets and spaces at either edge.
    while start < end and not _WORD_CHAR.match(text, start):
        start += 1
    while end > start and not _WORD_CHAR.match(text, end - 1):
        end -= 1
    return start, end


def link_spans(resolver: Resolver, text: str, spans: Iterable[Span]) -> list[Link]:
    """Link each span of ``text`` to an entity; see the module docstring."""
    spans = list(spans)
    doc_mentions = resolver.find(text) if spans else []
    named = {m.entity.id for m in doc_mentions if m.support == "name"}
    cfg = resolver.config
    out: list[Link] = []
    for span in spans:
        if len(span) not in (2, 3):
            raise ValueError(f"a span is (start, end) or (start, end, label), not {span!r}")
        s, e = int(span[0]), int(span[1])
        label = str(span[2]) if len(span) == 3 else None
        ws, we = _widen(text, s, e) if s < e else (s, s)
        surface = text[ws:we]
        if not surface:
            out.append(Link(s, e, label, surface, ws, we, None, "span"))
            continue
        hint = _label_type(label)
        cands = _hinted(resolver.candidates(surface, limit=50), hint, cfg.min_score)
        best, _decision = decide(cands, cfg)
        via = "span"
        if best is None and cands:
            in_doc = [c for c in cands if c.entity.id in named
                      and cands[0].score - c.score < cfg.margin
                      and c.score >= cfg.min_score]
            if len(in_doc) == 1:
                best, via = in_doc[0], "document"
        if best is None:
            # A name inside the span stands for the span only if it is of the span's type
            # (a hospital named after a district is not the district) and, for a person, a
            # full name (খালেদ খান is not Salman Khan). Measured on a 100-span sample of
            # ../shared/data: inner links were right 1 time in 30 before this rule.
            inner = [m for m in doc_mentions if ws <= m.start and m.end <= we
                     and (hint is None or m.entity.type == hint)
                     and not (hint == "person" and m.form in ("short", "auto_short")
                              and not _only_titles_around(text, ws, we, m.start, m.end))]
            if inner:
                m = max(inner, key=lambda m: (m.end - m.start, m.score))
                best = Match(m.entity, m.score, m.alias, cast("Method", m.method), m.suffix,
                             m.form)
                via, ws, we, surface = "inner", m.start, m.end, m.text
        out.append(Link(s, e, label, surface, ws, we, best, via))
    return out


def _only_titles_around(text: str, ws: int, we: int, ms: int, me: int) -> bool:
    """Whether the span's words outside the mention are all titles (প্রেসিডেন্ট পুতিনের):
    then a surname inside a person span does stand for the span."""
    rest = (text[ws:ms] + " " + text[me:we]).split()
    keys = [normalized_key(w) for w in rest]
    return all(any(is_title(st.stem) for st in stems(k)) for k in keys if k)


def _hinted(cands: Sequence[Match], hint: str | None, min_score: float) -> list[Match]:
    if hint is None:
        return list(cands)
    typed = [c for c in cands if c.entity.type == hint]
    if typed and typed[0].score >= min_score:
        return typed
    return list(cands)
