"""What the generator scripts share: the YAML style of the hand-written gazetteers, comment
headers, and writing (or ``--check``-ing) the generated files."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent


class _Dumper(yaml.SafeDumper):
    """Block mappings, flow lists (``aliases: [a, b]``): the hand-written files' style."""


def _flow_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


_Dumper.add_representer(list, _flow_list)


def dump_entities(entities: list[dict[str, Any]]) -> str:
    """One YAML list item per entity, a blank line between them."""
    chunks = [yaml.dump(e, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000,
                        default_flow_style=False) for e in entities]
    return "\n".join("  - " + c.rstrip("\n").replace("\n", "\n    ") + "\n" for c in chunks)


def commented(text: str) -> str:
    return "".join(f"# {line}".rstrip() + "\n" for line in text.strip("\n").splitlines())


def main(render: Callable[[], tuple[str, ...]], outputs: Sequence[Path], command: str,
         description: str, argv: list[str] | None = None) -> int:
    """Write the rendered files, or with ``--check`` exit 1 if those on disk are stale."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if the files on disk are out of date")
    args = parser.parse_args(argv)
    rendered = dict(zip(outputs, render(), strict=True))
    if args.check:
        stale = [p for p, text in rendered.items()
                 if not p.exists() or p.read_text(encoding="utf-8") != text]
        for p in stale:
            print(f"out of date: {p.relative_to(ROOT)} (run: {command})", file=sys.stderr)
        return 1 if stale else 0
    for p, text in rendered.items():
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {p.relative_to(ROOT)}")
    return 0
