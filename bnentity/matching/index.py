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
from collections.abc import Iterable, Iterator
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


def _zeros(typecode: str, n: int) -> array[int]:
    """An array of ``n`` zeros, allocated once (``array(typecode, bytes(...))`` would first
    make a bytes object as large, and leave its memory to the allocator)."""
    return array(typecode, [0]) * n


#: Adding this to a ``hash()`` (a signed 64-bit int) gives an unsigned one in the same order,
#: whose top bits are a bucket number (see :func:`_sorted_by_hash`).
_UNSIGNED: Final = 1 << 63


def _sorted_by_hash(hashes: array[int], values: array[int]) -> tuple[array[int], array[int]]:
    """The (hash, value) pairs sorted by hash, equal hashes in input order, as two new arrays.

    No Python object is made per pair: ``sorted(range(n), key=...)`` made 2n ints and two
    lists of n slots, ~200 MB for the 2.6M variant keys of 1M aliases, and the allocator
    kept part of it. Here a counting sort on the hashes' top bits puts each pair in its
    bucket, then an insertion sort orders each bucket (a pair never moves out of its bucket:
    every pair of an earlier bucket has a smaller hash). ``hash()`` of a str is uniform over
    64 bits, so a bucket holds a few pairs and the whole sort is linear; for 2.6M keys it
    took 3.4 s against 4.3 s for ``sorted``.
    """
    n = len(hashes)
    # n/4 to n/2 buckets, 2-4 pairs each: short insertion sorts, and a count array (8 bytes
    # a bucket) at most a third of the table's size (12 bytes an entry).
    bits = max(n.bit_length() - 2, 0)
    shift = 64 - bits
    starts = _zeros("q", (1 << bits) + 1)
    for h in hashes:
        starts[((h + _UNSIGNED) >> shift) + 1] += 1
    total = 0
    for b, count in enumerate(starts):
        total += count
        starts[b] = total
    out_h = _zeros("q", n)
    out_v = _zeros("i", n)
    for h, v in zip(hashes, values, strict=True):
        b = (h + _UNSIGNED) >> shift
        i = starts[b]
        starts[b] = i + 1
        out_h[i] = h
        out_v[i] = v
    del starts
    for i in range(1, n):
        h = out_h[i]
        if h < out_h[i - 1]:
            v = out_v[i]
            j = i
            while j and out_h[j - 1] > h:
                out_h[j] = out_h[j - 1]
                out_v[j] = out_v[j - 1]
                j -= 1
            out_h[j] = h
            out_v[j] = v
    return out_h, out_v


class _HashTable:
    """An immutable multimap from string keys to ints (forms, words, entity positions),
    stored as two arrays sorted by the keys' hashes: 12 bytes an entry instead of a dict's
    key string, slot and list. Lookups return every value whose key *hash* matches, in the
    order they were given; callers check the key."""

    __slots__ = ("_hashes", "_values")

    def __init__(self, hashes: array[int], values: array[int]) -> None:
        self._hashes, self._values = _sorted_by_hash(hashes, values)

    @classmethod
    def of_keys(cls, keys: Iterable[str]) -> _HashTable:
        """The table mapping each key to its position in ``keys``."""
        hashes = array("q", map(hash, keys))
        return cls(hashes, array("i", range(len(hashes))))

    def get(self, key: str) -> list[int]:
        h = hash(key)
        lo = bisect_left(self._hashes, h)
        hi = lo
        n = len(self._hashes)
        while hi < n and self._hashes[hi] == h:
            hi += 1
        return list(self._values[lo:hi])

    def __len__(self) -> int:
        return len(self._values)


def _max_forms(e: Entity) -> int:
    """The most forms :meth:`NameIndex._forms_of` can yield for ``e``: each name once, and
    for a person one automatic short form per Bengali or Latin name."""
    names = len(e.bengali_names) + len(e.latin_names)
    return names + len(e.short) + (names if e.type == "person" else 0)


