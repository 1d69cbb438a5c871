"""The ``bnentity`` command, driven in-process through ``main(argv)`` (issue 6).

Bundled-gazetteer tests rely only on entities certainly present: sergey-lavrov (লাভরভ,
ল্যাভরভ), choe-son-hui (চো সন হুই) and kim-jong-un (কিম জং উন).
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from paths import ROOT

from bnentity.cli import batch, records
from bnentity.cli.main import main

LAVROV = "সের্গেই লাভরভ"
SUMMARY = re.compile(r"read (\d+), written (\d+), changed (\d+), rejected (\d+)")

GAZ = """\
entities:
  - id: test-person
    name: Test Person
    type: person
    bn: পরীক্ষা মানুষ
    aliases: [পরিক্ষা মানুষ]
  - id: lavrov-impostor
    name: Lavrov Impostor
    type: person
    bn: লাভরভ
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def summary(err: str) -> tuple[int, int, int, int]:
    m = SUMMARY.search(err)
    assert m, f"no summary in {err!r}"
    read, written, changed, rejected = (int(g) for g in m.groups())
    assert read == written + rejected, err
    return read, written, changed, rejected


def jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def set_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


@pytest.fixture
def gaz(tmp_path: Path) -> Path:
    p = tmp_path / "gaz" / "test.yaml"
    p.parent.mkdir()
    p.write_text(GAZ, encoding="utf-8")
    return p


# -- resolve ----------------------------------------------------------------------------------

def test_resolve_names_as_jsonl(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "resolve", "লাভরভ", "ল্যাভরভের", "চো সন হুই", "কিম জং উন",
                         "খগঘঙ")
    assert code == 0
    rows = jsonl(out)
    assert [r["query"] for r in rows] == ["লাভরভ", "ল্যাভরভের", "চো সন হুই", "কিম জং উন",
                                           "খগঘঙ"]
    assert [r["id"] for r in rows] == ["sergey-lavrov", "sergey-lavrov", "choe-son-hui",
                                       "kim-jong-un", None]
    assert rows[0]["bn"] == LAVROV and rows[0]["score"] >= 85
    assert summary(err) == (5, 5, 4, 0)


def test_resolve_table_and_candidates(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "resolve", "--format", "table", "লাভরভ", "খগঘঙ")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["query", "id", "score", "method", "bn"]
    assert "sergey-lavrov" in lines[2] and lines[3].split() == ["খগঘঙ", "-"]
    code, out, _ = run(capsys, "resolve", "--candidates", "3", "-q", "লাভরভ")
    (row,) = jsonl(out)
    assert row["candidates"][0]["id"] == "sergey-lavrov"


