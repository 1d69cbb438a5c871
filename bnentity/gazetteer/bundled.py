"""Where the bundled gazetteers live.

In a wheel they are shipped inside the package as ``bnentity/_bundled_gazetteers`` (hatchling's
``force-include`` of the top-level ``gazetteers/`` folder). An editable install or a source
checkout does not have that copy, so the loader falls back to ``gazetteers/`` beside the package.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["bundled_path"]

_PACKAGE = Path(__file__).resolve().parent.parent


def bundled_path() -> Path:
    """The folder of bundled gazetteer files (wheel copy first, then the source checkout)."""
    for candidate in (_PACKAGE / "_bundled_gazetteers", _PACKAGE.parent / "gazetteers"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        "bnentity's bundled gazetteers are missing: neither "
        f"{_PACKAGE / '_bundled_gazetteers'} nor {_PACKAGE.parent / 'gazetteers'} exists. "
        "Reinstall bnentity, or pass your own gazetteer files to bnentity.load(PATH)."
    )
