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
* ``postings``: vocabulary word → the forms that contain it (one flat array).
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum
from typing import Final

from bnentity.gazetteer.model import Entity, Gazetteer
from bnentity.keys import joined_key, normalized_key, variant_key_uncached
from bnentity.matching.config import MatchConfig
from bnentity.matching.similarity import block_keys, block_keys_uncached
from bnentity.namewords import is_common_name_word

__all__ = ["FormKind", "NameIndex", "block_keys"]


#: An automatic short form needs at least this many code points: জি (from জি জিনপিং) is the
#: letter G and the honorific -জি, and linked জি এম কাদের to Xi Jinping in ../shared/data.
#: Shorter surnames (শি) must be listed in ``short`` by an editor.
_MIN_AUTO_SHORT: Final = 3


class FormKind(IntEnum):
    """What a form is for its entity; lower is stronger evidence."""

    FULL = 0        #: ``bn`` or an entry of ``aliases``
    LATIN = 1       #: ``name`` or an entry of ``latin``
    SHORT = 2       #: an entry of ``short`` (editor-declared partial name)
    AUTO_SHORT = 3  #: a person's surname (or family name) derived from a full form


@dataclass(frozen=True, slots=True)
class Form:
    """One indexed spelling (a view built on demand; the index stores columns)."""

    index: int
    entity: Entity
    text: str
    kind: FormKind
    words: tuple[str, ...]


class _HashTable:
    """An immutable multimap from string keys to form numbers, stored as two sorted arrays
    (the keys' hashes and the forms): 12 bytes an entry instead of a dict's key string, slot
    and list. Lookups return every form whose key *hash* matches; callers check the key."""

    __slots__ = ("_forms", "_hashes")

    def __init__(self, hashes: array[int], forms: array[int]) -> None:
        order = sorted(range(len(hashes)), key=hashes.__getitem__)
        self._hashes = array("q", (hashes[i] for i in order))
        self._forms = array("i", (forms[i] for i in order))

    def get(self, key: str) -> list[int]:
        h = hash(key)
        lo = bisect_left(self._hashes, h)
        hi = lo
        n = len(self._hashes)
        while hi < n and self._hashes[hi] == h:
            hi += 1
        return list(self._forms[lo:hi])

    def __len__(self) -> int:
        return len(self._forms)


