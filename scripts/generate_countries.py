"""Generate gazetteers/generated/countries.yaml from Unicode CLDR (through babel).

Every ISO 3166 country or territory that CLDR names becomes a ``place`` entity:

* ``id``: ``country-xx`` (the lowercase ISO code), ``name``: CLDR's English name,
  ``bn``: CLDR's Bengali name;
* then the hand-curated overlay ``scripts/overlays/countries.yaml`` adds news spellings that CLDR
  lacks (মিসর, যুক্তরাষ্ট্র …), Latin names and certain Wikidata QIDs.

The output is deterministic: entities sorted by id, keys in a fixed order (that of the
hand-written files), the babel and CLDR versions in the header. ``--check`` regenerates in
memory and fails if the files on disk differ (for CI).

Usage (from the repository root)::

    python scripts/generate_countries.py            # write the files
    python scripts/generate_countries.py --check    # exit 1 if they are out of date
"""

from __future__ import annotations

import sys
import unicodedata
from importlib import metadata
from pathlib import Path
from typing import Any

import _generated
import babel
import yaml
from _generated import ROOT, commented, dump_entities
from babel import Locale
from babel.core import get_cldr_version

OVERLAY = ROOT / "scripts" / "overlays" / "countries.yaml"
OUTPUT = ROOT / "gazetteers" / "generated" / "countries.yaml"
LICENSE_OUT = ROOT / "gazetteers" / "generated" / "LICENSE-CLDR.txt"
COMMAND = "python scripts/generate_countries.py"

#: Two-letter codes CLDR names that are not countries or territories:
#: EU/EZ/UN are unions and organisations, QO ("Outlying Oceania") is a CLDR grouping of
#: islands, XA/XB are CLDR's pseudo-locale test regions, ZZ is "Unknown Region".
#: Kept on purpose: XK (Kosovo, a user-assigned code in general use) and the "exceptionally
#: reserved" codes of real territories (AC Ascension, CP Clipperton, DG Diego Garcia,
#: EA Ceuta & Melilla, IC Canary Islands, TA Tristan da Cunha). Numeric codes (UN M.49
#: regions such as 001 "World") are dropped by the two-letter test.
NOT_TERRITORIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"})

#: Keys an overlay entry may carry (everything else is CLDR's job).
OVERLAY_KEYS = ("id", "aliases", "short", "homographs", "latin", "wikidata", "description")
#: Output key order, as in the hand-written files.
KEY_ORDER = ("id", "name", "type", "bn", "aliases", "short", "homographs", "latin", "wikidata",
             "description")


def nfc(text: str) -> str:
    """NFC, the form the loader and the seeds use (nukta letters decomposed)."""
    return unicodedata.normalize("NFC", text).strip()


def territories() -> dict[str, tuple[str, str | None]]:
    """ISO code -> (English name, Bengali name or None) for every real territory."""
    en = Locale("en").territories
    bn = Locale("bn").territories
    out: dict[str, tuple[str, str | None]] = {}
    for code in sorted(en):
        if len(code) != 2 or not code.isalpha() or code in NOT_TERRITORIES:
            continue
        bn_name = bn.get(code)
        out[code] = (nfc(en[code]), nfc(bn_name) if bn_name else None)
    return out


