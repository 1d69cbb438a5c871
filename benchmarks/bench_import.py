"""What ``import bnentity`` costs, next to what bnlp-toolkit costs (issue 9).

Run from the repository root, with the interpreter whose packages you want measured (the bnlp
numbers need bnlp-toolkit installed there: ``pip install -e '.[bnlp]'``):

    python benchmarks/bench_import.py [--runs 7]

Measured, each in fresh interpreters (median of ``--runs``):

* **import time** — the ``-X importtime`` total (the cumulative times of the code's top-level
  imports, minus those of ``python -c "pass"``), and the wall time of ``python -c "<code>"``
  minus that of ``python -c "pass"`` (this one includes work that is not importing: the first
  ``resolve`` loading the gazetteers, bnlp's NLTK download attempt): for ``json``
  (scale), ``bnentity``, ``bnentity`` plus a first ``resolve`` (loads the bundled gazetteers),
  ``sklearn_crfsuite`` (all a bnlp NER model needs to unpickle), ``bnlp`` as bnentity imports it
  (:func:`bnentity.integrations.bnlp.import_bnlp`: NLTK's download skipped) and plain
  ``import bnlp``; plus how many modules each leaves in ``sys.modules``;
* **the network attempt** — host names looked up (``socket.getaddrinfo``, made to fail) during
  plain ``import bnlp`` and during ``import_bnlp()``, and what bnlp printed on stdout;
* **installed size** — the sum of the files each distribution's RECORD lists, over the
  dependency closure of ``bnentity`` (core, no extras; bnentity itself counted from its
  source tree, since an editable install records only a .pth file) and of ``bnlp-toolkit``.

Results: ``benchmarks/results/import.json``.
"""

from __future__ import annotations

import argparse
import importlib.metadata as md
import json
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._common import REPO, RESULTS_DIR, format_table, write_json

RESULT_JSON = RESULTS_DIR / "import.json"

PROBES: dict[str, str] = {
    "json": "import json",
    "bnentity": "import bnentity",
    "bnentity + first resolve": "import bnentity; bnentity.resolve('লাভরভ')",
    "sklearn_crfsuite": "import sklearn_crfsuite",
    "bnlp via bnentity (import_bnlp)":
        "from bnentity.integrations.bnlp import import_bnlp; import_bnlp()",
    "bnlp (plain import)": "import bnlp",
}
NETWORK_PROBE = """
import socket, sys, json, io, contextlib
hosts = []
def deny(host, *args, **kwargs):
    hosts.append(str(host))
    raise OSError("network disabled by bench_import")
socket.getaddrinfo = deny
out = io.StringIO()
with contextlib.redirect_stdout(out):
    {code}
print(json.dumps({{"hosts": hosts, "stdout": out.getvalue()}}))
"""


def run(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args, "-c", code], capture_output=True, text=True,
                          cwd=REPO, timeout=600, check=False)


def available(module: str) -> bool:
    return run(f"import importlib.util, sys; "
               f"sys.exit(importlib.util.find_spec({module!r}) is None)").returncode == 0


def importtime_us(code: str) -> int:
    """Total -X importtime (µs): the cumulative times of the top-level imports of ``code``."""
    proc = run(code, "-X", "importtime")
    total = 0
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s*(\d+)\s*\|\s*(\d+)\s*\|( *)(\S.*)$", line)
        if m and len(m.group(3)) <= 1:  # one space after the bar: a top-level import
            total += int(m.group(2))
    return total


def wall_s(code: str) -> float:
    t0 = time.perf_counter()
    proc = run(code)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"{code!r} failed: {proc.stderr[-500:]}")
    return elapsed


def module_count(code: str) -> int:
    proc = run(f"{code}\nimport sys; print(len(sys.modules))")
    return int(proc.stdout.strip().splitlines()[-1])


def measure_imports(runs: int) -> dict[str, Any]:
    baseline = statistics.median(wall_s("pass") for _ in range(runs))
    base_it = statistics.median(importtime_us("pass") for _ in range(runs))
    out: dict[str, Any] = {"interpreter_startup_s": round(baseline, 4)}
    for name, code in PROBES.items():
        needs = "bnlp" if "bnlp" in name else "sklearn_crfsuite" if "sklearn" in name else None
        if needs and not available(needs):
            out[name] = None
            continue
        walls = [wall_s(code) - baseline for _ in range(runs)]
        its = [importtime_us(code) - base_it for _ in range(runs)]
        out[name] = {
            "code": code,
            "wall_s_minus_startup": round(statistics.median(walls), 4),
            "importtime_s": round(statistics.median(its) / 1e6, 4),
            "modules": module_count(code),
        }
    return out


