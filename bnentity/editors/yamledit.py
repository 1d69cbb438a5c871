"""Round-trip editing of gazetteer YAML files: minimal diffs, atomic writes.

Editors curate the gazetteers by hand; a tool that rewrites their comments, key order, quoting
or layout would make every review a noisy diff. This module edits a file through
``ruamel.yaml``'s round-trip mode, so an unchanged file dumps byte for byte as it was read
(``tests/test_yaml_roundtrip.py`` checks every bundled file) and an edit changes only the lines
it must:

* a spelling added to a flow list (``aliases: [a, b]``) extends that one line; to a block list,
  it adds one ``- item`` line;
* a missing list key (``aliases``, ``not`` …) is inserted as a one-line flow list at its
  conventional place among the entity's keys (:data:`KEY_ORDER`);
* a new entity is appended to ``entities:`` in the file's block style, separated by a blank
  line when the file separates entities that way.

ruamel.yaml keeps a comment that *follows* a mapping's last value (a section banner, a blank
line, the end-of-file comment) as a property of that value; appending after it would put the
new key below the comment. :func:`_move_trailing` moves such trailing comments to the new last
item, so banners stay where they were.

Writes are atomic: the new text goes to a temporary file in the same directory, is flushed and
``fsync``-ed, and replaces the original with :func:`os.replace` (then the directory is
``fsync``-ed). A crash leaves either the old file or the new one, never half of one.

Loading for *matching* stays on PyYAML (:mod:`bnentity.gazetteer.load`); ruamel.yaml is the
optional extra ``editors`` and is imported only here, lazily.
"""

from __future__ import annotations

import contextlib
import difflib
import io
import os
import re
import tempfile
from pathlib import Path
from typing import Any, Final

from bnentity.keys import normalized_key
from bnentity.normalize import normalize

__all__ = [
    "KEY_ORDER",
    "GazetteerDocument",
    "YamlEditError",
    "atomic_write",
    "clean_spelling",
    "require_ruamel",
    "unified_diff",
]

#: The order keys are written in by the bundled gazetteers (``gazetteers/people.yaml``); a key
#: an edit adds goes right after the last present key that comes before it here.
KEY_ORDER: Final[tuple[str, ...]] = (
    "id", "name", "type", "bn", "aliases", "short", "latin", "wikidata", "description",
    "family_name_first", "context", "homographs", "not",
)
#: The header line the generators in ``scripts/`` write; such files are never edited by hand.
_GENERATED_RE: Final = re.compile(r"GENERATED FILE", re.IGNORECASE)
#: The overlay a generated file names in its header ("… scripts/overlays/countries.yaml …").
_OVERLAY_RE: Final = re.compile(r"(scripts/overlays/[\w.-]+\.ya?ml)")
#: How many leading lines are searched for the generated-file header (the bundled generators
#: write it on line 1; 10 leaves room for a schema modeline above it).
_HEADER_LINES: Final = 10
#: No line wrapping: ruamel's default width (80) would re-fold long descriptions.
_NO_WRAP: Final = 1 << 16


class YamlEditError(Exception):
    """A gazetteer file cannot be edited as asked (missing entity, unsafe shape, …)."""


def require_ruamel() -> Any:
    """Import ``ruamel.yaml`` or explain how to install it."""
    try:
        import ruamel.yaml
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise YamlEditError(
            "editing gazetteer files needs ruamel.yaml: pip install 'bnentity[editors]'"
        ) from exc
    return ruamel.yaml


def clean_spelling(spelling: str) -> str:
    """The form a spelling is written in: normalized (NFC, nukta decomposed, one apostrophe),
    trimmed — the form the bundled files keep (see their headers)."""
    return normalize(spelling).strip()


