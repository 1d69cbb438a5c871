"""The editors' subcommands: ``lint``, ``review``, ``apply``, ``export-tests``.

A thin layer over :mod:`bnentity.editors` (docs/editors.md is the manual). :func:`add_parsers`
adds the subcommands to the ``bnentity`` command's subparsers; each parser sets ``func`` (and
``handler``, the name :mod:`bnentity.cli.main` calls) to a function ``(args) -> int``.

Exit statuses: 0 ok; 1 findings or errors in the data (lint errors, decisions that could not
be applied, test cases that fail, unreadable corpus inputs); 2 usage (bad arguments, a
gazetteer that does not load, a malformed decisions file).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

__all__ = ["add_parsers", "cmd_apply", "cmd_export_tests", "cmd_lint", "cmd_review"]

EXIT_OK: Final = 0
EXIT_DATA: Final = 1
EXIT_USAGE: Final = 2
_PROG: Final = "bnentity"


def _err(msg: str) -> None:
    print(f"{_PROG}: {msg}", file=sys.stderr)


def _default_paths(paths: Sequence[str]) -> list[str]:
    if paths:
        return list(paths)
    from bnentity.gazetteer.bundled import bundled_path

    return [str(bundled_path())]


def _set(parser: argparse.ArgumentParser, fn: Any, command: str) -> None:
    parser.set_defaults(func=fn, handler=fn, parser=parser, command=command)


def add_parsers(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``lint``, ``review``, ``apply`` and ``export-tests`` to ``subparsers``."""
    p = subparsers.add_parser(
        "lint", help="check gazetteer files: every finding with file:line, code and fix hint",
        description="Check gazetteer files (default: the bundled ones). Exit 1 when there are "
                    "errors; warnings alone exit 0. Codes: docs/editors.md.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="gazetteer files or folders")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="text (default) or json (a list of problems, for tools)")
    p.add_argument("--ignore", action="append", default=[], metavar="CODE",
                   help="leave out findings with this code (repeatable), e.g. --ignore L208")
    p.add_argument("--errors-only", action="store_true", help="leave out warnings")
    _set(p, cmd_lint, "lint")

    p = subparsers.add_parser(
        "review", help="build the review queue (JSON + HTML page) from a corpus",
        description="Read a corpus and write a ranked review queue: spellings the resolver "
                    "links but the gazetteer does not list, and clusters of unknown names.")
    p.add_argument("corpus", nargs="+", metavar="CORPUS",
                   help="text/JSONL/CoNLL files, folders, or - for standard input")
    p.add_argument("-g", "--gazetteer", action="append", default=[], metavar="PATH",
                   help="gazetteer file or folder (repeatable; default: the bundled ones)")
    p.add_argument("--format", choices=("auto", "jsonl", "lines", "text", "conll"),
                   default="auto", help="how to read the corpus (default: by file name: "
                   "*.jsonl → jsonl, *.conll → conll, else one document per line)")
    p.add_argument("--field", default="text",
                   help="JSONL field holding the text (default: text; an array line gives "
                        "its first string)")
    p.add_argument("-o", "--output", default="review", metavar="STEM",
                   help="write STEM.json and STEM.html (default: review)")
    p.add_argument("--log", action="append", default=[], metavar="FILE",
                   help="decisions log(s) whose rejections are skipped (default: "
                        "decisions.jsonl beside the first gazetteer, when it exists)")
    p.add_argument("--min-count", type=int, default=1, metavar="N",
                   help="leave out rows seen fewer than N times (default 1)")
    p.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                   help="worker processes (default 1; the queue is the same for any N)")
    p.add_argument("--no-html", action="store_true", help="write only the JSON queue")
    _set(p, cmd_review, "review")

    p = subparsers.add_parser(
        "apply", help="apply decisions to the YAML files with minimal diffs",
        description="Apply decisions (JSONL: add_alias, new_entity, merge, reject) to the "
                    "gazetteer files, keeping comments and layout; append them to the "
                    "decisions log. Idempotent: the log itself can be replayed.")
    p.add_argument("decisions", nargs="+", metavar="DECISIONS",
                   help="decision files (JSONL), or - for standard input")
    p.add_argument("-g", "--gazetteer", action="append", default=[], metavar="PATH",
                   help="gazetteer files or folders to edit (default: the bundled folder)")
    p.add_argument("--dry-run", action="store_true",
                   help="print the unified diff; write nothing")
    p.add_argument("--log", default=None, metavar="FILE",
                   help="decisions log to append to (default: decisions.jsonl beside the "
                        "first gazetteer; --no-log for none)")
    p.add_argument("--no-log", action="store_true", help="do not append to a decisions log")
    p.add_argument("--editor", default="", help="name recorded in decisions that have none")
    p.add_argument("--allow-reformat", action="store_true",
                   help="edit files ruamel.yaml cannot reproduce byte for byte (A306)")
    _set(p, cmd_apply, "apply")

    p = subparsers.add_parser(
        "export-tests", help="decisions → regression test cases (JSONL)",
        description="Turn decisions into test cases: accepted spellings must resolve to their "
                    "entity, rejected ones must not. With --check, run them against the "
                    "gazetteer and exit 1 if any fails.")
    p.add_argument("decisions", nargs="+", metavar="DECISIONS")
    p.add_argument("-o", "--output", default="-", metavar="FILE",
                   help="where to write the cases (default: standard output)")
    p.add_argument("--check", action="store_true",
                   help="resolve every case with the gazetteer and report failures")
    p.add_argument("-g", "--gazetteer", action="append", default=[], metavar="PATH",
                   help="gazetteer for --check (default: the bundled ones)")
    _set(p, cmd_export_tests, "export-tests")