class NameIndex:
    """Immutable index of all forms of all entities of a gazetteer.

    Forms are stored as columns (arrays, and one string holding every form's text), so a
    million aliases take a few hundred bytes each, not kilobytes of Python objects.
    """

    def __init__(self, gazetteer: Gazetteer, config: MatchConfig) -> None:
        self.config = config
        self.entities: tuple[Entity, ...] = gazetteer.entities
        #: entity id → position in ``entities`` (see :meth:`entity_position`).
        self._entity_pos = _HashTable.of_keys(e.id for e in self.entities)
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
        #: blocking key → vocabulary words, as ``2 * word + (1 if the key is one of the word's
        #: deletions, 0 if its skeleton)`` (a hash table: a stray hash collision only adds a
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
            # The first key is the skeleton itself, the others deletions (see similar_words).
            for i, k in enumerate(block_keys_uncached(w)):
                block[0].append(hash(k))
                block[1].append(2 * wid + (i > 0))
        return wid

    def _build(self) -> None:
        rules = self.config.rules
        rejected: set[tuple[int, str]] = set()
        common = array("i")
        # The per-form columns are made at once for the most forms the entities can have and
        # cut to length at the end. Grown together by append, they left 115-125 MiB of freed
        # memory between them at 1M aliases, which the allocator kept (glibc's mallinfo2);
        # made at their size, 50 MiB stay free and the build's RSS growth is 248 MiB, not 320.
        cap = sum(_max_forms(e) for e in self.entities)
        self.form_entity = _zeros("i", cap)
        self.form_kind = bytearray(cap)
        self._text_off = _zeros("q", cap + 1)
        self.words_off = _zeros("q", cap + 1)
        self.nwords = bytearray(cap)
        texts = [""] * cap
        # An automatic short form is a new string; one per distinct spelling is kept, not
        # one per form: at 1M aliases about 1M of the 2.6M forms are automatic, ~85 MB of
        # strings kept until the join, and the allocator kept their memory after it.
        short_texts: dict[str, str] = {}
        variant = (_zeros("q", cap), _zeros("i", cap))
        joined = (_zeros("q", cap), _zeros("i", cap))
        block: tuple[array[int], array[int]] = (array("q"), array("i"))
        n = n_joined = 0
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
                self.form_entity[n] = epos
                self.form_kind[n] = int(kind)
                if kind is FormKind.AUTO_SHORT:
                    text = short_texts.setdefault(text, text)
                texts[n] = text
                self._text_off[n + 1] = self._text_off[n] + len(text)
                wids = [self._word_id(w, block) for w in vk.split(" ")]
                self.words_flat.extend(wids)
                self.words_off[n + 1] = len(self.words_flat)
                self.nwords[n] = min(len(wids), 255)
                if len(wids) == 1 and is_common_name_word(vk):
                    # Any one-word form that is a common name word, even an entity's only
                    # spelling (an unidentified সোহেল): alone it identifies nobody.
                    common.append(n)
                variant[0][n] = hash(vk)
                variant[1][n] = n
                jk = joined_key(text, rules=rules, variant=vk)
                if len(wids) > 1 or jk != vk:
                    joined[0][n_joined] = hash(jk)
                    joined[1][n_joined] = n
                    n_joined += 1
                n += 1
        for column in (self.form_entity, self.form_kind, self.nwords, *variant):
            del column[n:]
        del self._text_off[n + 1:], self.words_off[n + 1:]
        for column in joined:
            del column[n_joined:]
        self._texts = "".join(texts)
        del texts, short_texts
        # Each table's input arrays are freed before the next table is built, so the next
        # one can reuse their memory.
        self.variant = _HashTable(*variant)
        del variant
        self.joined = _HashTable(*joined)
        del joined
        self.block = _HashTable(*block)
        del block
        self._build_postings()
        self.rejected = frozenset(rejected)
        self.common_forms = frozenset(common)

    def _distinct_form_words(self) -> Iterator[tuple[int, int]]:
        """(word, form) for each distinct word of each form, forms in index order."""
        flat, off = self.words_flat, self.words_off
        for f in range(len(off) - 1):
            for w in dict.fromkeys(flat[off[f]:off[f + 1]]):
                yield w, f

    def _build_postings(self) -> None:
        """Counting sort of the (word, form) pairs into the flat postings arrays."""
        offsets = _zeros("q", len(self.words) + 1)
        for w, _f in self._distinct_form_words():
            offsets[w + 1] += 1
        for i in range(1, len(offsets)):
            offsets[i] += offsets[i - 1]
        fill = array("q", offsets)
        forms = _zeros("i", offsets[-1])
        for w, f in self._distinct_form_words():
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
        """The position in ``entities`` of the entity with id ``entity_id`` (KeyError if none)."""
        for epos in self._entity_pos.get(entity_id):
            if self.entities[epos].id == entity_id:
                return epos
        raise KeyError(entity_id)

    def form_variant(self, fidx: int) -> str:
        return " ".join(self.words[w] for w in self.form_words(fidx))

    def by_variant(self, vk: str) -> list[int]:
        """Forms whose variant key is ``vk``."""
        return [f for f in self.variant.get(vk) if self.form_variant(f) == vk]

    def by_joined(self, jk: str, *, min_words: int = 1) -> list[int]:
        """Forms of at least ``min_words`` words whose words, joined, spell ``jk`` (see
        :func:`bnentity.keys.joined_key`)."""
        rules = self.config.rules
        nwords = self.nwords
        found = dict.fromkeys(self.joined.get(jk) + self.variant.get(jk))
        return [f for f in found if nwords[f] >= min_words
                and joined_key(self.form_text(f), rules=rules, variant=self.form_variant(f)) == jk]

    def postings_of(self, wid: int) -> array[int]:
        """The forms that contain vocabulary word ``wid``, in index order."""
        return self.posting_forms[self.posting_off[wid]:self.posting_off[wid + 1]]

    def similar_words(self, word: str, *, substitutions: bool = False) -> list[int]:
        """Vocabulary words whose consonant skeleton equals ``word``'s or is one consonant
        longer or shorter (the word itself first).

        Words whose skeleton has one consonant *substituted* also share a blocking key (a
        deletion of each) but are never similar (:func:`~bnentity.matching.similarity.
        word_similarity` refuses a substituted consonant), so they are left out — unless
        ``substitutions``, for a common name word, which the lexicon may pair with another
        spelling whatever its consonants. Most blocking neighbours are substitutions.
        """
        out: dict[int, None] = {}
        wid = self.vocab.get(word)
        if wid is not None:
            out[wid] = None
        for i, k in enumerate(block_keys(word)):
            for v in self.block.get(k):
                # A deletion of the word's (i > 0) that is also a deletion of the other's.
                if i and v & 1 and not substitutions:
                    continue
                out[v >> 1] = None
        return list(out)
