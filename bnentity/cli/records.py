"""Reading the command's inputs as one ordered stream of records.

An input is a file, a directory (walked recursively) or ``-`` (standard input). Every input is
read as bytes, lazily, so an input larger than memory streams through: only the document being
read is held. What a record is depends on the format:

``text``
    a whole file is one document; its id is the path as given (or found in a directory),
    ``<stdin>`` for standard input.
``lines``
    every line of a file is one document (its terminator is kept apart, so a rewrite writes the
    line back exactly); its id is ``PATH:LINE``.
``jsonl``
    every non-blank line is a JSON object; the text is in ``field`` (default ``text``) and every
    other key is carried through; the id is the value of ``id_field`` (default ``id``) when the
    object has one, else ``PATH:LINE``.
``auto``
    a file named ``*.jsonl`` or ``*.ndjson`` is ``jsonl``, any other file ``text``; standard
    input is ``jsonl`` when its first non-blank byte is ``{``, else ``text``.

Anything that cannot become a record is a :class:`Rejected` in the same stream, at the place it
occurred, with a stable ``code``: ``not-found``, ``unreadable``, ``not-a-file``,
``input-is-output``, ``invalid-utf8``, ``invalid-json``, ``not-an-object``, ``missing-field``,
``not-a-string``. Nothing is dropped silently except blank lines of JSONL input (they are not
records) and hidden entries (``.name``) of directories.
"""

from __future__ import annotations

import dataclasses
import json
import os
import stat
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any, Final, Literal

__all__ = [
    "FORMATS",
    "JSONL_SUFFIXES",
    "STDIN",
    "STDIN_NAME",
    "Format",
    "ReadOptions",
    "Record",
    "Rejected",
    "Source",
    "detect_format",
    "iter_names",
    "iter_records",
]

Format = Literal["auto", "jsonl", "text", "lines"]
FORMATS: Final[tuple[Format, ...]] = ("auto", "jsonl", "text", "lines")
JSONL_SUFFIXES: Final = (".jsonl", ".ndjson")
STDIN: Final = "-"
STDIN_NAME: Final = "<stdin>"
_BOM: Final = b"\xef\xbb\xbf"
_BLANK: Final = b" \t\r\n\f\v"


@dataclass(frozen=True, slots=True)
class Source:
    """One input as opened: what to call it, where it is, where its output goes.

    ``name`` is the path as given or found (``<stdin>`` for standard input); ``path`` the
    filesystem path (``None`` for standard input); ``rel`` the path of its output below an
    output directory (the base name for a file argument, the path relative to the directory
    for a file found in a directory argument, ``None`` for standard input); ``serial`` numbers
    the inputs in the order they are opened, so two inputs with the same name stay apart.
    """

    name: str
    path: str | None
    rel: str | None
    serial: int


@dataclass(frozen=True, slots=True)
class Record:
    """One document (or one name, for ``resolve``).

    ``line`` is the 1-based line of a JSONL or lines record, 0 for a whole text file. ``obj`` is
    the JSON object as decoded (JSONL only); ``original`` the JSONL line as read, without its
    terminator, so an unchanged record can be written back byte for byte. ``end`` is the line
    terminator of a ``lines`` record (``"\\n"``, ``"\\r\\n"`` or ``""`` at the end of a file).
    """

    src: Source
    line: int
    id: str
    text: str
    obj: dict[str, Any] | None = None
    original: str | None = None
    end: str = ""

    @property
    def where(self) -> str:
        """``FILE:LINE`` (or ``FILE`` for a whole text file), for messages."""
        return f"{self.src.name}:{self.line}" if self.line else self.src.name


