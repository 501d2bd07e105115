"""`pip install .` (not editable) gives a `chronobot` that answers from the bundled chronology
in any directory: the data ships inside the package."""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [str(arg) for arg in args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.mark.slow
def test_installed_package_answers_from_any_directory(tmp_path: Path) -> None:
    # Build from a copy, so the checkout gets no build/ or egg-info; the bundled data is a
    # symlink into data/, which the build must turn into a real file inside the wheel.
    source = tmp_path / "source"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("bot", "data"):
        shutil.copytree(ROOT / name, source / name, symlinks=True, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    wheels = tmp_path / "wheels"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    run(*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", wheels, source, cwd=tmp_path)
    (wheel,) = wheels.glob("chronobot-*.whl")

    # A fresh venv without pip; its dependencies come from this test's environment through a
    # path file (a plain path: the editable install's finder there is not activated).
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    purelib = run(
        python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=tmp_path
    )
    Path(purelib.strip(), "dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    run(*pip, "--python", python, "install", "--no-deps", "--no-index", wheel, cwd=tmp_path)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {
        "PATH": f"{venv / 'bin'}:/usr/bin:/bin",
        "HOME": str(tmp_path / "home"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "LANG": os.environ.get("LANG", "C.UTF-8"),
    }
    where = run(
        python,
        "-c",
        "import bot.config as c; print(c.__file__); print(c.DEFAULT_DATA)",
        cwd=elsewhere,
        env=env,
    ).split()
    assert all(Path(path).is_relative_to(venv) for path in where), where
    assert not Path(where[1]).is_symlink()

    answer = run(venv / "bin" / "chronobot", "ask", "Rogozin", cwd=elsewhere, env=env)
    assert "Dmitri Rogozin" in answer
    assert "rogozin-2013-02-21" in answer
