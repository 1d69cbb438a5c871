"""bnentity.integrations.bnlp: bnlp-toolkit's NER → character spans → entities (issue 9).

Two parts:

* the pure helpers (token alignment, tag decoding, sentence splitting, the install hint) —
  always run, bnlp or not;
* the adapter end to end with bnlp-toolkit for real. There is no network in CI, so bnlp's
  pretrained model cannot be downloaded: ``scripts/train_bnlp_test_model.py`` trains a small
  model of the same kind (a pickled sklearn_crfsuite.CRF on bnlp's own feature function) on the
  first 3,000 sentences of ``../shared/data/rifat1493-bengali-ner/train_data.txt``, and the
  adapter runs on held-out sentences of ``test_data.txt`` and on the seed articles. Skipped
  when bnlp-toolkit is not installed or ``../shared/data`` is missing.

What is asserted about the model is only what is robust to a retrained model: every token is
placed at its exact offsets, spans start and end on token boundaries, the recognizer finds a
reasonable share of the held-out names, and what links, links to the right entity.
"""

from __future__ import annotations

import importlib.util
import json
import os
import pickle
import subprocess
import sys
import textwrap
import unicodedata
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import bnentity
from bnentity.integrations.bnlp import (
    INSTALL_HINT,
    BnlpLinker,
    BnlpRecognizer,
    align_tokens,
    recognizer_spans,
    sentence_spans,
    tag_spans,
)
from bnentity.normalize import normalize

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("BNENTITY_SHARED_DATA", str(ROOT.parent / "shared" / "data")))
RIFAT = SHARED_DATA / "rifat1493-bengali-ner"
TRAIN_SCRIPT = ROOT / "scripts" / "train_bnlp_test_model.py"
SEED_FILES = sorted((ROOT / "seeds").glob("*.txt"))
ZW = dict.fromkeys(map(ord, "\u200c\u200d"))


def fold(s: str) -> str:
    return normalize(s).translate(ZW).lower()


# -- pure helpers: no bnlp needed ---------------------------------------------------------

def test_align_exact_substrings() -> None:
    text = "সে ঢাকায়, থাকে। (বিএনপি) ‘আ.লীগ’"
    tokens = ["সে", "ঢাকায়", "থাকে", "(", "বিএনপি", ")", "‘", "আ.লীগ", "’"]
    spans = align_tokens(text, tokens)
    assert all(sp is not None for sp in spans)
    assert [text[s:e] for s, e in spans] == tokens  # type: ignore[misc]


def test_align_across_normalization_differences() -> None:
    # precomposed য় (U+09DF) in the text, decomposed in the token; ZWJ in the text only;
    # curly apostrophe in the text, straight in the token; a soft hyphen and a BOM in the text.
    text = "\ufeffর\u200d্যাবের ঢাকা\u09df হুই’র আবু\u00adল"
    tokens = ["র্যাবের", "ঢাকায়", "হুই'র", "আবুল"]
    spans = align_tokens(text, tokens)
    assert spans == [(1, 9), (10, 15), (16, 21), (22, 27)]
    for (s, e), tok in zip(spans, tokens, strict=True):  # type: ignore[misc]
        assert fold(text[s:e]) == fold(tok)


def test_align_leaves_out_what_it_cannot_place_and_recovers() -> None:
    text = "আমরা fooXTEMPDOTbar দেখেছি ঢাকায় এবং ঢাকায়"
    tokens = ["আমরা", "foo.bar", "দেখেছি", "ঢাকায়", "কখনো", "এবং", "ঢাকায়"]
    spans = align_tokens(text, tokens)
    assert spans[1] is None and spans[4] is None
    assert [text[s:e] for s, e in (sp for sp in spans if sp)] == \
        ["আমরা", "দেখেছি", "ঢাকায়", "এবং", "ঢাকায়"]
    assert spans[6] is not None and spans[6][0] > spans[5][0]  # type: ignore[index]


def test_align_never_jumps_into_a_later_word() -> None:
    """A token missing from the text is not matched inside some later word."""
    text = "কেউ আসেনি এখানে"
    assert align_tokens(text, ["কেউ", "এ", "আসেনি"]) == [(0, 3), None, (4, 9)]
    assert align_tokens(text, ["খা"]) == [None]
    assert align_tokens("", ["ক"]) == [None]
    assert align_tokens("ক খ", []) == []


