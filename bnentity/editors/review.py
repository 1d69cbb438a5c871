"""The review queue: what a corpus says the gazetteer should learn, most useful first.

:func:`review` streams documents (any number: only counts and a few context snippets per
suggestion are kept) through the resolver's mention finder and the name-like span finder
(:mod:`bnentity.editors.namelike`), and builds two kinds of rows:

``unlisted`` (id ``u:ENTITY:SPELLING``)
    spellings the resolver *linked* by variant or fuzzy matching but that the gazetteer does not
    list — candidates for explicit aliases (or for a rejection when the link is wrong: জিয়া is
    not জয়া). Grouped by entity and spelling (inflection stripped), with frequency, scores,
    the gazetteer alias that matched, the surface forms seen and up to three contexts.
``unknown`` (id ``n:SPELLING``)
    name-like spans that no gazetteer entry covers, clustered so that the variants of one name
    form one row (:mod:`bnentity.editors.cluster`), with frequency, contexts, the evidence that
    made them look like names, and the nearest existing entities with the resolver's scores.

Rows are ranked by **impact × uncertainty**:

* impact = ``log2(1 + frequency)``: how many mentions the decision settles, damped so one very
  frequent row does not bury everything else;
* uncertainty, unlisted rows = ``(100 − score) / (100 − min_score)`` clipped to
  [``UNLISTED_FLOOR``, 1]: a fuzzy link just above ``min_score`` is the least certain (≈1);
  variant-key links at 95–97 get the floor, 0.5, because they are often wrong (see there);
* uncertainty, unknown rows = the larger of the span confidence (how name-like the cluster is,
  0–1) and, when an existing entity is near (nearest score/100 ≥ ``NEAR_SCORE``/100), that
  score: a near miss may be an unlisted variant and needs an editor most.

Suggestions already decided are skipped: a spelling in an entity's ``not:`` list is never
linked by the resolver, and every rejection in the decisions log (``reject``, and the
``from_entity`` of ``merge``/``new_entity``) removes the spelling from the queue — for that
entity (``unlisted``) or altogether (``entity: null`` rejections of unknown names).

Corpus reading (:func:`iter_documents`) reuses :mod:`bnentity.cli.records` for ``jsonl``,
``lines`` and ``text`` inputs (files, folders, ``-``), and adds two readings the review needs:
a JSONL line that is an *array* gives its first string (the ``[sentence, tags]`` lines of NER
corpora), and ``conll`` reads token-per-line files (``token<TAB>tag``, blank line between
sentences), each sentence a document.
"""

from __future__ import annotations

import json
import math
import multiprocessing
import os
import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from bnentity.editors.cluster import cluster_spellings
from bnentity.editors.namelike import NameLikeFinder, NameSpan
from bnentity.inflection import stems
from bnentity.keys import normalized_key
from bnentity.normalize import normalize

if TYPE_CHECKING:
    from bnentity.matching.mentions import Mention
    from bnentity.matching.resolver import Resolver

__all__ = [
    "FORMATS",
    "NEAR_SCORE",
    "Context",
    "Document",
    "ReviewQueue",
    "iter_documents",
    "review",
]

FORMATS: Final = ("auto", "jsonl", "lines", "text", "conll")
#: Contexts kept per row ("two or three context snippets", issue 7).
MAX_CONTEXTS: Final = 3
#: Characters of text kept on each side of a mention in a context snippet (about six words).
CONTEXT_CHARS: Final = 60
#: An existing entity this close (resolver score, 0–100) to an unknown cluster makes the row a
#: near miss. 70: below the resolver's min_score (85) but above the scores of unrelated names
#: that share a skeleton block (dev split of benchmarks/data/resolver_variants.tsv: wrong
#: candidates of look-alikes scored 70–84, unrelated ones < 70).
NEAR_SCORE: Final = 70.0
#: The lowest uncertainty of an unlisted row. A link the resolver makes changes its output today,
#: and a high variant-key score does not make it right: on the ../shared/data review, 6 of the 9
#: unlisted variant-key rows (scores 96–97) were wrong links (ধাক্কা → Dhaka, ভাষার/বাসার →
#: Habibul Bashar, হারিছ → Kamala Harris, সই → Xi Jinping, দিবি → DB). 0.5 keeps every
#: unlisted row in the top half of its frequency class.
UNLISTED_FLOOR: Final = 0.5
#: Methods whose links are "accepted but unlisted".
_UNLISTED_METHODS: Final = frozenset({"variant", "fuzzy", "translit"})
#: How many nearest entities an unknown row shows.
_NEAREST: Final = 3
_SLUG_RE: Final = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Document:
    """One document of the corpus."""

    id: str
    text: str


