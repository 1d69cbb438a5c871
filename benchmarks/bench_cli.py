"""Documents per second of ``bnentity find`` on real news text, with 1 and 2 workers (issue 6).

Run from the repository root:

    python benchmarks/bench_cli.py                       # 1 and 2 workers, 3 runs each
    python benchmarks/bench_cli.py --runs 5 --workers 1 2 4
    python benchmarks/bench_cli.py --corpus banglakit    # only main.jsonl (709 documents)
    python benchmarks/bench_cli.py --copies 3            # text seen again: warm caches

Data (../shared/data; override the folder with BNENTITY_SHARED_DATA):

* banglakit-bengali-ner/main.jsonl — 3,545 news sentences, one JSON array ``[sentence, tags]``
  per line;
* rifat1493-bengali-ner/{train,test}_data.txt — 6,561 news sentences, one ``token<TAB>tag``
  per line, blank line between sentences (tokens are joined with spaces, so punctuation is
  spaced out; still real news text). Used with ``--corpus all`` (the default) when present.

Sentences are grouped into documents of 5 consecutive sentences and written to a temporary
JSONL file of ``{"id": ..., "text": ...}`` records. If banglakit's main.jsonl is absent the
benchmark says so and exits 0.

Mind the caches: the resolver memoizes per word, and a word seen before costs far less than a
new one (in one process: ~55 documents/s over the first 300 new documents, ~140/s on new text
once the common words are cached, ~2,000/s on text seen before). Each worker process warms its
own caches, so N workers do somewhat more work in total than one (``cpu_s`` shows how much),
and repeating the corpus (``--copies K``, each copy grouped with a different offset) mostly
measures re-reading cached words, which hides the speed-up; the default (one copy) measures new
text, the honest case.

Mind the machine: on a shared machine other processes take CPU time. Before and after the
measurements a calibration runs a pure-Python loop in 1 and then 2 processes at once; its
``capacity`` = 2 x (time alone) / (wall time of the pair) is the speed-up 2 workers could get
at best at that moment (2.0 on two idle cores, 1.0 when only one core is free).

Each measurement runs the real command in a fresh process, as a user would:
``python -m bnentity.cli.main find --workers N --quiet docs.jsonl > FILE`` with the bundled
gazetteer; the worker counts alternate within each round so they see the same conditions.
Reported per worker count (median over ``--runs``):

* wall_s      — the whole command: interpreter start, imports, gazetteer load, pool start, work;
* startup_s   — the same command on a one-document file (everything but the work);
* cpu_s       — user + system CPU seconds of the command and its workers;
* docs_per_s  — documents / wall_s (what a user sees for this input size);
* steady_docs_per_s — documents / (wall_s - startup_s);
* max_rss_mib — the largest resident set of any process of the run (parent or worker);
* speedup, steady_speedup — relative to the first worker count (1);
* projected_speedup — N x cpu_s(1 worker) / cpu_s(N workers): the speed-up N idle cores would
  give, from the work actually done (per-worker cache warm-up and inter-process traffic
  included; the parent's own serial work is small). On a busy machine it is the number to
  read beside the measured one.

The outputs of all worker counts are compared byte for byte (order and content must not depend
on the number of workers). Results: benchmarks/results/cli.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._common import REPO, RESULTS_DIR, SHARED_DATA, format_table, write_json

SENTENCES_PER_DOC = 5
BANGLAKIT = SHARED_DATA / "banglakit-bengali-ner" / "main.jsonl"
RIFAT = SHARED_DATA / "rifat1493-bengali-ner"


def banglakit_sentences(path: Path) -> list[str]:
    out: list[str] = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                sentence = json.loads(line)[0]
                if isinstance(sentence, str) and sentence.strip():
                    out.append(sentence)
    return out


def rifat_sentences(folder: Path) -> list[str]:
    out: list[str] = []
    for name in ("train_data.txt", "test_data.txt"):
        path = folder / name
        if not path.exists():
            continue
        tokens: list[str] = []
        with path.open(encoding="utf-8-sig") as f:
            for line in f:
                token = line.rstrip("\n").split("\t")[0].strip()
                if token:
                    tokens.append(token)
                elif tokens:
                    out.append(" ".join(tokens))
                    tokens = []
        if tokens:
            out.append(" ".join(tokens))
    return out


def write_documents(corpora: dict[str, list[str]], copies: int, path: Path) -> int:
    """Documents of SENTENCES_PER_DOC sentences; copy k starts its grouping at offset k."""
    n = 0
    with path.open("w", encoding="utf-8") as f:
        for k in range(copies):
            shift = k % SENTENCES_PER_DOC
            for name, sentences in corpora.items():
                rotated = sentences[shift:] + sentences[:shift]
                for i in range(0, len(rotated), SENTENCES_PER_DOC):
                    text = " ".join(rotated[i:i + SENTENCES_PER_DOC])
                    doc = {"id": f"{name}-c{k}-d{i // SENTENCES_PER_DOC}", "text": text}
                    f.write(json.dumps(doc, ensure_ascii=False) + "\n")
                    n += 1
    return n


def run_find(path: Path, workers: int, out: Path) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (with workers) and max RSS (bytes) of one ``find`` run."""
    cmd = [sys.executable, "-m", "bnentity.cli.main", "find", "--workers", str(workers),
           "--quiet", str(path)]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with out.open("wb") as stdout, tempfile.TemporaryFile() as stderr:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=stdout, stderr=stderr, env=env, cwd=REPO)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            stderr.seek(0)
            raise SystemExit(f"bnentity find failed ({proc.returncode}): "
                             f"{stderr.read().decode(errors='replace')}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


def _burn(n: int) -> float:
    t0 = time.perf_counter()
    x = 0
    for i in range(n):
        x += i * i
    return time.perf_counter() - t0


def calibrate(n: int = 6_000_000) -> dict[str, float]:
    """How much parallel CPU the machine gives right now (see the module docstring)."""
    alone = min(_burn(n) for _ in range(2))
    with multiprocessing.get_context("fork").Pool(2) as pool:
        t0 = time.perf_counter()
        pool.map(_burn, [n, n], chunksize=1)
        pair = time.perf_counter() - t0
    return {"alone_s": alone, "pair_wall_s": pair, "capacity": 2 * alone / pair}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", choices=("all", "banglakit"), default="all",
                    help="all (default): banglakit and rifat1493 sentences; banglakit: only "
                         "main.jsonl")
    ap.add_argument("--copies", type=int, default=1,
                    help="copies of the corpus (default 1; more copies measure warm caches)")
    ap.add_argument("--runs", type=int, default=3, help="runs per worker count (median)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--output", type=Path, default=RESULTS_DIR / "cli.json")
    args = ap.parse_args(argv)

    if not BANGLAKIT.exists():
        print(f"bench_cli: {BANGLAKIT} is absent; nothing to measure (set "
              "BNENTITY_SHARED_DATA to the folder holding banglakit-bengali-ner/)")
        return 0
    corpora = {"banglakit": banglakit_sentences(BANGLAKIT)}
    if args.corpus == "all":
        rifat = rifat_sentences(RIFAT)
        if rifat:
            corpora["rifat1493"] = rifat
    n_sentences = {k: len(v) for k, v in corpora.items()}
    with tempfile.TemporaryDirectory(prefix="bench_cli_") as tmp:
        tmpdir = Path(tmp)
        docs = tmpdir / "docs.jsonl"
        n_docs = write_documents(corpora, args.copies, docs)
        one = tmpdir / "one.jsonl"
        with docs.open(encoding="utf-8") as f:
            one.write_text(f.readline(), encoding="utf-8")
        size = docs.stat().st_size
        print(f"sentences {n_sentences} -> {n_docs} documents ({size / 1e6:.1f} MB, "
              f"{size / n_docs / 1e3:.1f} kB each); {args.runs} runs per setting; "
              f"{os.cpu_count()} CPUs")
        cal_before = calibrate()
        print(f"machine capacity before: {cal_before['capacity']:.2f} (2.0 = two idle cores)")

        walls: dict[int, list[float]] = {w: [] for w in args.workers}
        cpus: dict[int, list[float]] = {w: [] for w in args.workers}
        rss: dict[int, list[int]] = {w: [] for w in args.workers}
        starts: dict[int, list[float]] = {w: [] for w in args.workers}
        digests: dict[int, set[str]] = {w: set() for w in args.workers}
        for r in range(args.runs):
            for w in args.workers:
                starts[w].append(run_find(one, w, tmpdir / "one.out")[0])
                out = tmpdir / f"out{w}.jsonl"
                wall, cpu, peak = run_find(docs, w, out)
                walls[w].append(wall)
                cpus[w].append(cpu)
                rss[w].append(peak)
                digests[w].add(hashlib.sha256(out.read_bytes()).hexdigest())
                print(f"  run {r + 1} workers={w}: {n_docs / wall:.1f} docs/s "
                      f"(wall {wall:.2f} s, cpu {cpu:.2f} s)")
        cal_after = calibrate()
        print(f"machine capacity after: {cal_after['capacity']:.2f}")

        results: dict[int, dict[str, Any]] = {}
        for w in args.workers:
            wall = statistics.median(walls[w])
            startup = statistics.median(starts[w])
            results[w] = {
                "workers": w, "documents": n_docs, "wall_s": wall, "walls_s": walls[w],
                "startup_s": startup, "cpu_s": statistics.median(cpus[w]),
                "docs_per_s": n_docs / wall,
                "steady_docs_per_s": n_docs / max(wall - startup, 1e-9),
                "max_rss_mib": max(rss[w]) / 2**20,
            }
        base = results[args.workers[0]]
        for res in results.values():
            res["speedup"] = res["docs_per_s"] / base["docs_per_s"]
            res["steady_speedup"] = res["steady_docs_per_s"] / base["steady_docs_per_s"]
            res["projected_speedup"] = res["workers"] * base["cpu_s"] / base["workers"] \
                / res["cpu_s"]
        same = len(set().union(*digests.values())) == 1

    print()
    print(format_table(
        ["workers", "docs", "wall s", "startup s", "cpu s", "docs/s", "steady docs/s",
         "speed-up", "steady speed-up", "projected", "max RSS MiB"],
        [[r["workers"], r["documents"], r["wall_s"], r["startup_s"], r["cpu_s"],
          r["docs_per_s"], r["steady_docs_per_s"], r["speedup"], r["steady_speedup"],
          r["projected_speedup"], r["max_rss_mib"]] for r in results.values()]))
    print(f"\noutputs identical across worker counts and runs: {same}")
    print(f"machine capacity (best possible 2-process speed-up now): before "
          f"{cal_before['capacity']:.2f}, after {cal_after['capacity']:.2f}; load average "
          f"{os.getloadavg()[0]:.2f}")
    if not same:
        print("WARNING: the output differs between worker counts or runs", file=sys.stderr)
    path = write_json(args.output, {
        "benchmark": "bnentity find (CLI) on real news sentences",
        "command": "python -m bnentity.cli.main find --workers N --quiet docs.jsonl",
        "corpora": {k: str(BANGLAKIT if k == "banglakit" else RIFAT) for k in corpora},
        "sentences": n_sentences, "sentences_per_document": SENTENCES_PER_DOC,
        "copies": args.copies, "documents": n_docs, "bytes": size, "runs": args.runs,
        "outputs_identical": same,
        "calibration_before": cal_before, "calibration_after": cal_after,
        "load_average_after": os.getloadavg(),
        "results": list(results.values()),
    })
    print(f"results: {path.relative_to(REPO) if path.is_relative_to(REPO) else path}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
