"""Link the names bnlp-toolkit's NER finds to gazetteer entities.

bnlp's recognizer says *where* a name is and what kind (``PER``, ``LOC``, ``ORG``); bnentity says
*who*::

    from bnentity.integrations.bnlp import BnlpLinker

    linker = BnlpLinker("bn_ner.pkl")          # bundled gazetteers; or resolver=bnentity.load(...)
    for link in linker.link("রুশ পররাষ্ট্রমন্ত্রী সের্গেই ল্যাভরভ ঢাকায় এসেছেন।"):
        print(link.text, link.label, link.entity_id)

Install with ``pip install 'bnentity[bnlp]'``. The model is the file bnlp's own
``BengaliNER()`` downloads (``~/bnlp/models/bn_ner.pkl``) or one you trained with bnlp's
``CRFTaggerTrainer`` (a pickled ``sklearn_crfsuite.CRF``); bnentity never downloads anything.
A pickle runs code when it is loaded: load only model files you trust.

The steps:

1. **Import bnlp only here, only when a recognizer is built** (:func:`import_bnlp`). Measured
   costs (``docs/integrations.md``, ``benchmarks/bench_import.py``): about 2–3 s and ~1,900
   modules (gensim, scipy, scikit-learn, nltk …), ~400 MB of installed dependencies, and a
   network attempt: ``import bnlp`` runs ``bnlp.tokenizer.nltk``, which looks for NLTK's
   ``tokenizers/punkt``, prints ``punkt not found. downloading...`` *on stdout* and calls
   ``nltk.download("punkt_tab")`` — on every import, because it checks for one resource and
   downloads another. :func:`import_bnlp` replaces ``nltk.download`` by a no-op for the
   duration of the import (unless ``allow_nltk_download=True``) and sends bnlp's stdout chatter
   to stderr; the NER never uses that tokenizer.
2. **Tag** each sentence with ``bnlp.BengaliNER(model_path, tokenizer).tag`` (bnlp's
   ``BasicTokenizer`` by default; ASCII punctuation and ``।`` tokens are dropped by bnlp).
3. **Align** the tokens with the original text (:func:`align_tokens`): bnlp returns strings,
   not offsets, and a custom tokenizer may change characters. Each token is searched forward,
   comparing both sides after bnentity's normalization (NFC, nukta letters, quotes, dashes,
   invisible characters, ZWJ/ZWNJ, case); a token that cannot be placed is left out rather than
   guessed, so an offset is never wrong.
4. **Decode** the tags into spans (:func:`tag_spans`): BIO, BIOES/BILOU and bare labels; an
   ``I-`` without its ``B-`` starts a span.
5. **Link** the spans with :meth:`bnentity.Resolver.link`, the labels as type hints.

Thread safety: one :class:`BnlpRecognizer` may be shared; calls to the CRF are serialized.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Final

import regex

from bnentity.normalize import normalize_with_offsets

if TYPE_CHECKING:
    from bnentity.matching.link import Link
    from bnentity.matching.resolver import Resolver

__all__ = [
    "INSTALL_HINT",
    "BnlpLinker",
    "BnlpRecognizer",
    "SpanTuple",
    "TaggedToken",
    "align_tokens",
    "import_bnlp",
    "recognizer_spans",
    "sentence_spans",
    "tag_spans",
]

INSTALL_HINT: Final = "pip install 'bnentity[bnlp]'"

#: A recognized span: ``(start, end, label)`` in the original text, label without prefix.
SpanTuple = tuple[int, int, str]
#: A tokenizer bnlp accepts: text in, token strings out.
Tokenizer = Callable[[str], list[str]]

_log = logging.getLogger(__name__)
_import_lock = threading.Lock()

_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]")
_ZW: Final = frozenset("\u200c\u200d")
_PREFIX = regex.compile(r"^([BIESLU])[-_](.+)$", regex.IGNORECASE)
#: A sentence ends after ।, ! or ? (with closing quotes or brackets) and white space, or at a
#: line break. bnlp's model was trained on single sentences, and tagging them one at a time
#: keeps one sentence's name from running into the next.
_BREAK = regex.compile(r"[।!?]+[\"'’”)\]]*\s+|\s*\n\s*")


# -- importing bnlp -------------------------------------------------------------------------

def import_bnlp(*, allow_nltk_download: bool = False) -> ModuleType:
    """Import bnlp-toolkit (once per process) and return the ``bnlp`` module.

    ``import bnlp`` asks NLTK to download ``punkt_tab`` every time (it checks for ``punkt``,
    which the download never provides). Unless ``allow_nltk_download`` is true, that call is
    replaced by a no-op while bnlp is imported — no network attempt — and whatever bnlp prints
    on stdout during its import goes to stderr, so a program whose stdout is data (JSON lines)
    stays clean. Raises :class:`ImportError` with the install command when bnlp-toolkit or one
    of its dependencies is missing.
    """
    loaded = sys.modules.get("bnlp")
    if loaded is not None:
        return loaded
    with _import_lock:
        loaded = sys.modules.get("bnlp")
        if loaded is not None:
            return loaded
        try:
            # __import__ rather than importlib.import_module: it takes the interpreter's own
            # import path, which `python -X importtime` reports (import_module's is not).
            nltk: Any = __import__("nltk")
        except ImportError as exc:
            raise ImportError(f"bnentity.integrations.bnlp needs bnlp-toolkit ({exc}); "
                              f"install it with: {INSTALL_HINT}") from exc
        real_download = nltk.download
        skipped: list[str] = []

        def offline_download(info_or_id: Any = None, *args: Any, **kwargs: Any) -> bool:
            skipped.append(str(info_or_id))
            return False

        if not allow_nltk_download:
            nltk.download = offline_download
        try:
            with contextlib.redirect_stdout(sys.stderr):
                module = __import__("bnlp")
        except ImportError as exc:
            raise ImportError(f"bnentity.integrations.bnlp needs bnlp-toolkit ({exc}); "
                              f"install it with: {INSTALL_HINT}") from exc
        finally:
            nltk.download = real_download
        if skipped:
            _log.info("bnlp asked NLTK to download %s on import; skipped "
                      "(allow_nltk_download=False)", ", ".join(skipped))
        return module


# -- pure helpers (no bnlp needed) ------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Folded:
    """Text folded for comparison, with each folded character's span in the original."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]