@dataclass(frozen=True, slots=True)
class Context:
    """A snippet of a document around a mention; ``start``/``end`` index the snippet."""

    doc: str
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, "text": self.text, "start": self.start, "end": self.end}


def _context(doc: Document, start: int, end: int) -> Context:
    lo = max(0, start - CONTEXT_CHARS)
    hi = min(len(doc.text), end + CONTEXT_CHARS)
    # Do not cut a word in half at the edges.
    while lo > 0 and not doc.text[lo - 1].isspace() and start - lo < CONTEXT_CHARS + 15:
        lo -= 1
    while hi < len(doc.text) and not doc.text[hi].isspace() and hi - end < CONTEXT_CHARS + 15:
        hi += 1
    snippet = doc.text[lo:hi].replace("\n", " ")
    return Context(doc.id, snippet, start - lo, end - lo)


# -- accumulation (picklable, mergeable: the same code runs in worker processes) ------------

@dataclass(slots=True)
class _UnlistedAcc:
    count: int = 0
    score_sum: float = 0.0
    score_min: float = 100.0
    score_max: float = 0.0
    methods: Counter[str] = field(default_factory=Counter)
    aliases: Counter[str] = field(default_factory=Counter)
    forms: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    contexts: list[Context] = field(default_factory=list)

    def merge(self, o: _UnlistedAcc) -> None:
        self.count += o.count
        self.score_sum += o.score_sum
        self.score_min = min(self.score_min, o.score_min)
        self.score_max = max(self.score_max, o.score_max)
        self.methods.update(o.methods)
        self.aliases.update(o.aliases)
        self.forms.update(o.forms)
        self.kinds.update(o.kinds)
        self.contexts.extend(o.contexts[: MAX_CONTEXTS - len(self.contexts)])


@dataclass(slots=True)
class _SpanAcc:
    count: int = 0
    confidence_sum: float = 0.0
    evidence: Counter[str] = field(default_factory=Counter)
    forms: Counter[str] = field(default_factory=Counter)
    contexts: list[Context] = field(default_factory=list)

    def merge(self, o: _SpanAcc) -> None:
        self.count += o.count
        self.confidence_sum += o.confidence_sum
        self.evidence.update(o.evidence)
        self.forms.update(o.forms)
        self.contexts.extend(o.contexts[: MAX_CONTEXTS - len(self.contexts)])


@dataclass(slots=True)
class _Acc:
    documents: int = 0
    characters: int = 0
    mentions: int = 0
    exact: int = 0
    spans: int = 0
    unlisted: dict[tuple[str, str], _UnlistedAcc] = field(default_factory=dict)
    unknown: dict[str, _SpanAcc] = field(default_factory=dict)

    def merge(self, o: _Acc) -> None:
        self.documents += o.documents
        self.characters += o.characters
        self.mentions += o.mentions
        self.exact += o.exact
        self.spans += o.spans
        for k, v in o.unlisted.items():
            if k in self.unlisted:
                self.unlisted[k].merge(v)
            else:
                self.unlisted[k] = v
        for k2, s in o.unknown.items():
            if k2 in self.unknown:
                self.unknown[k2].merge(s)
            else:
                self.unknown[k2] = s


def _stem_text(m: Mention) -> str:
    """The mention without its inflection, normalized."""
    text = m.text[: len(m.text) - len(m.suffix)] if m.suffix else m.text
    return normalize(text).strip(" -'")


