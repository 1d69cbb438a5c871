"""The review queue, decisions, apply and export — and the end-to-end loop of issue 7:
a corpus with unseen variants → review finds them → decisions applied → the resolver
resolves them exactly, and a rejected suggestion never comes back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bnentity.editors.cluster import cluster_spellings
from bnentity.editors.decisions import (
    Decision,
    DecisionError,
    DecisionLog,
    parse_decision,
    read_decisions,
)
from bnentity.editors.export import check_cases, decisions_to_cases
from bnentity.editors.namelike import NameLikeFinder, _is_acronym
from bnentity.editors.review import Document, iter_documents, review
from bnentity.matching.resolver import Resolver

pytest.importorskip("ruamel.yaml")

from bnentity.editors.apply import apply_decisions

GAZ = """\
# People and places for the end-to-end test. This comment must survive.
entities:

  - id: sergey-lavrov
    name: Sergey Lavrov
    type: person
    bn: সের্গেই লাভরভ   # the press spelling
    short: [লাভরভ]
    description: Foreign Minister of Russia

  - id: volodymyr-zelensky
    name: Volodymyr Zelensky
    type: person
    bn: ভলোদিমির জেলেনস্কি
    description: President of Ukraine

  # ---- places ----

  - id: faridpur
    name: Faridpur
    type: place
    bn: ফরিদপুর