def _fold(text: str) -> _Folded:
    norm = normalize_with_offsets(text)
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for ch, s, e in zip(norm.text, norm.starts, norm.ends, strict=True):
        if ch in _ZW:
            continue
        low = ch.lower()
        chars.append(low if len(low) == 1 else ch)
        starts.append(s)
        ends.append(e)
    return _Folded("".join(chars), tuple(starts), tuple(ends))


def align_tokens(text: str, tokens: Sequence[str]) -> list[tuple[int, int] | None]:
    """The span of ``text`` each token came from, or ``None`` for a token that cannot be placed.

    Tokens are matched in order, each after the previous one, comparing both sides folded
    (bnentity's normalization, ZWJ/ZWNJ dropped, lower case), so a tokenizer that normalizes
    Unicode, drops invisible characters or rewrites quotes still aligns. Between two tokens the
    text may hold only white space and punctuation (what tokenizers drop); after a token that
    could not be placed, the next one may also skip a little word text (about twice the
    unplaced tokens' length), starting at a word boundary. Every returned span is verified:
    ``text[start:end]`` folds to exactly the folded token. Invisible characters at a token's
    edges (a BOM bnlp leaves on the first token) stay outside its span.

    >>> align_tokens("সে ঢাকায়, থাকে।", ["সে", "ঢাকায়", "থাকে"])
    [(0, 2), (3, 9), (11, 15)]
    """
    folded = _fold(text)
    ft = folded.text
    out: list[tuple[int, int] | None] = []
    cursor = 0
    unplaced = 0
    for token in tokens:
        key = _fold(token).text.strip()
        if not key:
            out.append(None)
            continue
        pos = ft.find(key, cursor)
        if pos >= 0 and _WORD.search(ft, cursor, pos) is not None:
            pos = _relaxed_find(ft, key, cursor, unplaced) if unplaced else -1
        span = None
        if pos >= 0:
            span = _verified_span(text, folded.starts[pos], folded.ends[pos + len(key) - 1],
                                  key)
        out.append(span)
        if span is None:
            unplaced += len(key) + 1
        else:
            cursor = pos + len(key)
            unplaced = 0
    return out


def _verified_span(text: str, s: int, e: int, key: str) -> tuple[int, int] | None:
    """``(s, e)`` if ``text[s:e]`` folds to ``key``, else the widest span inside it that does.

    The offset map of normalization is exact to the grapheme cluster: where NFC composes
    inside a cluster, every character maps to the whole cluster. A token that is part of
    one — a vowel sign written as two code points after a bracket, ``(`` + ে + া — is
    found inside the cluster's span by trying its sub-spans (a cluster is a few characters).
    """
    for lo in range(s, e):
        for hi in range(e, lo, -1):
            if _fold(text[lo:hi]).text == key:
                return lo, hi
    return None


