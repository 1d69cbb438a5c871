"""The gazetteer's data classes. They know nothing of YAML or of matching."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Final, Literal

__all__ = ["ENTITY_TYPES", "Entity", "EntityType", "Gazetteer", "SourceLocation"]

EntityType = Literal["person", "place", "org", "event", "work", "other"]
ENTITY_TYPES: Final[tuple[str, ...]] = ("person", "place", "org", "event", "work", "other")


@dataclass(frozen=True, slots=True)
class SourceLocation:
    """Where an entity (or one of its fields) was written: file path and 1-based line."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True, slots=True)
class Entity:
    """One canonical entity.

    Attributes:
        id: unique across every loaded file (a slug such as ``sergey-lavrov`` or a QID).
        name: canonical name in Latin script.
        type: one of :data:`ENTITY_TYPES`.
        bn: canonical Bengali spelling (what rewriting writes), or ``None``.
        aliases: other accepted Bengali spellings, full or short.
        latin: other Latin-script names.
        wikidata: a Wikidata QID, or ``None``.
        description: one line that tells this entity apart from its namesakes.
        short: explicit short forms (a surname, an acronym) that may stand alone in text once
            the entity is clear; a short form shared with another entity is never linked on its
            own.
        family_name_first: the family name is the first word (কিম জং উন, শি জিনপিং), so the
            automatic short form is the first word, not the last.
        context: words that, near an ambiguous short mention, speak for this entity.
        not_: spellings editors rejected for this entity (YAML key ``not``); never linked to it.
        homographs: spellings of this entity that are also ordinary Bengali words (তাস is TASS
            and playing cards; মাস্ক is Musk and a mask). ``resolve`` treats them as usual; in
            running text they are linked only with support: a full mention of the entity in
            the same document, or one of its ``context`` words nearby.
        source: where the entity was defined.
    """

    id: str
    name: str
    type: str
    bn: str | None = None
    aliases: tuple[str, ...] = ()
    latin: tuple[str, ...] = ()
    wikidata: str | None = None
    description: str | None = None
    short: tuple[str, ...] = ()
    family_name_first: bool = False
    context: tuple[str, ...] = ()
    not_: tuple[str, ...] = ()
    homographs: tuple[str, ...] = ()
    source: SourceLocation | None = field(default=None, compare=False)

    @property
    def bengali_names(self) -> tuple[str, ...]:
        """The canonical Bengali spelling (if any) followed by the aliases."""
        return ((self.bn,) if self.bn else ()) + self.aliases

    @property
    def latin_names(self) -> tuple[str, ...]:
        """The canonical Latin name followed by the other Latin names."""
        return (self.name, *self.latin)

    def __repr__(self) -> str:
        return f"Entity(id={self.id!r}, name={self.name!r}, type={self.type!r}, bn={self.bn!r})"


class Gazetteer(Mapping[str, Entity]):
    """A validated, immutable collection of entities, keyed by id, in load order.

    >>> g = Gazetteer([Entity(id="dhaka", name="Dhaka", type="place", bn="ঢাকা")])
    >>> len(g), g["dhaka"].bn, [e.id for e in g]
    (1, 'ঢাকা', ['dhaka'])
    """

    __slots__ = ("_by_id", "files")

    def __init__(self, entities: list[Entity] | tuple[Entity, ...],
                 files: tuple[str, ...] = ()) -> None:
        by_id: dict[str, Entity] = {}
        for e in entities:
            if e.id in by_id:
                raise ValueError(f"duplicate entity id {e.id!r}")
            by_id[e.id] = e
        self._by_id = by_id
        self.files = files

    def __getitem__(self, key: str) -> Entity:
        return self._by_id[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_id)

    def __len__(self) -> int:
        return len(self._by_id)

    @property
    def entities(self) -> tuple[Entity, ...]:
        """All entities, in load order."""
        return tuple(self._by_id.values())

    def counts(self) -> dict[str, int]:
        """Number of entities per type."""
        out: dict[str, int] = {}
        for e in self._by_id.values():
            out[e.type] = out.get(e.type, 0) + 1
        return out

    def __repr__(self) -> str:
        return f"<Gazetteer {len(self)} entities from {len(self.files)} file(s)>"