class _Scanner:
    """Scans documents into an :class:`_Acc` (one per process)."""

    def __init__(self, resolver: Resolver, finder: NameLikeFinder) -> None:
        self.r = resolver
        self.finder = finder
        self.acc = _Acc()
        self._listed: dict[str, frozenset[str]] = {}

    def listed(self, eid: str) -> frozenset[str]:
        """Normalized keys of the spellings the entity lists explicitly. The index keeps one
        form per variant key, so a listed alias that differs from ``bn`` only by folded letters
        still matches as ``variant``: it is listed all the same, not a suggestion."""
        keys = self._listed.get(eid)
        if keys is None:
            e = self.r.gazetteer[eid]
            keys = frozenset(normalized_key(s) for s in (*e.bengali_names, *e.short, *e.latin))
            self._listed[eid] = keys
        return keys

    def scan(self, doc: Document) -> None:
        acc = self.acc
        acc.documents += 1
        acc.characters += len(doc.text)
        mentions = self.r.find(doc.text)
        covered = [(m.start, m.end) for m in mentions]
        for m in mentions:
            acc.mentions += 1
            if m.method not in _UNLISTED_METHODS:
                acc.exact += 1
                continue
            stem = _stem_text(m)
            key = (m.entity.id, normalized_key(stem))
            if key[1] in self.listed(m.entity.id):
                acc.exact += 1
                continue
            u = acc.unlisted.get(key)
            if u is None:
                u = acc.unlisted[key] = _UnlistedAcc()
            u.count += 1
            u.score_sum += m.score
            u.score_min = min(u.score_min, m.score)
            u.score_max = max(u.score_max, m.score)
            u.methods[m.method] += 1
            u.aliases[m.alias] += 1
            u.forms[normalize(m.text)] += 1
            u.kinds[m.form] += 1
            if len(u.contexts) < MAX_CONTEXTS:
                u.contexts.append(_context(doc, m.start, m.end))
        for s in self.finder.find(doc.text):
            if any(s.start < b and s.end > a for a, b in covered):
                continue
            self._span(doc, s)

    def _span(self, doc: Document, s: NameSpan) -> None:
        acc = self.acc
        acc.spans += 1
        key = " ".join(s.words)
        a = acc.unknown.get(key)
        if a is None:
            a = acc.unknown[key] = _SpanAcc()
        a.count += 1
        a.confidence_sum += s.confidence
        a.evidence.update(s.evidence)
        a.forms[normalize(s.text)] += 1
        if len(a.contexts) < MAX_CONTEXTS:
            a.contexts.append(_context(doc, s.start, s.end))


# -- worker processes ------------------------------------------------------------------------

_WORKER: _Scanner | None = None


def _init_worker(paths: tuple[str, ...], overrides: dict[str, Any]) -> None:
    from bnentity.matching.resolver import Resolver

    global _WORKER
    r = Resolver.from_paths(*paths, **overrides)
    _WORKER = _Scanner(r, NameLikeFinder(r))


def _scan_chunk(docs: list[Document]) -> _Acc:
    assert _WORKER is not None
    _WORKER.acc = _Acc()
    for d in docs:
        _WORKER.scan(d)
    return _WORKER.acc


def _chunks(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    buf: list[Document] = []
    for d in docs:
        buf.append(d)
        if len(buf) >= size:
            yield buf
            buf = []
    if buf:
        yield buf


# -- the queue ---------------------------------------------------------------------------------

@dataclass(slots=True)
class ReviewQueue:
    """The ranked review queue; :meth:`to_dict` is the JSON file's content."""

    items: list[dict[str, Any]]
    stats: dict[str, Any]
    gazetteer: list[str]
    config: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {"version": 1, "tool": "bnentity review", "stats": self.stats,
                "gazetteer": self.gazetteer, "config": self.config, "items": self.items}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1)

    def write(self, path: str | Path) -> None:
        """Write the JSON file atomically."""
        from bnentity.editors.yamledit import atomic_write

        atomic_write(path, (self.to_json() + "\n").encode("utf-8"))


def _rejections(resolver: Resolver, rejected: Iterable[tuple[str | None, str]],
                ) -> set[tuple[str | None, str]]:
    out = set(rejected)
    for e in resolver.gazetteer.values():
        out.update((e.id, normalized_key(s)) for s in e.not_)
    return out