def load_overlay(path: Path, known: set[str]) -> dict[str, dict[str, Any]]:
    """The overlay's entries by id; raises SystemExit on anything unexpected."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    entries = data.get("entities") or []
    out: dict[str, dict[str, Any]] = {}
    errors: list[str] = []
    for entry in entries:
        eid = entry.get("id")
        bad = sorted(set(entry) - set(OVERLAY_KEYS))
        if bad:
            errors.append(f"{eid}: keys not allowed in an overlay: {', '.join(bad)}")
        if eid not in known:
            errors.append(f"{eid}: no such generated country id")
        if eid in out:
            errors.append(f"{eid}: appears twice in the overlay")
        out[str(eid)] = entry
    if errors:
        raise SystemExit(f"{path}:\n  " + "\n  ".join(errors))
    return out


def merged(items: list[str], extra: list[str], exclude: set[str]) -> list[str]:
    """``items`` + ``extra`` in order, NFC, without duplicates or excluded strings."""
    out: list[str] = []
    for s in (*items, *extra):
        s = nfc(s)
        if s and s not in out and s not in exclude:
            out.append(s)
    return out


def build_entities(terr: dict[str, tuple[str, str | None]],
                   overlay: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    entities: list[dict[str, Any]] = []
    for code, (en_name, bn_name) in sorted(terr.items()):
        eid = f"country-{code.lower()}"
        extra = overlay.get(eid, {})
        bn_set = {bn_name} if bn_name else set()
        e: dict[str, Any] = {"id": eid, "name": en_name, "type": "place"}
        if bn_name:
            e["bn"] = bn_name
        aliases = merged([], list(extra.get("aliases") or []), bn_set)
        short = merged([], list(extra.get("short") or []), bn_set | set(aliases))
        homographs = merged([], list(extra.get("homographs") or []), set())
        spellings = bn_set | set(aliases) | set(short)
        if set(homographs) - spellings:
            raise SystemExit(f"{OVERLAY}: {eid}: a homograph must be one of the entity's "
                             f"spellings: {sorted(set(homographs) - spellings)}")
        latin = merged([], list(extra.get("latin") or []), {en_name})
        if aliases:
            e["aliases"] = aliases
        if short:
            e["short"] = short
        if homographs:
            e["homographs"] = homographs
        if latin:
            e["latin"] = latin
        if extra.get("wikidata"):
            e["wikidata"] = str(extra["wikidata"])
        description = extra.get("description") or (
            f"Country or territory, ISO 3166 code {code} (names from CLDR)"
            if bn_name else
            f"Country or territory, ISO 3166 code {code} (CLDR has no Bengali name yet)")
        e["description"] = nfc(str(description))
        entities.append({k: e[k] for k in KEY_ORDER if k in e})
    return entities


def licence_texts() -> tuple[str, str]:
    """(Unicode licence of the CLDR data, babel's BSD licence), both as shipped by babel."""
    unicode_licence = (Path(babel.__file__).parent / "locale-data" / "LICENSE.unicode")
    dist = metadata.distribution("babel")
    bsd = dist.read_text("licenses/LICENSE") or dist.read_text("LICENSE")
    if bsd is None:
        raise SystemExit("babel's LICENSE file was not found in its dist-info")
    return unicode_licence.read_text(encoding="utf-8"), bsd


def render() -> tuple[str, str]:
    """The YAML file and the licence file, as text."""
    terr = territories()
    overlay = load_overlay(OVERLAY, {f"country-{c.lower()}" for c in terr})
    entities = build_entities(terr, overlay)
    unicode_licence, bsd = licence_texts()
    babel_version = metadata.version("babel")
    cldr = get_cldr_version()
    header = (
        "# GENERATED FILE - do not edit by hand.\n"
        f"# Regenerate with: {COMMAND}\n"
        f"# Source: Unicode CLDR {cldr} territory names (en, bn), read with babel "
        f"{babel_version},\n"
        "# plus the hand-curated overlay scripts/overlays/countries.yaml (edit that instead).\n"
        "#\n"
        "# Licence: the CLDR data is Copyright (c) Unicode, Inc., under the Unicode License v3\n"
        "# (SPDX: Unicode-3.0); babel, which ships it, is BSD-3-Clause. Both notices are in\n"
        "# gazetteers/generated/LICENSE-CLDR.txt; the Unicode notice follows.\n"
        "#\n"
        + commented(unicode_licence)
        + "#\n# yaml-language-server: $schema=../schema.json\n\n"
    )
    body = "entities:\n\n" + dump_entities(entities)
    licence = (
        f"The country names in countries.yaml come from Unicode CLDR {cldr}, as shipped in\n"
        f"babel {babel_version} (babel/locale-data/LICENSE.unicode and babel's own LICENSE).\n"
        "\n" + "=" * 78 + "\nUnicode CLDR data\n" + "=" * 78 + "\n\n"
        + unicode_licence.strip("\n") + "\n"
        + "\n" + "=" * 78 + "\nbabel\n" + "=" * 78 + "\n\n"
        + bsd.strip("\n") + "\n"
    )
    return header + body, licence


def main(argv: list[str] | None = None) -> int:
    return _generated.main(render, (OUTPUT, LICENSE_OUT), COMMAND,
                           __doc__.splitlines()[0], argv)


if __name__ == "__main__":
    sys.exit(main())
