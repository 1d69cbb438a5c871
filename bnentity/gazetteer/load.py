"""Load and validate gazetteer YAML files.

Only YAML's plain data types are accepted: the file is *composed* into nodes with PyYAML's safe
loader and every node is converted here, so python tags and other constructors never run
(``E011``). Every problem of every file is collected, with its line, before one
:class:`~bnentity.errors.GazetteerError` is raised.
"""

from __future__ import annotations

import difflib
import unicodedata
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Final

import regex
import yaml

from bnentity.errors import BnentityWarning, GazetteerError, Problem
from bnentity.gazetteer.model import ENTITY_TYPES, Entity, Gazetteer, SourceLocation

__all__ = ["FIELDS", "REQUIRED", "duplicate_ids", "iter_gazetteer_files", "load_gazetteer",
           "parse_file"]

#: Every key an entity may have, with its expected kind.
FIELDS: Final[dict[str, str]] = {
    "id": "str", "name": "str", "type": "str", "bn": "str", "aliases": "list",
    "latin": "list", "wikidata": "str", "description": "str", "short": "list",
    "family_name_first": "bool", "context": "list", "not": "list", "homographs": "list",
}
REQUIRED: Final = ("id", "name", "type")
_TOP_KEYS: Final = ("entities",)
_SAFE_TAGS: Final = frozenset({
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map", "tag:yaml.org,2002:timestamp",
})
#: A slug (lowercase ASCII letters and digits in hyphen-separated parts) or a Wikidata QID.
_ID_RE: Final = regex.compile(r"(?:[a-z0-9]+(?:-[a-z0-9]+)*|Q[1-9][0-9]*)")
_QID_RE: Final = regex.compile(r"Q[1-9][0-9]*")
_BENGALI_RE: Final = regex.compile(r"\p{Bengali}")
_LATIN_RE: Final = regex.compile(r"\p{Latin}")

def iter_gazetteer_files(path: str | Path) -> list[Path]:
    """The files a path stands for: itself, or every ``*.yaml``/``*.yml`` below it, sorted."""
    p = Path(path)
    if p.is_dir():
        # Hidden files and folders (.git, .backup/, editor swap files) are not gazetteers.
        return sorted((f for f in p.rglob("*")
                       if f.suffix.lower() in (".yaml", ".yml") and f.is_file()
                       and not any(part.startswith(".") for part in f.relative_to(p).parts)),
                      key=lambda f: f.relative_to(p).as_posix())
    return [p]