def _entity_dict(resolver: Resolver, eid: str) -> dict[str, Any]:
    e = resolver.gazetteer[eid]
    return {"id": e.id, "name": e.name, "bn": e.bn, "type": e.type,
            "description": e.description,
            "source": str(e.source) if e.source is not None else None}


def _unlisted_items(resolver: Resolver, acc: _Acc, rejected: set[tuple[str | None, str]],
                    min_count: int) -> list[dict[str, Any]]:
    cfg = resolver.config
    out = []
    for (eid, key), u in acc.unlisted.items():
        if u.count < min_count or (eid, key) in rejected or (None, key) in rejected:
            continue
        mean = u.score_sum / u.count
        uncertainty = min(1.0, max(UNLISTED_FLOOR, (100.0 - mean) / (100.0 - cfg.min_score)))
        impact = math.log2(1 + u.count)
        spelling = normalize(u.forms.most_common(1)[0][0])
        # The stem as the resolver read it: the most frequent surface form minus its ending.
        stem = next((s for s in _stem_candidates(spelling) if normalized_key(s) == key),
                    spelling)
        kind = u.kinds.most_common(1)[0][0]
        out.append({
            "id": f"u:{eid}:{key}", "kind": "unlisted", "spelling": stem, "count": u.count,
            "entity": _entity_dict(resolver, eid),
            "alias": u.aliases.most_common(1)[0][0],
            "method": u.methods.most_common(1)[0][0],
            "form": kind, "field": "short" if kind in ("short", "auto_short") else "aliases",
            "score": {"mean": round(mean, 2), "min": round(u.score_min, 2),
                      "max": round(u.score_max, 2)},
            "forms": dict(u.forms.most_common(10)),
            "contexts": [c.to_dict() for c in u.contexts],
            "impact": round(impact, 3), "uncertainty": round(uncertainty, 3),
            "priority": round(impact * uncertainty, 4),
        })
    return out


def _stem_candidates(text: str) -> list[str]:
    words = text.split(" ")
    return [" ".join([*words[:-1], s.stem]) for s in stems(words[-1])]


def _slug(text: str) -> str:
    return _SLUG_RE.sub("-", text.lower()).strip("-") or "new-entity"


def _romanized(spelling: str) -> str:
    try:
        from bnentity.translit.romanize import romanize
    except ImportError:  # pragma: no cover - translit is part of the package
        return ""
    try:
        return romanize(spelling)
    except Exception:  # romanization is a suggestion only; never fail the review for it
        return ""


def _suggest_type(evidence: Counter[str], nearest: list[dict[str, Any]]) -> str:
    votes: Counter[str] = Counter()
    for ev, n in evidence.items():
        if ev in ("title", "said"):
            votes["person"] += n
        elif ev == "place":
            votes["place"] += n
        elif ev in ("org", "acronym"):
            votes["org"] += n
    if votes:
        return votes.most_common(1)[0][0]
    if nearest and nearest[0]["score"] >= NEAR_SCORE:
        return str(nearest[0]["type"])
    return "person"