def atomic_write(path: str | Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically (temp file in the same directory + rename).

    The file keeps its permission bits. The directory is ``fsync``-ed after the rename so the
    new name survives a power cut.
    """
    p = Path(path)
    directory = p.parent if str(p.parent) else Path(".")
    mode: int | None = None
    with contextlib.suppress(FileNotFoundError):
        mode = p.stat().st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, p)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):
        dfd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


def unified_diff(before: str, after: str, path: str) -> str:
    """A ``git diff``-style unified diff of two versions of a file (empty if equal)."""
    return "".join(difflib.unified_diff(before.splitlines(keepends=True),
                                        after.splitlines(keepends=True),
                                        fromfile=f"a/{path}", tofile=f"b/{path}"))


def _detect_indent(text: str) -> tuple[int, int, int]:
    """(mapping, sequence, offset) indentation of the ``entities:`` list as written.

    ``  - id: x`` under ``entities:`` is offset 2, sequence 4 (the item's keys sit at column
    4); nested mappings use the indentation of the first nested key, else 2.
    """
    offset = 2
    for line in text.splitlines():
        m = re.match(r"^( *)- ", line)
        if m:
            offset = len(m.group(1))
            break
    return 2, offset + 2, offset


class GazetteerDocument:
    """One gazetteer file loaded for round-trip editing.

    >>> doc = GazetteerDocument.from_text("entities:\\n  - id: a\\n    name: A\\n"
    ...                                   "    type: place\\n    bn: ক\\n", "x.yaml")
    >>> doc.add_spelling("a", "aliases", "কক")
    True
    >>> print(doc.dump(), end="")
    entities:
      - id: a
        name: A
        type: place
        bn: ক
        aliases: [কক]
    """

    def __init__(self, path: str | Path, text: str | None = None) -> None:
        self.path = Path(path)
        if text is None:
            raw = self.path.read_bytes()
            text = raw.decode("utf-8-sig")
            self._bom = raw.startswith(b"\xef\xbb\xbf")
        else:
            self._bom = False
        self.original = text
        ruamel = require_ruamel()
        yaml = ruamel.YAML(typ="rt")
        yaml.preserve_quotes = True
        yaml.width = _NO_WRAP
        mapping, sequence, offset = _detect_indent(text)
        yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
        self._yaml = yaml
        try:
            self.data = yaml.load(text)
        except Exception as exc:  # ruamel raises many error classes; all mean "not YAML"
            raise YamlEditError(f"{self.path}: cannot be read as YAML: {exc}") from exc
        self._edits = 0
        header = "\n".join(text.splitlines()[:_HEADER_LINES])
        self.generated = bool(_GENERATED_RE.search(header))
        overlay = _OVERLAY_RE.search(header)
        self.overlay: str | None = overlay.group(1) if overlay else None

    @classmethod
    def from_text(cls, text: str, path: str | Path = "<text>") -> GazetteerDocument:
        """A document from text (for tests and previews); ``save`` writes to ``path``."""
        return cls(path, text)

    # -- reading ------------------------------------------------------------------------
    @property
    def changed(self) -> bool:
        """True once an edit changed the document."""
        return self._edits > 0

    def dump(self) -> str:
        """The document as YAML text (the original text, byte for byte, when unedited and
        round-trippable)."""
        out = io.StringIO()
        self._yaml.dump(self.data, out)
        return out.getvalue()

    def roundtrips(self) -> bool:
        """Whether dumping reproduces the text read (checked before the first edit)."""
        return self.dump() == self.original

    def entity_maps(self) -> list[Any]:
        """The ruamel mappings of the entities, in file order (non-mappings skipped)."""
        if not isinstance(self.data, dict):
            return []
        ents = self.data.get("entities")
        if not isinstance(ents, list):
            return []
        return [e for e in ents if isinstance(e, dict)]

    def ids(self) -> list[str]:
        """The ids of the entities, in file order."""
        return [str(e["id"]) for e in self.entity_maps() if "id" in e]

    def entity(self, entity_id: str) -> Any:
        """The mapping of the entity ``entity_id``; :class:`YamlEditError` if absent."""
        for e in self.entity_maps():
            if str(e.get("id")) == entity_id:
                return e
        raise YamlEditError(f"{self.path}: no entity with id {entity_id!r}")

    def spellings(self, entity_id: str, field: str) -> list[str]:
        """The strings of a list field (``[]`` when absent)."""
        value = self.entity(entity_id).get(field)
        if isinstance(value, list):
            return [str(v) for v in value]
        return []

    # -- editing ------------------------------------------------------------------------
    def add_spelling(self, entity_id: str, field: str, spelling: str) -> bool:
        """Append ``spelling`` to the list ``field`` of an entity; False if already there.

        "Already there" compares :func:`~bnentity.keys.normalized_key`, so an alias that
        differs only in encoding, case or punctuation is not added twice.
        """
        s = clean_spelling(spelling)
        if not s:
            raise YamlEditError("cannot add an empty spelling")
        ent = self.entity(entity_id)
        current = ent.get(field)
        if current is not None and not isinstance(current, list):
            raise YamlEditError(f"{self.path}: {entity_id}.{field} is not a list")
        key = normalized_key(s)
        if current is not None and any(normalized_key(str(v)) == key for v in current):
            return False
        if current is None:
            self._insert_key(ent, field, self._flow_seq([s]))
        else:
            self._append_item(current, s)
        self._edits += 1
        return True

    def remove_spelling(self, entity_id: str, field: str, spelling: str) -> bool:
        """Remove a spelling (by normalized key) from a list field; drops an emptied key."""
        ent = self.entity(entity_id)
        current = ent.get(field)
        if not isinstance(current, list):
            return False
        key = normalized_key(clean_spelling(spelling))
        hits = [i for i, v in enumerate(current) if normalized_key(str(v)) == key]
        if not hits:
            return False
        for i in reversed(hits):
            if i == len(current) - 1 and i > 0:
                _move_trailing(current, i, i - 1)
            del current[i]
        if not current:
            keys = list(ent.keys())
            pos = keys.index(field)
            if pos == len(keys) - 1 and pos > 0:
                _move_trailing(ent, field, keys[pos - 1])
            del ent[field]
        self._edits += 1
        return True

    def append_entity(self, fields: dict[str, Any]) -> None:
        """Append a new entity (strings and lists of strings) at the end of ``entities:``.

        Keys are written in :data:`KEY_ORDER`; lists as one-line flow lists.
        """
        require_ruamel()
        from ruamel.yaml.comments import CommentedMap

        if not isinstance(self.data, dict) or not isinstance(self.data.get("entities"), list):
            raise YamlEditError(f"{self.path}: no 'entities:' list to append to")
        ents = self.data["entities"]
        new = CommentedMap()
        for key in sorted(fields, key=lambda k: (KEY_ORDER.index(k) if k in KEY_ORDER
                                                 else len(KEY_ORDER))):
            value = fields[key]
            if isinstance(value, (list, tuple)):
                new[key] = self._flow_seq([clean_spelling(str(v)) for v in value])
            elif isinstance(value, bool):
                new[key] = value
            else:
                new[key] = clean_spelling(str(value))
        blank = "\n\n  - " in self.original or "\n\n- " in self.original
        if ents:
            last = len(ents) - 1
            tail = _take_trailing(ents, last)
            ents.append(new)
            if blank:
                _add_blank_line(ents, last)
            if tail:
                _give_trailing(ents, len(ents) - 1, tail)
        else:
            ents.append(new)
        self._edits += 1

    def save(self) -> bool:
        """Write the document back atomically if it changed; return whether it wrote."""
        if not self.changed:
            return False
        text = self.dump()
        atomic_write(self.path, (b"\xef\xbb\xbf" if self._bom else b"") + text.encode("utf-8"))
        return True

    def diff(self) -> str:
        """Unified diff between the text read and the text :meth:`save` would write."""
        return unified_diff(self.original, self.dump(), str(self.path))

    # -- helpers --------------------------------------------------------------------------
    def _flow_seq(self, items: list[str]) -> Any:
        from ruamel.yaml.comments import CommentedSeq

        seq = CommentedSeq(items)
        seq.fa.set_flow_style()
        return seq

    def _append_item(self, seq: Any, item: str) -> None:
        if len(seq) and not _is_flow(seq):
            tail = _take_trailing(seq, len(seq) - 1)
            seq.append(item)
            if tail:
                _give_trailing(seq, len(seq) - 1, tail)
        else:
            seq.append(item)

    def _insert_key(self, mapping: Any, key: str, value: Any) -> None:
        keys = list(mapping.keys())
        rank = KEY_ORDER.index(key) if key in KEY_ORDER else len(KEY_ORDER)
        pos = 0
        for i, k in enumerate(keys):
            if (KEY_ORDER.index(k) if k in KEY_ORDER else len(KEY_ORDER)) <= rank:
                pos = i + 1
        if pos == len(keys) and keys:
            tail = _take_trailing(mapping, keys[-1])
            mapping.insert(pos, key, value)
            if tail:
                _give_trailing(mapping, key, tail)
        else:
            mapping.insert(pos, key, value)


# -- trailing comments ---------------------------------------------------------------------
# ruamel.yaml stores the comment text that follows an item (its end-of-line comment, then any
# comment lines and blank lines up to the next item) in one CommentToken on that item: for a
# mapping key in ``ca.items[key][2]``, for a sequence index in ``ca.items[i][0]``. When the
# item's value is a block collection, the token sits on that collection's last item instead.

def _is_flow(node: Any) -> bool:
    fa = getattr(node, "fa", None)
    return bool(fa is not None and fa.flow_style())


def _is_block_scalar(value: Any) -> bool:
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    return isinstance(value, (FoldedScalarString, LiteralScalarString))


def _slot(container: Any, key: Any) -> tuple[list[Any], int, Any]:
    """The comment slot holding ``container[key]``'s trailing text, and the value."""
    value = container[key]
    if isinstance(value, (dict, list)) and len(value) and not _is_flow(value):
        last = list(value.keys())[-1] if isinstance(value, dict) else len(value) - 1
        return _slot(value, last)
    idx = 2 if isinstance(container, dict) else 0
    items = container.ca.items
    if key not in items:
        items[key] = [None, None, None, None]
    return items[key], idx, value


def _take_trailing(container: Any, key: Any) -> str:
    """Remove and return the comment lines after ``container[key]``'s own line."""
    slot, idx, value = _slot(container, key)
    token = slot[idx]
    if token is None:
        return ""
    text = str(token.value)
    if _is_block_scalar(value):
        head, tail = "", text          # a block scalar ends its own line
    else:
        nl = text.find("\n")
        if nl < 0:
            return ""
        head, tail = text[: nl + 1], text[nl + 1:]
    if head:
        token.value = head
    else:
        slot[idx] = None
    return tail


def _give_trailing(container: Any, key: Any, tail: str) -> None:
    """Attach comment lines after ``container[key]`` (which has no comment of its own)."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    slot, idx, value = _slot(container, key)
    prefix = "" if _is_block_scalar(value) else "\n"
    token = CommentToken(prefix + tail, CommentMark(0), None)
    slot[idx] = token
    if _is_flow(value) and isinstance(value, list):
        value.ca.comment = [token, None]  # type: ignore[attr-defined]


def _add_blank_line(container: Any, key: Any) -> None:
    """Make sure a blank line follows ``container[key]``."""
    slot, idx, _value = _slot(container, key)
    token = slot[idx]
    if token is None:
        _give_trailing(container, key, "\n")
    elif "\n\n" not in "\n" + str(token.value):
        token.value = str(token.value) + "\n"


def _move_trailing(container: Any, src: Any, dst: Any) -> None:
    """Move the trailing comment of ``container[src]`` to ``container[dst]`` (src is removed
    next)."""
    tail = _take_trailing(container, src)
    if tail:
        slot, idx, _ = _slot(container, dst)
        token = slot[idx]
        if token is None:
            _give_trailing(container, dst, tail)
        else:
            token.value = str(token.value) + tail