def _relaxed_find(ft: str, key: str, cursor: int, unplaced: int) -> int:
    limit = cursor + 2 * unplaced + 16
    pos = ft.find(key, cursor)
    while 0 <= pos <= limit:
        if pos == cursor or not _WORD.match(ft, pos - 1) or not _WORD.match(ft, pos):
            return pos
        pos = ft.find(key, pos + 1)
    return -1


def tag_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Token spans ``(first, last + 1, label)`` from per-token tags.

    Reads BIO (``B-PER I-PER``), BIOES/BILOU (``S-LOC``, ``E-ORG``, ``U-PER``, ``L-PER``) and
    bare labels (``TIM TIM``); ``O`` or an empty tag is outside. Noisy sequences are read the
    forgiving way: an ``I-``/``E-`` whose label differs from the open span's starts a new span.

    >>> tag_spans(["O", "B-PER", "I-PER", "S-LOC", "I-ORG", "O"])
    [(1, 3, 'PER'), (3, 4, 'LOC'), (4, 5, 'ORG')]
    """
    out: list[tuple[int, int, str]] = []
    start: int | None = None
    label = ""

    def close(end: int) -> None:
        nonlocal start
        if start is not None:
            out.append((start, end, label))
            start = None

    for i, raw in enumerate(tags):
        tag = raw.strip()
        if not tag or tag.upper() == "O":
            close(i)
            continue
        m = _PREFIX.match(tag)
        prefix, core = (m.group(1).upper(), m.group(2)) if m else ("", tag)
        if prefix in ("B", "S", "U") or start is None or core != label:
            close(i)
            start, label = i, core
        if prefix in ("S", "U", "E", "L"):
            close(i + 1)
    close(len(tags))
    return out


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of ``text`` (split after ।/!/? and at line breaks)."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _BREAK.finditer(text):
        if text[pos:m.end()].strip():
            out.append((pos, m.end()))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, len(text)))
    return out


def _default_labels() -> frozenset[str]:
    from bnentity.matching.link import LABEL_TYPES
    return frozenset(LABEL_TYPES)


# -- the recognizer and the linker ------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class TaggedToken:
    """One token of bnlp's output with its span in the original text (``None`` if unplaced)."""

    text: str
    tag: str
    start: int | None
    end: int | None


class BnlpRecognizer:
    """bnlp-toolkit's NER with character spans in the original text.

    Args:
        model_path: a bnlp NER model file (pickled ``sklearn_crfsuite.CRF``). Required:
            bnentity never lets bnlp download one.
        tokenizer: passed to ``bnlp.BengaliNER`` (default: bnlp's ``BasicTokenizer``).
        labels: the labels :meth:`recognize` keeps (prefixes ignored, any case); default every
            label bnentity can link (``PER``/``PERSON``, ``LOC``/``GPE``, ``ORG`` … — see
            :data:`bnentity.matching.link.LABEL_TYPES`), so ``TIM`` is dropped.
        split_sentences: tag one sentence at a time (see :func:`sentence_spans`).
        allow_nltk_download: let ``import bnlp`` try its NLTK download (see :func:`import_bnlp`).

    Raises:
        ImportError: bnlp-toolkit is not installed (the message has the pip command).
        FileNotFoundError: ``model_path`` is not a file.
        ValueError: the file is not a model bnlp can load.
    """

    def __init__(self, model_path: str | os.PathLike[str], *, tokenizer: Tokenizer | None = None,
                 labels: Collection[str] | None = None, split_sentences: bool = True,
                 allow_nltk_download: bool = False) -> None:
        if not os.fspath(model_path):
            raise ValueError("model_path is required: bnentity does not download bnlp's model "
                             "(bnlp's own BengaliNER() does, to ~/bnlp/models/bn_ner.pkl)")
        path = Path(model_path)
        if not path.is_file():
            raise FileNotFoundError(f"no bnlp NER model at {path}")
        bnlp = import_bnlp(allow_nltk_download=allow_nltk_download)
        try:
            ner = bnlp.BengaliNER(model_path=str(path), tokenizer=tokenizer)
        except Exception as exc:
            raise ValueError(f"{path} is not a bnlp NER model bnlp can load "
                             f"({type(exc).__name__}: {exc})") from exc
        if not callable(getattr(ner.model, "predict", None)):
            raise ValueError(f"{path} holds a {type(ner.model).__name__}, not a tagger with "
                             "predict() (bnlp expects a pickled sklearn_crfsuite.CRF)")
        self.model_path = path
        self.ner: Any = ner
        self.labels = frozenset(lb.upper() for lb in
                                (_default_labels() if labels is None else labels))
        self.split_sentences = split_sentences
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"<BnlpRecognizer {self.model_path}>"

    def _chunks(self, text: str) -> list[tuple[int, int]]:
        if self.split_sentences:
            return sentence_spans(text)
        return [(0, len(text))] if text.strip() else []

    def _tag_chunk(self, text: str, offset: int) -> list[TaggedToken]:
        with self._lock:
            pairs = self.ner.tag(text)
        tokens = [str(tok) for tok, _ in pairs]
        spans = align_tokens(text, tokens)
        return [TaggedToken(tok, str(tag), offset + sp[0] if sp else None,
                            offset + sp[1] if sp else None)
                for tok, (_, tag), sp in zip(tokens, pairs, spans, strict=True)]

    def tag(self, text: str) -> list[TaggedToken]:
        """bnlp's tokens and tags for ``text``, each with its span in ``text``."""
        return [t for s, e in self._chunks(text) for t in self._tag_chunk(text[s:e], s)]

    def recognize(self, text: str) -> list[SpanTuple]:
        """Names in ``text`` as ``(start, end, label)``, label without its B-/I- prefix.

        A span runs from its first placed token to its last; a span none of whose tokens could
        be placed in the text is dropped (see :func:`align_tokens`).
        """
        out: list[SpanTuple] = []
        for s, e in self._chunks(text):
            tokens = self._tag_chunk(text[s:e], s)
            for i, j, label in tag_spans([t.tag for t in tokens]):
                if label.upper() not in self.labels:
                    continue
                placed = [t for t in tokens[i:j] if t.start is not None and t.end is not None]
                if placed:
                    first, last = placed[0], placed[-1]
                    assert first.start is not None and last.end is not None
                    out.append((first.start, last.end, label))
        return out


