"""Paths the tests share."""

from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent
MINI = HERE / "data" / "mini.yaml"
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