def _unknown_items(resolver: Resolver, acc: _Acc, rejected: set[tuple[str | None, str]],
                   min_count: int) -> list[dict[str, Any]]:
    spans = {k: a for k, a in acc.unknown.items() if (None, normalized_key(k)) not in rejected}
    counts = {k: a.count for k, a in spans.items()}
    out = []
    for cl in cluster_spellings(counts, resolver.config):
        keep = [i for i, sp in enumerate(cl.spellings)
                if (None, normalized_key(sp)) not in rejected]
        if not keep:
            continue
        names = [cl.spellings[i] for i in keep]
        name_counts = [cl.counts[i] for i in keep]
        total = sum(name_counts)
        if total < min_count:
            continue
        accs = [spans[f] for i in keep for f in cl.seen[i]]
        evidence: Counter[str] = Counter()
        forms: Counter[str] = Counter()
        contexts: list[Context] = []
        conf = 0.0
        for a in accs:
            evidence.update(a.evidence)
            forms.update(a.forms)
            conf += a.confidence_sum
            contexts.extend(a.contexts[: MAX_CONTEXTS - len(contexts)])
        confidence = conf / total
        keys = {normalized_key(sp) for sp in names}
        blocked = {eid for (eid, k) in rejected if eid and k in keys}
        nearest = []
        for cand in resolver.candidates(names[0], limit=_NEAREST + len(blocked)):
            if cand.entity.id in blocked:
                continue
            d = _entity_dict(resolver, cand.entity.id)
            d.update({"score": round(cand.score, 2), "alias": cand.alias, "method": cand.method})
            nearest.append(d)
            if len(nearest) >= _NEAREST:
                break
        if nearest and nearest[0]["method"] in ("exact", "variant") and \
                nearest[0]["score"] >= resolver.config.min_score:
            # The gazetteer has this spelling (a short form or homograph that needs support in
            # running text, and had none here): not an unknown name.
            continue
        near = nearest[0]["score"] if nearest else 0.0
        uncertainty = max(confidence, near / 100.0 if near >= NEAR_SCORE else 0.0)
        impact = math.log2(1 + total)
        latin = _romanized(names[0])
        out.append({
            "id": f"n:{normalized_key(names[0])}", "kind": "unknown",
            "spelling": names[0], "count": total,
            "spellings": [{"spelling": sp, "count": c} for sp, c in
                          zip(names, name_counts, strict=True)],
            "forms": dict(forms.most_common(10)),
            "evidence": dict(evidence.most_common()),
            "confidence": round(confidence, 3),
            "nearest": nearest,
            "suggest": {"id": _slug(latin or names[0]), "name": latin,
                        "type": _suggest_type(evidence, nearest)},
            "contexts": [c.to_dict() for c in contexts],
            "impact": round(impact, 3), "uncertainty": round(uncertainty, 3),
            "priority": round(impact * uncertainty, 4),
        })
    return out


def review(documents: Iterable[Document | str], resolver: Resolver, *,
           rejected: Iterable[tuple[str | None, str]] = (), min_count: int = 1,
           jobs: int = 1, gazetteer_paths: Sequence[str | Path] = (),
           chunk_size: int = 200) -> ReviewQueue:
    """Build the review queue of ``documents`` against ``resolver``'s gazetteer.

    ``rejected`` holds ``(entity id or None, normalized spelling)`` pairs already decided
    (:meth:`bnentity.editors.decisions.DecisionLog.rejected`). ``min_count`` drops rows seen
    fewer times. With ``jobs > 1`` and ``gazetteer_paths`` (the files the resolver was loaded
    from), documents are scanned in that many worker processes, each loading its own resolver.
    """
    t0 = time.perf_counter()
    docs = (d if isinstance(d, Document) else Document(f"doc:{i}", d)
            for i, d in enumerate(documents, start=1))
    if jobs > 1 and gazetteer_paths:
        acc = _Acc()
        overrides = _config_overrides(resolver)
        ctx = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
        with ctx.Pool(jobs, initializer=_init_worker,
                      initargs=(tuple(str(p) for p in gazetteer_paths), overrides)) as pool:
            for part in pool.imap(_scan_chunk, _chunks(docs, chunk_size)):
                acc.merge(part)
    else:
        scanner = _Scanner(resolver, NameLikeFinder(resolver))
        for d in docs:
            scanner.scan(d)
        acc = scanner.acc
    t_scan = time.perf_counter() - t0
    rej = _rejections(resolver, rejected)
    items = _unlisted_items(resolver, acc, rej, min_count) + \
        _unknown_items(resolver, acc, rej, min_count)
    items.sort(key=lambda it: (-it["priority"], -it["count"], it["id"]))
    for rank, it in enumerate(items, start=1):
        it["rank"] = rank
    stats = {
        "documents": acc.documents, "characters": acc.characters, "mentions": acc.mentions,
        "exact_mentions": acc.exact, "name_like_spans": acc.spans,
        "unlisted_rows": sum(1 for it in items if it["kind"] == "unlisted"),
        "unknown_rows": sum(1 for it in items if it["kind"] == "unknown"),
        "seconds_scan": round(t_scan, 3),
        "seconds_total": round(time.perf_counter() - t0, 3),
    }
    cfg = resolver.config
    return ReviewQueue(items, stats, list(resolver.gazetteer.files),
                       {"min_score": cfg.min_score, "margin": cfg.margin,
                        "min_count": min_count, "near_score": NEAR_SCORE})