def network_attempts() -> dict[str, Any] | None:
    if not available("bnlp"):
        return None
    out: dict[str, Any] = {}
    for name, code in (("import bnlp", "import bnlp"),
                       ("import_bnlp()", "from bnentity.integrations.bnlp import import_bnlp\n"
                                         "    import_bnlp()")):
        proc = run(NETWORK_PROBE.format(code=code))
        last = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else "{}"
        result = json.loads(last)
        result["stderr_tail"] = proc.stderr.strip().splitlines()[-4:]
        out[name] = result
    return out


# -- installed size ----------------------------------------------------------------------

def _canon(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirements(dist: md.Distribution) -> list[str]:
    names = []
    for req in dist.requires or []:
        if "extra ==" in req.replace("extra==", "extra =="):
            continue
        if ";" in req and ("platform_system" in req or "sys_platform" in req) and \
                ("Windows" in req or "win32" in req or "darwin" in req):
            continue
        m = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", req)
        if m:
            names.append(m.group(1))
    return names


def closure(root: str) -> dict[str, int]:
    """Installed distributions reachable from ``root`` (no extras) → bytes on disk."""
    seen: dict[str, int] = {}
    todo = [root]
    while todo:
        name = todo.pop()
        key = _canon(name)
        if key in seen:
            continue
        try:
            dist = md.distribution(name)
        except md.PackageNotFoundError:
            continue
        size = 0
        for f in dist.files or []:
            p = Path(str(dist.locate_file(f)))
            if p.is_file():
                size += p.stat().st_size
        seen[key] = size
        todo.extend(_requirements(dist))
    return seen


def source_size() -> int:
    """bnentity's own files as a wheel ships them: bnentity/ and gazetteers/ (no caches).

    Used instead of the RECORD of an editable install, which lists only a .pth file.
    """
    total = 0
    for folder in (REPO / "bnentity", REPO / "gazetteers"):
        for p in folder.rglob("*"):
            if p.is_file() and "__pycache__" not in p.parts:
                total += p.stat().st_size
    return total


def measure_sizes() -> dict[str, Any]:
    core = closure("bnentity")
    core["bnentity"] = source_size()
    out: dict[str, Any] = {
        "bnentity_core": {"total_mb": round(sum(core.values()) / 1e6, 1),
                          "distributions": {k: round(v / 1e6, 2) for k, v in sorted(core.items())}},
    }
    try:
        md.distribution("bnlp-toolkit")
    except md.PackageNotFoundError:
        out["bnlp_toolkit"] = None
        return out
    bn = closure("bnlp-toolkit")
    extra = {k: v for k, v in bn.items() if k not in core}
    out["bnlp_toolkit"] = {
        "total_mb": round(sum(bn.values()) / 1e6, 1),
        "added_to_bnentity_mb": round(sum(extra.values()) / 1e6, 1),
        "distributions": {k: round(v / 1e6, 2)
                          for k, v in sorted(bn.items(), key=lambda kv: -kv[1])},
    }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args(argv)
    imports = measure_imports(args.runs)
    network = network_attempts()
    sizes = measure_sizes()
    rows = [(name, r["wall_s_minus_startup"], r["importtime_s"], r["modules"])
            for name, r in imports.items() if isinstance(r, dict)]
    print(f"interpreter startup: {imports['interpreter_startup_s']:.3f} s (subtracted)")
    print(format_table(("import", "wall s", "importtime s", "modules"), rows))
    if network:
        for name, r in network.items():
            print(f"{name}: host lookups {r['hosts']}; stdout {r['stdout']!r}")
    print(f"installed: bnentity core {sizes['bnentity_core']['total_mb']} MB", end="")
    if sizes.get("bnlp_toolkit"):
        b = sizes["bnlp_toolkit"]
        print(f"; bnlp-toolkit closure {b['total_mb']} MB "
              f"({b['added_to_bnentity_mb']} MB beyond bnentity's)")
    else:
        print("; bnlp-toolkit not installed")
    write_json(RESULT_JSON, {"benchmark": "import", "python": sys.executable,
                             "runs": args.runs, "imports": imports, "network": network,
                             "installed_size": sizes})
    print(f"wrote {RESULT_JSON}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
