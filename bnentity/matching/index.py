"""The name index: every spelling of every entity, under keys that make lookups cheap.

Built once from a :class:`~bnentity.gazetteer.Gazetteer`, immutable afterwards (so one index can
be shared by many threads). Holds:

* the *forms*: each Bengali or Latin spelling of an entity, with its kind (full name, Latin
  name, explicit short form, automatic short form) and its words as ids into a vocabulary;
* ``variant``: variant key → forms (exact and folded-spelling lookups are one dict probe);
* ``block``: a blocking key → vocabulary words; the keys of a word are its consonant skeleton
  and, for skeletons of three or more consonants, the skeleton with one consonant deleted
  (a symmetric-deletion neighbourhood, as in SymSpell). Two words one consonant apart share a
  key, so fuzzy candidates come from a few dict probes, never from a scan of all aliases;
* ``postings``: vocabulary word → the forms that contain it.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum

from bnentity.gazetteer.model import Entity, Gazetteer
from bnentity.keys import joined_key, normalized_key, variant_key
from bnentity.matching.config import MatchConfig
from bnentity.matching.similarity import block_keys
from bnentity.namewords import is_common_name_word

__all__ = ["FormKind", "NameIndex", "block_keys"]


class FormKind(IntEnum):
    """What a form is for its entity; lower is stronger evidence."""

    FULL = 0        #: ``bn`` or an entry of ``aliases``
    LATIN = 1       #: ``name`` or an entry of ``latin``
    SHORT = 2       #: an entry of ``short`` (editor-declared partial name)
    AUTO_SHORT = 3  #: a person's surname (or family name) derived from a full form


def _add(table: dict[str, int | list[int]], key: str, fidx: int) -> None:
    prev = table.get(key)
    if prev is None:
        table[key] = fidx
    elif isinstance(prev, int):
        table[key] = [prev, fidx]
    else:
        prev.append(fidx)


def _get(table: dict[str, int | list[int]], key: str) -> list[int]:
    hit = table.get(key)
    if hit is None:
        return []
    return [hit] if isinstance(hit, int) else list(hit)


@dataclass(frozen=True, slots=True)
class Form:
    """One indexed spelling (a view built on demand; the index stores columns)."""

    index: int
    entity: Entity
    text: str
    kind: FormKind
    words: tuple[str, ...]


class NameIndex:
    """Immutable index of all forms of all entities of a gazetteer."""

    def __init__(self, gazetteer: Gazetteer, config: MatchConfig) -> None:
        self.config = config
        self.entities: tuple[Entity, ...] = gazetteer.entities
        self._entity_pos = {e.id: i for i, e in enumerate(self.entities)}
        self.form_entity = array("i")
        self.form_kind = bytearray()
        self.form_text: list[str] = []
        self.form_words: list[tuple[int, ...]] = []
        self.vocab: dict[str, int] = {}
        self.words: list[str] = []
        self.variant: dict[str, int | list[int]] = {}
        #: joined key → multi-word forms (one-word forms are found through ``variant``).
        self.joined: dict[str, int | list[int]] = {}
        self.block: dict[str, list[int]] = {}
        self.postings: list[array[int]] = []
        #: (entity position, variant key) pairs editors rejected (the ``not`` field).
        self.rejected: frozenset[tuple[int, str]] = frozenset()
        #: One-word forms that are common name words (:mod:`bnentity.namewords`): alone they
        #: identify nobody, so they need support (a full mention, a context word).
        self.common_forms: frozenset[int] = frozenset()
        self._build()

    # -- building ------------------------------------------------------------------------
    def _forms_of(self, e: Entity) -> Iterable[tuple[str, FormKind]]:
        for s in e.bengali_names:
            yield s, FormKind.FULL
        for s in e.latin_names:
            yield s, FormKind.LATIN
        for s in e.short:
            yield s, FormKind.SHORT
        if e.type == "person":
            for s, _kind in [*((b, FormKind.FULL) for b in e.bengali_names),
                             *((n, FormKind.LATIN) for n in e.latin_names)]:
                words = normalized_key(s).split(" ")
                if len(words) >= 2:
                    yield (words[0] if e.family_name_first else words[-1]), FormKind.AUTO_SHORT

    def _word_id(self, w: str) -> int:
        wid = self.vocab.get(w)
        if wid is None:
            wid = len(self.words)
            self.vocab[w] = wid
            self.words.append(w)
            self.postings.append(array("i"))
            for k in block_keys(w):
                lst = self.block.get(k)
                if lst is None:
                    self.block[k] = [wid]
                else:
                    lst.append(wid)
        return wid

    def _build(self) -> None:
        rules = self.config.rules
        rejected: set[tuple[int, str]] = set()
        common: set[int] = set()
        for epos, e in enumerate(self.entities):
            seen: set[str] = set()
            for s in e.not_:
                rejected.add((epos, variant_key(s, rules=rules)))
            for text, kind in self._forms_of(e):
                vk = variant_key(text, rules=rules)
                if not vk or vk in seen:
                    continue
                seen.add(vk)
                fidx = len(self.form_text)
                self.form_entity.append(epos)
                self.form_kind.append(int(kind))
                self.form_text.append(text)
                if is_common_name_word(vk):
                    # Any one-word form that is a common name word, even an entity's only
                    # spelling (an unidentified সোহেল): alone it identifies nobody.
                    common.add(fidx)
                wids = tuple(self._word_id(w) for w in vk.split(" "))
                self.form_words.append(wids)
                for wid in dict.fromkeys(wids):
                    self.postings[wid].append(fidx)
                _add(self.variant, vk, fidx)
                if len(wids) > 1:
                    _add(self.joined, joined_key(text, rules=rules), fidx)
        self.rejected = frozenset(rejected)
        self.common_forms = frozenset(common)

    # -- reading -------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.form_text)

    def form(self, fidx: int) -> Form:
        return Form(fidx, self.entities[self.form_entity[fidx]], self.form_text[fidx],
                    FormKind(self.form_kind[fidx]),
                    tuple(self.words[w] for w in self.form_words[fidx]))

    def entity_position(self, entity_id: str) -> int:
        return self._entity_pos[entity_id]

    def by_variant(self, vk: str) -> list[int]:
        return _get(self.variant, vk)

    def by_joined(self, jk: str) -> list[int]:
        """Forms whose words, joined, spell ``jk`` (see :func:`bnentity.keys.joined_key`)."""
        return _get(self.joined, jk) + [f for f in _get(self.variant, jk)
                                        if len(self.form_words[f]) == 1]

    def similar_words(self, word: str) -> list[int]:
        """Vocabulary words that share a blocking key with ``word`` (the word itself first)."""
        out: dict[int, None] = {}
        wid = self.vocab.get(word)
        if wid is not None:
            out[wid] = None
        for k in block_keys(word):
            for w in self.block.get(k, ()):
                out[w] = None
        return list(out)
