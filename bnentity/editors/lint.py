"""``bnentity lint``: what is wrong with a gazetteer, each finding with ``file:line``, a code and
a fix hint.

:func:`lint` runs the validating loader (every ``E0xx`` problem of
:mod:`bnentity.gazetteer.load`, including ``E007`` duplicate ids) and then the checks below on
every entity it could read. Errors make ``bnentity lint`` exit 1; warnings do not.

====== ======== ==============================================================================
L201   error    a full name (``bn``, ``aliases``, ``name``, ``latin``) is shared by entities
                and at least one of them has no ``description`` to tell them apart
L202   error    an alias or short form of one entity is another entity's canonical form
                 (a warning when both have a ``description``: deliberate namesakes)
                (``bn`` or ``name``): it steals or ties that entity's own name
L203   warning  spellings of different entities have the same variant key (they differ only
                in folded alternations such as ী/ি, শ/স, য/জ): the resolver cannot tell them
                apart by spelling, and fuzzy matches near them will be confused
L204   warning  one entity lists the same spelling twice after normalization (কিম জং উন and
                কিম জং-উন): the second is redundant
L205   warning  text that is not in Unicode NFC (it is normalized on load; the file should be)
L206   warning  a precomposed nukta letter (U+09DC ড়, U+09DD ঢ়, U+09DF য়): NFC and bnentity
                use base + nukta (U+09BC); mixing both makes grep and diffs lie
L207   warning  a stray zero-width joiner/non-joiner (not after a hasanta, where it would choose
                a glyph form) or another invisible character (ZWSP, soft hyphen, BOM, LRM/RLM)
L208   warning  a one-word Bengali name too short for fuzzy matching (fewer than
                ``MatchConfig.single_min_len`` letters): only its exact and variant spellings
                are found, so attested spellings must be listed explicitly
L209   error    a ``not:`` spelling is also one of the entity's own names
L210   warning  a ``not:`` spelling has the same variant key as one of the entity's own names:
                the resolver compares ``not:`` by variant key and refuses that name too
====== ======== ==============================================================================
"""

from __future__ import annotations

import unicodedata
import warnings
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import regex
import yaml

from bnentity.errors import Problem
from bnentity.gazetteer.load import duplicate_ids, iter_gazetteer_files, parse_file
from bnentity.gazetteer.model import Entity
from bnentity.keys import normalized_key, variant_key
from bnentity.matching.config import MatchConfig
from bnentity.matching.similarity import comparable

__all__ = ["LINT_CODES", "format_problems", "lint"]

LINT_CODES: Final[dict[str, str]] = {
    "L201": "a full name shared by entities without descriptions",
    "L202": "an alias or short form equals another entity's canonical form",
    "L203": "spellings of different entities collide after variant folding",
    "L204": "a spelling listed twice in one entity after normalization",
    "L205": "text not in Unicode NFC",
    "L206": "precomposed nukta letter",
    "L207": "stray ZWJ/ZWNJ or invisible character",
    "L208": "one-word name too short for fuzzy matching",
    "L209": "a not: spelling is one of the entity's own names",
    "L210": "a not: spelling folds to one of the entity's own names",
}

_PRECOMPOSED_NUKTA: Final = frozenset("\u09dc\u09dd\u09df")
_INVISIBLE: Final = frozenset("\u200b\u00ad\ufeff\u2060\u200e\u200f")
_JOINERS: Final = frozenset("\u200c\u200d")
_HASANTA: Final = "\u09cd"
_BENGALI: Final = regex.compile(r"\p{Bengali}")
#: Fields holding names, with the form kind they are for the resolver.
_FULL_FIELDS: Final = ("bn", "aliases", "name", "latin")
_CANONICAL_FIELDS: Final = ("bn", "name")
_ALIAS_FIELDS: Final = ("aliases", "short", "latin")


@dataclass(frozen=True, slots=True)
class _Spot:
    """One string value of an entity with where it was written."""

    entity: Entity
    field: str
    text: str
    file: str
    line: int
    column: int


