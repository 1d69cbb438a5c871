"""The ``bnentity`` command (``docs/cli.md`` is the user's manual).

Subcommands: ``resolve`` (names → entities), ``find`` (documents → mentions), ``rewrite``
(documents → canonical spellings or annotations), ``explain`` (a name → the resolver's story).
``lint``, ``review`` and ``apply`` belong to :mod:`bnentity.cli.editors` when it is installed:
it exports ``add_parsers(subparsers)``, and each parser it adds sets
``handler=fn`` with ``fn(args: argparse.Namespace) -> int`` (see :func:`add_gazetteer_options`
and :func:`resolver_spec` to share the gazetteer options).

Exit statuses: 0 success; 1 some records were rejected (the rest were processed); 2 usage
error or gazetteer error (nothing was processed); 3 the batch could not finish (an output
could not be written, a worker process died); 130 interrupted (Ctrl-C); 141 standard output
was closed early (``| head``), like a command killed by SIGPIPE.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import shutil
import stat
import sys
import time
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final, Protocol, TypeVar, cast

from bnentity.cli.batch import Failed, ResolverSpec, default_workers, get_resolver, ordered_map
from bnentity.cli.records import (
    FORMATS,
    STDIN,
    ReadOptions,
    Record,
    Rejected,
    Source,
    iter_names,
    iter_records,
)
from bnentity.errors import GazetteerError

if TYPE_CHECKING:
    from bnentity.matching.resolver import Resolver

__all__ = [
    "EXIT_FAILED",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_PIPE",
    "EXIT_REJECTED",
    "EXIT_USAGE",
    "add_gazetteer_options",
    "build_parser",
    "main",
    "resolver_spec",
    "run",
]

EXIT_OK: Final = 0
EXIT_REJECTED: Final = 1
EXIT_USAGE: Final = 2
EXIT_FAILED: Final = 3
EXIT_INTERRUPTED: Final = 130
EXIT_PIPE: Final = 141

PROG: Final = "bnentity"
_FLUSH_SECONDS: Final = 0.5

P = TypeVar("P")
R = TypeVar("R")


class UsageError(Exception):
    """A mistake on the command line found after parsing (exit 2, usage shown)."""


class Fatal(Exception):
    """The batch cannot go on: an output cannot be written, a worker died (exit 3)."""


class _Refused(Exception):
    """This record cannot be written where it should go; it is rejected with ``code``."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class _ByteSink(Protocol):
    def write(self, data: bytes, /) -> object: ...
    def flush(self) -> object: ...