# -- lint ------------------------------------------------------------------------------------

def cmd_lint(args: argparse.Namespace) -> int:
    """``bnentity lint``."""
    from bnentity.editors.lint import format_problems, lint

    paths = _default_paths(args.paths)
    problems = [p for p in lint(paths) if p.code not in set(args.ignore)
                and (not args.errors_only or p.severity == "error")]
    errors = sum(1 for p in problems if p.severity == "error")
    if args.format == "json":
        print(json.dumps([p.to_dict() for p in problems], ensure_ascii=False, indent=1))
    else:
        if problems:
            print(format_problems(problems))
        warns = len(problems) - errors
        print(f"{errors} error{'s' if errors != 1 else ''}, {warns} warning"
              f"{'s' if warns != 1 else ''}", file=sys.stderr)
    return EXIT_DATA if errors else EXIT_OK


# -- review ----------------------------------------------------------------------------------

def _load_resolver(paths: list[str]) -> Any:
    from bnentity.matching.resolver import Resolver

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        resolver = Resolver.from_paths(*paths)
    for w in caught:
        _err(f"warning: {w.message}")
    return resolver


def cmd_review(args: argparse.Namespace) -> int:
    """``bnentity review``."""
    from bnentity.editors.apply import default_log_path
    from bnentity.editors.decisions import DecisionError
    from bnentity.editors.report_html import write_html
    from bnentity.editors.review import CorpusError, iter_documents, rejected_from_log, review
    from bnentity.errors import GazetteerError

    if args.min_count < 1 or args.jobs < 1:
        _err("review: --min-count and --jobs must be at least 1")
        return EXIT_USAGE
    paths = _default_paths(args.gazetteer)
    try:
        resolver = _load_resolver(paths)
    except GazetteerError as e:
        for problem in e.problems:
            print(problem, file=sys.stderr)
        return EXIT_USAGE
    logs = args.log or [str(default_log_path(paths))]
    try:
        rejected = rejected_from_log(logs)
    except DecisionError as e:
        _err(f"review: {e}")
        return EXIT_USAGE
    errors: list[str] = []
    t0 = time.perf_counter()
    try:
        docs = iter_documents(args.corpus, fmt=args.format, field=args.field, errors=errors)
        queue = review(docs, resolver, rejected=rejected, min_count=args.min_count,
                       jobs=args.jobs, gazetteer_paths=paths)
    except CorpusError as e:
        _err(f"review: {e}")
        return EXIT_USAGE
    out = Path(args.output)
    json_path = out.with_name(out.name + ".json")
    queue.write(json_path)
    written = [str(json_path)]
    if not args.no_html:
        html_path = out.with_name(out.name + ".html")
        write_html(queue.to_dict(), html_path)
        written.append(str(html_path))
    for message in errors:
        _err(f"review: skipped {message}")
    s = queue.stats
    print(f"{s['documents']} documents in {time.perf_counter() - t0:.1f} s: "
          f"{s['unlisted_rows']} accepted-but-unlisted rows, {s['unknown_rows']} unknown-name "
          f"clusters → {', '.join(written)}", file=sys.stderr)
    return EXIT_DATA if errors else EXIT_OK