@dataclass(frozen=True, slots=True)
class Rejected:
    """Input that could not become a record, with where, why and the raw bytes (if any).

    ``raw`` is exactly what was read (a line with its terminator, or a whole file), ``None``
    when nothing could be read (missing or unreadable input). ``whole`` is true when ``raw`` is
    a whole text file (a ``text`` document), false for a line.
    """

    src: Source
    line: int
    code: str
    message: str
    raw: bytes | None = None
    whole: bool = False

    @property
    def where(self) -> str:
        return f"{self.src.name}:{self.line}" if self.line else self.src.name

    def __str__(self) -> str:
        return f"{self.where}: [{self.code}] {self.message}"


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read inputs.

    ``forbidden`` holds the ``(st_dev, st_ino)`` of files the command writes to (standard
    output redirected to a file, the ``--errors`` file): an input that is one of them is
    rejected (``input-is-output``) instead of being read while it is written, as ``cat`` does.
    ``stdin`` is the binary standard input (default: ``sys.stdin.buffer``).
    """

    format: Format = "auto"
    field: str = "text"
    id_field: str = "id"
    forbidden: frozenset[tuple[int, int]] = frozenset()
    stdin: IO[bytes] | None = None
    _serial: list[int] = dataclasses.field(default_factory=lambda: [0], repr=False, compare=False)

    def next_serial(self) -> int:
        self._serial[0] += 1
        return self._serial[0]


def detect_format(name: str) -> Literal["jsonl", "text"]:
    """``jsonl`` for ``*.jsonl`` / ``*.ndjson`` (any case), else ``text``."""
    return "jsonl" if name.lower().endswith(JSONL_SUFFIXES) else "text"


def stdin_binary() -> IO[bytes]:
    """Standard input as bytes (``sys.stdin.buffer``; encoded back if it has no buffer)."""
    buf = getattr(sys.stdin, "buffer", None)
    if buf is not None:
        return buf  # type: ignore[no-any-return]
    import io
    return io.BytesIO(sys.stdin.read().encode("utf-8", "surrogateescape"))


# -- the stream ---------------------------------------------------------------------------

def iter_records(inputs: Sequence[str], options: ReadOptions) -> Iterator[Record | Rejected]:
    """Every record (and every rejection) of ``inputs``, in order. ``-`` is standard input."""
    for arg in inputs:
        if arg == STDIN:
            src = Source(STDIN_NAME, None, None, options.next_serial())
            yield from _read_stdin(src, options)
            continue
        if os.path.isdir(arg):
            for item in _walk(arg, options):
                if isinstance(item, Rejected):
                    yield item
                else:
                    path, rel = item
                    yield from _read_file(Source(path, path, rel, options.next_serial()),
                                          options)
            continue
        src = Source(arg, arg, os.path.basename(arg.rstrip(os.sep)) or arg,
                     options.next_serial())
        yield from _read_file(src, options)


def iter_names(names: Sequence[str], options: ReadOptions) -> Iterator[Record | Rejected]:
    """Names for ``resolve``: each argument, or each non-blank line of standard input (for no
    argument or ``-``). Names are stripped of surrounding white space."""
    args_src = Source("<args>", None, None, options.next_serial())
    for i, name in enumerate(names or [STDIN], start=1):
        if name != STDIN:
            yield Record(args_src, i, name, name)
            continue
        src = Source(STDIN_NAME, None, None, options.next_serial())
        stream = options.stdin or stdin_binary()
        try:
            for rec in _lines(src, _binary_lines(stream)):
                if isinstance(rec, Rejected):
                    yield rec
                elif rec.text.strip():
                    name_text = rec.text.strip()
                    yield Record(src, rec.line, name_text, name_text)
        except OSError as e:
            yield Rejected(src, 0, "unreadable", f"read error: {e.strerror or e}")


def _walk(root: str, options: ReadOptions) -> Iterator[tuple[str, str] | Rejected]:
    """Files below ``root``, sorted by name at each level, hidden entries skipped.

    Symbolic links are followed (to files and to folders); a link back to a folder being
    walked is a loop and is not followed again.
    """
    def visit(folder: str, rel: str, ancestors: frozenset[tuple[int, int]],
              ) -> Iterator[tuple[str, str] | Rejected]:
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as e:
            yield Rejected(Source(folder, folder, rel or None, options.next_serial()), 0,
                           "unreadable", f"cannot read folder: {e.strerror or e}")
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = entry.path
            sub = f"{rel}/{entry.name}" if rel else entry.name
            try:
                st = os.stat(path)
            except OSError as e:
                code = "not-found" if isinstance(e, FileNotFoundError) else "unreadable"
                why = "broken symbolic link" if entry.is_symlink() else (e.strerror or str(e))
                yield Rejected(Source(path, path, sub, options.next_serial()), 0, code, why)
                continue
            if stat.S_ISDIR(st.st_mode):
                ident = (st.st_dev, st.st_ino)
                if ident in ancestors:
                    continue  # a symbolic link loop: its files are already being walked
                yield from visit(path, sub, ancestors | {ident})
            elif stat.S_ISREG(st.st_mode):
                yield path, sub
            else:
                yield Rejected(Source(path, path, sub, options.next_serial()), 0, "not-a-file",
                               "not a regular file (device, socket or pipe) in a folder")

    try:
        st = os.stat(root)
        start = frozenset({(st.st_dev, st.st_ino)})
    except OSError:
        start = frozenset()
    yield from visit(root, "", start)


def _open_error(src: Source, e: OSError) -> Rejected:
    if isinstance(e, FileNotFoundError):
        return Rejected(src, 0, "not-found", "no such file or directory")
    if isinstance(e, IsADirectoryError):
        return Rejected(src, 0, "not-a-file", "is a directory")
    return Rejected(src, 0, "unreadable", f"cannot read: {e.strerror or e}")


def _read_file(src: Source, options: ReadOptions) -> Iterator[Record | Rejected]:
    assert src.path is not None
    try:
        f = open(src.path, "rb")  # noqa: SIM115 - closed below, also when the consumer stops
    except OSError as e:
        yield _open_error(src, e)
        return
    with f:
        try:
            st = os.fstat(f.fileno())
        except OSError as e:
            yield _open_error(src, e)
            return
        if stat.S_ISREG(st.st_mode) and (st.st_dev, st.st_ino) in options.forbidden:
            yield Rejected(src, 0, "input-is-output",
                           "input file is also an output of this command; not read")
            return
        fmt = options.format if options.format != "auto" else detect_format(src.name)
        try:
            if fmt == "text":
                yield _text(src, f.read())
            elif fmt == "lines":
                yield from _lines(src, _binary_lines(f))
            else:
                yield from _jsonl(src, _binary_lines(f), options)
        except OSError as e:
            yield Rejected(src, 0, "unreadable", f"read error: {e.strerror or e}")


def _read_stdin(src: Source, options: ReadOptions) -> Iterator[Record | Rejected]:
    stream = options.stdin or stdin_binary()
    fmt = options.format
    lines = _binary_lines(stream)
    head: list[bytes] = []
    try:
        if fmt == "auto":
            # Look at the first non-blank line (keeping what was read) to decide.
            fmt = "text"
            for raw in lines:
                head.append(raw)
                stripped = raw.lstrip(_BLANK)
                if len(head) == 1 and stripped.startswith(_BOM):
                    stripped = stripped[len(_BOM):].lstrip(_BLANK)
                if stripped:
                    fmt = "jsonl" if stripped.startswith(b"{") else "text"
                    break
        if fmt == "text":
            yield _text(src, b"".join(head) + stream.read())
        elif fmt == "lines":
            yield from _lines(src, _chain(head, lines))
        else:
            yield from _jsonl(src, _chain(head, lines), options)
    except OSError as e:
        yield Rejected(src, 0, "unreadable", f"read error: {e.strerror or e}")


def _chain(head: list[bytes], rest: Iterable[bytes]) -> Iterator[bytes]:
    yield from head
    yield from rest


def _binary_lines(stream: IO[bytes]) -> Iterator[bytes]:
    """Lines of a binary stream with their terminators, one at a time."""
    yield from iter(stream.readline, b"")


def _utf8_error(src: Source, raw: bytes, e: UnicodeDecodeError, *, line: int, offset: int,
                whole: bool = False) -> Rejected:
    """``e`` is the error of decoding ``e.object``, which starts at byte ``offset`` of the
    input; ``raw`` is what to keep (the whole line or file)."""
    bad = bytes(e.object[e.start:e.end]).hex(" ")
    return Rejected(src, line, "invalid-utf8",
                    f"invalid UTF-8 at byte offset {offset + e.start} (0x{bad}): {e.reason}",
                    raw, whole)


def _text(src: Source, data: bytes) -> Record | Rejected:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        return _utf8_error(src, data, e, line=line, offset=0, whole=True)
    return Record(src, 0, src.name, text)


def _split_end(raw: bytes) -> tuple[bytes, str]:
    if raw.endswith(b"\r\n"):
        return raw[:-2], "\r\n"
    if raw.endswith(b"\n"):
        return raw[:-1], "\n"
    return raw, ""


def _lines(src: Source, lines: Iterable[bytes], *, offset: int = 0,
           ) -> Iterator[Record | Rejected]:
    for n, raw in enumerate(lines, start=1):
        body, end = _split_end(raw)
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as e:
            yield _utf8_error(src, raw, e, line=n, offset=offset)
        else:
            yield Record(src, n, f"{src.name}:{n}", text, end=end)
        offset += len(raw)


def _jsonl(src: Source, lines: Iterable[bytes], options: ReadOptions,
           ) -> Iterator[Record | Rejected]:
    fld = options.field
    offset = 0
    for n, raw in enumerate(lines, start=1):
        start = offset
        offset += len(raw)
        body = _split_end(raw)[0]
        if n == 1 and body.startswith(_BOM):
            body = body[len(_BOM):]
            start += len(_BOM)
        if not body.strip(_BLANK):
            continue  # a blank line is not a record
        try:
            line = body.decode("utf-8")
        except UnicodeDecodeError as e:
            yield _utf8_error(src, raw, e, line=n, offset=start)
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield Rejected(src, n, "invalid-json", f"not valid JSON: {e.msg} at column {e.colno}",
                           raw)
            continue
        except RecursionError:
            yield Rejected(src, n, "invalid-json", "not valid JSON: nested too deeply", raw)
            continue
        if not isinstance(obj, dict):
            yield Rejected(src, n, "not-an-object",
                           f"a JSON {_json_type(obj)}, not an object", raw)
            continue
        if fld not in obj:
            yield Rejected(src, n, "missing-field", f"no {fld!r} field (see --field)", raw)
            continue
        text = obj[fld]
        if not isinstance(text, str):
            yield Rejected(src, n, "not-a-string",
                           f"field {fld!r} is a JSON {_json_type(text)}, not a string", raw)
            continue
        ident = obj.get(options.id_field)
        doc_id = (str(ident) if isinstance(ident, str | int) and not isinstance(ident, bool)
                  else f"{src.name}:{n}")
        yield Record(src, n, doc_id, text, obj, line)


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"