"""

CORPUS = [
    {"id": "d1", "text": "রুশ পররাষ্ট্রমন্ত্রী সের্গেই ল্যাভরভ বলেন, আলোচনা চলবে।"},
    {"id": "d2", "text": "মস্কোয় সের্গেই ল্যাভরভের সঙ্গে বৈঠক হয়েছে।"},
    {"id": "d3", "text": "ইউক্রেনের প্রেসিডেন্ট ভলোদিমির জেলেনস্কী কিয়েভে ফিরেছেন।"},
    {"id": "d4", "text": "ফরাসি প্রেসিডেন্ট এমানুয়েল মাখোঁ প্যারিসে বলেন, যুদ্ধ থামাতে হবে।"},
    {"id": "d5", "text": "ফ্রান্সের প্রেসিডেন্ট ইমানুয়েল মাখোঁর সঙ্গে ফোনালাপ হয়েছে।"},
    {"id": "d6", "text": "প্রেসিডেন্ট এমানুয়েল মাখোঁ আজ সফরে আসছেন।"},
    {"id": "d7", "text": "মামলার আসামি ফরিদাপুর গ্রামে আদালতে হাজির হন।"},
    {"id": "d8", "text": "পুলিশ জানায়, ফরিদাপুর গ্রামে তিনি পলাতক ছিলেন।"},
    {"id": "d9", "text": "মামলার আসামি ফরিদুর আদালতে হাজির হন।"},
]


@pytest.fixture()
def world(tmp_path: Path) -> dict[str, Path]:
    gaz = tmp_path / "gaz"
    gaz.mkdir()
    (gaz / "people.yaml").write_text(GAZ, encoding="utf-8")
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in CORPUS),
                      encoding="utf-8")
    return {"gaz": gaz, "corpus": corpus, "log": gaz / "decisions.jsonl", "tmp": tmp_path}


def _review(world: dict[str, Path]) -> dict[str, dict[str, Any]]:
    r = Resolver.from_paths(world["gaz"])
    q = review(iter_documents([world["corpus"]]), r,
               rejected=DecisionLog(world["log"]).rejected())
    return {it["id"]: it for it in q.items}


def _decision(it: dict[str, Any], action: str, **extra: Any) -> Decision:
    """What the review page records for a row (see review.html: act.*)."""
    spellings = [it["spelling"]] if it["kind"] == "unlisted" else \
        [s["spelling"] for s in it["spellings"]]
    obj = {"action": action, "spellings": spellings, "row": it["id"], **extra}
    return parse_decision(obj)


def test_end_to_end(world: dict[str, Path]) -> None:
    rows = _review(world)
    lavrov = rows["u:sergey-lavrov:সের্গেই ল্যাভরভ"]
    assert lavrov["count"] == 2 and lavrov["method"] == "variant"
    assert lavrov["entity"]["id"] == "sergey-lavrov" and len(lavrov["contexts"]) == 2
    zel = rows["u:volodymyr-zelensky:ভলোদিমির জেলেনস্কী"]
    # A one-word fuzzy link with other consonants (ফরিদুর, a given name) is not made at all;
    # one with the same consonants (ফরিদাপুর, another village) is, and the editor rejects it.
    assert "u:faridpur:ফরিদুর" not in rows
    faridur = rows["u:faridpur:ফরিদাপুর"]
    assert faridur["method"] == "fuzzy"
    macron = rows["n:এমানুয়েল মাখোঁ"]
    assert macron["kind"] == "unknown" and macron["count"] == 3
    assert [s["spelling"] for s in macron["spellings"]] == ["এমানুয়েল মাখোঁ", "ইমানুয়েল মাখোঁ"]
    assert macron["suggest"]["type"] == "person"
    # Ranked: priorities never increase down the queue.
    pri = [it["priority"] for it in sorted(rows.values(), key=lambda it: it["rank"])]
    assert pri == sorted(pri, reverse=True)

    decisions = [
        _decision(lavrov, "add_alias", entity="sergey-lavrov"),
        _decision(zel, "add_alias", entity="volodymyr-zelensky"),
        _decision(macron, "new_entity", entity="emmanuel-macron", name="Emmanuel Macron",
                  type="person"),
        _decision(faridur, "reject", entity="faridpur"),
    ]
    result = apply_decisions(decisions, [world["gaz"]], log=world["log"])
    assert result.ok, result.problems
    assert len(result.logged) == 4 and result.written == [str(world["gaz"] / "people.yaml")]
    text = (world["gaz"] / "people.yaml").read_text(encoding="utf-8")
    assert "This comment must survive." in text and "# ---- places ----" in text
    assert "bn: সের্গেই লাভরভ   # the press spelling" in text

    r = Resolver.from_paths(world["gaz"])
    for spelling, eid in [("সের্গেই ল্যাভরভ", "sergey-lavrov"),
                          ("ভলোদিমির জেলেনস্কী", "volodymyr-zelensky"),
                          ("এমানুয়েল মাখোঁ", "emmanuel-macron"),
                          ("ইমানুয়েল মাখোঁর", "emmanuel-macron")]:
        m = r.resolve(spelling)
        # "variant" too: the index keeps one form per variant key, so a listed alias that
        # differs from bn only by folded letters matches through bn (score 97).
        assert m is not None and m.entity.id == eid and m.method in ("exact", "variant"), \
            spelling
    m = r.resolve("ফরিদাপুর")
    assert m is None or m.entity.id != "faridpur"

    # The next review: the accepted spellings are exact now, the rejection stays rejected.
    rows2 = _review(world)
    assert not any(it["kind"] == "unlisted" for it in rows2.values()), rows2.keys()
    assert "n:এমানুয়েল মাখোঁ" not in rows2
    for it in rows2.values():
        assert all(n["id"] != "faridpur" for n in it.get("nearest", [])
                   if "ফরিদাপুর" in it["spelling"])

    # Replaying the log changes nothing (idempotent) and logs nothing new.
    again = apply_decisions(DecisionLog(world["log"]).read(), [world["gaz"]], log=world["log"])
    assert again.ok and again.diff == "" and again.logged == []

    # The decisions as regression tests: all pass now.
    cases = decisions_to_cases(DecisionLog(world["log"]).read())
    assert {(c.query, c.expect, c.must_not) for c in cases} >= {
        ("সের্গেই ল্যাভরভ", "sergey-lavrov", None), ("ফরিদাপুর", None, "faridpur")}
    assert check_cases(cases, r) == []


def test_rejection_in_the_log_alone_is_skipped(world: dict[str, Path]) -> None:
    """A rejection apply cannot write (a not-a-name) is still remembered by the log."""
    rows = _review(world)
    macron = rows["n:এমানুয়েল মাখোঁ"]
    DecisionLog(world["log"]).append([_decision(macron, "reject", entity=None)])
    assert "n:এমানুয়েল মাখোঁ" not in _review(world)


def test_cli_review_apply_export(world: dict[str, Path],
                                 capsys: pytest.CaptureFixture[str]) -> None:
    main = pytest.importorskip("bnentity.cli.main").main
    out = world["tmp"] / "queue"
    assert main(["review", str(world["corpus"]), "-g", str(world["gaz"]), "-o", str(out)]) == 0
    queue = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert queue["stats"]["documents"] == len(CORPUS)
    html = out.with_suffix(".html").read_text(encoding="utf-8")
    assert 'id="bnentity-data"' in html and "__BNENTITY_DATA__" not in html
    row = next(it for it in queue["items"] if it["id"] == "u:sergey-lavrov:সের্গেই ল্যাভরভ")
    dec = world["tmp"] / "decisions.jsonl"
    dec.write_text(_decision(row, "add_alias", entity="sergey-lavrov").to_json() + "\n",
                   encoding="utf-8")
    before = (world["gaz"] / "people.yaml").read_bytes()
    assert main(["apply", str(dec), "-g", str(world["gaz"]), "--dry-run"]) == 0
    diff = capsys.readouterr().out
    assert "+    aliases: [সের্গেই ল্যাভরভ]" in diff
    assert (world["gaz"] / "people.yaml").read_bytes() == before
    assert main(["apply", str(dec), "-g", str(world["gaz"])]) == 0
    assert world["log"].exists()
    assert main(["export-tests", str(world["log"]), "--check", "-g", str(world["gaz"])]) == 0
    cases = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert cases == [{"query": "সের্গেই ল্যাভরভ", "expect": "sergey-lavrov",
                      "action": "add_alias", "row": row["id"]}]
    bad = world["tmp"] / "bad.jsonl"
    bad.write_text('{"action": "add_alias", "spellings": ["x"], "entity": "nobody"}\n',
                   encoding="utf-8")
    assert main(["apply", str(bad), "-g", str(world["gaz"])]) == 1   # A301
    bad.write_text('{"action": "explode"}\n', encoding="utf-8")
    assert main(["apply", str(bad), "-g", str(world["gaz"])]) == 2   # malformed
    capsys.readouterr()


def test_variant_key_rejection_is_logged_not_written(tmp_path: Path) -> None:
    gaz = tmp_path / "g.yaml"
    gaz.write_text("entities:\n  - id: bashar\n    name: Bashar\n    type: person\n"
                   "    bn: হাবিবুল বাশার\n", encoding="utf-8")
    log = tmp_path / "decisions.jsonl"
    res = apply_decisions([Decision("reject", ("বাসার",), entity="bashar")], [gaz], log=log)
    assert res.ok and [p.code for p in res.problems] == ["A303"]
    assert "not:" not in gaz.read_text(encoding="utf-8")
    assert ("bashar", "বাসার") in DecisionLog(log).rejected()
    assert Resolver.from_paths(gaz).resolve("হাবিবুল বাশার") is not None


# -- units ---------------------------------------------------------------------------------

def test_decision_validation() -> None:
    with pytest.raises(DecisionError, match="action"):
        parse_decision({"action": "nope", "spellings": ["x"]})
    with pytest.raises(DecisionError, match="spellings"):
        parse_decision({"action": "reject", "spellings": []})
    with pytest.raises(DecisionError, match="entity"):
        parse_decision({"action": "add_alias", "spellings": ["x"]})
    with pytest.raises(DecisionError, match="type"):
        parse_decision({"action": "new_entity", "spellings": ["x"], "entity": "x"})
    d = parse_decision({"action": "reject", "spellings": "x", "entity": None, "custom": 1})
    assert d.spellings == ("x",) and d.extra == {"custom": 1}
    assert json.loads(d.to_json())["custom"] == 1
    with pytest.raises(DecisionError, match=":2: not JSON"):
        list(read_decisions(["# comment", "{oops"], "f"))


def test_iter_documents_formats(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('["বাক্য এক", ["O"]]\n{"text": "বাক্য দুই"}\n\n',
                                      encoding="utf-8")
    (tmp_path / "b.txt").write_text("লাইন এক\n\nলাইন দুই\n", encoding="utf-8")
    (tmp_path / "c.conll").write_text("শব্দ\tO\nএক\tB-PER\n\nদুই\tO\n", encoding="utf-8")
    docs = list(iter_documents([tmp_path]))
    assert [d.text for d in docs] == ["বাক্য এক", "বাক্য দুই", "লাইন এক", "লাইন দুই",
                                      "শব্দ এক", "দুই"]
    errors: list[str] = []
    assert list(iter_documents([tmp_path / "missing.txt"], errors=errors)) == []
    assert errors and "not-found" in errors[0]


def test_cluster_links_variants_and_inflections() -> None:
    cs = cluster_spellings({"মাহমুদুল্লাহ": 5, "মাহমুদউল্লাহ": 2, "মাহমুদুল্লাহর": 1,
                            "ঢাকা": 9, "ললিত মোদি": 1, "নরেন্দ্র মোদি": 1})
    by_rep = {c.representative: c for c in cs}
    assert by_rep["মাহমুদুল্লাহ"].spellings == ("মাহমুদুল্লাহ", "মাহমুদউল্লাহ")
    assert by_rep["মাহমুদুল্লাহ"].counts == (6, 2)  # the inflected form counts for its stem
    assert "ললিত মোদি" in by_rep and "নরেন্দ্র মোদি" in by_rep  # a shared surname is not enough


def test_namelike_evidence() -> None:
    f = NameLikeFinder()
    spans = f.find("পররাষ্ট্রমন্ত্রী আবদুল মোমেন বলেন, বিএনপি-র সঙ্গে কথা হবে।")
    texts = {s.text: s.evidence for s in spans}
    assert "আবদুল মোমেন" in texts and "title" in texts["আবদুল মোমেন"]
    assert any("acronym" in ev for ev in texts.values())
    assert _is_acronym("বিএনপি") and _is_acronym("এফবিআই") and not _is_acronym("আরও")
    assert f.find("তিনি আজ বাজারে গিয়েছিলেন।") == []


def test_review_accepts_plain_strings(world: dict[str, Path]) -> None:
    r = Resolver.from_paths(world["gaz"])
    q = review([d["text"] for d in CORPUS] + [Document("x", "")], r, min_count=2)
    assert q.stats["documents"] == len(CORPUS) + 1
    assert all(it["count"] >= 2 for it in q.items)
