"""Issue 2: loading and validating gazetteer files."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import bnentity
from bnentity import GazetteerError
from bnentity.errors import BnentityWarning
from bnentity.gazetteer import load_gazetteer

GOOD = """\
entities:
  - id: sergey-lavrov
    name: Sergey Lavrov
    type: person
    bn: সের্গেই লাভরভ
    aliases: [সের্গেই ল্যাভরভ]
"""


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    p = tmp_path / name
    if isinstance(text, bytes):
        p.write_bytes(text)
    else:
        p.write_text(text, encoding="utf-8")
    return p


def codes(exc: GazetteerError) -> list[str]:
    return [p.code for p in exc.problems]


def test_loads_a_good_file(tmp_path: Path) -> None:
    g = load_gazetteer(write(tmp_path, "a.yaml", GOOD))
    e = g["sergey-lavrov"]
    assert e.bn == "সের্গেই লাভরভ" and e.aliases == ("সের্গেই ল্যাভরভ",)
    assert e.source is not None and e.source.line == 2
    assert len(g) == 1 and g.counts() == {"person": 1}


def test_every_problem_of_every_file_is_reported(tmp_path: Path) -> None:
    a = write(tmp_path, "a.yaml", """\
entities:
  - id: x
    name: X
    type: persn
    descripton: typo
  - id: Bad Id
    name: 3
    type: place
  - name: no id
    type: org
  - id: y
    name: Y
    type: org
    aliases: ["", ok]
    wikidata: 123
  - !!python/object/apply:os.system ["echo hi"]
""")
    b = write(tmp_path, "b.yaml", "entities:\n  - id: x\n    name: X again\n    type: org\n")
    c = write(tmp_path, "c.yaml", "entities: [\n")
    d = write(tmp_path, "d.yaml", b"entities:\n  - id: z\n    name: \xff\n    type: org\n")
    with pytest.raises(GazetteerError) as info:
        load_gazetteer(a, b, c, d, tmp_path / "missing.yaml")
    got = codes(info.value)
    for code in ("E010", "E008", "E012", "E006", "E005", "E009", "E011", "E007", "E002", "E001",
                 "E014"):
        assert code in got, (code, got)
    msg = str(info.value)
    assert "did you mean 'person'" in msg and "did you mean 'description'" in msg
    first = info.value.problems[0]
    assert first.file == str(a) and first.line > 0
    assert f"{a}:4: [E010]" in msg


def test_python_tags_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    p = write(tmp_path, "evil.yaml",
              f"entities:\n  - !!python/object/apply:os.system ['touch {marker}']\n")
    with pytest.raises(GazetteerError):
        load_gazetteer(p)
    assert not marker.exists()


def test_wrong_shapes(tmp_path: Path) -> None:
    for text, code in (("", "E003"), ("- a\n- b\n", "E003"), ("entities: 3\n", "E003"),
                       ("entities:\n  - just a string\n", "E004"),
                       ("entitys: []\n", "E008")):
        with pytest.raises(GazetteerError) as info:
            load_gazetteer(write(tmp_path, "s.yaml", text))
        assert code in codes(info.value), (text, codes(info.value))


def test_duplicate_key_in_entity(tmp_path: Path) -> None:
    p = write(tmp_path, "d.yaml", GOOD + "    bn: আবার\n")
    with pytest.raises(GazetteerError) as info:
        load_gazetteer(p)
    assert codes(info.value) == ["E016"]


def test_script_mixups(tmp_path: Path) -> None:
    p = write(tmp_path, "s.yaml", GOOD + "    latin: [লাভরভ]\n    short: [Lavrov]\n")
    with pytest.raises(GazetteerError) as info:
        load_gazetteer(p)
    assert codes(info.value) == ["E017", "E017"]


def test_non_nfc_accepted_and_normalized_with_warning(tmp_path: Path) -> None:
    decomposed = "ক\u09c7\u09be"  # কো written as ে + া
    p = write(tmp_path, "n.yaml", f"entities:\n  - id: k\n    name: K\n    type: place\n"
                                  f"    bn: {decomposed}\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        g = load_gazetteer(p)
    assert g["k"].bn == "কো"
    assert any(issubclass(w.category, BnentityWarning) and "[W101]" in str(w.message)
               for w in caught)


def test_directory_loads_all_yaml_sorted(tmp_path: Path) -> None:
    d = tmp_path / "gz"
    (d / "sub").mkdir(parents=True)
    write(d, "b.yml", "entities:\n  - id: b\n    name: B\n    type: org\n")
    write(d / "sub", "a.yaml", "entities:\n  - id: a\n    name: A\n    type: org\n")
    write(d, "notes.txt", "ignored")
    g = load_gazetteer(d)
    assert list(g) == ["b", "a"]  # b.yml sorts before sub/a.yaml
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(GazetteerError) as info:
        load_gazetteer(empty)
    assert codes(info.value) == ["E015"]


def test_shared_alias_is_ambiguity_not_last_loaded(tmp_path: Path) -> None:
    p = write(tmp_path, "k.yaml", """\