class NameIndex:
    """Immutable index of all forms of all entities of a gazetteer.

    Forms are stored as columns (arrays, and one string holding every form's text), so a
    million aliases take a few hundred bytes each, not kilobytes of Python objects.
    """

    def __init__(self, gazetteer: Gazetteer, config: MatchConfig) -> None:
        self.config = config
        self.entities: tuple[Entity, ...] = gazetteer.entities
        self._entity_pos = {e.id: i for i, e in enumerate(self.entities)}
        self.form_entity = array("i")
        self.form_kind = bytearray()
        self._texts = ""
        self._text_off = array("q", [0])
        #: Every form's words (vocabulary ids), concatenated; form f's are
        #: ``words_flat[words_off[f]:words_off[f + 1]]``, and ``nwords[f]`` says how many.
        self.words_flat = array("i")
        self.words_off = array("q", [0])
        self.nwords = bytearray()
        self.vocab: dict[str, int] = {}
        self.words: list[str] = []
        #: variant key → forms.
        self.variant = _HashTable(array("q"), array("i"))
        #: joined key → forms whose joined key differs from their variant key (multi-word
        #: forms and a few others); the rest are found through ``variant``.
        self.joined = _HashTable(array("q"), array("i"))
        #: blocking key → vocabulary words (a hash table: a stray hash collision only adds a
        #: candidate, which similarity then scores like any other).
        self.block = _HashTable(array("q"), array("i"))
        #: vocabulary word → the forms that contain it, as one flat array: word w's forms are
        #: ``posting_forms[posting_off[w]:posting_off[w + 1]]`` (see :meth:`postings_of`).
        self.posting_forms = array("i")
        self.posting_off = array("q", [0])
        #: (entity position, normalized key) pairs editors rejected (the ``not`` field).
        self.rejected: frozenset[tuple[int, str]] = frozenset()
        #: One-word forms that are common name words (:mod:`bnentity.namewords`): alone they
        #: identify nobody, so they need support (a full mention, a context word).
        self.common_forms: frozenset[int] = frozenset()
        self._build()

    # -- building ------------------------------------------------------------------------
    def _forms_of(self, e: Entity) -> Iterable[tuple[str, FormKind, str]]:
        """(spelling, kind, normalized key) of every form of ``e``."""
        nkey = normalized_key.__wrapped__
        full = [(s, nkey(s)) for s in e.bengali_names]
        latin = [(s, nkey(s)) for s in e.latin_names]
        for s, nk in full:
            yield s, FormKind.FULL, nk
        for s, nk in latin:
            yield s, FormKind.LATIN, nk
        for s in e.short:
            yield s, FormKind.SHORT, nkey(s)
        if e.type == "person":
            for _s, nk in (*full, *latin):
                words = nk.split(" ")
                if len(words) >= 2:
                    w = words[0] if e.family_name_first else words[-1]
                    if len(w) >= _MIN_AUTO_SHORT:
                        yield w, FormKind.AUTO_SHORT, w

    def _word_id(self, w: str, block: tuple[array[int], array[int]]) -> int:
        wid = self.vocab.get(w)
        if wid is None:
            wid = len(self.words)
            self.vocab[w] = wid
            self.words.append(w)
            for k in block_keys_uncached(w):
                block[0].append(hash(k))
                block[1].append(wid)
        return wid

    def _build(self) -> None:
        rules = self.config.rules
        rejected: set[tuple[int, str]] = set()
        common: set[int] = set()
        texts: list[str] = []
        variant: tuple[array[int], array[int]] = (array("q"), array("i"))
        joined: tuple[array[int], array[int]] = (array("q"), array("i"))
        block: tuple[array[int], array[int]] = (array("q"), array("i"))
        post_words = array("i")
        post_forms = array("i")
        for epos, e in enumerate(self.entities):
            seen: set[tuple[str, FormKind]] = set()
            for s in e.not_:
                # A rejection is of that spelling (and its inflections), not of every
                # spelling that folds to the same variant key: rejecting জিয়া for জয়া must
                # not refuse জয়া itself.
                rejected.add((epos, normalized_key(s)))
            for text, kind, nk in self._forms_of(e):
                # One form per distinct spelling and kind: two spellings that differ only in
                # folded letters are both kept, so each matches itself exactly.
                if not nk or (nk, kind) in seen:
                    continue
                seen.add((nk, kind))
                vk = variant_key_uncached(text, rules, normalized=nk)
                fidx = len(texts)
                self.form_entity.append(epos)
                self.form_kind.append(int(kind))
                texts.append(text)
                self._text_off.append(self._text_off[-1] + len(text))
                wids = [self._word_id(w, block) for w in vk.split(" ")]
                self.words_flat.extend(wids)
                self.words_off.append(len(self.words_flat))
                self.nwords.append(min(len(wids), 255))
                if len(wids) == 1 and is_common_name_word(vk):
                    # Any one-word form that is a common name word, even an entity's only
                    # spelling (an unidentified সোহেল): alone it identifies nobody.
                    common.add(fidx)
                for wid in dict.fromkeys(wids):
                    post_words.append(wid)
                    post_forms.append(fidx)
                variant[0].append(hash(vk))
                variant[1].append(fidx)
                jk = joined_key(text, rules=rules, variant=vk)
                if len(wids) > 1 or jk != vk:
                    joined[0].append(hash(jk))
                    joined[1].append(fidx)
        self._texts = "".join(texts)
        del texts
        self.variant = _HashTable(*variant)
        self.joined = _HashTable(*joined)
        self.block = _HashTable(*block)
        self._build_postings(post_words, post_forms)
        self.rejected = frozenset(rejected)
        self.common_forms = frozenset(common)

    def _build_postings(self, post_words: array[int], post_forms: array[int]) -> None:
        """Counting sort of the (word, form) pairs into the flat postings arrays."""
        offsets = array("q", bytes(8 * (len(self.words) + 1)))
        for w in post_words:
            offsets[w + 1] += 1
        for i in range(1, len(offsets)):
            offsets[i] += offsets[i - 1]
        fill = array("q", offsets)
        forms = array("i", bytes(4 * len(post_words)))
        for w, f in zip(post_words, post_forms, strict=True):
            forms[fill[w]] = f
            fill[w] += 1
        self.posting_off = offsets
        self.posting_forms = forms

    # -- reading -------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.form_entity)

    def form_text(self, fidx: int) -> str:
        """The spelling of form ``fidx`` as the gazetteer writes it."""
        return self._texts[self._text_off[fidx]:self._text_off[fidx + 1]]

    def form_words(self, fidx: int) -> array[int]:
        """The vocabulary ids of the words of form ``fidx``'s variant key."""
        return self.words_flat[self.words_off[fidx]:self.words_off[fidx + 1]]

    def form_word_count(self, fidx: int) -> int:
        return self.nwords[fidx]

    def form(self, fidx: int) -> Form:
        return Form(fidx, self.entities[self.form_entity[fidx]], self.form_text(fidx),
                    FormKind(self.form_kind[fidx]),
                    tuple(self.words[w] for w in self.form_words(fidx)))

    def entity_position(self, entity_id: str) -> int:
        return self._entity_pos[entity_id]

    def form_variant(self, fidx: int) -> str:
        return " ".join(self.words[w] for w in self.form_words(fidx))

    def by_variant(self, vk: str) -> list[int]:
        """Forms whose variant key is ``vk``."""
        return [f for f in self.variant.get(vk) if self.form_variant(f) == vk]

    def by_joined(self, jk: str) -> list[int]:
        """Forms whose words, joined, spell ``jk`` (see :func:`bnentity.keys.joined_key`)."""
        rules = self.config.rules
        found = dict.fromkeys(self.joined.get(jk) + self.variant.get(jk))
        return [f for f in found
                if joined_key(self.form_text(f), rules=rules, variant=self.form_variant(f)) == jk]

    def postings_of(self, wid: int) -> array[int]:
        """The forms that contain vocabulary word ``wid``, in index order."""
        return self.posting_forms[self.posting_off[wid]:self.posting_off[wid + 1]]

    def similar_words(self, word: str) -> list[int]:
        """Vocabulary words that share a blocking key with ``word`` (the word itself first)."""
        out: dict[int, None] = {}
        wid = self.vocab.get(word)
        if wid is not None:
            out[wid] = None
        for k in block_keys(word):
            for w in self.block.get(k):
                out[w] = None
        return list(out)
