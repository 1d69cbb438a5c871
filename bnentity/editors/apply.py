"""Apply editors' decisions to the gazetteer YAML files, with minimal diffs.

:func:`apply_decisions` edits the files through :mod:`bnentity.editors.yamledit` (comments,
key order, quoting and layout of untouched entries stay byte for byte), validates the result
with the same loader the resolver uses, and only then writes each changed file atomically. With
``dry_run`` nothing is written and the unified diff is returned. Applying is idempotent, so the
decisions log can be replayed.

What each action does:

* ``add_alias`` — the spellings go into the entity's ``aliases`` (or ``short``); a spelling in
  the entity's ``not:`` list is taken out of it first (the editor changed their mind).
* ``merge`` — like ``add_alias`` on ``entity``; with ``from_entity`` (the entity the resolver
  had wrongly linked the spellings to), the spellings also go into ``from_entity``'s ``not:``.
* ``new_entity`` — a new entity is appended to ``file`` (default: the non-generated file with
  most entities of that ``type``): ``bn`` is the first spelling, ``aliases`` the others;
  ``from_entity`` gets the spellings in ``not:``.
* ``reject`` — the spellings go into the entity's ``not:`` list, so the resolver never links
  them to it again. With ``entity: null`` ("not a name") there is nothing to write in the YAML;
  the decisions log alone remembers it and ``bnentity review`` skips it.

Problems (``bnentity.errors.Problem``; errors make ``bnentity apply`` exit 1):

====== ======== ==============================================================================
A301   error    the decision names an entity id that no loaded file defines
A302   error    the entity is defined in a generated file (``GENERATED FILE`` header): edit
                the overlay the header names and regenerate; rejections are still logged
A303   warning  a rejection was *not* written to ``not:`` because its variant key equals one
                of the entity's own names: the resolver compares ``not:`` by variant key, so it
                would refuse the entity's own name too (জিয়া vs জয়া). It is kept in the log,
                so review still skips it
A304   error    ``new_entity`` with an id that already exists as a different entity
A305   error    the edited files would not load (the loader's problems follow)
A306   error    a file cannot be round-tripped byte for byte by ruamel.yaml; editing it would
                reformat untouched lines (pass ``allow_reformat=True`` / ``--allow-reformat``)
A307   error    a rejection names a spelling that is one of the entity's own names (``bn``,
                ``aliases`` or ``short``): remove the alias by hand if it is really wrong
A308   error    ``new_entity``'s ``file`` is not one of the gazetteer files being edited
====== ======== ==============================================================================
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bnentity.editors.decisions import Decision, DecisionLog
from bnentity.editors.yamledit import GazetteerDocument, YamlEditError
from bnentity.errors import GazetteerError, Problem
from bnentity.gazetteer.load import iter_gazetteer_files, load_gazetteer
from bnentity.keys import normalized_key, variant_key

__all__ = ["ApplyResult", "Change", "apply_decisions", "default_log_path", "gazetteer_files"]


@dataclass(frozen=True, slots=True)
class Change:
    """One edit made (or, in a dry run, that would be made)."""

    file: str
    entity: str
    what: str

    def __str__(self) -> str:
        return f"{self.file}: {self.entity}: {self.what}"


@dataclass(slots=True)
class ApplyResult:
    """What :func:`apply_decisions` did."""

    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    diff: str = ""
    written: list[str] = field(default_factory=list)
    logged: list[Decision] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """No error (warnings allowed)."""
        return not any(p.severity == "error" for p in self.problems)


def gazetteer_files(paths: Iterable[str | Path]) -> list[Path]:
    """The YAML files that ``paths`` (files or folders) stand for, in load order."""
    out: list[Path] = []
    for p in paths:
        out.extend(iter_gazetteer_files(p))
    return out


def default_log_path(paths: Sequence[str | Path]) -> Path:
    """``decisions.jsonl`` in the first gazetteer folder (or beside the first file)."""
    first = Path(paths[0])
    return (first if first.is_dir() else first.parent) / "decisions.jsonl"


class _Editor:
    def __init__(self, files: list[Path], allow_reformat: bool) -> None:
        self.files = files
        self.docs: dict[Path, GazetteerDocument] = {}
        self.allow_reformat = allow_reformat
        self.where: dict[str, Path] = {}
        self.problems: list[Problem] = []
        self.changes: list[Change] = []
        self.checked: set[Path] = set()
        for f in files:
            doc = GazetteerDocument(f)
            self.docs[f] = doc
            for eid in doc.ids():
                self.where.setdefault(eid, f)

    def problem(self, code: str, message: str, hint: str = "", file: str = "",
                severity: str = "error") -> None:
        self.problems.append(Problem(file, 0, code, message, hint, 0, severity))

    def doc_for(self, eid: str, d: Decision) -> GazetteerDocument | None:
        f = self.where.get(eid)
        if f is None:
            self.problem("A301", f"{d.action}: no entity with id {eid!r}",
                         "check the id (bnentity lint lists the ids), or load the file that "
                         "defines it with --gazetteer")
            return None
        doc = self.docs[f]
        if doc.generated:
            hint = (f"add it to {doc.overlay} and regenerate" if doc.overlay
                    else "edit the generator's input and regenerate")
            self.problem("A302", f"{d.action}: {eid} is defined in the generated file {f}",
                         hint, str(f))
            return None
        if not self.writable(doc):
            return None
        return doc

    def writable(self, doc: GazetteerDocument) -> bool:
        if doc.path in self.checked:
            return True
        if not self.allow_reformat and not doc.roundtrips():
            self.problem("A306", f"{doc.path} cannot be rewritten byte for byte by ruamel.yaml",
                         "see the reformatting with --dry-run, then pass --allow-reformat",
                         str(doc.path))
            return False
        self.checked.add(doc.path)
        return True

    def own_names(self, doc: GazetteerDocument, eid: str) -> list[str]:
        ent = doc.entity(eid)
        names = [str(ent["bn"])] if ent.get("bn") else []
        names += doc.spellings(eid, "aliases") + doc.spellings(eid, "short")
        if str(ent.get("type")) == "person":
            first = bool(ent.get("family_name_first"))
            for n in list(names):
                words = normalized_key(n).split(" ")
                if len(words) >= 2:
                    names.append(words[0] if first else words[-1])
        return names

    # -- actions ----------------------------------------------------------------------------
    def add(self, d: Decision, eid: str) -> None:
        doc = self.doc_for(eid, d)
        if doc is None:
            return
        own = {normalized_key(n) for n in self.own_names(doc, eid)}
        for s in d.spellings:
            if doc.remove_spelling(eid, "not", s):
                self.changes.append(Change(str(doc.path), eid, f"removed {s!r} from not:"))
            if normalized_key(s) in own:
                continue
            if doc.add_spelling(eid, d.field, s):
                self.changes.append(Change(str(doc.path), eid, f"added {s!r} to {d.field}:"))

    def reject(self, d: Decision, eid: str) -> None:
        doc = self.doc_for(eid, d)
        if doc is None:
            return
        names = self.own_names(doc, eid)
        own_norm = {normalized_key(n): n for n in names}
        own_var = {variant_key(n): n for n in names}
        explicit = {normalized_key(n) for n in
                    ([str(doc.entity(eid)["bn"])] if doc.entity(eid).get("bn") else [])
                    + doc.spellings(eid, "aliases") + doc.spellings(eid, "short")}
        for s in d.spellings:
            nk = normalized_key(s)
            if nk in explicit:
                self.problem("A307", f"reject: {s!r} is one of {eid}'s own names",
                             "if that name is wrong, remove it from the entity by hand",
                             str(doc.path))
                continue
            clash = own_var.get(variant_key(s)) or own_norm.get(nk)
            if clash is not None:
                self.problem("A303", f"reject: {s!r} not written to {eid}'s not: list — it "
                             f"folds to the same variant key as its own name {clash!r}, and the "
                             "resolver would then refuse that name too",
                             "kept in the decisions log: review will not suggest it again",
                             str(doc.path), "warning")
                continue
            if doc.add_spelling(eid, "not", s):
                self.changes.append(Change(str(doc.path), eid, f"added {s!r} to not:"))

    def new_entity(self, d: Decision) -> None:
        eid = str(d.entity)
        if eid in self.where:
            doc = self.docs[self.where[eid]]
            ent = doc.entity(eid)
            if (d.name and str(ent.get("name")) != d.name) or d.type != str(ent.get("type")):
                self.problem("A304", f"new_entity: id {eid!r} already exists "
                             f"({ent.get('name')!r}, {ent.get('type')}) in {doc.path}",
                             "choose another id, or use merge to add the spellings to it",
                             str(doc.path))
                return
            self.add(d, eid)  # replayed: make sure every spelling is there
            return
        target = self.target_file(d)
        if target is None:
            return
        doc = self.docs[target]
        if not self.writable(doc):
            return
        first, rest = d.spellings[0], list(d.spellings[1:])
        fields: dict[str, object] = {"id": eid, "name": d.name or _latin_name(first, eid),
                                     "type": d.type or "other", "bn": first}
        if rest:
            fields["aliases"] = rest
        if d.description:
            fields["description"] = d.description
        doc.append_entity(fields)
        self.where[eid] = target
        self.changes.append(Change(str(target), eid, f"new entity {fields['name']!r} "
                                   f"({fields['type']}) with {len(d.spellings)} spelling(s)"))

    def target_file(self, d: Decision) -> Path | None:
        if d.file:
            want = Path(d.file).resolve()
            for f in self.files:
                if f.resolve() == want:
                    return f
            self.problem("A308", f"new_entity: {d.file} is not one of the gazetteer files "
                         "being edited", "pass it (or its folder) with --gazetteer")
            return None
        best: tuple[int, int] | None = None
        choice: Path | None = None
        for i, (f, doc) in enumerate(self.docs.items()):
            if doc.generated:
                continue
            n = sum(1 for e in doc.entity_maps() if str(e.get("type")) == d.type)
            score = (n, -i)
            if best is None or score > best:
                best, choice = score, f
        if choice is None:
            self.problem("A308", "new_entity: every gazetteer file is generated",
                         "name a hand-written file with 'file'")
        return choice

    def run(self, d: Decision) -> None:
        try:
            if d.action == "reject":
                if d.entity:
                    self.reject(d, d.entity)
            elif d.action == "new_entity":
                self.new_entity(d)
                if d.from_entity:
                    self.reject(d, d.from_entity)
            else:  # add_alias, merge
                self.add(d, str(d.entity))
                if d.from_entity:
                    self.reject(d, d.from_entity)
        except YamlEditError as exc:
            self.problem("A305", str(exc))


def _latin_name(spelling: str, fallback: str) -> str:
    try:
        from bnentity.translit.romanize import romanize
    except ImportError:  # pragma: no cover - translit is part of the package
        return fallback
    return romanize(spelling) or fallback


def _validate(docs: dict[Path, GazetteerDocument], files: list[Path]) -> list[Problem]:
    """Load the edited set with the real loader; map temp file names back."""
    tmp_paths: dict[str, str] = {}
    created: list[str] = []
    try:
        targets: list[str] = []
        for f in files:
            doc = docs[f]
            if doc.changed:
                fd, tmp = tempfile.mkstemp(prefix=f".{f.name}.", suffix=".check",
                                           dir=f.parent)
                with os.fdopen(fd, "w", encoding="utf-8") as out:
                    out.write(doc.dump())
                created.append(tmp)
                tmp_paths[tmp] = str(f)
                targets.append(tmp)
            else:
                targets.append(str(f))
        try:
            load_gazetteer(*targets)
        except GazetteerError as exc:
            return [Problem(tmp_paths.get(p.file, p.file), p.line, p.code, p.message, p.hint,
                            p.column, p.severity) for p in exc.problems]
        return []
    finally:
        for tmp in created:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)


def apply_decisions(decisions: Iterable[Decision], paths: Sequence[str | Path], *,
                    dry_run: bool = False, log: str | Path | None = None,
                    allow_reformat: bool = False, editor: str = "") -> ApplyResult:
    """Apply ``decisions`` to the gazetteer files under ``paths``.

    Nothing is written when any decision fails (``result.ok`` is False), when the edited files
    would not load, or with ``dry_run``; ``result.diff`` always holds the unified diff. On
    success the changed files are replaced atomically and the decisions are appended to
    ``log`` (default :func:`default_log_path`; ``log=""`` for no log) unless already there.
    """
    decisions = [d.stamped(editor) for d in decisions]
    files = gazetteer_files(paths)
    ed = _Editor(files, allow_reformat)
    for d in decisions:
        ed.run(d)
    result = ApplyResult(changes=ed.changes, problems=ed.problems)
    result.diff = "".join(doc.diff() for doc in ed.docs.values() if doc.changed)
    if result.ok and any(doc.changed for doc in ed.docs.values()):
        for p in _validate(ed.docs, files):
            result.problems.append(Problem(p.file, p.line, "A305",
                                           f"after the edits: [{p.code}] {p.message}", p.hint,
                                           p.column))
    if dry_run or not result.ok:
        return result
    for doc in ed.docs.values():
        if doc.save():
            result.written.append(str(doc.path))
    if log != "":
        log_path = Path(log) if log is not None else default_log_path(paths)
        result.logged = DecisionLog(log_path).append(decisions)
    return result