class _FileParser:
    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems
        self.non_nfc: list[int] = []
        #: (id, line) of every entity with a readable id, valid or not: duplicates are
        #: reported even when one of the two entries has other problems.
        self.ids: list[tuple[str, int]] = []

    def problem(self, node: yaml.Node | None, code: str, message: str, hint: str = "") -> None:
        line = node.start_mark.line + 1 if node is not None else 0
        col = node.start_mark.column + 1 if node is not None else 0
        self.problems.append(Problem(self.file, line, code, message, hint, col))

    def check_tags(self, node: yaml.Node) -> bool:
        ok = True
        for n in _unsafe_nodes(node):
            self.problem(n, "E011", f"unsafe or unknown YAML tag {n.tag!r}",
                         "remove the tag; gazetteers hold plain strings, lists and mappings")
            ok = False
        return ok

    def text(self, node: yaml.Node, field: str) -> str | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str":
            kind = _kind(node)
            self.problem(node, "E006", f"{field!r} must be a string, not {kind}",
                         "quote the value if it is meant as text")
            return None
        value = str(node.value)
        nfc = unicodedata.normalize("NFC", value)
        if nfc != value:
            self.non_nfc.append(node.start_mark.line + 1)
        return nfc.strip()

    def entity(self, node: yaml.Node) -> Entity | None:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, "E004", f"an entity must be a mapping, not {_kind(node)}",
                         "write each entity as '- id: …' followed by its fields")
            return None
        values: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for k, v in node.value:
            key = str(k.value) if isinstance(k, yaml.ScalarNode) else repr(k)
            if key in values:
                self.problem(k, "E016", f"key {key!r} appears twice in one entity",
                             "keep one of them; YAML would silently drop the first")
                continue
            if key not in FIELDS:
                close = difflib.get_close_matches(key, list(FIELDS), n=1, cutoff=0.6)
                hint = (f"did you mean {close[0]!r}?" if close
                        else f"allowed keys: {', '.join(FIELDS)}")
                self.problem(k, "E008", f"unknown key {key!r}", hint)
                continue
            values[key] = (k, v)
        ok = True
        for req in REQUIRED:
            if req not in values:
                self.problem(node, "E005", f"entity is missing the required field {req!r}",
                             f"add '{req}:' to this entity")
                ok = False
        fields: dict[str, object] = {}
        for key, (_k, v) in values.items():
            kind = FIELDS[key]
            if kind == "str":
                if isinstance(v, yaml.ScalarNode) and v.tag == "tag:yaml.org,2002:null" \
                        and key not in REQUIRED:
                    continue
                s = self.text(v, key)
                if s is None:
                    ok = False
                    continue
                if not s:
                    self.problem(v, "E009", f"{key!r} is empty",
                                 "give it a value or remove the key")
                    ok = False
                    continue
                fields[key] = s
            elif kind == "bool":
                if not (isinstance(v, yaml.ScalarNode) and v.tag == "tag:yaml.org,2002:bool"):
                    self.problem(v, "E006", f"{key!r} must be true or false, not {_kind(v)}")
                    ok = False
                    continue
                fields[key] = str(v.value).lower() in ("true", "yes", "on")
            else:
                items = self.string_list(v, key)
                if items is None:
                    ok = False
                    continue
                fields[key] = items
        if isinstance(fields.get("id"), str):
            self.ids.append((str(fields["id"]), node.start_mark.line + 1))
        built = self.build(node, fields, values)
        return built if ok else None

    def string_list(self, v: yaml.Node, key: str) -> tuple[str, ...] | None:
        if isinstance(v, yaml.ScalarNode) and v.tag == "tag:yaml.org,2002:null":
            return ()
        if not isinstance(v, yaml.SequenceNode):
            self.problem(v, "E006", f"{key!r} must be a list of strings, not {_kind(v)}",
                         f"write {key}: [first, second]")
            return None
        out: list[str] = []
        good = True
        for item in v.value:
            s = self.text(item, f"{key} item")
            if s is None:
                good = False
            elif not s:
                self.problem(item, "E009", f"empty string in {key!r}", "remove the empty item")
                good = False
            else:
                out.append(s)
        return tuple(out) if good else None

    def build(self, node: yaml.Node, f: dict[str, object],
              nodes: dict[str, tuple[yaml.Node, yaml.Node]]) -> Entity | None:
        ok = True
        if not all(k in f for k in REQUIRED):
            # A required field is missing or invalid (already reported); check the rest.
            ok = False
        eid = str(f.get("id", ""))
        if "id" in f and not _ID_RE.fullmatch(eid):
            self.problem(nodes["id"][1], "E012", f"id {eid!r} is not a slug or a Wikidata QID",
                         "use lowercase ASCII letters, digits and hyphens (e.g. sergey-lavrov) "
                         "or a QID such as Q80585")
            ok = False
        etype = str(f.get("type", ""))
        if "type" in f and etype not in ENTITY_TYPES:
            close = difflib.get_close_matches(etype, ENTITY_TYPES, n=1, cutoff=0.5)
            hint = f"did you mean {close[0]!r}? " if close else ""
            self.problem(nodes["type"][1], "E010", f"type {etype!r} is not an entity type",
                         f"{hint}use one of: {', '.join(ENTITY_TYPES)}")
            ok = False
        qid = f.get("wikidata")

        if qid is not None and not _QID_RE.fullmatch(str(qid)):
            self.problem(nodes["wikidata"][1], "E013", f"wikidata {qid!r} is not a QID",
                         "write it as Q followed by digits, e.g. Q80585")
            ok = False
        for key in ("aliases", "short", "not", "homographs"):
            for s in _strs(f, key):
                if _LATIN_RE.search(s) and not _BENGALI_RE.search(s):
                    self.problem(_item_node(nodes[key][1], s), "E017",
                                 f"{key!r} item {s!r} is in Latin script",
                                 "Latin-script names belong in 'latin:'")
                    ok = False
        for s in _strs(f, "latin"):
            if _BENGALI_RE.search(s):
                self.problem(_item_node(nodes["latin"][1], s), "E017",
                             f"'latin' item {s!r} is Bengali",
                             "Bengali spellings belong in 'aliases:'")
                ok = False
        own = [str(f["bn"])] if "bn" in f else []
        own += [*_strs(f, "aliases"), *_strs(f, "short")]
        own_words = {_nfc_words(w) for w in own} | {w for o in own for w in _nfc_words(o).split()}
        for s in _strs(f, "homographs"):
            if _nfc_words(s) not in own_words:
                self.problem(_item_node(nodes["homographs"][1], s), "E018",
                             f"homograph {s!r} is not one of this entity's spellings",
                             "list only spellings of this entity (its bn, aliases, short forms "
                             "or one of their words) that are also ordinary words")
                ok = False
        bn = f.get("bn")
        if bn is not None and _LATIN_RE.search(str(bn)) and not _BENGALI_RE.search(str(bn)):
            self.problem(nodes["bn"][1], "E017", f"'bn' value {bn!r} is in Latin script",
                         "put the Latin name in 'name:' or 'latin:'")
            ok = False
        if not ok:
            return None
        return Entity(
            id=eid, name=str(f["name"]), type=etype,
            bn=str(bn) if bn is not None else None,
            # A bn repeated in aliases is the same spelling twice: keep it once.
            aliases=tuple(a for a in _dedupe(_strs(f, "aliases")) if a != bn),
            latin=_dedupe(_strs(f, "latin")),
            wikidata=str(qid) if qid is not None else None,
            description=str(f["description"]) if "description" in f else None,
            short=_dedupe(_strs(f, "short")),
            family_name_first=bool(f.get("family_name_first", False)),
            context=_dedupe(_strs(f, "context")),
            not_=_dedupe(_strs(f, "not")),
            homographs=_dedupe(_strs(f, "homographs")),
            source=SourceLocation(self.file, node.start_mark.line + 1),
        )

