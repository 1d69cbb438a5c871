"""Clustering unknown spellings so that the variants of one name form one group.

Spellings are compared with the resolver's own similarity on variant keys
(:func:`bnentity.matching.similarity.name_similarity`, word by word) — never all pairs:

1. spellings with the same variant key (:func:`bnentity.keys.variant_key`: ল্যাভরভ/লাভরভ,
   জেলেনস্কি/জেলেনস্কী) are one group outright;
2. the groups are *blocked* by :func:`bnentity.matching.similarity.block_keys` of their variant
   key with spaces removed (the consonant skeleton and its one-deletion neighbours, as the
   resolver's index does), so only spellings whose skeletons are at most one consonant apart
   are ever compared;
3. inside a block, two spellings are linked when their name similarity reaches the resolver's
   ``min_score`` — the same bar at which the resolver would link one to the other once it is a
   gazetteer alias, so a cluster is exactly "what one alias would (mostly) cover";
4. linked spellings are merged with union–find (single link).

Work is proportional to the sum of squared block sizes; blocks larger than
:data:`MAX_BLOCK` are skipped (see there).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from bnentity.inflection import stems
from bnentity.keys import variant_key
from bnentity.matching.config import MatchConfig
from bnentity.matching.similarity import block_keys, name_similarity

__all__ = ["MAX_BLOCK", "Cluster", "cluster_spellings"]

#: A block key shared by more spelling groups than this is not compared inside: such keys are
#: one- or two-consonant skeletons (কর, মন) shared by unrelated short words. Measured on the
#: ../shared/data review (10,107 sentences): the largest block held 61 groups, so the cap is
#: a guard for much larger corpora, where real variants still meet through their other keys.
MAX_BLOCK: Final = 400


@dataclass(frozen=True, slots=True)
class Cluster:
    """A group of spellings of (probably) one name, most frequent first.

    ``spellings`` are names as an alias would be written: an inflected spelling that linked
    to the others through its stem (ইমানুয়েল মাখোঁর → ইমানুয়েল মাখোঁ) is given as that stem,
    and its count is added to the stem's. ``seen`` maps each spelling to the forms it stands
    for.
    """

    spellings: tuple[str, ...]
    counts: tuple[int, ...]
    seen: tuple[tuple[str, ...], ...] = ()

    @property
    def count(self) -> int:
        return sum(self.counts)

    @property
    def representative(self) -> str:
        return self.spellings[0]


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, a: int) -> int:
        while self.parent[a] != a:
            self.parent[a] = self.parent[self.parent[a]]
            a = self.parent[a]
        return a

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _readings(spelling: str) -> list[str]:
    """The spelling, then each stem of its last word (the resolver's readings)."""
    words = spelling.split(" ")
    out = []
    for st in stems(words[-1]):
        out.append(" ".join([*words[:-1], st.stem]))
    return out or [spelling]


def cluster_spellings(counts: Mapping[str, int], config: MatchConfig | None = None,
                      ) -> list[Cluster]:
    """Cluster spellings (normalized text → frequency); clusters by total frequency, desc.

    Each spelling is read as the resolver reads a query: as written, and with each plausible
    case ending stripped (:func:`bnentity.inflection.stems`). Two spellings are linked when
    any of their readings are (so হাসানের meets হাসান), and a spelling that linked only through
    a stripped reading is reported as that stem.

    >>> cs = cluster_spellings({"মাহমুদুল্লাহ": 5, "মাহমুদউল্লাহ": 2, "ঢাকা": 9})
    >>> [c.spellings for c in cs]
    [('ঢাকা',), ('মাহমুদুল্লাহ', 'মাহমুদউল্লাহ')]
    """
    cfg = config or MatchConfig()
    spellings = [s for s in counts if variant_key(s, rules=cfg.rules)]
    readings = [_readings(s) for s in spellings]
    vkeys = [[variant_key(r, rules=cfg.rules) for r in rs] for rs in readings]
    uf = _UnionFind(len(spellings))
    #: per spelling, the smallest reading index that linked it to another spelling
    used = [len(rs) for rs in readings]
    # 1. same variant key of some reading: one group outright
    by_key: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for i, vks in enumerate(vkeys):
        for ri, vk in enumerate(vks):
            if vk:
                by_key[vk].append((i, ri))
    for members in by_key.values():
        if len(members) < 2 or len(members) > MAX_BLOCK:
            continue
        spell_ids = {i for i, _ in members}
        if len(spell_ids) < 2:
            continue
        first = members[0][0]
        for i, ri in members:
            uf.union(first, i)
            used[i] = min(used[i], ri)
    # 2. blocking on the joined variant key of every reading
    blocks: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for i, vks in enumerate(vkeys):
        for ri, vk in enumerate(vks):
            for bk in block_keys(vk.replace(" ", "")):
                blocks[bk].append((i, ri))
    # 3. compare inside blocks, each (reading, reading) pair once
    seen: set[tuple[int, int, int, int]] = set()
    for members in blocks.values():
        if len(members) < 2 or len(members) > MAX_BLOCK:
            continue
        for x in range(len(members)):
            a, ra = members[x]
            for y in range(x + 1, len(members)):
                b, rb = members[y]
                if a == b:
                    continue
                key = (a, ra, b, rb) if a < b else (b, rb, a, ra)
                if key in seen:
                    continue
                seen.add(key)
                wa = tuple(vkeys[a][ra].split(" "))
                wb = tuple(vkeys[b][rb].split(" "))
                if name_similarity(wa, wb, cfg) >= cfg.min_score:
                    uf.union(a, b)
                    used[a] = min(used[a], ra)
                    used[b] = min(used[b], rb)
    # 4. collect, each spelling as the reading that linked it
    groups: dict[int, dict[str, tuple[int, list[str]]]] = defaultdict(dict)
    for i, s in enumerate(spellings):
        shown = readings[i][used[i]] if used[i] < len(readings[i]) else s
        g = groups[uf.find(i)]
        n, forms = g.get(shown, (0, []))
        g[shown] = (n + counts[s], [*forms, s])
    clusters = []
    for g in groups.values():
        ordered = sorted(g.items(), key=lambda kv: (-kv[1][0], kv[0]))
        clusters.append(Cluster(tuple(k for k, _ in ordered), tuple(v[0] for _, v in ordered),
                                tuple(tuple(v[1]) for _, v in ordered)))
    clusters.sort(key=lambda c: (-c.count, c.representative))
    return clusters
