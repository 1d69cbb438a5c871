"""The ``bnentity`` command: a thin shell over the library for batch work from scripts.

``bnentity.cli.main.main(argv) -> int`` runs it in-process; ``docs/cli.md`` documents it.
Nothing here is imported by ``import bnentity``.
"""

from __future__ import annotations

__all__: list[str] = []
