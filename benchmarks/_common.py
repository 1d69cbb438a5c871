"""Shared helpers for the benchmarks: paths, data loading, timing, memory, reporting.

Kept general on purpose: any benchmark (or test) may import it. Import it as
``from benchmarks._common import ...`` from the repository root, or put ``benchmarks/``'s
parent on ``sys.path`` first (the benchmark scripts do that themselves).
"""

from __future__ import annotations

import csv
import gc
import hashlib
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, TypeVar

T = TypeVar("T")

#: The repository root (the folder holding ``bnentity/`` and ``benchmarks/``).
REPO: Final = Path(__file__).resolve().parent.parent
BENCH_DIR: Final = REPO / "benchmarks"
DATA_DIR: Final = BENCH_DIR / "data"
RESULTS_DIR: Final = BENCH_DIR / "results"
VARIANTS_TSV: Final = DATA_DIR / "resolver_variants.tsv"
SEEDS_DIR: Final = REPO / "seeds"

#: The NER corpora in ``../shared/data`` (beside the repository); override with the
#: environment variable ``BNENTITY_SHARED_DATA``.
SHARED_DATA: Final = Path(os.environ.get("BNENTITY_SHARED_DATA",
                                         str(REPO.parent / "shared" / "data")))
NER_FOLDERS: Final = ("banglakit-bengali-ner", "rifat1493-bengali-ner")

SPLITS: Final = ("dev", "heldout")


def ensure_repo_on_path() -> None:
    """Make ``import bnentity`` and ``import benchmarks`` work when run as a script."""
    root = str(REPO)
    if root not in sys.path:
        sys.path.insert(0, root)


# -- data ---------------------------------------------------------------------------------

def read_tsv(path: str | Path) -> list[dict[str, str]]:
    """Rows of a tab-separated file with a header line, as dicts."""
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def stable_split(key: str) -> str:
    """``dev`` or ``heldout``, from a stable hash of ``key`` (SHA-256, first byte parity)."""
    return "dev" if hashlib.sha256(key.encode("utf-8")).digest()[0] % 2 == 0 else "heldout"


@dataclass(frozen=True, slots=True)
class Form:
    """One attested form of a group: the text, its kind and where it came from."""

    text: str
    kind: str  # variant | inflected | lookalike
    source: str


@dataclass(slots=True)
class VariantGroup:
    """One entity of the variants set: its canonical form first, then the other forms."""

    id: str
    type: str
    split: str
    forms: list[Form] = field(default_factory=list)
    lookalikes: list[Form] = field(default_factory=list)

    @property
    def canonical(self) -> str:
        """The first ``variant`` form: what a gazetteer built from the set uses as ``bn``."""
        return next(f.text for f in self.forms if f.kind == "variant")

    @property
    def queries(self) -> list[Form]:
        """Every form but the canonical one (variants and inflected forms)."""
        canon = self.canonical
        return [f for f in self.forms if f.text != canon]


def load_variants(split: str = "all", path: str | Path = VARIANTS_TSV) -> dict[str, VariantGroup]:
    """The groups of ``resolver_variants.tsv`` for a split (``dev``, ``heldout`` or ``all``).

    Look-alike rows are attached to the group they must not link to. Groups keep file order.
    """
    if split not in (*SPLITS, "all"):
        raise ValueError(f"split must be one of dev, heldout, all; got {split!r}")
    groups: dict[str, VariantGroup] = {}
    for row in read_tsv(path):
        if split != "all" and row["split"] != split:
            continue
        g = groups.get(row["group"])
        if g is None:
            g = groups[row["group"]] = VariantGroup(row["group"], row.get("type") or "other",
                                                    row["split"])
        form = Form(row["form"], row["kind"], row["source"])
        (g.lookalikes if row["kind"] == "lookalike" else g.forms).append(form)
    return groups


@dataclass(frozen=True, slots=True)
class NerMention:
    """One entity span of ../shared/data/*/entity_mentions.tsv."""

    corpus: str
    line: int
    label: str
    mention: str
    sentence: str

    @property
    def source(self) -> str:
        return f"{self.corpus}/entity_mentions.tsv:{self.line}"


