"""``bnentity lint``: every finding with file:line, a code and a hint; exit 1 on errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bnentity.editors.lint import LINT_CODES, format_problems, lint

ROOT = Path(__file__).resolve().parent.parent

BAD = """\
entities:
  - id: kim-a
    name: Kim A
    type: person
    bn: কিম আ
    aliases: [কিম এ]
  - id: kim-b
    name: Kim B
    type: person
    bn: কিম বি
    aliases: [কিম এ]
  - id: city
    name: City
    type: place
    bn: নগরী
    description: the city
  - id: state
    name: State
    type: place
    bn: নগরী রাজ্য
    short: [নগরী]
    description: the state
  - id: zel
    name: Zelensky
    type: person
    bn: জেলেনস্কি
    aliases: [জেলেনস্কি]
  - id: zel-other
    name: Zelenski Other
    type: person
    bn: ভলোদিমির জেলেনস্কী
    description: a namesake
    short: [জেলেনস্কী]
  - id: nuk
    name: Nukta
    type: place
    bn: "বগুড\u09be"
    aliases: ["বগু\u09dc\u09be", "ঢাকা\u200c"]
  - id: dup
    name: Dup
    type: place
    bn: দু
  - id: dup
    name: Dup Again
    type: place
    bn: দুই
  - id: jaya
    name: Jaya
    type: person
    bn: জয়া বচ্চন
    not: [জয়া বচ্চন, জয়া বচ্চণ]
"""


@pytest.fixture()
def bad(tmp_path: Path) -> Path:
    p = tmp_path / "bad.yaml"
    p.write_text(BAD, encoding="utf-8")
    return p


def _codes(problems: list) -> dict[str, list[int]]:  # type: ignore[type-arg]
    out: dict[str, list[int]] = {}
    for p in problems:
        out.setdefault(p.code, []).append(p.line)
    return out


def test_every_check_fires_with_its_line(bad: Path) -> None:
    problems = lint([bad])
    codes = _codes(problems)
    assert codes["E007"] == [43]                     # duplicate id, at the second entry
    assert codes["L201"] == [11]                     # কিম এ shared, no descriptions
    assert codes["L202"] == [21]                     # state's short is the city's bn
    assert codes["L203"] == [33]                     # জেলেনস্কী (zel-other) / জেলেনস্কি (zel)
    assert codes["L204"] == [27]                     # alias equal to bn
    assert codes["L206"] == [38]                     # precomposed ড়
    assert codes["L207"] == [38]                     # stray ZWNJ after ঢাকা
    assert 42 in codes["L208"]                       # দু: too short for fuzzy matching
    assert codes["L209"] == [51]                     # not: equals own bn
    assert codes["L210"] == [51]                     # not: folds to own bn (ণ/ন)
    for p in problems:
        assert p.file == str(bad) and p.hint and p.severity in ("error", "warning")
    assert {p.code for p in problems} - {"E007"} <= set(LINT_CODES)


def test_severities(bad: Path) -> None:
    sev = {p.code: p.severity for p in lint([bad])}
    assert sev["L201"] == sev["L209"] == sev["E007"] == "error"
    assert sev["L202"] == "warning"  # city and state are both described
    assert sev["L203"] == sev["L204"] == sev["L206"] == sev["L207"] == sev["L208"] == "warning"


def test_format_is_file_line_code_hint(bad: Path) -> None:
    text = format_problems(p for p in lint([bad]) if p.code == "L202")
    assert text.startswith(f"{bad}:21:")
    assert "warning [L202]" in text and " — " in text


def test_clean_file_has_no_findings(tmp_path: Path) -> None:
    p = tmp_path / "ok.yaml"
    p.write_text("entities:\n  - id: dhaka\n    name: Dhaka\n    type: place\n"
                 "    bn: ঢাকা মহানগর\n", encoding="utf-8")
    assert lint([p]) == []


def test_loader_errors_are_reported_not_raised(tmp_path: Path) -> None:
    p = tmp_path / "broken.yaml"
    p.write_text("entities:\n  - id: x\n    nam: X\n", encoding="utf-8")
    codes = {q.code for q in lint([p])}
    assert {"E005", "E008"} <= codes


def test_bundled_gazetteers_have_no_unknown_codes() -> None:
    problems = lint([ROOT / "gazetteers"])
    assert all(p.code in LINT_CODES for p in problems), [str(p) for p in problems]


def test_cli_exit_status_and_json(bad: Path, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    main = pytest.importorskip("bnentity.cli.main").main
    assert main(["lint", str(bad), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert {"file", "line", "column", "code", "severity", "message", "hint"} <= set(data[0])
    ok = tmp_path / "ok.yaml"
    ok.write_text("entities:\n  - id: a\n    name: A\n    type: place\n    bn: আসামপুর\n",
                  encoding="utf-8")
    assert main(["lint", str(ok)]) == 0
    warn_only = tmp_path / "warn.yaml"
    warn_only.write_text("entities:\n  - id: a\n    name: A\n    type: place\n    bn: আস\n",
                         encoding="utf-8")
    assert main(["lint", str(warn_only)]) == 0      # L208 is a warning
    assert main(["lint", "--ignore", "L208", str(warn_only)]) == 0
    capsys.readouterr()


def test_l202_is_an_error_when_a_namesake_has_no_description(tmp_path: Path) -> None:
    p = tmp_path / "n.yaml"
    p.write_text("entities:\n  - id: city\n    name: City\n    type: place\n    bn: নগরী\n"
                 "  - id: state\n    name: State\n    type: place\n    bn: নগরী রাজ্য\n"
                 "    short: [নগরী]\n", encoding="utf-8")
    (problem,) = [p for p in lint([p]) if p.code == "L202"]
    assert problem.severity == "error"
