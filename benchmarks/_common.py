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


def gazetteer_from_groups(groups: dict[str, VariantGroup]) -> Any:
    """A Gazetteer with one entity per group: bn = canonical form, name = id."""
    from bnentity.gazetteer.model import ENTITY_TYPES, Entity, Gazetteer

    return Gazetteer([Entity(id=g.id, name=g.id,
                             type=g.type if g.type in ENTITY_TYPES else "other",
                             bn=g.canonical) for g in groups.values()])


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


# -- raw sentences of the shared NER corpora ------------------------------------------------

#: Corpus tag labels → label family: PER (persons), LOC (places), ORG, or other labels as is.
LABEL_FAMILY: Final = {"PERSON": "PER", "PER": "PER", "GPE": "LOC", "LOC": "LOC", "ORG": "ORG"}
_RIFAT_FILES: Final = ("train_data.txt", "test_data.txt")


@dataclass(frozen=True, slots=True)
class TaggedSentence:
    """One sentence of a shared NER corpus with its tokens' character spans and tags.

    ``tokens`` are ``(start, end, tag)`` in ``text``; tags are the corpus's own (BILOU for
    banglakit, B-/I- for rifat1493). ``aligned`` is False when the tags could not be put on
    the text's tokens (then ``tokens`` is empty): banglakit sentences whose tag count differs
    from a punctuation-splitting tokenization.
    """

    corpus: str
    index: int  # position in the corpus (banglakit: line; rifat1493: train then test)
    text: str
    tokens: tuple[tuple[int, int, str], ...]
    aligned: bool = True

    def spans(self) -> list[tuple[int, int, str, int, int]]:
        """Entity spans ``(start, end, label, first_token, last_token + 1)``.

        ``label`` is the corpus label (PERSON, GPE, LOC, ORG, DATE …). An ``I-`` tag that does
        not continue a span of the same label starts one (rifat1493's annotation has those).
        """
        out: list[tuple[int, int, str, int, int]] = []
        cur: tuple[int, int, str, int, int] | None = None  # start, end, label, k0, k1
        for k, (s, e, tag) in enumerate(self.tokens):
            if tag == "O" or "-" not in tag:
                if cur is not None:
                    out.append(cur)
                    cur = None
                continue
            pos, label = tag.split("-", 1)
            if cur is not None and pos in ("I", "L") and cur[2] == label:
                cur = (cur[0], e, label, cur[3], k + 1)
            else:
                if cur is not None:
                    out.append(cur)
                cur = (s, e, label, k, k + 1)
            if pos in ("L", "U"):
                out.append(cur)
                cur = None
        if cur is not None:
            out.append(cur)
        return out


def _banglakit_tokenizer() -> Any:
    import regex

    word = r"[\p{L}\p{M}\p{N}\u200c\u200d]"
    return regex.compile(rf"{word}+|[^\s\p{{L}}\p{{M}}\p{{N}}\u200c\u200d]")


def iter_tagged_sentences(corpora: Iterable[str] = NER_FOLDERS) -> Iterator[TaggedSentence]:
    """Every sentence of the shared NER corpora, in corpus order, with token spans and tags.

    banglakit ``main.jsonl`` (one ``[sentence, tags]`` per line): the sentence as written;
    tags are put on a tokenization that splits words from punctuation, and sentences where
    the counts differ come with ``aligned=False`` (about 5%). rifat1493 ``train_data.txt``
    then ``test_data.txt`` (token TAB tag, blank line between sentences): the tokens joined by
    single spaces (as the corpus is distributed, punctuation stands apart). Yields nothing
    for a corpus that is missing.
    """
    for corpus in corpora:
        folder = SHARED_DATA / corpus
        if corpus == "banglakit-bengali-ner":
            path = folder / "main.jsonl"
            if not path.exists():
                continue
            tok = _banglakit_tokenizer()
            with open(path, encoding="utf-8-sig") as f:
                for i, line in enumerate(f):
                    if not line.strip():
                        continue
                    text, tags = json.loads(line)
                    ms = list(tok.finditer(text))
                    if len(ms) != len(tags):
                        yield TaggedSentence(corpus, i, text, (), aligned=False)
                        continue
                    yield TaggedSentence(corpus, i, text, tuple(
                        (m.start(), m.end(), t) for m, t in zip(ms, tags, strict=True)))
        elif corpus == "rifat1493-bengali-ner":
            index = 0
            for name in _RIFAT_FILES:
                path = folder / name
                if not path.exists():
                    continue
                toks: list[tuple[str, str]] = []
                with open(path, encoding="utf-8-sig") as f:
                    lines = [*f, "\n"]
                for line in lines:
                    line = line.rstrip("\n").lstrip("\ufeff")
                    if line.strip():
                        token, _, tag = line.partition("\t")
                        if token.strip():
                            toks.append((token.strip(), tag.strip() or "O"))
                        continue
                    if not toks:
                        continue
                    parts: list[tuple[int, int, str]] = []
                    pos = 0
                    for token, tag in toks:
                        parts.append((pos, pos + len(token), tag))
                        pos += len(token) + 1
                    yield TaggedSentence(corpus, index, " ".join(t for t, _ in toks),
                                         tuple(parts))
                    index += 1
                    toks = []


def shared_sentences(corpora: Iterable[str] = NER_FOLDERS) -> list[str]:
    """The text of every sentence of the shared NER corpora, in corpus order."""
    return [s.text for s in iter_tagged_sentences(corpora)]


def shared_documents(per_doc: int = 5, corpora: Iterable[str] = NER_FOLDERS) -> list[str]:
    """The shared sentences grouped into documents of ``per_doc`` consecutive sentences
    (each corpus separately, joined by a space: the corpora keep articles' sentence order)."""
    docs: list[str] = []
    for corpus in corpora:
        sents = shared_sentences((corpus,))
        docs.extend(" ".join(sents[i:i + per_doc]) for i in range(0, len(sents), per_doc))
    return docs


def utf8_mb(texts: Iterable[str]) -> float:
    """Total UTF-8 size of ``texts`` in MB (10^6 bytes)."""
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


def git_state(*paths: str) -> dict[str, Any]:
    """The commit of the repository and whether ``paths`` (default ``bnentity``) have
    uncommitted changes — results measured on a dirty tree are not reproducible from the
    commit alone. ``None`` values when git is unavailable."""
    where = list(paths) or ["bnentity"]
    try:
        commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True, timeout=5,
                                check=False).stdout.strip() or None
        status = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--",
                                 *where], capture_output=True, text=True, timeout=10,
                                check=False)
        dirty = bool(status.stdout.strip()) if status.returncode == 0 else None
    except (OSError, subprocess.SubprocessError):
        commit, dirty = None, None
    return {"commit": commit, "paths": where, "uncommitted_changes": dirty}
