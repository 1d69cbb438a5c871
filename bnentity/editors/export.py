"""Export editors' decisions as regression test cases, and check them against a resolver.

Every accepted spelling must resolve to its entity; every rejected spelling must not resolve
to the entity it was rejected for (``must_not``), and a spelling rejected as "not a name"
(``entity: null``) must not resolve at all. One JSON object per line::

    {"query": "ল্যাভরভ", "expect": "sergey-lavrov", "action": "add_alias", "row": "u:…"}
    {"query": "জিয়া", "must_not": "jaya-bachchan", "action": "reject"}
    {"query": "এবং", "must_not": "*", "action": "reject"}

``must_not: "*"`` means "resolves to nothing". Later decisions win over earlier ones for the
same (spelling, entity), so an editor who changed their mind gets one consistent case.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bnentity.editors.decisions import Decision
from bnentity.keys import normalized_key

if TYPE_CHECKING:
    from bnentity.matching.resolver import Resolver

__all__ = ["TestCase", "check_cases", "decisions_to_cases"]

ANY = "*"


@dataclass(frozen=True, slots=True)
class TestCase:
    """One regression case: ``query`` resolves to ``expect``, or never to ``must_not``."""

    __test__ = False  # not a pytest test class

    query: str
    expect: str | None = None
    must_not: str | None = None
    action: str = ""
    row: str = ""

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"query": self.query}
        if self.expect is not None:
            d["expect"] = self.expect
        if self.must_not is not None:
            d["must_not"] = self.must_not
        if self.action:
            d["action"] = self.action
        if self.row:
            d["row"] = self.row
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TestCase:
        return cls(str(d["query"]), d.get("expect"), d.get("must_not"), d.get("action", ""),
                   d.get("row", ""))


def decisions_to_cases(decisions: Iterable[Decision]) -> list[TestCase]:
    """Test cases from decisions, in decision order, later decisions overriding earlier ones."""
    cases: dict[tuple[str, str], TestCase] = {}
    for d in decisions:
        positive = d.entity if d.action in ("add_alias", "merge", "new_entity") else None
        for s in d.spellings:
            key = normalized_key(s)
            if positive:
                cases.pop((key, f"!{positive}"), None)
                cases[(key, positive)] = TestCase(s, expect=positive, action=d.action,
                                                  row=d.row)
            negatives = [d.entity or ANY] if d.action == "reject" else (
                [d.from_entity] if d.from_entity else [])
            for neg in negatives:
                cases.pop((key, neg), None)
                cases[(key, f"!{neg}")] = TestCase(s, must_not=neg, action=d.action, row=d.row)
    return list(cases.values())


def check_cases(cases: Iterable[TestCase], resolver: Resolver) -> list[tuple[TestCase, str]]:
    """The cases the resolver fails, each with what it returned instead."""
    failures: list[tuple[TestCase, str]] = []
    for c in cases:
        m = resolver.resolve(c.query)
        got = m.entity.id if m is not None else None
        if c.expect is not None and got != c.expect:
            failures.append((c, f"resolved to {got!r}, expected {c.expect!r}"))
        elif c.must_not == ANY and got is not None:
            failures.append((c, f"resolved to {got!r}, expected no entity"))
        elif c.must_not is not None and c.must_not != ANY and got == c.must_not:
            failures.append((c, f"resolved to {got!r}, which was rejected"))
    return failures