def _item_node(seq: yaml.Node, value: str) -> yaml.Node:
    """The item of a list node that holds ``value`` (for its line), else the list itself."""
    if isinstance(seq, yaml.SequenceNode):
        for item in seq.value:
            if isinstance(item, yaml.ScalarNode) and \
                    unicodedata.normalize("NFC", str(item.value)).strip() == value:
                return item
    return seq


def _strs(f: dict[str, object], key: str) -> tuple[str, ...]:
    """A list field as parsed (always a tuple of str, or absent)."""
    value = f.get(key, ())
    assert isinstance(value, tuple)
    return value


def _nfc_words(s: str) -> str:
    return " ".join(unicodedata.normalize("NFC", s).split())


def _unsafe_nodes(node: yaml.Node) -> Iterator[yaml.Node]:
    """Every node below ``node`` (itself included) whose tag is not a plain YAML type."""
    stack = [node]
    while stack:
        n = stack.pop()
        if n.tag not in _SAFE_TAGS:
            yield n
        if isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)
        elif isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                stack.extend((k, v))


def _all_tags_safe(node: yaml.Node) -> bool:
    return next(_unsafe_nodes(node), None) is None


def _dedupe(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))

def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    tag = node.tag.rsplit(":", 1)[-1]
    return {"str": "a string", "int": "a number", "float": "a number", "bool": "true/false",
            "null": "empty (null)"}.get(tag, f"a {tag}")

