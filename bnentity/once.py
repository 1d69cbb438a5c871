"""Values built on first use, once, whichever thread asks first.

Resolvers are shared by threads and keep several costly parts that many programs never need
(the finder, the cross-script indexes, the finder's tables): each is built on first use. One
:class:`Once` holds such parts by name.

>>> parts = Once()
>>> parts.get("answer", lambda: 6 * 7)
42
>>> parts.get("answer", lambda: 0)   # built once, kept
42
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar, cast

__all__ = ["Once"]

_T = TypeVar("_T")


class Once:
    """Named values, each made by the first :meth:`get` that asks for it and kept. Thread-safe:
    two threads never build the same value twice. The lock is re-entrant, so building one
    value may ask for another."""

    __slots__ = ("_lock", "_values")

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._values: dict[str, Any] = {}

    def get(self, name: str, make: Callable[[], _T]) -> _T:
        """The value called ``name``, made by ``make()`` if it is not there yet."""
        value = self._values.get(name)
        if value is None:
            with self._lock:
                value = self._values.get(name)
                if value is None:
                    value = self._values[name] = make()
        return cast(_T, value)