class _TextAsBytes:
    """A byte sink over a text stream that has no binary buffer (a ``StringIO``)."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, data: bytes, /) -> int:
        return self.stream.write(data.decode("utf-8", "surrogateescape"))

    def flush(self) -> None:
        self.stream.flush()


def _stdout() -> _ByteSink:
    """Standard output as bytes: everything is written as UTF-8, whatever the locale says."""
    sys.stdout.flush()
    buf = getattr(sys.stdout, "buffer", None)
    return buf if buf is not None else _TextAsBytes(sys.stdout)


def _json_line(obj: object) -> bytes:
    """One JSON line, UTF-8. A lone surrogate (``"\\ud800"`` in the input) cannot be written as
    UTF-8; such a record is written with ASCII escapes instead, as it came in."""
    try:
        return (json.dumps(obj, ensure_ascii=False) + "\n").encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(obj) + "\n").encode("ascii")


def _raw(rec: Record) -> bytes:
    """The bytes a record was read from (for the errors file and pass-through)."""
    if rec.original is not None:
        return (rec.original + "\n").encode("utf-8", "surrogatepass")
    return (rec.text + rec.end).encode("utf-8", "surrogatepass")


# -- reporting ------------------------------------------------------------------------------

@dataclass(slots=True)
class Counts:
    """``read = written + rejected``, always; ``changed`` ≤ ``written``."""

    read: int = 0
    written: int = 0
    changed: int = 0
    rejected: int = 0
    passed: int = 0

    def summary(self) -> str:
        text = (f"read {self.read}, written {self.written}, changed {self.changed}, "
                f"rejected {self.rejected}")
        if self.passed:
            text += f" ({self.passed} rejected passed through unchanged)"
        return text


class Console:
    """Standard error: rejections (``FILE:LINE: [code] message``), the progress bar, the
    summary; and the ``--errors`` file, which receives each rejected record's raw bytes."""

    def __init__(self, command: str, *, quiet: bool, errors: IO[bytes] | None,
                 unit: str) -> None:
        self.command = command
        self.quiet = quiet
        self.errors = errors
        self.unit = unit
        self._bar: Any = None
        self._want_bar = not quiet and _isatty(sys.stderr)

    def say(self, text: str) -> None:
        if self._bar is not None:
            self._bar.write(text, file=sys.stderr)
        else:
            print(text, file=sys.stderr)

    def reject(self, r: Rejected, counts: Counts) -> None:
        counts.rejected += 1
        self.say(str(r))
        if self.errors is not None and r.raw is not None:
            raw = r.raw if r.raw.endswith(b"\n") else r.raw + b"\n"
            try:
                self.errors.write(raw)
            except OSError as e:
                raise Fatal(f"cannot write the errors file: {e.strerror or e}") from e

    def advance(self) -> None:
        if self._bar is None and self._want_bar:
            self._want_bar = False
            try:
                from tqdm import tqdm
            except ImportError:  # the optional extra 'progress' is not installed: no bar
                return
            tqdm.monitor_interval = 0  # no monitor thread
            self._bar = tqdm(unit=self.unit, file=sys.stderr, dynamic_ncols=True,
                             mininterval=0.25, leave=False)
        if self._bar is not None:
            self._bar.update(1)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        if self.errors is not None:
            try:
                self.errors.close()
            except OSError as e:
                raise Fatal(f"cannot write the errors file: {e.strerror or e}") from e

    def summary(self, counts: Counts, *, interrupted: bool = False) -> None:
        if not self.quiet or interrupted:
            state = "interrupted: " if interrupted else ""
            self.say(f"{PROG} {self.command}: {state}{counts.summary()}")


def _isatty(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError, OSError):
        return False


# -- options shared by subcommands ------------------------------------------------------------