def parse_file(path: str | Path, problems: list[Problem],
               ids: list[tuple[str, str, int]] | None = None) -> list[Entity]:
    """Parse one gazetteer file; append every problem found to ``problems``.

    ``ids`` collects ``(id, file, line)`` of every entity with a readable id.
    """
    file = str(path)
    p = Path(path)
    if not p.exists():
        problems.append(Problem(file, 0, "E014", "no such file or directory",
                                "check the path; pass a .yaml file or a folder of them"))
        return []
    raw = p.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem(file, line, "E001",
                                f"not valid UTF-8 (byte {raw[exc.start]:#04x} at offset "
                                f"{exc.start})", "save the file as UTF-8"))
        return []
    parser = _FileParser(file, problems)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        problems.append(Problem(file, line, "E002", f"YAML syntax error: {exc.problem}",
                                "fix the YAML at that line (indentation, a missing ':' or "
                                "an unclosed quote are the usual causes)",
                                mark.column + 1 if mark else 0))
        return []
    except yaml.YAMLError as exc:
        problems.append(Problem(file, 0, "E002", f"YAML error: {exc}", "fix the YAML"))
        return []
    if root is None:
        problems.append(Problem(file, 0, "E003", "the file is empty",
                                "start it with 'entities:' followed by a list of entities"))
        return []
    if not parser.check_tags(root) and not isinstance(root, yaml.MappingNode):
        return []
    entities_node: yaml.Node | None = None
    if isinstance(root, yaml.MappingNode):
        for k, v in root.value:
            key = str(k.value)
            if key == "entities" and entities_node is not None:
                parser.problem(k, "E016", "key 'entities' appears twice in the file",
                               "merge the two lists; YAML would silently drop the first")
            elif key == "entities":
                entities_node = v
            elif key not in _TOP_KEYS:
                close = difflib.get_close_matches(key, list(_TOP_KEYS), n=1, cutoff=0.6)
                parser.problem(k, "E008", f"unknown top-level key {key!r}",
                               f"did you mean {close[0]!r}?" if close
                               else "a gazetteer file has one key, 'entities:'")
    if entities_node is None:
        parser.problem(root, "E003", "a gazetteer file must be a mapping with an 'entities:' list",
                       "start the file with 'entities:' and list entities below it")
        return []
    if isinstance(entities_node, yaml.ScalarNode) and entities_node.tag.endswith(":null"):
        return []
    if not isinstance(entities_node, yaml.SequenceNode):
        parser.problem(entities_node, "E003", f"'entities' must be a list, not "
                       f"{_kind(entities_node)}", "write each entity as '- id: …'")
        return []
    out = [e for e in (parser.entity(n) for n in entities_node.value
                       if _all_tags_safe(n)) if e is not None]
    if ids is not None:
        ids.extend((i, file, line) for i, line in parser.ids)
    if parser.non_nfc:
        warnings.warn(f"[W101] {file}: text on line(s) {', '.join(map(str, parser.non_nfc[:5]))}"
                      " is not NFC; it was normalized on load (run 'bnentity lint')",
                      BnentityWarning, stacklevel=3)
    return out

def duplicate_ids(ids: Iterable[tuple[str, str, int]]) -> list[Problem]:
    """An ``E007`` problem for every ``(id, file, line)`` whose id was seen before."""
    out: list[Problem] = []
    first_at: dict[str, tuple[str, int]] = {}
    for eid, file, line in ids:
        if eid in first_at:
            f0, l0 = first_at[eid]
            out.append(Problem(file, line, "E007",
                               f"duplicate id {eid!r} (first defined at {f0}:{l0})",
                               "give each entity its own id, or merge the two entries"))
        else:
            first_at[eid] = (file, line)
    return out


def load_gazetteer(*paths: str | Path) -> Gazetteer:
    """Load and validate gazetteer files or folders into one :class:`Gazetteer`.

    Raises :class:`~bnentity.errors.GazetteerError` listing every problem of every file.
    """
    problems: list[Problem] = []
    entities: list[Entity] = []
    files: list[str] = []
    ids: list[tuple[str, str, int]] = []
    for path in paths:
        p = Path(path)
        if p.is_dir():
            found = iter_gazetteer_files(p)
            if not found:
                problems.append(Problem(str(p), 0, "E015", "no *.yaml or *.yml files in folder",
                                        "point at a folder of gazetteer files or at one file"))
            targets = found
        else:
            targets = [p]
        for f in targets:
            files.append(str(f))
            entities.extend(parse_file(f, problems, ids))
    problems.extend(duplicate_ids(ids))
    if problems:
        order = {f: i for i, f in enumerate(files)}
        problems.sort(key=lambda p: (order.get(p.file, -1), p.line, p.column))
        raise GazetteerError(problems)
    return Gazetteer(entities, tuple(files))