class BnlpLinker:
    """bnlp-toolkit's NER followed by bnentity's linking.

    Args:
        model_path: a bnlp NER model file (see :class:`BnlpRecognizer`).
        resolver: the :class:`~bnentity.Resolver` to link with; default the bundled
            gazetteers, or ``bnentity.load(*gazetteers)`` when ``gazetteers`` are given.
        gazetteers: gazetteer files or folders (instead of ``resolver``).
        tokenizer, labels, split_sentences, allow_nltk_download: as for
            :class:`BnlpRecognizer`.
    """

    def __init__(self, model_path: str | os.PathLike[str], resolver: Resolver | None = None, *,
                 gazetteers: Sequence[str | os.PathLike[str]] = (),
                 tokenizer: Tokenizer | None = None, labels: Collection[str] | None = None,
                 split_sentences: bool = True, allow_nltk_download: bool = False) -> None:
        if resolver is not None and gazetteers:
            raise ValueError("give a resolver or gazetteer paths, not both")
        self.recognizer = BnlpRecognizer(model_path, tokenizer=tokenizer, labels=labels,
                                         split_sentences=split_sentences,
                                         allow_nltk_download=allow_nltk_download)
        if resolver is None:
            import bnentity
            resolver = (bnentity.load(*(os.fspath(p) for p in gazetteers)) if gazetteers
                        else bnentity.bundled())
        self.resolver: Resolver = resolver

    def __repr__(self) -> str:
        return f"<BnlpLinker {self.recognizer.model_path} → {self.resolver!r}>"

    def recognize(self, text: str) -> list[SpanTuple]:
        """The recognizer's spans (see :meth:`BnlpRecognizer.recognize`)."""
        return self.recognizer.recognize(text)

    def link(self, text: str) -> list[Link]:
        """One :class:`~bnentity.matching.link.Link` per recognized span, in text order."""
        return self.resolver.link(text, self.recognizer.recognize(text))

    def link_many(self, texts: Iterable[str]) -> Iterator[tuple[str, list[Link]]]:
        """``(text, links)`` for each text, lazily."""
        for text in texts:
            yield text, self.link(text)


def recognizer_spans(texts: Iterable[str], model_path: str | os.PathLike[str], *,
                     tokenizer: Tokenizer | None = None, labels: Collection[str] | None = None,
                     split_sentences: bool = True, allow_nltk_download: bool = False,
                     ) -> Iterator[tuple[str, list[SpanTuple]]]:
    """``(text, [(start, end, label), …])`` for each text: the names bnlp's NER finds.

    The hook for ``bnentity review``: spans that :meth:`~bnentity.Resolver.link` cannot link
    are candidate unknown names. The model is loaded (and bnlp imported) when this function is
    called, so a missing package or model fails here, not at the first text; the texts are
    then tagged lazily, one at a time.
    """
    recognizer = BnlpRecognizer(model_path, tokenizer=tokenizer, labels=labels,
                                split_sentences=split_sentences,
                                allow_nltk_download=allow_nltk_download)

    def generate() -> Iterator[tuple[str, list[SpanTuple]]]:
        for text in texts:
            yield text, recognizer.recognize(text)

    return generate()