_BN_WORD = st.text(alphabet=st.sampled_from(list("কখগঘঙচছজঝটঠডঢণতথদধনপফবভমযরলশষসহািীুূেৈোৌংঃ্য়ড়")),
                   min_size=1, max_size=6)
_SEP = st.sampled_from([" ", "  ", ", ", "। ", "\n", " (", ") ", " ‘", "’ ", "\u00a0"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_BN_WORD, _SEP), min_size=1, max_size=12))
# Found by hypothesis: a vowel sign in two code points after a bracket composes inside the
# bracket's grapheme cluster.
@example([("ং", " ("), ("\u09c7\u09be", " ")])
def test_align_whitespace_split_tokens_exactly(parts: list[tuple[str, str]]) -> None:
    text = "".join(w + sep for w, sep in parts)
    tokens = [w for w, _ in parts]
    spans = align_tokens(text, tokens)
    assert all(sp is not None for sp in spans)
    last = 0
    for (s, e), tok in zip(spans, tokens, strict=True):  # type: ignore[misc]
        assert s >= last and fold(text[s:e]) == fold(tok)
        last = e


@pytest.mark.parametrize(("tags", "spans"), [
    (["O", "B-PER", "I-PER", "O", "B-LOC"], [(1, 3, "PER"), (4, 5, "LOC")]),
    (["B-PER", "B-PER", "I-PER"], [(0, 1, "PER"), (1, 3, "PER")]),
    (["I-ORG", "I-ORG", "I-PER"], [(0, 2, "ORG"), (2, 3, "PER")]),        # I- without B-
    (["S-LOC", "B-ORG", "I-ORG", "E-ORG", "O"], [(0, 1, "LOC"), (1, 4, "ORG")]),
    (["U-PER", "B-PER", "L-PER", "L-PER"], [(0, 1, "PER"), (1, 3, "PER"), (3, 4, "PER")]),
    (["TIM", "TIM", "O", "PER"], [(0, 2, "TIM"), (3, 4, "PER")]),            # bare labels
    (["b-loc", "i-loc", ""], [(0, 2, "loc")]),
    ([], []), (["O", "O"], []),
])
def test_tag_spans(tags: list[str], spans: list[tuple[int, int, str]]) -> None:
    assert tag_spans(tags) == spans


def test_sentence_spans() -> None:
    text = "প্রথম বাক্য। দ্বিতীয়? ‘তৃতীয়!’ চতুর্থ\n\nপঞ্চম"
    spans = sentence_spans(text)
    assert [text[s:e].strip() for s, e in spans] == \
        ["প্রথম বাক্য।", "দ্বিতীয়?", "‘তৃতীয়!’", "চতুর্থ", "পঞ্চম"]
    assert sentence_spans("   \n ") == []