def _whole_number(text: str, least: int, meaning: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if n < least:
        raise argparse.ArgumentTypeError(f"must be {meaning}: {text!r}")
    return n


def _positive_int(text: str) -> int:
    return _whole_number(text, 1, "at least 1")


def _workers(text: str) -> int:
    return _whole_number(text, 0, "0 (all cores) or more") or default_workers()


def _score(text: str) -> float:
    try:
        x = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 <= x <= 100:
        raise argparse.ArgumentTypeError(f"must be between 0 and 100: {text!r}")
    return x


def add_gazetteer_options(parser: argparse.ArgumentParser) -> None:
    """``--gazetteer PATH`` (repeatable), ``--with-bundled``, ``--min-score``, ``--margin``."""
    g = parser.add_argument_group("gazetteer")
    g.add_argument("-g", "--gazetteer", metavar="PATH", action="append", default=[],
                   help="gazetteer file or folder of *.yaml; repeatable. Replaces the bundled "
                        "gazetteers unless --with-bundled is given")
    g.add_argument("--with-bundled", action="store_true",
                   help="with --gazetteer: load the bundled gazetteers too (yours are added)")
    g.add_argument("--min-score", type=_score, metavar="0-100",
                   help="accept a match only from this score (default 85)")
    g.add_argument("--margin", type=_score, metavar="POINTS",
                   help="the best entity must lead the runner-up by this much (default 3)")


def resolver_spec(args: argparse.Namespace) -> ResolverSpec:
    """The :class:`ResolverSpec` of the gazetteer options of ``args``."""
    options: list[tuple[str, Any]] = []
    if args.min_score is not None:
        options.append(("min_score", args.min_score))
    if args.margin is not None:
        options.append(("margin", args.margin))
    return ResolverSpec(tuple(args.gazetteer), bool(args.with_bundled), tuple(options))


def _load(args: argparse.Namespace, spec: ResolverSpec) -> Resolver:
    """Load (or reuse) the resolver in this process; gazetteer warnings go to stderr."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            resolver = get_resolver(spec)
        except FileNotFoundError as e:  # the bundled gazetteers are missing (broken install)
            raise UsageError(str(e)) from e
    for w in caught:
        print(f"{PROG}: warning: {w.message}", file=sys.stderr)
    return resolver


def _add_batch_options(parser: argparse.ArgumentParser, *, chunk: int) -> None:
    g = parser.add_argument_group("batch")
    g.add_argument("-j", "--workers", type=_workers, default=None, metavar="N",
                   help="worker processes (default: all cores; 0 = all cores; 1 = no pool)")
    g.add_argument("--chunk-size", type=_positive_int, default=None, metavar="N",
                   help=f"records sent to a worker at a time (default {chunk})")
    g.add_argument("--line-buffered", action="store_true",
                   help="write each result as soon as it is ready (implies --chunk-size 1 "
                        "unless given): for live streams")
    g.add_argument("--errors", metavar="FILE",
                   help="write the raw bytes of every rejected record to FILE")
    g.add_argument("-q", "--quiet", action="store_true",
                   help="no progress bar and no summary (rejections are still reported)")
    parser.set_defaults(default_chunk=chunk)


def _add_document_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="*", metavar="FILE",
                        help="files, folders (read recursively) or - for standard input "
                             "(the default)")
    g = parser.add_argument_group("input")
    g.add_argument("-f", "--format", choices=FORMATS, default="auto",
                   help="input format: jsonl, text (a file is a document), lines (a line is a "
                        "document) or auto (default: *.jsonl/*.ndjson are jsonl, other files "
                        "text; stdin is jsonl if it starts with '{')")
    g.add_argument("--field", default="text", metavar="NAME",
                   help="JSONL: the field holding the text (default: text)")
    g.add_argument("--id-field", default="id", metavar="NAME",
                   help="the key of the document id (default: id)")


# -- the parser -----------------------------------------------------------------------------

_EPILOG = """\
examples:
  bnentity resolve ল্যাভরভের 'চো সন হুই'
  cut -f2 names.tsv | bnentity resolve --format table
  bnentity find --workers 8 articles.jsonl > mentions.jsonl
  bnentity rewrite --output-dir clean/ corpus/
  bnentity rewrite --in-place --style annotate notes.txt
  bnentity explain লাভরভের

exit status: 0 ok, 1 records rejected, 2 usage or gazetteer error, 3 could not finish,
130 interrupted, 141 output closed early.  Manual: docs/cli.md
"""


def build_parser() -> argparse.ArgumentParser:
    from bnentity import __version__

    parser = argparse.ArgumentParser(
        prog=PROG, formatter_class=argparse.RawDescriptionHelpFormatter, epilog=_EPILOG,
        description="Resolve every spelling and inflection of a Bengali name to one canonical "
                    "entity, in names and in running text.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    p = sub.add_parser("resolve", help="the entity of each name (JSONL or a table)",
                       description="Resolve each NAME (or each line of standard input) to an "
                                   "entity. One output line per name, in input order; a name "
                                   "that does not resolve has \"id\": null.")
    p.add_argument("names", nargs="*", metavar="NAME",
                   help="names to resolve; none or - reads one name per line from stdin")
    p.add_argument("-f", "--format", choices=("jsonl", "table"), default="jsonl",
                   help="output: jsonl (default) or an aligned table for people")
    p.add_argument("--candidates", type=int, default=0, metavar="N",
                   help="also list up to N ranked candidates per name")
    add_gazetteer_options(p)
    _add_batch_options(p, chunk=256)
    p.set_defaults(handler=_cmd_resolve, parser=p, command="resolve")

    p = sub.add_parser("find", help="mentions per document as JSONL",
                       description="Find every mention of a gazetteer entity in each document. "
                                   "One JSON line per document, in input order.")
    _add_document_options(p)
    g = p.add_argument_group("output")
    g.add_argument("--keep-text", action="store_true",
                   help="keep the document text in the output (under --field's name)")
    g.add_argument("--mentions-key", default="mentions", metavar="NAME",
                   help="the key of the mentions list (default: mentions)")
    add_gazetteer_options(p)
    _add_batch_options(p, chunk=16)
    p.set_defaults(handler=_cmd_find, parser=p, command="find")

    p = sub.add_parser("rewrite", help="documents with canonical spellings (or annotations)",
                       description="Write each document with every mention in its entity's "
                                   "canonical Bengali spelling (inflections kept), or "
                                   "annotated. Standard output by default; never overwrites "
                                   "an input without --in-place.")
    _add_document_options(p)
    g = p.add_argument_group("output")
    g.add_argument("--style", choices=("replace", "annotate"), default="replace",
                   help="replace (default): canonical spelling; annotate: [[surface|entity-id]]")
    g.add_argument("--expand-short", action="store_true",
                   help="write short forms in full (ল্যাভরভের → সের্গেই লাভরভের)")
    where = g.add_mutually_exclusive_group()
    where.add_argument("-o", "--output-dir", metavar="DIR",
                       help="write each input file below DIR (folder inputs mirrored)")
    where.add_argument("-i", "--in-place", action="store_true",
                       help="rewrite the input files themselves (only files whose text changed "
                            "are replaced; rejected records are kept)")
    g.add_argument("--pass-through-rejected", action="store_true",
                   help="write rejected records unchanged to the output too (default: only "
                        "to --errors)")
    add_gazetteer_options(p)
    _add_batch_options(p, chunk=16)
    p.set_defaults(handler=_cmd_rewrite, parser=p, command="rewrite")

    p = sub.add_parser("explain", help="how a name resolves, for people",
                       description="Explain how each NAME resolves: normalization, readings, "
                                   "candidates with scores, and the decision.")
    p.add_argument("names", nargs="+", metavar="NAME")
    p.add_argument("--json", action="store_true", help="one JSON object per name instead")
    add_gazetteer_options(p)
    p.set_defaults(handler=_cmd_explain, parser=p, command="explain")

    _add_editor_parsers(sub)
    return parser


def _add_editor_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The editors' subcommands (lint, review, apply), when :mod:`bnentity.cli.editors` exists."""
    try:
        editors = importlib.import_module("bnentity.cli.editors")
    except ModuleNotFoundError as e:
        if e.name != "bnentity.cli.editors":
            raise
        return
    editors.add_parsers(sub)


# -- entry points ---------------------------------------------------------------------------

def main(argv: Sequence[str] | None = None) -> int:
    """Run the command with ``argv`` (default ``sys.argv[1:]``); return the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # --help, --version, usage errors
        return e.code if isinstance(e.code, int) else (EXIT_OK if e.code is None else EXIT_USAGE)
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_usage(sys.stderr)
        print(f"{PROG}: error: a command is required ({PROG} --help lists them)",
              file=sys.stderr)
        return EXIT_USAGE
    command = getattr(args, "command", "")
    try:
        return int(handler(args))
    except UsageError as e:
        sub: argparse.ArgumentParser = getattr(args, "parser", parser)
        sub.print_usage(sys.stderr)
        print(f"{sub.prog}: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except GazetteerError as e:
        for problem in e.problems:
            print(problem, file=sys.stderr)
        n = len(e.problems)
        print(f"{PROG} {command}: {n} problem{'s' if n != 1 else ''} in the gazetteer; "
              "nothing was processed", file=sys.stderr)
        return EXIT_USAGE
    except Fatal as e:
        print(f"{PROG} {command}: error: {e}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_PIPE


def run() -> None:
    """The console script: ``sys.exit(main())``."""
    status = main()
    if status == EXIT_PIPE:
        # Bytes still buffered for the closed pipe would raise again at exit: send them to
        # /dev/null (the recipe of the Python docs for SIGPIPE).
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
    sys.exit(status)


# -- shared batch machinery -----------------------------------------------------------------

def _open_errors(args: argparse.Namespace, inputs: Sequence[str] = ()) -> IO[bytes] | None:
    """Open (truncate) the ``--errors`` file, refusing one that is, or may be, an input."""
    if not args.errors:
        return None
    path = Path(args.errors)
    real = os.path.realpath(path)
    for arg in inputs:
        if arg == STDIN:
            continue
        if os.path.isdir(arg):
            d = os.path.realpath(arg).rstrip(os.sep) + os.sep
            if real.startswith(d):
                raise UsageError(f"--errors {path} is inside the input folder {arg}")
        elif _same_file(path, arg):
            raise UsageError(f"--errors {path} is an input file: it would be overwritten")
    try:
        return open(args.errors, "wb")
    except OSError as e:
        raise UsageError(f"cannot open --errors {args.errors}: {e.strerror or e}") from e


def _identity(fd_or_stream: object) -> tuple[int, int] | None:
    """``(st_dev, st_ino)`` of an open regular file, else ``None``."""
    try:
        fd = fd_or_stream if isinstance(fd_or_stream, int) else \
            fd_or_stream.fileno()  # type: ignore[attr-defined]
        st = os.fstat(fd)
    except (AttributeError, OSError, ValueError):
        return None
    return (st.st_dev, st.st_ino) if stat.S_ISREG(st.st_mode) else None


def _forbidden(*streams: object) -> frozenset[tuple[int, int]]:
    return frozenset(i for s in streams if s is not None and (i := _identity(s)) is not None)


def _read_options(args: argparse.Namespace, errors: IO[bytes] | None, *,
                  documents: bool = True) -> ReadOptions:
    if not documents:  # resolve: names, one per line
        return ReadOptions(format="lines", forbidden=_forbidden(sys.stdout, errors))
    return ReadOptions(format=args.format, field=args.field, id_field=args.id_field,
                       forbidden=_forbidden(sys.stdout, errors))


def _need_input(args: argparse.Namespace, given: Sequence[str]) -> None:
    if not given and _isatty(sys.stdin):
        raise UsageError("no input: give FILE… (or NAME…), or pipe data to standard input")


def _batch(args: argparse.Namespace, console: Console, counts: Counts,
           items: Iterable[Record | Rejected], task: Callable[[Resolver, P], R],
           payload: Callable[[Record], P],
           emit: Callable[[Record, R], bool],
           on_reject: Callable[[Rejected], None] | None = None,
           flush: Callable[[], object] | None = None) -> None:
    """Run ``task`` over the records in parallel and hand each result, in input order, to
    ``emit`` (which writes it and says whether the record changed). Counts everything."""
    spec = resolver_spec(args)
    _load(args, spec)
    workers = args.workers if args.workers is not None else default_workers()
    chunk = args.chunk_size or (1 if args.line_buffered else args.default_chunk)

    def to_payload(item: Record | Rejected) -> P | None:
        return None if isinstance(item, Rejected) else payload(item)

    last_flush = time.monotonic()
    done = False
    try:
        for item, result in ordered_map(task, items, to_payload, spec, workers=workers,
                                        chunk_size=chunk):
            counts.read += 1
            if isinstance(item, Rejected):
                console.reject(item, counts)
                if on_reject is not None:
                    on_reject(item)
            elif isinstance(result, Failed):
                console.reject(Rejected(item.src, item.line, "internal-error", result.message,
                                        _raw(item)), counts)
            else:
                try:
                    # A record always has a payload, so this is the task's value (which may
                    # itself be None: rewrite's "unchanged").
                    changed = emit(item, cast(R, result))
                except _Refused as e:
                    console.reject(Rejected(item.src, item.line, e.code, str(e), _raw(item)),
                                   counts)
                else:
                    counts.written += 1
                    counts.changed += bool(changed)
            console.advance()
            if flush is not None and (args.line_buffered or
                                      time.monotonic() - last_flush > _FLUSH_SECONDS):
                flush()
                last_flush = time.monotonic()
        if flush is not None:
            flush()
        done = True
    except KeyboardInterrupt:
        console.summary(counts, interrupted=True)
        raise
    except BrokenProcessPool as e:
        raise Fatal(f"a worker process died unexpectedly ({e}); the output is incomplete") \
            from e
    except OSError as e:
        if isinstance(e, BrokenPipeError):
            raise
        raise Fatal(f"cannot write the output: {e.strerror or e}") from e
    finally:
        console.close()
    if done:
        console.summary(counts)


def _status(counts: Counts) -> int:
    return EXIT_REJECTED if counts.rejected else EXIT_OK


# -- resolve ----------------------------------------------------------------------------------

def resolve_task(resolver: Resolver, name: str, *, candidates: int = 0,
                 ) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """Worker task of ``resolve``: the match and up to ``candidates`` ranked candidates."""
    m = resolver.resolve(name)
    cands = [c.to_dict() for c in resolver.candidates(name, limit=candidates)] \
        if candidates > 0 else []
    return (m.to_dict() if m else None), cands


def _cmd_resolve(args: argparse.Namespace) -> int:
    if args.candidates < 0:
        raise UsageError("--candidates must be 0 or more")
    _need_input(args, args.names)
    errors = _open_errors(args)
    console = Console("resolve", quiet=args.quiet, errors=errors, unit="name")
    counts = Counts()
    out = _stdout()
    table = args.format == "table"
    rows: list[tuple[str, ...]] = []

    def emit(rec: Record, result: tuple[dict[str, Any] | None, list[dict[str, Any]]]) -> bool:
        match, cands = result
        if table:
            rows.append(_table_row(rec.text, match))
            rows.extend(_table_row("  candidate", c) for c in cands)
        else:
            obj: dict[str, Any] = {"query": rec.text, **(match or {"id": None})}
            if args.candidates:
                obj["candidates"] = cands
            out.write(_json_line(obj))
        return match is not None

    items = iter_names(args.names, _read_options(args, errors, documents=False))
    _batch(args, console, counts, items, partial(resolve_task, candidates=args.candidates),
           lambda rec: rec.text, emit, flush=None if table else out.flush)
    if table:
        out.write(_format_table(("query", "id", "score", "method", "bn"), rows).encode())
        out.flush()
    return _status(counts)


def _table_row(query: str, m: dict[str, Any] | None) -> tuple[str, ...]:
    if m is None:
        return (query, "-", "", "", "")
    return (query, m["id"], f"{m['score']:.2f}", m["method"], m["bn"] or "")


def _cell_width(text: str) -> int:
    """Terminal cells: combining marks take none, wide East Asian characters two."""
    width = 0
    for c in text:
        if unicodedata.category(c) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1
    return width


def _format_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max([_cell_width(h), *(_cell_width(r[i]) for r in rows)])
              for i, h in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c + " " * (w - _cell_width(c))
                         for c, w in zip(cells, widths, strict=True)).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]),
                      *(line(r) for r in rows)]) + "\n"


# -- find -------------------------------------------------------------------------------------

def find_task(resolver: Resolver, text: str) -> list[dict[str, Any]]:
    """Worker task of ``find``: every mention as a dict (``Mention.to_dict()``)."""
    return [m.to_dict() for m in resolver.find(text)]


def _check_keys(args: argparse.Namespace) -> None:
    keys = {"--field": args.field, "--id-field": args.id_field}
    if hasattr(args, "mentions_key"):
        keys["--mentions-key"] = args.mentions_key
    if len(set(keys.values())) != len(keys):
        raise UsageError(f"{', '.join(keys)} must all differ "
                         f"(got {', '.join(f'{k} {v}' for k, v in keys.items())})")


def _cmd_find(args: argparse.Namespace) -> int:
    _check_keys(args)
    _need_input(args, args.inputs)
    errors = _open_errors(args, args.inputs)
    console = Console("find", quiet=args.quiet, errors=errors, unit="doc")
    counts = Counts()
    out = _stdout()
    key, fld, id_field = args.mentions_key, args.field, args.id_field

    def checked(items: Iterable[Record | Rejected]) -> Iterator[Record | Rejected]:
        for item in items:
            if isinstance(item, Record) and item.obj is not None and key in item.obj:
                yield Rejected(item.src, item.line, "key-collision",
                               f"the record already has a {key!r} key; choose another "
                               "with --mentions-key", _raw(item))
            else:
                yield item

    def emit(rec: Record, mentions: list[dict[str, Any]]) -> bool:
        obj: dict[str, Any]
        if rec.obj is None:
            obj = {id_field: rec.id}
            if args.keep_text:
                obj[fld] = rec.text
        else:
            obj = {} if id_field in rec.obj else {id_field: rec.id}
            obj.update((k, v) for k, v in rec.obj.items() if args.keep_text or k != fld)
        obj[key] = mentions
        out.write(_json_line(obj))
        return bool(mentions)

    items = checked(iter_records(args.inputs or [STDIN], _read_options(args, errors)))
    _batch(args, console, counts, items, find_task, lambda rec: rec.text, emit,
           flush=out.flush)
    return _status(counts)


# -- rewrite ----------------------------------------------------------------------------------

def rewrite_task(resolver: Resolver, text: str, *, style: str = "replace",
                 expand_short: bool = False) -> str | None:
    """Worker task of ``rewrite``: the new text, or ``None`` when nothing changed."""
    new = resolver.rewrite(text, style="annotate" if style == "annotate" else "replace",
                           expand_short=expand_short)
    return None if new == text else new


@dataclass(slots=True)
class _OpenOutput:
    serial: int
    name: str
    target: Path
    tmp: Path
    fh: IO[bytes]
    changed: bool = False


class _TreeOutput:
    """Output files below ``--output-dir`` or, with ``--in-place``, the inputs themselves.

    Each output is written to a hidden temporary file beside it and renamed over the target
    when its input is finished, so a reader never sees half a file and an interrupted run
    leaves the old file intact. In place, a file whose text did not change is not touched
    (its modification time stays); a replaced file keeps its permission bits; a symbolic link
    is followed (the file it points to is rewritten, the link stays).
    """

    def __init__(self, out_dir: Path | None) -> None:
        self.out_dir = out_dir
        self.cur: _OpenOutput | None = None
        self.used: dict[str, tuple[int, str]] = {}

    def _target(self, src: Source) -> Path:
        if self.out_dir is None:
            assert src.path is not None
            return Path(os.path.realpath(src.path))
        assert src.rel is not None
        return self.out_dir / src.rel

    def write(self, src: Source, data: bytes, *, changed: bool) -> None:
        if self.cur is None or self.cur.serial != src.serial:
            self.finish()
            self.cur = self._open(src)
        try:
            self.cur.fh.write(data)
        except OSError as e:
            raise Fatal(f"cannot write {self.cur.target}: {e.strerror or e}") from e
        self.cur.changed |= changed

    def _open(self, src: Source) -> _OpenOutput:
        target = self._target(src)
        key = str(target)
        prior = self.used.get(key)
        if prior is not None and prior[0] != src.serial:
            raise _Refused("output-collision",
                           f"{target} is already the output of {prior[1]}; not written")
        if self.out_dir is not None and src.path is not None and _same_file(target, src.path):
            raise _Refused("would-overwrite-input",
                           f"{target} is the input itself; use --in-place to rewrite it")
        tmp = target.parent / f".{target.name}.bnentity-{os.getpid()}.tmp"
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fh = open(tmp, "wb")  # noqa: SIM115 - closed in finish()/abort()
        except OSError as e:
            raise Fatal(f"cannot write {target}: {e.strerror or e}") from e
        self.used[key] = (src.serial, src.name)
        return _OpenOutput(src.serial, src.name, target, tmp, fh)

    def finish(self) -> None:
        cur, self.cur = self.cur, None
        if cur is None:
            return
        try:
            cur.fh.close()
            if self.out_dir is None and not cur.changed:
                cur.tmp.unlink()
                return
            if self.out_dir is None:
                shutil.copymode(cur.target, cur.tmp)
            os.replace(cur.tmp, cur.target)
        except OSError as e:
            cur.tmp.unlink(missing_ok=True)
            raise Fatal(f"cannot write {cur.target}: {e.strerror or e}") from e

    def abort(self) -> None:
        cur, self.cur = self.cur, None
        if cur is not None:
            cur.fh.close()
            cur.tmp.unlink(missing_ok=True)


def _same_file(a: str | Path, b: str | Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _check_rewrite_targets(args: argparse.Namespace, inputs: Sequence[str]) -> None:
    if args.in_place:
        if STDIN in inputs:
            raise UsageError("--in-place needs files: standard input cannot be rewritten in "
                             "place (write to standard output instead)")
        return
    if args.output_dir is None:
        return
    if STDIN in inputs:
        raise UsageError("standard input cannot be written to --output-dir; leave out "
                         "--output-dir to write it to standard output")
    out = Path(args.output_dir)
    if out.exists() and not out.is_dir():
        raise UsageError(f"--output-dir {out} exists and is not a folder")
    out_real = os.path.realpath(out)
    for arg in inputs:
        if os.path.isdir(arg):
            d = os.path.realpath(arg)
            if out_real == d or out_real.startswith(d.rstrip(os.sep) + os.sep):
                raise UsageError(f"--output-dir {out} is inside the input folder {arg}: its "
                                 "files would be overwritten or read back as input")
        elif _same_file(out / os.path.basename(arg.rstrip(os.sep)), arg):
            raise UsageError(f"{arg} would be overwritten by its own output in {out}; use "
                             "--in-place to rewrite files in place")


def _cmd_rewrite(args: argparse.Namespace) -> int:
    _check_keys(args)
    inputs = args.inputs or [STDIN]
    _check_rewrite_targets(args, inputs)
    _need_input(args, args.inputs)
    errors = _open_errors(args, inputs)
    console = Console("rewrite", quiet=args.quiet, errors=errors, unit="doc")
    counts = Counts()
    fld = args.field
    in_place: bool = args.in_place
    # In place, a rejected line is always kept: rewriting a file must never lose a line of it.
    pass_through: bool = args.pass_through_rejected or in_place
    tree = _TreeOutput(Path(args.output_dir) if args.output_dir else None) \
        if (in_place or args.output_dir) else None
    out = _stdout() if tree is None else None

    def put(src: Source, data: bytes, changed: bool) -> None:
        if tree is not None:
            tree.write(src, data, changed=changed)
        else:
            assert out is not None
            out.write(data)

    def emit(rec: Record, new_text: str | None) -> bool:
        changed = new_text is not None
        if in_place and rec.line == 0 and not changed:
            return False  # an unchanged whole file is left alone
        if rec.obj is not None:
            if changed:
                data = _json_line({**rec.obj, fld: new_text})
            else:
                data = (rec.original or "").encode("utf-8", "surrogatepass") + b"\n"
        else:
            data = ((rec.text if new_text is None else new_text) + rec.end).encode("utf-8")
        put(rec.src, data, changed)
        return changed

    def on_reject(r: Rejected) -> None:
        if not pass_through or r.raw is None:
            return
        if in_place and r.whole:
            return  # a whole file that cannot be read as text is left as it is
        if tree is not None and r.src.rel is None and not in_place:
            return
        put(r.src, r.raw, False)
        counts.passed += 1

    options = _read_options(args, errors)
    items = iter_records(inputs, options)
    task = partial(rewrite_task, style=args.style, expand_short=args.expand_short)
    try:
        _batch(args, console, counts, items, task, lambda rec: rec.text, emit, on_reject,
               flush=out.flush if out is not None else None)
    except BaseException:
        if tree is not None:
            tree.abort()
        raise
    if tree is not None:
        tree.finish()
    return _status(counts)


# -- explain ----------------------------------------------------------------------------------

def _cmd_explain(args: argparse.Namespace) -> int:
    resolver = _load(args, resolver_spec(args))
    out = _stdout()
    for i, name in enumerate(args.names):
        ex = resolver.explain(name)
        if args.json:
            out.write(_json_line(ex.to_dict()))
        else:
            out.write((("\n" if i else "") + str(ex) + "\n").encode("utf-8"))
    out.flush()
    return EXIT_OK


if __name__ == "__main__":
    run()
