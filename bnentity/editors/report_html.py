"""The review page: one self-contained HTML file an editor opens in a browser.

The template ``review.html`` (beside this module) holds all CSS and JavaScript inline; the queue
is embedded as JSON in a ``<script type="application/json" id="bnentity-data">`` element. The
page needs no server and makes no network request (its Content-Security-Policy forbids them):
decisions are kept in the page (``window.bnentityDecisions``, and ``localStorage`` so a reload
does not lose them) and the *Save decisions* button downloads them as ``decisions.jsonl``
through a Blob URL. Corpus text is only ever inserted with ``textContent``, never parsed as
HTML.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any, Final

__all__ = ["render_html", "write_html"]

_PLACEHOLDER: Final = "__BNENTITY_DATA__"


def _template() -> str:
    return resources.files("bnentity.editors").joinpath("review.html").read_text(encoding="utf-8")


def _embed(data: dict[str, Any]) -> str:
    """JSON safe inside a <script> element: ``<``, ``>``, ``&`` and the line separators are
    escaped, so no text of the corpus can close the element or start a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def render_html(queue: dict[str, Any]) -> str:
    """The review page for a queue (the dict of :meth:`ReviewQueue.to_dict`)."""
    template = _template()
    if template.count(_PLACEHOLDER) != 1:
        raise RuntimeError("review.html must contain the data placeholder exactly once")
    return template.replace(_PLACEHOLDER, _embed(queue))


def write_html(queue: dict[str, Any], path: str | Path) -> None:
    """Write the review page atomically."""
    from bnentity.editors.yamledit import atomic_write

    atomic_write(path, render_html(queue).encode("utf-8"))