def test_missing_bnlp_gives_the_install_command(tmp_path: Path) -> None:
    """Without bnlp-toolkit, building a linker fails with the pip command (checked in a fresh
    interpreter where importing bnlp or nltk is made to fail)."""
    model = tmp_path / "m.pkl"
    model.write_bytes(b"x")
    code = textwrap.dedent(f"""
        import sys
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("bnlp", "nltk"):
                    raise ImportError("No module named " + repr(name))
        sys.meta_path.insert(0, Block())
        from bnentity.integrations.bnlp import BnlpLinker
        try:
            BnlpLinker({str(model)!r})
        except ImportError as e:
            print("ImportError:", e)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, timeout=120, check=True)
    assert "ImportError:" in out.stdout and INSTALL_HINT in out.stdout, out


def test_model_path_is_required_and_checked(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="does not download"):
        BnlpRecognizer("")
    with pytest.raises(FileNotFoundError):
        BnlpRecognizer(tmp_path / "absent.pkl")
    with pytest.raises(FileNotFoundError):
        recognizer_spans(["ঢাকা"], tmp_path / "absent.pkl")  # fails on call, not on iteration


# -- with bnlp-toolkit for real -----------------------------------------------------------

@pytest.fixture(scope="session")
def bnlp() -> ModuleType:
    pytest.importorskip("bnlp", reason="bnlp-toolkit is not installed "
                                       "(pip install 'bnentity[bnlp]')")
    from bnentity.integrations.bnlp import import_bnlp
    return import_bnlp()


@pytest.fixture(scope="session")
def train_script() -> Any:
    spec = importlib.util.spec_from_file_location("train_bnlp_test_model", TRAIN_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def model_path(bnlp: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (RIFAT / "train_data.txt").is_file():
        pytest.skip(f"no NER training data at {RIFAT} (../shared/data beside the repository)")
    out = tmp_path_factory.mktemp("bnlp") / "bn_ner_test.pkl"
    proc = subprocess.run([sys.executable, str(TRAIN_SCRIPT), str(out)], capture_output=True,
                          text=True, cwd=ROOT, timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "", "the training script writes its messages to stderr"
    return out


@pytest.fixture(scope="session")
def linker(model_path: Path) -> BnlpLinker:
    return BnlpLinker(model_path)


@pytest.fixture(scope="session")
def held_out(train_script: Any) -> list[list[tuple[str, str]]]:
    sentences: list[list[tuple[str, str]]] = train_script.read_conll(RIFAT / "test_data.txt")
    return sentences[:300]


def test_importing_bnlp_through_bnentity_makes_no_network_attempt() -> None:
    """bnlp's own import calls nltk.download("punkt_tab"); import_bnlp skips that call and
    keeps bnlp's chatter off stdout. Checked in a fresh interpreter with name resolution and
    connections recorded."""
    pytest.importorskip("bnlp", reason="bnlp-toolkit is not installed")
    code = textwrap.dedent("""
        import socket, sys
        attempts = []
        def deny(*args, **kwargs):
            attempts.append(args[:1])
            raise OSError("network disabled by the test")
        socket.getaddrinfo = deny
        socket.create_connection = deny
        socket.socket.connect = lambda self, *a: deny(*a)
        from bnentity.integrations.bnlp import import_bnlp
        import_bnlp()
        print("ATTEMPTS", len(attempts), attempts, file=sys.stderr)
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=300, check=True)
    assert "ATTEMPTS 0 []" in proc.stderr, proc.stderr
    assert proc.stdout == ""
    assert "Error loading" not in proc.stderr


def test_the_model_is_what_bnlp_loads(bnlp: ModuleType, model_path: Path) -> None:
    ner = bnlp.BengaliNER(model_path=str(model_path))
    result = ner.tag("প্রধানমন্ত্রী শেখ হাসিনা আজ চট্টগ্রাম যাবেন।")
    assert [tok for tok, _ in result] == ["প্রধানমন্ত্রী", "শেখ", "হাসিনা", "আজ", "চট্টগ্রাম",
                                          "যাবেন"]
    assert {tag for _, tag in result} <= {"O", "TIM", "B-PER", "I-PER", "B-LOC", "I-LOC",
                                          "B-ORG", "I-ORG"}


