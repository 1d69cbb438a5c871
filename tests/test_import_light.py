"""``import bnentity`` stays light: no heavy optional dependency, no integration adapter.

bnlp-toolkit brings gensim, scipy, scikit-learn and nltk (~1,900 modules, 2–3 s and a network
attempt on import; docs/integrations.md). A process that only resolves names must never pay for
that, even when bnlp is installed. Checked in a fresh interpreter, since the test process itself
may have imported bnlp (tests/test_bnlp_integration.py). How long the import takes is measured
in benchmarks/bench_import.py, not asserted here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("bnlp", "gensim", "sklearn", "sklearn_crfsuite", "pycrfsuite", "nltk", "scipy",
         "numpy", "sentencepiece", "requests", "bnentity.integrations")


def modules_after(code: str) -> set[str]:
    """The top-level names and bnentity submodules in sys.modules after running ``code``."""
    probe = (f"{code}\nimport json, sys\n"
             "print(json.dumps(sorted(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         cwd=ROOT, timeout=120, check=True)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def heavy_in(modules: set[str]) -> list[str]:
    return sorted(m for m in modules for h in HEAVY if m == h or m.startswith(h + "."))


def test_import_bnentity_imports_nothing_heavy() -> None:
    assert heavy_in(modules_after("import bnentity")) == []


def test_resolving_imports_nothing_heavy() -> None:
    mods = modules_after("import bnentity\n"
                         "assert bnentity.resolve('লাভরভ').entity.id == 'sergey-lavrov'\n"
                         "bnentity.find('চো সন হুই’র সঙ্গে লাভরভের বৈঠক')\n"
                         "bnentity.bundled().link('লাভরভ এলেন', [(0, 5, 'PER')])")
    assert heavy_in(mods) == []
    assert "bnentity.matching.link" in mods


def test_the_integrations_package_imports_no_tool() -> None:
    """Importing the adapter module is cheap too: bnlp is imported only when a model is built."""
    mods = modules_after("import bnentity.integrations.bnlp")
    assert heavy_in(mods) == ["bnentity.integrations", "bnentity.integrations.bnlp"]


def test_bnentity_init_does_not_mention_integrations() -> None:
    source = (ROOT / "bnentity" / "__init__.py").read_text(encoding="utf-8")
    assert "integrations" not in source