def _positions(path: Path) -> dict[int, dict[str, list[tuple[str, int, int]]]]:
    """Entity mapping line → field → [(NFC stripped value, line, column)] from the YAML."""
    out: dict[int, dict[str, list[tuple[str, int, int]]]] = {}
    try:
        root = yaml.compose(path.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
    except (yaml.YAMLError, OSError, UnicodeDecodeError):
        return out
    if not isinstance(root, yaml.MappingNode):
        return out
    for k, v in root.value:
        if getattr(k, "value", None) != "entities" or not isinstance(v, yaml.SequenceNode):
            continue
        for ent in v.value:
            if not isinstance(ent, yaml.MappingNode):
                continue
            fields: dict[str, list[tuple[str, int, int]]] = {}
            for fk, fv in ent.value:
                nodes = fv.value if isinstance(fv, yaml.SequenceNode) else [fv]
                fields[str(fk.value)] = [
                    (unicodedata.normalize("NFC", str(n.value)).strip(),
                     n.start_mark.line + 1, n.start_mark.column + 1)
                    for n in nodes if isinstance(n, yaml.ScalarNode)]
            out[ent.start_mark.line + 1] = fields
    return out


def _scalars(path: Path) -> list[tuple[str, int, int]]:
    """Every scalar (keys and values) of the file, raw, with line and column."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
    except (yaml.YAMLError, OSError, UnicodeDecodeError):
        return []
    out: list[tuple[str, int, int]] = []
    stack = [root] if root is not None else []
    while stack:
        n = stack.pop()
        if isinstance(n, yaml.ScalarNode):
            out.append((str(n.value), n.start_mark.line + 1, n.start_mark.column + 1))
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)
        elif isinstance(n, yaml.MappingNode):
            for a, b in n.value:
                stack.extend((a, b))
    return sorted(out, key=lambda t: (t[1], t[2]))


def _char_problems(file: str, scalars: Iterable[tuple[str, int, int]]) -> list[Problem]:
    out: list[Problem] = []
    for raw, line, col in scalars:
        pre = sorted({c for c in raw if c in _PRECOMPOSED_NUKTA})
        if pre:
            names = ", ".join(f"U+{ord(c):04X} {c}" for c in pre)
            out.append(Problem(file, line, "L206", f"precomposed nukta letter {names} in "
                               f"{raw!r}", "retype it as base letter + nukta U+09BC (NFC "
                               "form), e.g. with: python -c \"import unicodedata,sys; "
                               "print(unicodedata.normalize('NFC', sys.argv[1]))\" TEXT",
                               col, "warning"))
        rest = "".join(unicodedata.normalize("NFD", c) if c in _PRECOMPOSED_NUKTA else c
                       for c in raw)
        if unicodedata.normalize("NFC", rest) != rest:
            out.append(Problem(file, line, "L205", f"{raw!r} is not in Unicode NFC",
                               "save the text in NFC (most editors have a 'normalize Unicode' "
                               "command); the loader normalizes it, the file should too",
                               col, "warning"))
        stray = []
        for i, c in enumerate(raw):
            joiner_astray = c in _JOINERS and (i == 0 or raw[i - 1] != _HASANTA)
            if c in _INVISIBLE or joiner_astray:
                stray.append(f"U+{ord(c):04X} at {i}")
        if stray:
            out.append(Problem(file, line, "L207", f"invisible character(s) {', '.join(stray)} "
                               f"in {raw!r}", "delete them: ZWJ/ZWNJ only matter right after a "
                               "hasanta; the others are never part of a name", col, "warning"))
    return out


def _spots(entities: Sequence[Entity],
           positions: dict[str, dict[int, dict[str, list[tuple[str, int, int]]]]],
           ) -> list[_Spot]:
    """Every name-like string of every entity as *written* in the file (the loader drops
    duplicates, which L204 must see), with its line; from the entity when not found."""
    out: list[_Spot] = []
    for e in entities:
        src = e.source
        file = src.file if src else ""
        eline = src.line if src else 0
        fields = positions.get(file, {}).get(eline)
        values: dict[str, tuple[str, ...]] = {
            "bn": (e.bn,) if e.bn else (), "aliases": e.aliases, "name": (e.name,),
            "latin": e.latin, "short": e.short, "not": e.not_, "homographs": e.homographs,
        }
        for fld, items in values.items():
            if fields is not None and fld in fields:
                out.extend(_Spot(e, fld, t, file, ln, c) for t, ln, c in fields[fld] if t)
            else:
                out.extend(_Spot(e, fld, t, file, eline, 0) for t in items)
    return out


def _where(s: _Spot) -> str:
    return f"{s.file}:{s.line}"


def _entity_checks(spots: list[_Spot], cfg: MatchConfig) -> list[Problem]:
    out: list[Problem] = []
    by_entity: dict[str, list[_Spot]] = defaultdict(list)
    for s in spots:
        by_entity[s.entity.id].append(s)

    # L204 / L209 / L210: inside one entity. (A homographs entry that is none of the names
    # is the loader's E018.)
    for eid, ss in by_entity.items():
        names = [s for s in ss if s.field in ("bn", "aliases", "name", "latin", "short")]
        seen: dict[str, _Spot] = {}
        for s in names:
            k = normalized_key(s.text)
            if not k:
                continue
            if k in seen:
                first = seen[k]
                out.append(Problem(s.file, s.line, "L204", f"{eid}: {s.field} {s.text!r} is the "
                                   f"same spelling as {first.field} {first.text!r} "
                                   f"({_where(first)}) after normalization",
                                   f"remove it from {s.field}: the matcher treats both as one",
                                   s.column, "warning"))
            else:
                seen[k] = s
        e = ss[0].entity
        own = [s.text for s in names]
        if e.type == "person":
            for n in e.bengali_names + e.latin_names:
                words = normalized_key(n).split(" ")
                if len(words) >= 2:
                    own.append(words[0] if e.family_name_first else words[-1])
        own_norm = {normalized_key(n): n for n in own}
        own_var = {variant_key(n, rules=cfg.rules): n for n in own}
        for s in ss:
            if s.field == "not":
                k = normalized_key(s.text)
                if k in own_norm:
                    out.append(Problem(s.file, s.line, "L209", f"{eid}: not: {s.text!r} is also "
                                       f"one of its names ({own_norm[k]!r})",
                                       "remove one of the two: a spelling cannot be both "
                                       "accepted and rejected", s.column))
                elif variant_key(s.text, rules=cfg.rules) in own_var:
                    clash = own_var[variant_key(s.text, rules=cfg.rules)]
                    out.append(Problem(s.file, s.line, "L210", f"{eid}: not: {s.text!r} has the "
                                       f"same variant key as its name {clash!r}, so the "
                                       "resolver refuses that name too",
                                       "remove it from not: (the decisions log remembers the "
                                       "rejection for review)", s.column, "warning"))

    # L201 / L202: shared spellings across entities.
    canon: dict[str, list[_Spot]] = defaultdict(list)
    full: dict[str, list[_Spot]] = defaultdict(list)
    for s in spots:
        k = normalized_key(s.text)
        if s.field in _CANONICAL_FIELDS:
            canon[k].append(s)
        if s.field in _FULL_FIELDS:
            full[k].append(s)
    reported: set[tuple[str, str, str]] = set()
    for s in spots:
        if s.field not in _ALIAS_FIELDS:
            continue
        k = normalized_key(s.text)
        for c in canon.get(k, ()):
            if c.entity.id == s.entity.id or (k, s.entity.id, c.entity.id) in reported:
                continue
            reported.add((k, s.entity.id, c.entity.id))
            reported.add((k, c.entity.id, s.entity.id))
            # Namesakes are allowed (the resolver says "don't know" between them); with a
            # description on both, an editor can tell them apart, so it is only a warning.
            described = bool(s.entity.description and c.entity.description)
            out.append(Problem(s.file, s.line, "L202", f"{s.entity.id}: {s.field} {s.text!r} is "
                               f"the canonical {c.field} of {c.entity.id} ({_where(c)})",
                               "remove it, or if both are one entity merge them; namesakes "
                               "need different spellings plus a description", s.column,
                               "warning" if described else "error"))
    for k, group in full.items():
        ids = list(dict.fromkeys(s.entity.id for s in group))
        if len(ids) < 2:
            continue
        first = next(s for s in group if s.entity.id == ids[0])
        for s in group:
            if s.entity.id == ids[0] or (k, s.entity.id, ids[0]) in reported:
                continue
            undescribed = [i for i in ids if not next(g for g in group if g.entity.id == i)
                           .entity.description]
            if not undescribed:
                continue
            reported.add((k, s.entity.id, ids[0]))
            out.append(Problem(s.file, s.line, "L201", f"{s.text!r} names both {ids[0]} "
                               f"({_where(first)}) and {s.entity.id}, and "
                               f"{', '.join(undescribed)} "
                               f"ha{'s' if len(undescribed) == 1 else 've'} no "
                               "description",
                               "add a one-line description to each namesake (the review page "
                               "and explain() show it), or remove the duplicate", s.column))

    # L203: variant-key collisions between different spellings of different entities.
    by_variant: dict[str, list[_Spot]] = defaultdict(list)
    for s in spots:
        if s.field in ("bn", "aliases", "short") and _BENGALI.search(s.text):
            by_variant[variant_key(s.text, rules=cfg.rules)].append(s)
    for _vk, group in by_variant.items():
        norms = {normalized_key(s.text) for s in group}
        if len({s.entity.id for s in group}) < 2 or len(norms) < 2:
            continue
        group = sorted(group, key=lambda s: (s.file, s.line))
        first = group[0]
        for s in group[1:]:
            if s.entity.id == first.entity.id or normalized_key(s.text) == \
                    normalized_key(first.text):
                continue
            out.append(Problem(s.file, s.line, "L203", f"{s.entity.id}: {s.field} {s.text!r} "
                               f"and {first.entity.id}'s {first.field} {first.text!r} "
                               f"({_where(first)}) fold to the same variant key",
                               "if they are different names keep both and expect 'don't know' "
                               "for variant spellings; add a description and context words "
                               "to each", s.column, "warning"))

    # L208: one-word names too short for fuzzy matching.
    for s in spots:
        if s.field not in ("bn", "aliases") or not _BENGALI.search(s.text):
            continue
        words = variant_key(s.text, rules=cfg.rules).split(" ")
        if len(words) == 1 and len(comparable(words[0])) < cfg.single_min_len:
            out.append(Problem(s.file, s.line, "L208", f"{s.entity.id}: {s.text!r} is too short "
                               f"for fuzzy matching ({len(comparable(words[0]))} < "
                               f"single_min_len {cfg.single_min_len})",
                               "list the spellings the press uses explicitly (bnentity review "
                               "finds them)", s.column, "warning"))
    return out


def lint(paths: Iterable[str | Path], *, config: MatchConfig | None = None) -> list[Problem]:
    """Every problem of the gazetteer files under ``paths``, sorted by file and line.

    Loader problems (``E0xx``) come first for their line; then the ``L2xx`` checks of this
    module on every entity that could be read.
    """
    cfg = config or MatchConfig()
    problems: list[Problem] = []
    entities: list[Entity] = []
    ids: list[tuple[str, str, int]] = []
    files: list[Path] = []
    for p in paths:
        found = iter_gazetteer_files(p)
        if Path(p).is_dir() and not found:
            problems.append(Problem(str(p), 0, "E015", "no *.yaml or *.yml files in folder",
                                    "point at a folder of gazetteer files or at one file"))
        files.extend(found)
    positions: dict[str, dict[int, dict[str, list[tuple[str, int, int]]]]] = {}
    for f in files:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # W101 is reported here, per line, as L205/L206
            entities.extend(parse_file(f, problems, ids))
        positions[str(f)] = _positions(f)
        problems.extend(_char_problems(str(f), _scalars(f)))
    problems.extend(duplicate_ids(ids))
    unique: dict[str, Entity] = {}
    for e in entities:
        unique.setdefault(e.id, e)
    problems.extend(_entity_checks(_spots(list(unique.values()), positions), cfg))
    order = {str(f): i for i, f in enumerate(files)}
    problems.sort(key=lambda p: (order.get(p.file, -1), p.line, p.column, p.code))
    return problems


def format_problems(problems: Iterable[Problem]) -> str:
    """``file:line:col: severity [code] message — hint``, one per line."""
    lines = []
    for p in problems:
        where = p.file + (f":{p.line}" if p.line else "") + (f":{p.column}" if p.column else "")
        text = f"{where}: {p.severity} [{p.code}] {p.message}"
        lines.append(f"{text} — {p.hint}" if p.hint else text)
    return "\n".join(lines)