def test_a_file_that_is_not_a_model_is_refused(bnlp: ModuleType, tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.pkl"
    garbage.write_bytes(b"not a pickle")
    with pytest.raises(ValueError, match="not a bnlp NER model"):
        BnlpRecognizer(garbage)
    not_a_tagger = tmp_path / "dict.pkl"
    not_a_tagger.write_bytes(pickle.dumps({"a": 1}))
    with pytest.raises(ValueError, match="predict"):
        BnlpRecognizer(not_a_tagger)


def _token_offsets(tokens: list[str]) -> list[tuple[int, int]]:
    out, pos = [], 0
    for tok in tokens:
        out.append((pos, pos + len(tok)))
        pos += len(tok) + 1
    return out


def test_held_out_sentences_end_to_end(linker: BnlpLinker,
                                       held_out: list[list[tuple[str, str]]]) -> None:
    recognized = exact = gold_total = linked = 0
    for sentence in held_out:
        words = [w for w, _ in sentence]
        text = " ".join(words)
        tagged = linker.recognizer.tag(text)
        assert tagged, text
        for t in tagged:  # bnlp's BasicTokenizer returns substrings: all must be placed
            assert t.start is not None and t.end is not None, (t, text)
            assert text[t.start:t.end] == t.text
        starts = {t.start for t in tagged}
        ends = {t.end for t in tagged}
        spans = linker.recognize(text)
        for s, e, label in spans:
            assert s in starts and e in ends and s < e, (s, e, text)
            assert label in ("PER", "LOC", "ORG")
        offsets = _token_offsets(words)
        gold = {(offsets[i][0], offsets[j - 1][1], label)
                for i, j, label in tag_spans([g for _, g in sentence])
                if label in ("PER", "LOC", "ORG")}
        recognized += len(spans)
        exact += len(set(spans) & gold)
        gold_total += len(gold)
        links = linker.resolver.link(text, spans)
        for lk, (s, e, _) in zip(links, spans, strict=True):
            assert text[lk.text_start:lk.text_end] == lk.text
            assert s <= lk.text_start <= lk.text_end <= e
            if lk.match is None:
                continue
            linked += 1
            if normalize(lk.text).startswith("বাংলাদেশ") and lk.via == "span":
                assert lk.entity_id == "country-bd", lk
            if lk.text in ("ঢাকা", "ঢাকায়", "ঢাকার") and lk.via == "span":
                assert lk.entity_id == "dhaka", lk
    # Measured with the default training run: 206 spans, 157 exactly gold, 371 gold, 96 linked.
    assert recognized >= 100
    assert exact / recognized >= 0.5
    assert exact / gold_total >= 0.25
    assert linked >= 30


def _gold(txt: Path) -> dict[tuple[int, int], str]:
    rows = [json.loads(line) for line in
            txt.with_suffix(".gold.jsonl").read_text(encoding="utf-8").splitlines() if line]
    return {(r["start"], r["end"]): r["entity"] for r in rows}


def test_seed_articles_link_to_their_gold_entities(linker: BnlpLinker) -> None:
    """Whatever the recognizer finds in the seed articles and bnentity links, where it
    overlaps a gold mention, is that mention's entity."""
    agree = overlapping = 0
    for txt in SEED_FILES:
        text = txt.read_text(encoding="utf-8")
        gold = _gold(txt)
        for lk in linker.link(text):
            assert text[lk.text_start:lk.text_end] == lk.text
            if lk.match is None:
                continue
            hits = [ent for (s, e), ent in gold.items()
                    if s < lk.text_end and lk.text_start < e]
            if hits:
                overlapping += 1
                agree += lk.entity_id in hits
    # Measured with the default training run: 27 of 27.
    assert overlapping >= 10
    assert agree >= 0.9 * overlapping


@pytest.mark.parametrize(("text", "expected"), [
    ("প্রধানমন্ত্রী শেখ হাসিনা আজ বিকেলে গণভবনে বিএনপির নেতাদের সঙ্গে বৈঠক করবেন।",
     {"শেখ হাসিনা": "sheikh-hasina", "বিএনপির": "bnp"}),
    ("বিএনপির ভারপ্রাপ্ত চেয়ারম্যান তারেক রহমান লন্ডন থেকে দেশে ফিরছেন।",
     {"বিএনপির": "bnp", "তারেক রহমান": "tarique-rahman", "লন্ডন": "london"}),
    ("ভারতের প্রধানমন্ত্রী নরেন্দ্র মোদি বলেছেন, বাংলাদেশের সঙ্গে সম্পর্ক আরও দৃঢ় হবে।",
     {"ভারতের": "country-in", "নরেন্দ্র মোদি": "narendra-modi", "বাংলাদেশের": "country-bd"}),
    ("রাশিয়ার পররাষ্ট্রমন্ত্রী সের্গেই ল্যাভরভ গতকাল ঢাকায় পৌঁছেছেন।",
     {"রাশিয়ার": "country-ru", "সের্গেই ল্যাভরভ": "sergey-lavrov", "ঢাকায়": "dhaka"}),
    ("জাতিসংঘের মহাসচিব আজ ঢাকা বিশ্ববিদ্যালয়ে বক্তৃতা দেবেন।",
     {"জাতিসংঘের": "united-nations", "ঢাকা বিশ্ববিদ্যালয়ে": "university-of-dhaka"}),
])
def test_sentences_about_bundled_entities(linker: BnlpLinker, text: str,
                                          expected: dict[str, str]) -> None:
    """Each name the model tags links to its entity; the model must tag at least one."""
    found = {}
    for lk in linker.link(text):
        if lk.text in expected:
            found[lk.text] = lk.entity_id
    assert found, (text, linker.recognize(text))
    assert found == {k: expected[k] for k in found}


def test_offsets_index_the_original_text(bnlp: ModuleType, model_path: Path) -> None:
    """A text with a BOM, CRLF, no-break spaces, precomposed nukta letters, ZWJ and curly
    quotes, tokenized by a tokenizer that normalizes what it returns: every placed token and
    every span indexes the original string."""
    basic = bnlp.BasicTokenizer()

    def normalizing(text: str) -> list[str]:
        return [unicodedata.normalize("NFC", t).translate(ZW).replace("’", "'")
                for t in basic(text)]

    text = ("\ufeffপ্রধানমন্ত্রী শেখ\u00a0হাসিনা আজ বিকেলে গণভবনে বিএনপির নেতাদের সঙ্গে বৈঠক "
            "করবেন।\r\nর\u200d্যাবের দল ঢাকা\u09df গেছে। বিএনপির ‘নেতা’ তারেক রহমান।")
    for tokenizer in (None, normalizing):
        rec = BnlpRecognizer(model_path, tokenizer=tokenizer)
        tagged = rec.tag(text)
        assert all(t.start is not None for t in tagged), tagged
        for t in tagged:
            assert t.start is not None and t.end is not None
            assert fold(text[t.start:t.end]) == fold(t.text), t
            if tokenizer is None:  # bnlp keeps the BOM on the first token; the span does not
                assert text[t.start:t.end] == t.text.lstrip("\ufeff")
        bounds = {t.start for t in tagged} | {t.end for t in tagged}
        spans = rec.recognize(text)
        assert spans
        for s, e, _ in spans:
            assert s in bounds and e in bounds


def test_recognizer_spans_for_review(model_path: Path) -> None:
    texts = ["প্রধানমন্ত্রী শেখ হাসিনা আজ চট্টগ্রাম যাবেন।", "", "বিএনপির নেতারা ঢাকায়।"]
    out = list(recognizer_spans(iter(texts), model_path))
    assert [t for t, _ in out] == texts
    rec = BnlpRecognizer(model_path)
    assert [spans for _, spans in out] == [rec.recognize(t) for t in texts]
    assert out[1][1] == []
    for text, spans in out:
        for s, e, label in spans:
            assert 0 <= s < e <= len(text) and label in ("PER", "LOC", "ORG")


def test_labels_filter(model_path: Path) -> None:
    text = "প্রধানমন্ত্রী শেখ হাসিনা আজ বিকেলে গণভবনে বিএনপির নেতাদের সঙ্গে বৈঠক করবেন।"
    everything = BnlpRecognizer(model_path, labels={"PER", "LOC", "ORG", "TIM"}).recognize(text)
    persons = BnlpRecognizer(model_path, labels={"per"}).recognize(text)
    assert persons == [sp for sp in everything if sp[2] == "PER"]
    assert any(sp[2] == "TIM" for sp in everything)      # আজ বিকেলে
    default = BnlpRecognizer(model_path).recognize(text)
    assert default == [sp for sp in everything if sp[2] != "TIM"]


def test_linker_with_own_gazetteer(model_path: Path) -> None:
    mini = ROOT / "tests" / "data" / "mini.yaml"
    text = "প্রধানমন্ত্রী শেখ হাসিনা আজ চট্টগ্রাম যাবেন।"
    own = BnlpLinker(model_path, gazetteers=[mini])
    assert [lk.entity_id for lk in own.link(text) if lk.text == "শেখ হাসিনা"] in \
        ([], ["sheikh-hasina"])
    assert own.resolver.gazetteer is not bnentity.bundled().gazetteer
    with pytest.raises(ValueError, match="not both"):
        BnlpLinker(model_path, bnentity.bundled(), gazetteers=[mini])
    same: Callable[[str], Any] = BnlpLinker(model_path, own.resolver).link
    assert [lk.entity_id for lk in same(text)] == [lk.entity_id for lk in own.link(text)]
