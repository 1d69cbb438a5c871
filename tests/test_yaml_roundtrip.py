"""Round-trip editing of gazetteer YAML: byte-identical saves, minimal diffs, atomic writes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

pytest.importorskip("ruamel.yaml")

from bnentity.editors.apply import apply_decisions
from bnentity.editors.decisions import Decision
from bnentity.editors.yamledit import GazetteerDocument, atomic_write
from bnentity.gazetteer.load import iter_gazetteer_files, load_gazetteer

ROOT = Path(__file__).resolve().parent.parent
GAZ_FILES = iter_gazetteer_files(ROOT / "gazetteers")


@pytest.mark.parametrize("path", GAZ_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_bundled_file_saves_byte_identical(path: Path, tmp_path: Path) -> None:
    doc = GazetteerDocument(path)
    assert doc.dump() == doc.original
    copy = tmp_path / path.name
    shutil.copyfile(path, copy)
    doc = GazetteerDocument(copy)
    doc._edits = 1  # force a write of the unedited document
    assert doc.save()
    assert copy.read_bytes() == path.read_bytes()


def test_bundled_files_are_found() -> None:
    names = {p.name for p in GAZ_FILES}
    assert {"people.yaml", "places.yaml", "countries.yaml"} <= names


def _people_copy(tmp_path: Path) -> Path:
    d = tmp_path / "gaz"
    d.mkdir()
    shutil.copyfile(ROOT / "gazetteers" / "people.yaml", d / "people.yaml")
    return d


def test_apply_changes_only_the_intended_lines(tmp_path: Path) -> None:
    d = _people_copy(tmp_path)
    path = d / "people.yaml"
    before = path.read_text(encoding="utf-8")
    decisions = [
        Decision("add_alias", ("সের্গেই লাভরোভ",), entity="sergey-lavrov"),
        Decision("reject", ("জো বাইডেনের বাড়ি",), entity="joe-biden"),
    ]
    result = apply_decisions(decisions, [d], log=d / "decisions.jsonl")
    assert result.ok, result.problems
    after = path.read_text(encoding="utf-8")
    changed = [line for line in result.diff.splitlines()
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == [
        "-    aliases: [সের্গেই ল্যাভরভ]      # seeds 003, 004",
        "+    aliases: [সের্গেই ল্যাভরভ, সের্গেই লাভরোভ] # seeds 003, 004",
        "+    not: [জো বাইডেনের বাড়ি]",
    ]
    # Every other line is untouched, comments included.
    assert len(after.splitlines()) == len(before.splitlines()) + 1
    assert after.count("#") == before.count("#")
    g = load_gazetteer(path)
    assert "সের্গেই লাভরোভ" in g["sergey-lavrov"].aliases
    assert g["joe-biden"].not_ == ("জো বাইডেনের বাড়ি",)
    # The section banner after Joe Biden still follows the new key, not the other way round.
    lines = after.splitlines()
    i = lines.index("    not: [জো বাইডেনের বাড়ি]")
    assert lines[i + 1] == "" and "-----" in lines[i + 2]


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    d = _people_copy(tmp_path)
    before = (d / "people.yaml").read_bytes()
    result = apply_decisions([Decision("add_alias", ("পুটিন",), entity="vladimir-putin")], [d],
                             dry_run=True, log=d / "decisions.jsonl")
    assert result.ok and "+    aliases: [পুটিন]" in result.diff
    assert (d / "people.yaml").read_bytes() == before
    assert not (d / "decisions.jsonl").exists()


def test_trailing_comments_stay_in_place() -> None:
    src = (
        "entities:\n"
        "  - id: a\n    name: A\n    type: person\n    description: foo   # eol\n"
        "    # trailing comment A\n\n  # section\n"
        "  - id: b\n    name: B\n    type: person\n    aliases:\n      - x\n      - y\n"
        "    # end b\n"
        "  - id: c\n    name: C\n    type: person\n    description: >-\n      folded\n"
        "      text\n\n"
        "  - id: d\n    name: D\n    type: person\n    context: [a, b]  # ctx\n"
        "# end of file\n"
    )
    doc = GazetteerDocument.from_text(src, "t.yaml")
    assert doc.roundtrips()
    for eid in "abcd":
        assert doc.add_spelling(eid, "not", "এক্স")
    assert doc.add_spelling("b", "aliases", "z")
    assert not doc.add_spelling("b", "aliases", "z")  # idempotent
    doc.append_entity({"id": "e", "name": "E", "type": "person", "bn": "ই", "aliases": ["ইই"]})
    out = doc.dump()
    assert out == (
        "entities:\n"
        "  - id: a\n    name: A\n    type: person\n    description: foo   # eol\n"
        "    not: [এক্স]\n    # trailing comment A\n\n  # section\n"
        "  - id: b\n    name: B\n    type: person\n    aliases:\n      - x\n      - y\n"
        "      - z\n    not: [এক্স]\n    # end b\n"
        "  - id: c\n    name: C\n    type: person\n    description: >-\n      folded\n"
        "      text\n    not: [এক্স]\n\n"
        "  - id: d\n    name: D\n    type: person\n    context: [a, b]  # ctx\n"
        "    not: [এক্স]\n"
        "  - id: e\n    name: E\n    type: person\n    bn: ই\n    aliases: [ইই]\n"
        "# end of file\n"
    )
    assert doc.remove_spelling("d", "not", "এক্স")
    assert "  - id: d\n    name: D\n    type: person\n    context: [a, b]  # ctx\n  - id: e" \
        in doc.dump()


def test_new_entity_is_separated_like_the_others(tmp_path: Path) -> None:
    d = _people_copy(tmp_path)
    result = apply_decisions([Decision("new_entity", ("এমানুয়েল মাখোঁ", "ইমানুয়েল মাখোঁ"),
                                       entity="emmanuel-macron", name="Emmanuel Macron",
                                       type="person")], [d], log="")
    assert result.ok, result.problems
    text = (d / "people.yaml").read_text(encoding="utf-8")
    assert text.endswith(
        "\n\n  - id: emmanuel-macron\n    name: Emmanuel Macron\n    type: person\n"
        "    bn: এমানুয়েল মাখোঁ\n    aliases: [ইমানুয়েল মাখোঁ]\n")
    assert load_gazetteer(d)["emmanuel-macron"].aliases == ("ইমানুয়েল মাখোঁ",)


def test_atomic_write_leaves_the_old_file_on_a_crash(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "people.yaml"
    target.write_text("entities: []\n", encoding="utf-8")
    os.chmod(target, 0o640)

    def boom(src: str, dst: str) -> None:
        raise OSError("disk pulled out")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        atomic_write(target, b"half")
    assert target.read_text(encoding="utf-8") == "entities: []\n"
    assert [p.name for p in tmp_path.iterdir()] == ["people.yaml"]  # no temp file left
    monkeypatch.undo()
    atomic_write(target, b"entities:\n")
    assert target.read_bytes() == b"entities:\n"
    assert os.stat(target).st_mode & 0o777 == 0o640


def test_invalid_result_is_not_written(tmp_path: Path) -> None:
    d = _people_copy(tmp_path)
    before = (d / "people.yaml").read_bytes()
    # A new entity with an id that is not a slug would make the file fail to load (E012).
    result = apply_decisions([Decision("new_entity", ("কেউ একজন",), entity="Not A Slug",
                                       type="person")], [d], log="")
    assert not result.ok
    assert any(p.code == "A305" for p in result.problems)
    assert (d / "people.yaml").read_bytes() == before


def test_generated_files_are_refused(tmp_path: Path) -> None:
    d = tmp_path / "gaz"
    (d / "generated").mkdir(parents=True)
    shutil.copyfile(ROOT / "gazetteers" / "generated" / "countries.yaml",
                    d / "generated" / "countries.yaml")
    result = apply_decisions([Decision("add_alias", ("বাংলাদেশে",), entity="country-bd")], [d],
                             log="")
    assert [p.code for p in result.problems] == ["A302"]
    assert "scripts/overlays/countries.yaml" in result.problems[0].hint
