"""Errors and warnings, each with a code people can search for (spaCy's habit).

Every problem is reported as ``file:line: [code] message — what to do``. Validation collects
*all* problems of *all* files before raising one :class:`GazetteerError`.

Codes (also in ``docs/gazetteer-format.md``):

====== ===================================================================================
E001   file is not valid UTF-8
E002   YAML syntax error
E003   wrong top-level shape (not a mapping with an ``entities:`` list)
E004   an entity is not a mapping
E005   a required field (id, name, type) is missing
E006   a field has the wrong type
E007   duplicate entity id (across every loaded file)
E008   unknown key (with a "did you mean" hint)
E009   empty alias or empty name
E010   ``type`` is not one of the allowed entity types
E011   unsafe YAML tag (python objects and other constructors are refused)
E012   ``id`` is not a valid slug or Wikidata QID
E013   ``wikidata`` is not a QID (Q followed by digits)
E014   path does not exist
E015   a directory holds no ``*.yaml`` / ``*.yml`` files
E016   duplicate key inside one entity mapping (or a second ``entities:`` in one file)
E017   an alias is written in the wrong script (Latin in ``aliases`` or Bengali in ``latin``)
E018   a ``homographs`` entry is not one of the entity's own spellings
W101   text was not NFC (it is normalized on load; ``bnentity lint`` can show where)
====== ===================================================================================
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["BnentityWarning", "GazetteerError", "Problem"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem found in a gazetteer file.

    ``line`` and ``column`` are 1-based; 0 means "the whole file".
    ``severity`` is ``"error"`` or ``"warning"``.
    """

    file: str
    line: int
    code: str
    message: str
    hint: str = ""
    column: int = 0
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: [{self.code}] {self.message}"
        return f"{text} — {self.hint}" if self.hint else text

    def to_dict(self) -> dict[str, object]:
        return {
            "file": self.file, "line": self.line, "column": self.column, "code": self.code,
            "severity": self.severity, "message": self.message, "hint": self.hint,
        }


class GazetteerError(ValueError):
    """Raised when gazetteer files have errors; ``.problems`` lists every one of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in the gazetteer:"
        super().__init__("\n".join([head, *(f"  {p}" for p in self.problems)]))


class BnentityWarning(UserWarning):
    """Base class of bnentity's warnings; the message starts with its code, e.g. ``[W101]``."""