def _config_overrides(resolver: Resolver) -> dict[str, Any]:
    from dataclasses import fields

    from bnentity.matching.config import MatchConfig

    default = MatchConfig()
    return {f.name: getattr(resolver.config, f.name) for f in fields(MatchConfig)
            if getattr(resolver.config, f.name) != getattr(default, f.name)}


# -- reading the corpus ----------------------------------------------------------------------

class CorpusError(ValueError):
    """An input of the corpus could not be read (the message says which and why)."""


def _conll(path: Path) -> Iterator[Document]:
    toks: list[str] = []
    n = 0
    with open(path, encoding="utf-8-sig") as f:
        for line in f:
            if not line.strip():
                if toks:
                    n += 1
                    yield Document(f"{path}:{n}", " ".join(toks))
                    toks = []
                continue
            toks.append(line.split("\t")[0].split(" ")[0].strip())
    if toks:
        yield Document(f"{path}:{n + 1}", " ".join(toks))


def _auto_format(name: str) -> str:
    low = name.lower()
    if low.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if low.endswith(".conll"):
        return "conll"
    return "lines"


def iter_documents(inputs: Sequence[str | Path], *, fmt: str = "auto", field: str = "text",
                   errors: list[str] | None = None) -> Iterator[Document]:
    """Stream the documents of files, folders or ``-`` (standard input).

    ``fmt``: ``auto`` (``*.jsonl``/``*.ndjson`` → jsonl, ``*.conll`` → conll, anything else
    → lines), ``jsonl`` (the ``field`` of each object, or the first string of an array),
    ``lines`` (each non-blank line a document), ``text`` (a whole file one document) or
    ``conll``. Inputs that cannot be read are reported in ``errors`` (when given) and skipped;
    without ``errors`` the first one raises :class:`CorpusError`.
    """
    if fmt not in FORMATS:
        raise CorpusError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    from bnentity.cli.records import ReadOptions, Rejected, iter_records

    def fail(msg: str) -> None:
        if errors is None:
            raise CorpusError(msg)
        errors.append(msg)

    for inp in inputs:
        name = str(inp)
        files: list[str] = [name]
        if name != "-" and os.path.isdir(name):
            files = sorted(str(p) for p in Path(name).rglob("*")
                           if p.is_file() and not any(part.startswith(".")
                                                      for part in p.relative_to(name).parts))
        for f in files:
            this = fmt if fmt != "auto" else ("jsonl" if f == "-" else _auto_format(f))
            if this == "conll":
                if not os.path.isfile(f):
                    fail(f"{f}: no such file")
                    continue
                yield from _conll(Path(f))
                continue
            opts = ReadOptions(format=this, field=field)  # type: ignore[arg-type]
            for rec in iter_records([f], opts):
                if isinstance(rec, Rejected):
                    text = _array_text(rec.raw) if rec.code == "not-an-object" else None
                    if text is not None:
                        yield Document(rec.where, text)
                    else:
                        fail(str(rec))
                    continue
                if rec.text.strip():
                    yield Document(rec.id, rec.text)


def _array_text(raw: bytes | None) -> str | None:
    """The first string of a JSON array line (``[sentence, tags]``), else None."""
    if raw is None:
        return None
    try:
        obj = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    if isinstance(obj, list):
        return next((x for x in obj if isinstance(x, str)), None)
    if isinstance(obj, str):
        return obj
    return None


def rejected_from_log(paths: Iterable[str | Path]) -> set[tuple[str | None, str]]:
    """The rejections of decisions logs (missing files count as empty)."""
    from bnentity.editors.decisions import DecisionLog

    out: set[tuple[str | None, str]] = set()
    for p in paths:
        out |= DecisionLog(p).rejected()
    return out


def group_counts(items: Iterable[dict[str, Any]]) -> dict[str, int]:
    """Rows per kind (for summaries)."""
    c: dict[str, int] = defaultdict(int)
    for it in items:
        c[str(it["kind"])] += 1
    return dict(c)