def test_resolve_names_from_stdin(capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    set_stdin(monkeypatch, "লাভরভ\n\n  কিম জং উন \r\n".encode() + b"bad \xff name\n"
              + "চো সন হুই".encode())
    code, out, err = run(capsys, "resolve")
    assert code == 1
    assert [r["id"] for r in jsonl(out)] == ["sergey-lavrov", "kim-jong-un", "choe-son-hui"]
    assert "<stdin>:4: [invalid-utf8]" in err and "byte offset" in err
    assert summary(err) == (4, 3, 3, 1)


def test_resolve_without_input_at_a_terminal_is_a_usage_error(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Tty())
    code, _, err = run(capsys, "resolve")
    assert code == 2 and "no input" in err and "Traceback" not in err


# -- explain ----------------------------------------------------------------------------------

def test_explain(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "explain", "লাভরভের")
    assert code == 0 and err == ""
    assert "candidates:" in out and "→ sergey-lavrov" in out
    code, out, _ = run(capsys, "explain", "--json", "লাভরভের", "খগঘঙ")
    a, b = jsonl(out)
    assert a["result"]["id"] == "sergey-lavrov" and b["result"] is None


# -- find -------------------------------------------------------------------------------------

def test_find_text_files_and_folders(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "in" / "sub").mkdir(parents=True)
    a = tmp_path / "in" / "a.txt"
    a.write_text("চো সন হুই’র সঙ্গে লাভরভের বৈঠক", encoding="utf-8")
    (tmp_path / "in" / "sub" / "b.txt").write_text("কিম জং উন এসেছেন।\n", encoding="utf-8")
    (tmp_path / "in" / ".hidden.txt").write_text("লাভরভ", encoding="utf-8")
    (tmp_path / "in" / "c.txt").write_text("কিছুই নেই", encoding="utf-8")
    code, out, err = run(capsys, "find", "-j1", str(tmp_path / "in"))
    assert code == 0
    docs = jsonl(out)
    assert [d["id"] for d in docs] == [str(tmp_path / "in" / n) for n in
                                       ("a.txt", "c.txt", "sub/b.txt")]
    assert set(docs[0]) == {"id", "mentions"}
    m = docs[0]["mentions"]
    assert [x["id"] for x in m] == ["choe-son-hui", "sergey-lavrov"]
    text = a.read_text(encoding="utf-8")
    assert all(text[x["start"]:x["end"]] == x["text"] for x in m)
    assert {"start", "end", "text", "id", "name", "score"} <= set(m[0])
    assert docs[1]["mentions"] == [] and docs[2]["mentions"][0]["id"] == "kim-jong-un"
    assert summary(err) == (3, 3, 2, 0)
    code, out, _ = run(capsys, "find", "-q", "--keep-text", str(a))
    assert jsonl(out)[0]["text"] == text


def test_find_jsonl_carries_fields(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    p = tmp_path / "docs.jsonl"
    p.write_text('{"id": "x1", "url": "u", "body": "লাভরভ এলেন", "n": [1, 2]}\n'
                 '{"url": "v", "body": "কিছু না"}\n', encoding="utf-8")
    code, out, err = run(capsys, "find", "--field", "body", str(p))
    assert code == 0
    a, b = jsonl(out)
    assert list(a) == ["id", "url", "n", "mentions"]
    assert a["url"] == "u" and a["n"] == [1, 2] and a["mentions"][0]["id"] == "sergey-lavrov"
    assert b == {"id": f"{p}:2", "url": "v", "mentions": []}
    assert summary(err) == (2, 2, 1, 0)


def test_find_key_collision_is_rejected(capsys: pytest.CaptureFixture[str],
                                        tmp_path: Path) -> None:
    p = tmp_path / "docs.jsonl"
    p.write_text('{"text": "লাভরভ", "mentions": 1}\n{"text": "লাভরভ"}\n', encoding="utf-8")
    code, out, err = run(capsys, "find", str(p))
    assert code == 1 and f"{p}:1: [key-collision]" in err and len(jsonl(out)) == 1
    code, out, err = run(capsys, "find", "--mentions-key", "found", str(p))
    assert code == 0 and jsonl(out)[0]["mentions"] == 1
    code, _, err = run(capsys, "find", "--mentions-key", "text", str(p))
    assert code == 2


def test_find_stdin_jsonl_and_text(capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    set_stdin(monkeypatch, '\n  {"id": 7, "text": "কিম জং উন"}\n'.encode())
    code, out, _ = run(capsys, "find", "-q")
    assert code == 0 and jsonl(out)[0]["id"] == 7
    set_stdin(monkeypatch, "লাভরভ বললেন\nকিম জং উন".encode())
    code, out, _ = run(capsys, "find", "-q", "-")
    (doc,) = jsonl(out)
    assert doc["id"] == "<stdin>" and [m["id"] for m in doc["mentions"]] == [
        "sergey-lavrov", "kim-jong-un"]
    set_stdin(monkeypatch, "লাভরভ বললেন\nকিম জং উন".encode())
    code, out, _ = run(capsys, "find", "-q", "--format", "lines")
    assert [d["id"] for d in jsonl(out)] == ["<stdin>:1", "<stdin>:2"]


def test_output_order_with_two_workers(capsys: pytest.CaptureFixture[str],
                                       tmp_path: Path) -> None:
    names = ["লাভরভ", "কিম জং উন", "চো সন হুই", "কিছু না"]
    p = tmp_path / "many.jsonl"
    with p.open("w", encoding="utf-8") as f:
        for i in range(120):
            f.write(json.dumps({"id": i, "text": f"{names[i % 4]} {'শব্দ ' * (i % 7)}"},
                               ensure_ascii=False) + "\n")
        f.write("not json\n")
    code, out2, err = run(capsys, "find", "--workers", "2", "--chunk-size", "3", str(p))
    assert code == 1 and summary(err) == (121, 120, 90, 1)
    docs = jsonl(out2)
    assert [d["id"] for d in docs] == list(range(120))
    code, out1, _ = run(capsys, "find", "--workers", "1", "-q", str(p))
    assert out1 == out2


def test_ordered_map_bounds_the_chunks_in_flight() -> None:
    pulled: list[int] = []

    def items() -> Any:
        for i in range(200):
            pulled.append(i)
            yield i

    seen = 0
    for item, result in batch.ordered_map(_echo, items(), lambda i: i, batch.ResolverSpec(),
                                          workers=2, chunk_size=5, in_flight=2):
        assert result == item == seen
        # never more than (in_flight + 1) chunks read ahead of the consumer
        assert len(pulled) - seen <= 3 * 5 + 1
        seen += 1
    assert seen == 200


def _echo(resolver: object, payload: int) -> int:
    return payload


# -- bad input ----------------------------------------------------------------------------------

def test_every_bad_jsonl_line_is_reported_counted_and_kept(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    p = tmp_path / "bad.jsonl"
    p.write_bytes(b'{"id": 1, "text": "\xe0\xa6\xb2\xe0\xa6\xbe\xe0\xa6\xad\xe0\xa6\xb0'
                  b'\xe0\xa6\xad"}\n'            # 1 good (লাভরভ)
                  b'{"id": 2, "text": \n'        # 2 invalid JSON
                  b'["text"]\n'                  # 3 not an object
                  b'{"id": 4}\n'                 # 4 missing field
                  b'{"id": 5, "text": null}\n'   # 5 not a string
                  b'{"id": 6, "text": "a\xffb"}\n'  # 6 invalid UTF-8
                  b'\n'                          # 7 blank: not a record
                  b'{"id": 8, "text": "x"}')     # 8 good, no final newline
    errors = tmp_path / "errors.jsonl"
    code, out, err = run(capsys, "find", "-j1", "--errors", str(errors), str(p))
    assert code == 1
    assert [d["id"] for d in jsonl(out)] == [1, 8]
    for line, code_ in ((2, "invalid-json"), (3, "not-an-object"), (4, "missing-field"),
                        (5, "not-a-string"), (6, "invalid-utf8")):
        assert f"{p}:{line}: [{code_}]" in err
    bad_at = p.read_bytes().index(b"\xff")  # in line 6
    assert f"byte offset {bad_at} (0xff)" in err
    assert summary(err) == (7, 2, 1, 5)
    assert errors.read_bytes() == (b'{"id": 2, "text": \n["text"]\n{"id": 4}\n'
                                   b'{"id": 5, "text": null}\n{"id": 6, "text": "a\xffb"}\n')
    assert "Traceback" not in err


def test_invalid_utf8_text_file_missing_file_and_bad_entries(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text("লাভরভ", encoding="utf-8")
    (d / "b.txt").write_bytes("লাভরভ\nদ্বিতীয় ".encode() + b"\xc3(")
    (d / "dangling").symlink_to(tmp_path / "nowhere")
    errors = tmp_path / "err.bin"
    code, out, err = run(capsys, "find", "-j1", "--errors", str(errors), str(d),
                         str(tmp_path / "missing.txt"))
    assert code == 1
    assert [x["id"] for x in jsonl(out)] == [str(d / "a.txt")]
    bad_at = (d / "b.txt").read_bytes().index(b"\xc3(")
    assert f"{d / 'b.txt'}:2: [invalid-utf8] invalid UTF-8 at byte offset {bad_at}" in err
    assert f"{d / 'dangling'}: [not-found]" in err
    assert f"{tmp_path / 'missing.txt'}: [not-found]" in err
    assert summary(err) == (4, 1, 1, 3)
    assert errors.read_bytes() == (d / "b.txt").read_bytes() + b"\n"


def test_unreadable_folder_is_reported(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    d = tmp_path / "in"
    (d / "locked").mkdir(parents=True)
    (d / "a.txt").write_text("লাভরভ", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: Any) -> Any:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(records.os, "scandir", scandir)
    code, out, err = run(capsys, "find", "-j1", str(d))
    assert code == 1 and len(jsonl(out)) == 1
    assert f"{d / 'locked'}: [unreadable] cannot read folder: Permission denied" in err
    assert summary(err) == (2, 1, 1, 1)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_is_reported(capsys: pytest.CaptureFixture[str],
                                     tmp_path: Path) -> None:
    p = tmp_path / "secret.txt"
    p.write_text("লাভরভ", encoding="utf-8")
    p.chmod(0)
    code, _, err = run(capsys, "find", str(p))
    assert code == 1 and f"{p}: [unreadable]" in err


def test_task_failure_rejects_only_that_document(capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from bnentity.matching.resolver import Resolver

    real = Resolver.find

    def find(self: Resolver, text: str) -> Any:
        if "BOOM" in text:
            raise ValueError("boom")
        return real(self, text)

    monkeypatch.setattr(Resolver, "find", find)
    p = tmp_path / "d.jsonl"
    p.write_text('{"text": "BOOM"}\n{"text": "লাভরভ"}\n', encoding="utf-8")
    code, out, err = run(capsys, "find", "-j1", str(p))
    assert code == 1 and len(jsonl(out)) == 1
    assert f"{p}:1: [internal-error] ValueError: boom" in err


def test_worker_death_stops_the_batch_with_status_3(capsys: pytest.CaptureFixture[str],
                                                     tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from bnentity.matching.resolver import Resolver

    real = Resolver.find

    def find(self: Resolver, text: str) -> Any:
        if "DIE" in text:
            os._exit(9)  # a worker killed (say, by the out-of-memory killer)
        return real(self, text)

    monkeypatch.setattr(Resolver, "find", find)
    p = tmp_path / "d.jsonl"
    p.write_text("".join(json.dumps({"text": "DIE" if i == 30 else "লাভরভ"}) + "\n"
                         for i in range(60)), encoding="utf-8")
    code, _, err = run(capsys, "find", "-j2", "--chunk-size", "2", str(p))
    assert code == 3 and "worker process died" in err and "Traceback" not in err


def test_lone_surrogates_in_json_survive(capsys: pytest.CaptureFixture[str],
                                         tmp_path: Path) -> None:
    p = tmp_path / "d.jsonl"
    p.write_text('{"text": "ল্যাভরভ \\ud800", "note": "\\udfff"}\n', encoding="utf-8")
    code, out, _ = run(capsys, "rewrite", "-q", str(p))
    assert code == 0
    assert json.loads(out) == {"text": "লাভরভ \ud800", "note": "\udfff"}
    code, out, _ = run(capsys, "find", "-q", "--keep-text", str(p))
    assert code == 0 and json.loads(out)["mentions"][0]["id"] == "sergey-lavrov"


def test_line_buffered_and_all_cores(capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    set_stdin(monkeypatch, "লাভরভ\nকিম জং উন\n".encode())
    code, out, _ = run(capsys, "resolve", "-q", "--line-buffered", "--workers", "0")
    assert code == 0 and [r["id"] for r in jsonl(out)] == ["sergey-lavrov", "kim-jong-un"]


def test_input_that_is_also_the_output_is_not_read(capsys: pytest.CaptureFixture[str],
                                                   tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "a.txt"
    p.write_text("লাভরভ", encoding="utf-8")
    with p.open("a", encoding="utf-8") as f:
        monkeypatch.setattr(sys, "stdout", f)
        code = main(["rewrite", str(p)])
    err = capsys.readouterr().err
    assert code == 1 and f"{p}: [input-is-output]" in err
    assert p.read_text(encoding="utf-8") == "লাভরভ"


# -- gazetteers -------------------------------------------------------------------------------

def test_gazetteer_replaces_the_bundled_set(capsys: pytest.CaptureFixture[str],
                                            gaz: Path) -> None:
    code, out, _ = run(capsys, "resolve", "-q", "--gazetteer", str(gaz), "পরিক্ষা মানুষের",
                       "কিম জং উন", "লাভরভ")
    assert code == 0
    assert [r["id"] for r in jsonl(out)] == ["test-person", None, "lavrov-impostor"]
    code, out, _ = run(capsys, "resolve", "-q", "-g", str(gaz.parent), "--with-bundled",
                       "পরিক্ষা মানুষ", "কিম জং উন")
    assert [r["id"] for r in jsonl(out)] == ["test-person", "kim-jong-un"]


def test_bad_gazetteer_exits_2_with_file_and_line(capsys: pytest.CaptureFixture[str],
                                                   tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("entities:\n  - id: ok-one\n    name: OK\n    type: person\n"
                   "  - id: Not A Slug\n    name: Bad\n    type: person\n", encoding="utf-8")
    for argv in (["resolve", "-g", str(bad), "লাভরভ"], ["find", "-g", str(bad), str(bad)],
                 ["explain", "-g", str(bad), "লাভরভ"]):
        code, out, err = run(capsys, *argv)
        assert code == 2 and out == ""
        assert re.search(rf"{re.escape(str(bad))}:5: \[E\d+\]", err), err
        assert "Traceback" not in err
    code, _, err = run(capsys, "resolve", "-g", str(tmp_path / "none.yaml"), "x")
    assert code == 2 and "[E014]" in err


# -- rewrite ----------------------------------------------------------------------------------

def test_rewrite_to_stdout(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_bytes("ল্যাভরভের সঙ্গে বৈঠক\r\n".encode())
    b = tmp_path / "b.txt"
    b.write_text("কিছু না", encoding="utf-8")
    code, out, err = run(capsys, "rewrite", str(a), str(b))
    assert code == 0
    assert out == "লাভরভের সঙ্গে বৈঠক\r\nকিছু না"
    assert a.read_bytes() == "ল্যাভরভের সঙ্গে বৈঠক\r\n".encode()  # input untouched
    assert summary(err) == (2, 2, 1, 0)
    code, out, _ = run(capsys, "rewrite", "-q", "--style", "annotate", str(a))
    assert out == "[[ল্যাভরভের|sergey-lavrov]] সঙ্গে বৈঠক\r\n"
    code, out, _ = run(capsys, "rewrite", "-q", "--expand-short", str(a))
    assert out.startswith("সের্গেই লাভরভের")


def test_rewrite_lines_keeps_every_byte(capsys: pytest.CaptureFixture[str],
                                        tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_bytes("এক\r\n\nল্যাভরভ\nশেষ".encode())
    code, out, _ = run(capsys, "rewrite", "-q", "--format", "lines", str(a))
    assert code == 0 and out == "এক\r\n\nলাভরভ\nশেষ"


def test_rewrite_jsonl(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    p = tmp_path / "d.jsonl"
    p.write_text('{"id":1, "text": "ল্যাভরভ", "x": 1.0}\n{"id":2,"text":"কিছু না"}\n'
                 '{"id":3}\n', encoding="utf-8")
    code, out, err = run(capsys, "rewrite", str(p))
    assert code == 1
    assert out.splitlines() == ['{"id": 1, "text": "লাভরভ", "x": 1.0}',
                                '{"id":2,"text":"কিছু না"}']  # unchanged lines: byte for byte
    assert summary(err) == (3, 2, 1, 1)
    code, out, err = run(capsys, "rewrite", "--pass-through-rejected", str(p))
    assert code == 1 and out.splitlines()[2] == '{"id":3}'
    assert "passed through" in err


def test_rewrite_output_dir_mirrors_inputs(capsys: pytest.CaptureFixture[str],
                                           tmp_path: Path) -> None:
    src = tmp_path / "corpus"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text("ল্যাভরভ", encoding="utf-8")
    (src / "sub" / "b.jsonl").write_text('{"text": "চো সন হুই"}\n', encoding="utf-8")
    (src / "sub" / "c.txt").write_bytes(b"\xff")
    single = tmp_path / "single.txt"
    single.write_text("কিম জং উন", encoding="utf-8")
    out_dir = tmp_path / "out"
    code, out, _ = run(capsys, "rewrite", "-o", str(out_dir), str(src), str(single))
    assert code == 1 and out == ""
    assert (out_dir / "a.txt").read_text(encoding="utf-8") == "লাভরভ"
    assert json.loads((out_dir / "sub" / "b.jsonl").read_text(encoding="utf-8")) == {
        "text": "চোয়ে সন হুই"}
    assert (out_dir / "single.txt").read_text(encoding="utf-8") == "কিম জং উন"
    assert not (out_dir / "sub" / "c.txt").exists()
    assert sorted(p.name for p in out_dir.rglob("*")) == ["a.txt", "b.jsonl", "single.txt",
                                                          "sub"]  # no temporary files left
    assert (src / "a.txt").read_text(encoding="utf-8") == "ল্যাভরভ"
    code, _, _ = run(capsys, "rewrite", "-q", "--pass-through-rejected", "-o", str(out_dir),
                     str(src))
    assert (out_dir / "sub" / "c.txt").read_bytes() == b"\xff"


def test_rewrite_output_collision(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for d in ("x", "y"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "a.txt").write_text(f"{d} লাভরভ", encoding="utf-8")
    code, _, err = run(capsys, "rewrite", "-o", str(tmp_path / "out"), str(tmp_path / "x"),
                       str(tmp_path / "y"))
    assert code == 1 and "[output-collision]" in err
    assert (tmp_path / "out" / "a.txt").read_text(encoding="utf-8") == "x লাভরভ"


def test_rewrite_refuses_to_overwrite_inputs(capsys: pytest.CaptureFixture[str],
                                             tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    a = tmp_path / "a.txt"
    a.write_text("ল্যাভরভ", encoding="utf-8")
    for argv in (["rewrite", "-o", str(tmp_path), str(a)],          # same file
                 ["rewrite", "-o", str(tmp_path / "o"), str(tmp_path)],  # inside the input
                 ["rewrite", "-o", str(tmp_path), "-"],              # stdin to a folder
                 ["rewrite", "--in-place", "-"],                     # stdin in place
                 ["rewrite", "--in-place", "-o", str(tmp_path / "o"), str(a)],
                 ["find", "--errors", str(a), str(a)]):              # errors file = input
        code, out, err = run(capsys, *argv)
        assert code == 2, argv
        assert "error:" in err and "Traceback" not in err
    assert a.read_text(encoding="utf-8") == "ল্যাভরভ"
    set_stdin(monkeypatch, "ল্যাভরভ".encode())
    code, out, _ = run(capsys, "rewrite", "-q")  # stdin goes to stdout
    assert code == 0 and out == "লাভরভ"


def test_rewrite_in_place(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("ল্যাভরভের সঙ্গে", encoding="utf-8")
    a.chmod(0o640)
    same = tmp_path / "same.txt"
    same.write_text("কিছু না", encoding="utf-8")
    os.utime(same, (1_000_000, 1_000_000))
    j = tmp_path / "d.jsonl"
    j.write_bytes(b'{"text": "\xe0\xa6\xb2\xe0\xa7\x8d\xe0\xa6\xaf\xe0\xa6\xbe\xe0\xa6\xad'
                  b'\xe0\xa6\xb0\xe0\xa6\xad"}\nnot json\n')
    code, out, err = run(capsys, "rewrite", "--in-place", str(a), str(same), str(j))
    assert code == 1 and out == ""
    assert a.read_text(encoding="utf-8") == "লাভরভের সঙ্গে"
    assert a.stat().st_mode & 0o777 == 0o640
    assert same.stat().st_mtime == 1_000_000  # unchanged files are not touched
    assert j.read_text(encoding="utf-8") == '{"text": "লাভরভ"}\nnot json\n'  # bad line kept
    assert summary(err) == (4, 3, 2, 1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "d.jsonl", "same.txt"]


# -- usage, exit statuses -----------------------------------------------------------------------

def test_usage_errors_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--version")[:2] == (0, "bnentity 0.1.0\n")
    for argv in ([], ["frobnicate"], ["find", "--workers", "many"], ["resolve", "--bogus"],
                 ["rewrite", "--style", "loud"], ["explain"]):
        code, _, err = run(capsys, *argv)
        assert code == 2, argv
        assert "usage:" in err and "Traceback" not in err
    code, out, _ = run(capsys, "--help")
    assert code == 0 and all(c in out for c in ("resolve", "find", "rewrite", "explain"))


def test_broken_pipe_and_interrupt_exit_quietly(capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    class Closed(io.BytesIO):
        def write(self, data: Any, /) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    class Out(io.StringIO):
        buffer = Closed()

    monkeypatch.setattr(sys, "stdout", Out())
    assert main(["resolve", "লাভরভ"]) == 141
    assert "Traceback" not in capsys.readouterr().err

    def interrupt(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr("bnentity.cli.main.ordered_map", interrupt)
    assert main(["resolve", "লাভরভ"]) == 130
    assert "interrupted" in capsys.readouterr().err


def test_no_progress_bar_when_not_a_terminal(capsys: pytest.CaptureFixture[str],
                                             tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("লাভরভ", encoding="utf-8")
    _, _, err = run(capsys, "find", str(p))
    assert "\r" not in err and "doc/s" not in err
    _, _, err = run(capsys, "find", "--quiet", str(p))
    assert err == ""


def test_console_script_and_light_import(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    code = ("import sys, bnentity; bnentity.BUNDLED; "
            "assert not any(m.startswith('bnentity.cli') for m in sys.modules)")
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    names = tmp_path / "names.txt"
    names.write_bytes("লাভরভ\n".encode() * 50_000)
    with names.open("rb") as stdin, (tmp_path / "err.txt").open("w+b") as stderr:
        proc = subprocess.Popen([sys.executable, "-c",
                                 "from bnentity.cli.main import run; run()", "resolve", "-j1"],
                                stdin=stdin, stdout=subprocess.PIPE, stderr=stderr, env=env)
        assert proc.stdout is not None
        try:
            assert proc.stdout.read(100)
            proc.stdout.close()  # like `| head`
            assert proc.wait(timeout=120) == 141
        finally:
            proc.kill()
        stderr.seek(0)
        err = stderr.read().decode()
    assert "Traceback" not in err and "Exception ignored" not in err


def test_negative_margin_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    # MatchConfig refuses a negative margin; the command line says so without a traceback.
    code = main(["resolve", "--margin", "-2", "পুতিন"])
    err = capsys.readouterr().err
    assert code == 2 and "--margin" in err and "Traceback" not in err
