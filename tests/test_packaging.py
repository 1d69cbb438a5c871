"""Issue 2: the built wheel ships the gazetteers and py.typed, and works in a fresh venv."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest
from paths import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(out), str(ROOT)], check=True)
    wheels = list(out.glob("bnentity-*.whl"))
    assert len(wheels) == 1
    return wheels[0]


def test_wheel_contents(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "bnentity/py.typed" in names
    bundled = [n for n in names if n.startswith("bnentity/_bundled_gazetteers/")]
    yaml_files = {Path(n).name for n in bundled if n.endswith(".yaml")}
    source = {p.name for p in (ROOT / "gazetteers").rglob("*.yaml")}
    assert source and yaml_files == source
    assert not any(n.startswith("tests/") for n in names)


def test_wheel_resolves_in_a_fresh_venv(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", str(wheel)], check=True)
    # The dependencies come from this interpreter's site-packages through PYTHONPATH, which
    # (unlike a site directory) does not process .pth files: the editable checkout stays
    # invisible and only the installed wheel can be imported.
    env = dict(os.environ, PYTHONPATH=sysconfig.get_paths()["purelib"])
    code = ("import bnentity, pathlib; m = bnentity.resolve('লাভরভের'); "
            "print(m.entity.id, pathlib.Path(bnentity.__file__).parent.parent != "
            f"pathlib.Path({str(ROOT)!r}), '_bundled_gazetteers' in str(bnentity.BUNDLED))")
    out = subprocess.run([str(py), "-c", code], check=True, capture_output=True, text=True,
                         cwd=tmp_path, env=env)
    assert out.stdout.split() == ["sergey-lavrov", "True", "True"]
