"""Editors' decisions: the record types and the replayable JSONL log.

A decision is one line of JSON. The review page (``review.html``) downloads them, ``bnentity
apply`` applies them to the YAML files and appends them to the repository's decisions log
(``decisions.jsonl`` beside the gazetteers by default). Applying is idempotent — adding an alias
that is already there, or rejecting a spelling already in ``not:``, changes nothing — so the
log can be replayed onto a fresh checkout (``bnentity apply decisions.jsonl``) and gives the
same files.

Schema (``"v": 1``; unknown keys are kept in ``extra`` and written back):

==================== =========================================================================
``action``           ``add_alias`` | ``reject`` | ``new_entity`` | ``merge``
``spellings``        the Bengali (or Latin) spellings the decision is about, as seen in text
                     (stems: inflections already stripped); at least one
``entity``           add_alias / merge: the entity that gets the spellings; new_entity: the
                     new entity's id; reject: the entity that must never be linked to the
                     spellings, or ``null`` for "not a name / not wanted at all"
``from_entity``      merge / new_entity (optional): the entity the resolver had linked the
                     spellings to by mistake; it gets them in its ``not:`` list
``field``            add_alias / merge: ``aliases`` (default) or ``short``
``name``, ``type``,  new_entity: the Latin name, entity type, description and target file
``description``,     (``file`` optional: default is the non-generated file holding most
``file``             entities of that type)
``row``              the review-queue row the decision came from (``u:…`` / ``n:…``)
``time``, ``editor`` when and by whom (ISO 8601; free text)
``note``             free text
==================== =========================================================================

Example::

    {"v": 1, "action": "add_alias", "entity": "sergey-lavrov", "spellings": ["ল্যাভরভ"]}
    {"v": 1, "action": "reject", "entity": "jaya-bachchan", "spellings": ["জিয়া"]}
    {"v": 1, "action": "new_entity", "entity": "khaleda-zia", "name": "Khaleda Zia",
     "type": "person", "spellings": ["খালেদা জিয়া"], "from_entity": null}
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from dataclasses import field as dc_field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final, Literal

from bnentity.gazetteer.model import ENTITY_TYPES
from bnentity.keys import normalized_key

__all__ = [
    "ACTIONS",
    "Decision",
    "DecisionError",
    "DecisionLog",
    "dump_decisions",
    "parse_decision",
    "read_decisions",
]

Action = Literal["add_alias", "reject", "new_entity", "merge"]
ACTIONS: Final[tuple[str, ...]] = ("add_alias", "reject", "new_entity", "merge")
VERSION: Final = 1
_FIELDS: Final = frozenset({"aliases", "short"})
_KNOWN_KEYS: Final = frozenset({
    "v", "action", "spellings", "entity", "from_entity", "field", "name", "type",
    "description", "file", "row", "time", "editor", "note",
})


class DecisionError(ValueError):
    """A decision record is malformed; the message says which line and why."""


@dataclass(frozen=True, slots=True)
class Decision:
    """One editor's decision (see the module docstring for the fields)."""

    action: Action
    spellings: tuple[str, ...]
    entity: str | None = None
    from_entity: str | None = None
    field: str = "aliases"
    name: str | None = None
    type: str | None = None
    description: str | None = None
    file: str | None = None
    row: str = ""
    time: str = ""
    editor: str = ""
    note: str = ""
    extra: dict[str, Any] = dc_field(default_factory=dict, compare=False, hash=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of the record (empty optional fields left out)."""
        d: dict[str, Any] = {"v": VERSION, "action": self.action, "entity": self.entity,
                             "spellings": list(self.spellings)}
        if self.from_entity:
            d["from_entity"] = self.from_entity
        if self.action in ("add_alias", "merge") and self.field != "aliases":
            d["field"] = self.field
        for k in ("name", "type", "description", "file"):
            v = getattr(self, k)
            if v:
                d[k] = v
        for k in ("row", "time", "editor", "note"):
            v = getattr(self, k)
            if v:
                d[k] = v
        d.update(self.extra)
        return d

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @property
    def identity(self) -> tuple[str, str | None, str | None, tuple[str, ...]]:
        """What the decision does, without when/who: equal identities are one decision."""
        return (self.action, self.entity, self.from_entity,
                tuple(sorted(normalized_key(s) for s in self.spellings)))

    def stamped(self, editor: str = "") -> Decision:
        """A copy with ``time`` (now, UTC) and ``editor`` filled in where empty."""
        return replace(self, time=self.time or datetime.now(UTC).isoformat(
            timespec="seconds"), editor=self.editor or editor)


def parse_decision(obj: Any, where: str = "") -> Decision:
    """Validate one JSON object into a :class:`Decision`; :class:`DecisionError` if wrong."""
    at = f"{where}: " if where else ""
    if not isinstance(obj, dict):
        raise DecisionError(f"{at}a decision must be a JSON object, not {type(obj).__name__}")
    v = obj.get("v", VERSION)
    if v != VERSION:
        raise DecisionError(f"{at}unsupported decision version {v!r} (this bnentity reads "
                            f"version {VERSION})")
    action = obj.get("action")
    if action not in ACTIONS:
        raise DecisionError(f"{at}'action' must be one of {', '.join(ACTIONS)}; got {action!r}")
    raw = obj.get("spellings")
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not raw or not all(isinstance(s, str) and s.strip()
                                                       for s in raw):
        raise DecisionError(f"{at}'spellings' must be a non-empty list of non-empty strings")
    spellings = tuple(dict.fromkeys(s.strip() for s in raw))
    entity = obj.get("entity")
    if entity is not None and (not isinstance(entity, str) or not entity.strip()):
        raise DecisionError(f"{at}'entity' must be an entity id or null")
    if action != "reject" and not entity:
        raise DecisionError(f"{at}{action} needs 'entity' (the id of the entity)")
    fe = obj.get("from_entity")
    if fe is not None and not isinstance(fe, str):
        raise DecisionError(f"{at}'from_entity' must be an entity id or null")
    fld = obj.get("field", "aliases")
    if fld not in _FIELDS:
        raise DecisionError(f"{at}'field' must be 'aliases' or 'short'; got {fld!r}")
    etype = obj.get("type")
    if action == "new_entity" and etype not in ENTITY_TYPES:
        raise DecisionError(f"{at}new_entity needs 'type', one of {', '.join(ENTITY_TYPES)}")
    for k in ("name", "description", "file", "row", "time", "editor", "note"):
        if obj.get(k) is not None and not isinstance(obj.get(k), str):
            raise DecisionError(f"{at}{k!r} must be a string")
    extra = {k: val for k, val in obj.items() if k not in _KNOWN_KEYS}
    return Decision(action=action, spellings=spellings, entity=entity, from_entity=fe or None,
                    field=fld, name=obj.get("name") or None, type=etype,
                    description=obj.get("description") or None, file=obj.get("file") or None,
                    row=obj.get("row") or "", time=obj.get("time") or "",
                    editor=obj.get("editor") or "", note=obj.get("note") or "", extra=extra)


def read_decisions(lines: Iterable[str], where: str = "") -> Iterator[Decision]:
    """Decisions from JSONL lines (blank lines and ``#`` comment lines are skipped)."""
    for n, line in enumerate(lines, start=1):
        s = line.strip()
        if not s or s.startswith("#"):
            continue
        try:
            obj = json.loads(s)
        except json.JSONDecodeError as exc:
            raise DecisionError(f"{where}:{n}: not JSON: {exc.msg}") from exc
        yield parse_decision(obj, f"{where}:{n}")


def dump_decisions(decisions: Iterable[Decision]) -> str:
    """JSONL text of decisions, one per line."""
    return "".join(d.to_json() + "\n" for d in decisions)


class DecisionLog:
    """The decisions log of a repository: a JSONL file that only grows.

    It remembers every rejection (``rejected``), so a review never brings a rejected
    suggestion back, and it can be replayed (``bnentity apply LOG``).
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def read(self) -> list[Decision]:
        """Every decision in the log (none if the file does not exist)."""
        if not self.path.exists():
            return []
        with open(self.path, encoding="utf-8") as f:
            return list(read_decisions(f, str(self.path)))

    def append(self, decisions: Iterable[Decision]) -> list[Decision]:
        """Append the decisions not already in the log (same :attr:`Decision.identity`).

        The whole file is rewritten atomically (old lines untouched), so a crash cannot leave
        half a line. Returns the decisions actually appended.
        """
        from bnentity.editors.yamledit import atomic_write

        have = {d.identity for d in self.read()}
        new: list[Decision] = []
        for d in decisions:
            if d.identity not in have:
                have.add(d.identity)
                new.append(d)
        if new:
            old = self.path.read_bytes() if self.path.exists() else b""
            if old and not old.endswith(b"\n"):
                old += b"\n"
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, old + dump_decisions(new).encode("utf-8"))
        return new

    def rejected(self) -> set[tuple[str | None, str]]:
        """(entity id or None, normalized spelling) of every rejection in the log.

        ``None`` means "not a name at all"; a ``merge``/``new_entity`` with ``from_entity``
        also counts as a rejection of the spellings for that entity.
        """
        out: set[tuple[str | None, str]] = set()
        for d in self.read():
            if d.action == "reject":
                out.update((d.entity, normalized_key(s)) for s in d.spellings)
            elif d.from_entity:
                out.update((d.from_entity, normalized_key(s)) for s in d.spellings)
        return out
