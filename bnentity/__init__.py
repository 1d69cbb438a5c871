"""bnentity makes Bengali names agree.

It resolves every spelling and inflection of a person, place or organisation — alone or in
running text — to one canonical entity from a YAML gazetteer, and tells you why.

>>> import bnentity
>>> bnentity.resolve("ল্যাভরভের").entity.id
'sergey-lavrov'
>>> [m.entity.id for m in bnentity.find("চো সন হুই’র সঙ্গে লাভরভের বৈঠক")]
['choe-son-hui', 'sergey-lavrov']

The whole API lives here; everything else is an implementation module named for one idea.
Heavy pieces (the matcher, YAML loading) are imported on first use, so ``import bnentity``
stays cheap.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bnentity.errors import BnentityWarning, GazetteerError, Problem
from bnentity.normalize import Normalized, explain_chars, normalize, normalize_with_offsets

if TYPE_CHECKING:
    from bnentity.gazetteer.model import Entity, Gazetteer
    from bnentity.inflection import Stem, stems
    from bnentity.keys import normalized_key, skeleton_key, variant_key
    from bnentity.matching.config import MatchConfig
    from bnentity.matching.mentions import Mention
    from bnentity.matching.resolver import Explanation, Match, Resolver
    from bnentity.tokens import Token, tokenize
    from bnentity.translit import romanize

__version__ = "0.1.0"

__all__ = [
    "BUNDLED",
    "BnentityWarning",
    "Entity",
    "Explanation",
    "Gazetteer",
    "GazetteerError",
    "Match",
    "MatchConfig",
    "Mention",
    "Normalized",
    "Problem",
    "Resolver",
    "Stem",
    "Token",
    "bundled",
    "explain",
    "explain_chars",
    "find",
    "load",
    "load_gazetteer",
    "normalize",
    "normalize_with_offsets",
    "normalized_key",
    "resolve",
    "rewrite",
    "romanize",
    "skeleton_key",
    "stems",
    "tokenize",
    "variant_key",
]

_LAZY: dict[str, tuple[str, str]] = {
    "Entity": ("bnentity.gazetteer.model", "Entity"),
    "Gazetteer": ("bnentity.gazetteer.model", "Gazetteer"),
    "load_gazetteer": ("bnentity.gazetteer.load", "load_gazetteer"),
    "MatchConfig": ("bnentity.matching.config", "MatchConfig"),
    "Match": ("bnentity.matching.resolver", "Match"),
    "Explanation": ("bnentity.matching.resolver", "Explanation"),
    "Resolver": ("bnentity.matching.resolver", "Resolver"),
    "Mention": ("bnentity.matching.mentions", "Mention"),
    "Token": ("bnentity.tokens", "Token"),
    "tokenize": ("bnentity.tokens", "tokenize"),
    "Stem": ("bnentity.inflection", "Stem"),
    "stems": ("bnentity.inflection", "stems"),
    "normalized_key": ("bnentity.keys", "normalized_key"),
    "variant_key": ("bnentity.keys", "variant_key"),
    "skeleton_key": ("bnentity.keys", "skeleton_key"),
    "romanize": ("bnentity.translit", "romanize"),
}


def __getattr__(name: str) -> Any:
    if name == "BUNDLED":
        from bnentity.gazetteer.bundled import bundled_path
        return bundled_path()
    target = _LAZY.get(name)
    if target is None:
        raise AttributeError(f"module 'bnentity' has no attribute {name!r}")
    import importlib
    value = getattr(importlib.import_module(target[0]), target[1])
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


def load(*paths: str | Path, **config: Any) -> Resolver:
    """Load gazetteer files or folders and return a :class:`Resolver`.

    With no path, the bundled gazetteers (:data:`BUNDLED`); with paths, exactly those — to add
    your own to the bundled ones, pass both: ``bnentity.load(bnentity.BUNDLED, "mine.yaml")``.
    Keyword arguments override :class:`MatchConfig` fields (``min_score=90``).
    Raises :class:`GazetteerError` listing every problem of every file.
    """
    from bnentity.gazetteer.bundled import bundled_path
    from bnentity.matching.resolver import Resolver

    return Resolver.from_paths(*(paths or (bundled_path(),)), **config)


_bundled: Resolver | None = None
_bundled_lock = threading.Lock()


def bundled() -> Resolver:
    """The resolver over the bundled gazetteers, loaded once (thread-safe) on first use."""
    global _bundled
    if _bundled is None:
        with _bundled_lock:
            if _bundled is None:
                _bundled = load()
    return _bundled


def resolve(name: str) -> Match | None:
    """Resolve ``name`` with the bundled gazetteers (see :meth:`Resolver.resolve`)."""
    return bundled().resolve(name)


def explain(name: str) -> Explanation:
    """Explain how ``name`` resolves with the bundled gazetteers."""
    return bundled().explain(name)


def find(text: str) -> list[Mention]:
    """Every mention of a bundled entity in ``text`` (see :meth:`Resolver.find`)."""
    return bundled().find(text)


def rewrite(text: str, **options: Any) -> str:
    """``text`` with mentions rewritten to canonical spellings (see :meth:`Resolver.rewrite`)."""
    return bundled().rewrite(text, **options)