# -- apply -----------------------------------------------------------------------------------

def _read_decision_files(files: Sequence[str]) -> list[Any]:
    from bnentity.editors.decisions import read_decisions

    out: list[Any] = []
    for f in files:
        if f == "-":
            out.extend(read_decisions(sys.stdin, "<stdin>"))
        else:
            with open(f, encoding="utf-8") as fh:
                out.extend(read_decisions(fh, f))
    return out


def cmd_apply(args: argparse.Namespace) -> int:
    """``bnentity apply``."""
    from bnentity.editors.apply import apply_decisions
    from bnentity.editors.decisions import DecisionError
    from bnentity.editors.lint import format_problems
    from bnentity.editors.yamledit import YamlEditError

    try:
        decisions = _read_decision_files(args.decisions)
    except (DecisionError, OSError) as e:
        _err(f"apply: {e}")
        return EXIT_USAGE
    paths = _default_paths(args.gazetteer)
    log = "" if args.no_log else args.log
    try:
        result = apply_decisions(decisions, paths, dry_run=args.dry_run, log=log,
                                 allow_reformat=args.allow_reformat, editor=args.editor)
    except YamlEditError as e:
        _err(f"apply: {e}")
        return EXIT_USAGE
    if args.dry_run:
        sys.stdout.write(result.diff)
    for c in result.changes:
        print(("would: " if args.dry_run or not result.ok else "") + str(c), file=sys.stderr)
    if result.problems:
        print(format_problems(result.problems), file=sys.stderr)
    if not result.ok:
        _err("apply: nothing was written (fix the errors above)")
        return EXIT_DATA
    if not args.dry_run:
        print(f"{len(result.written)} file(s) written, {len(result.logged)} decision(s) "
              "logged", file=sys.stderr)
    return EXIT_OK


# -- export-tests ----------------------------------------------------------------------------

def cmd_export_tests(args: argparse.Namespace) -> int:
    """``bnentity export-tests``."""
    from bnentity.editors.decisions import DecisionError
    from bnentity.editors.export import check_cases, decisions_to_cases
    from bnentity.errors import GazetteerError

    try:
        cases = decisions_to_cases(_read_decision_files(args.decisions))
    except (DecisionError, OSError) as e:
        _err(f"export-tests: {e}")
        return EXIT_USAGE
    text = "".join(json.dumps(c.to_dict(), ensure_ascii=False) + "\n" for c in cases)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        from bnentity.editors.yamledit import atomic_write

        atomic_write(args.output, text.encode("utf-8"))
    if not args.check:
        return EXIT_OK
    try:
        resolver = _load_resolver(_default_paths(args.gazetteer))
    except GazetteerError as e:
        for problem in e.problems:
            print(problem, file=sys.stderr)
        return EXIT_USAGE
    failures = check_cases(cases, resolver)
    for case, why in failures:
        print(f"FAIL {case.query!r}: {why}", file=sys.stderr)
    print(f"{len(cases) - len(failures)} passed, {len(failures)} failed", file=sys.stderr)
    return EXIT_DATA if failures else EXIT_OK
