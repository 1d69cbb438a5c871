"""The name index's storage: the hash tables' sort, the columns cut to length, the postings."""

from __future__ import annotations

from array import array

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bnentity.matching.index import NameIndex, _HashTable, _sorted_by_hash
from bnentity.matching.resolver import Resolver

_INT64 = st.integers(min_value=-(2**63), max_value=2**63 - 1)


@given(st.lists(st.tuples(st.one_of(_INT64, st.sampled_from([-(2**63), -1, 0, 1, 2**63 - 1])),
                          st.integers(min_value=0, max_value=2**31 - 1)), max_size=300))
@settings(max_examples=300, deadline=None)
def test_sorted_by_hash_is_a_stable_sort(pairs: list[tuple[int, int]]) -> None:
    hashes = array("q", (h for h, _ in pairs))
    values = array("i", (v for _, v in pairs))
    out_h, out_v = _sorted_by_hash(hashes, values)
    expected = sorted(pairs, key=lambda p: p[0])  # sorted() is stable
    assert list(zip(out_h, out_v, strict=True)) == expected
    assert (out_h.typecode, out_v.typecode) == ("q", "i")


def test_hash_table_returns_every_value_of_a_key_in_order() -> None:
    keys = ["ঢাকা", "dhaka", "ঢাকা", "", "খুলনা", "ঢাকা"]
    table = _HashTable.of_keys(keys)
    assert len(table) == len(keys)
    for key in set(keys):
        got = [v for v in table.get(key) if keys[v] == key]
        assert got == [i for i, k in enumerate(keys) if k == key]
    assert table.get("নেই") == []


@pytest.fixture(scope="module")
def index(bundled: Resolver) -> NameIndex:
    return bundled.index


def test_entity_position(index: NameIndex) -> None:
    for epos, e in enumerate(index.entities):
        assert index.entity_position(e.id) == epos
    with pytest.raises(KeyError):
        index.entity_position("no-such-entity")


def test_columns_are_cut_to_the_number_of_forms(index: NameIndex) -> None:
    n = len(index)
    assert n > 0
    assert len(index.form_kind) == len(index.nwords) == n
    assert len(index.words_off) == len(index._text_off) == n + 1
    assert index.words_off[-1] == len(index.words_flat)
    assert index._text_off[-1] == len(index._texts)
    assert len(index.variant) == n
    for f in range(n):
        assert index.nwords[f] == min(len(index.form_words(f)), 255)
        assert index.form_text(f)
        assert f in index.by_variant(index.form_variant(f))


def test_postings_list_each_form_once_per_word(index: NameIndex) -> None:
    expected: list[list[int]] = [[] for _ in index.words]
    for f in range(len(index)):
        for w in dict.fromkeys(index.form_words(f)):
            expected[w].append(f)
    assert [list(index.postings_of(w)) for w in range(len(index.words))] == expected