entities:
  - id: kim-a
    name: Kim A
    type: person
    bn: কিম আ
    aliases: [কিম]
  - id: kim-b
    name: Kim B
    type: person
    bn: কিম বি
    aliases: [কিম]
""")
    r = bnentity.load(p)
    assert r.resolve("কিম") is None
    assert {m.entity.id for m in r.candidates("কিম")} == {"kim-a", "kim-b"}


def test_load_with_paths_loads_exactly_those(tmp_path: Path) -> None:
    p = write(tmp_path, "a.yaml", GOOD)
    r = bnentity.load(p)
    assert list(r.gazetteer) == ["sergey-lavrov"]
    both = bnentity.load(bnentity.BUNDLED, p) if "sergey-lavrov" not in bnentity.load().gazetteer \
        else None
    assert both is None or "sergey-lavrov" in both.gazetteer


def test_second_entities_key_is_reported(tmp_path: Path) -> None:
    p = write(tmp_path, "two.yaml", GOOD + "entities:\n  - id: b\n    name: B\n    type: org\n")
    with pytest.raises(GazetteerError) as info:
        load_gazetteer(p)
    assert codes(info.value) == ["E016"]


def test_hidden_files_skipped_and_upper_case_suffix_found(tmp_path: Path) -> None:
    d = tmp_path / "gz"
    (d / ".backup").mkdir(parents=True)
    write(d, "A.YAML", GOOD)
    write(d / ".backup", "a.yaml", GOOD)  # an old copy: would be a duplicate id
    write(d, ".#swap.yaml", GOOD)
    assert list(load_gazetteer(d)) == ["sergey-lavrov"]


def test_id_is_a_hyphen_slug(tmp_path: Path) -> None:
    p = write(tmp_path, "i.yaml", "entities:\n  - id: a_b.c\n    name: X\n    type: org\n")
    with pytest.raises(GazetteerError) as info:
        load_gazetteer(p)
    assert codes(info.value) == ["E012"]


def test_bn_repeated_in_aliases_is_kept_once(tmp_path: Path) -> None:
    p = write(tmp_path, "r.yaml", GOOD.replace("[সের্গেই ল্যাভরভ]",
                                               "[সের্গেই লাভরভ, সের্গেই ল্যাভরভ]"))
    e = load_gazetteer(p)["sergey-lavrov"]
    assert e.bengali_names == ("সের্গেই লাভরভ", "সের্গেই ল্যাভরভ")


def test_wrong_script_points_at_the_item(tmp_path: Path) -> None:
    p = write(tmp_path, "w.yaml", GOOD.replace("    aliases: [সের্গেই ল্যাভরভ]\n",
                                               "    aliases:\n      - লাভরভ\n      - Lavrov\n"))
    with pytest.raises(GazetteerError) as info:
        load_gazetteer(p)
    (problem,) = info.value.problems
    assert (problem.code, problem.line) == ("E017", 8)


def test_homographs_must_be_own_spellings(tmp_path: Path) -> None:
    ok = write(tmp_path, "h.yaml", GOOD + "    homographs: [লাভরভ]\n")
    assert load_gazetteer(ok)["sergey-lavrov"].homographs == ("লাভরভ",)
    bad = write(tmp_path, "h2.yaml", GOOD + "    homographs: [তাস]\n")
    with pytest.raises(GazetteerError) as info:
        load_gazetteer(bad)
    assert codes(info.value) == ["E018"]