def iter_ner_mentions(labels: Iterable[str] | None = None) -> Iterator[NerMention]:
    """Every span of the shared NER corpora (optionally only some labels: PER, LOC, ORG …).

    Labels are given by their first three letters (``PERSON`` → ``PER``, ``GPE`` → ``GPE``).
    Yields nothing when ../shared/data is missing.
    """
    want = {lb[:3] for lb in labels} if labels is not None else None
    for folder in NER_FOLDERS:
        path = SHARED_DATA / folder / "entity_mentions.tsv"
        if not path.exists():
            continue
        for i, row in enumerate(read_tsv(path), start=2):
            label = row.get("label", "")[:3]
            if want is not None and label not in want:
                continue
            yield NerMention(folder, i, label, row.get("mention", ""), row.get("sentence", ""))


# -- timing and memory --------------------------------------------------------------------

def percentile(values: Sequence[float], p: float) -> float:
    """The ``p``-th percentile (0–100) by linear interpolation; 0.0 for no values."""
    if not values:
        return 0.0
    xs = sorted(values)
    k = (len(xs) - 1) * p / 100.0
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def latency_stats(seconds: Sequence[float]) -> dict[str, float]:
    """Queries/s, median, p95 and max latency (ms) of per-call timings in seconds."""
    total = sum(seconds)
    return {
        "n": len(seconds),
        "qps": len(seconds) / total if total > 0 else 0.0,
        "median_ms": statistics.median(seconds) * 1e3 if seconds else 0.0,
        "p95_ms": percentile(seconds, 95) * 1e3,
        "max_ms": max(seconds) * 1e3 if seconds else 0.0,
        "total_s": total,
    }


def time_calls(fn: Callable[[T], Any], items: Sequence[T]) -> tuple[list[Any], list[float]]:
    """Call ``fn`` on each item; return the results and the per-call wall times (s)."""
    out: list[Any] = []
    times: list[float] = []
    clock = time.perf_counter
    for it in items:
        t0 = clock()
        out.append(fn(it))
        times.append(clock() - t0)
    return out, times


def rss_bytes() -> int:
    """Current resident set size of this process (Linux /proc; else peak RSS)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


@dataclass(frozen=True, slots=True)
class Measured:
    """What :func:`measure` saw: wall time, RSS growth and (optionally) tracemalloc figures."""

    seconds: float
    rss_delta: int
    traced_peak: int | None = None
    traced_retained: int | None = None


def measure(fn: Callable[[], T], *, trace: bool = False) -> tuple[T, Measured]:
    """Run ``fn`` once and measure it.

    ``rss_delta`` is RSS after minus RSS before (after a GC): memory the result keeps plus
    allocator slack. With ``trace=True`` tracemalloc also reports the peak and the retained
    Python allocations (exact, but it slows allocation-heavy code 2–4×, so time is then
    not representative).
    """
    gc.collect()
    before = rss_bytes()
    if trace:
        tracemalloc.start()
    t0 = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - t0
    peak = retained = None
    if trace:
        retained, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    gc.collect()
    return result, Measured(seconds, rss_bytes() - before, peak, retained)


# -- reporting ----------------------------------------------------------------------------

def environment() -> dict[str, Any]:
    """Where a result was measured: Python, platform, CPUs, package versions, git commit."""
    info: dict[str, Any] = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "time_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    for mod in ("rapidfuzz", "bnentity"):
        try:
            info[mod] = __import__(mod).__version__
        except Exception:  # pragma: no cover - informational only
            info[mod] = None
    try:
        info["git_commit"] = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
            text=True, timeout=5, check=False).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        info["git_commit"] = None
    return info


def write_json(path: str | Path, data: dict[str, Any]) -> Path:
    """Write ``data`` plus an ``environment`` block as pretty UTF-8 JSON; return the path."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    payload = {"environment": environment(), **data}
    tmp = p.with_suffix(p.suffix + ".tmp")
    tmp.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tmp.replace(p)
    return p


def format_table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A plain-text table; floats get 3 decimals (4 significant for tiny values)."""
    def cell(v: Any) -> str:
        if isinstance(v, float):
            return f"{v:.3f}" if abs(v) >= 0.01 or v == 0 else f"{v:.4g}"
        return str(v)

    body = [[cell(v) for v in r] for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in body)) if body else len(h)
              for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    out = [line, "  ".join("-" * w for w in widths)]
    out.extend("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in body)
    return "\n".join(out)


def mib(n: float | None) -> float | None:
    """Bytes to MiB (``None`` stays ``None``)."""
    return None if n is None else n / (1024 * 1024)
