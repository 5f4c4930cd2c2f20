"""The supported Python range, the pinned lock and the ways to install agree: pyproject.toml
(pip, make), environment.yml (conda, Binder), requirements.lock (exact versions with hashes),
the README and the Makefile."""

import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
SUPPORTED = ["3.11", "3.12", "3.13"]


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _lock() -> dict[str, tuple[Version, list[str]]]:
    """name -> (version, hashes) from requirements.lock (pip's hash-checking format)."""
    text = (ROOT / "requirements.lock").read_text().replace("\\\n", " ")
    pins = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        spec, *hashes = line.split()
        name, _, version = spec.partition("==")
        pins[_norm(name)] = (Version(version), [h.removeprefix("--hash=") for h in hashes])
    return pins


def _declared() -> dict[str, str]:
    reqs = list(PYPROJECT["project"]["dependencies"])
    for extra in PYPROJECT["project"]["optional-dependencies"].values():
        reqs += extra
    out: dict[str, str] = {}
    for r in reqs:
        req = Requirement(r)
        out[_norm(req.name)] = ",".join(filter(None, [out.get(_norm(req.name), ""), str(req.specifier)]))
    return out


def test_lock_pins_every_declared_dependency_within_its_range_with_hashes():
    pins = _lock()
    for name, spec in _declared().items():
        assert name in pins, f"{name} is not pinned in requirements.lock (run make lock)"
        assert pins[name][0] in SpecifierSet(spec), f"{name}=={pins[name][0]} outside {spec}"
    for name, (_, hashes) in pins.items():
        assert hashes and all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in hashes), name


def test_lock_pins_the_installers_themselves():
    assert {"pip", "setuptools", "wheel"} <= set(_lock())


def test_runtime_dependencies_are_what_the_notebooks_need_and_tools_are_extras():
    runtime = {_norm(Requirement(r).name) for r in PYPROJECT["project"]["dependencies"]}
    extras = PYPROJECT["project"]["optional-dependencies"]
    assert {"pandas", "matplotlib", "seaborn", "networkx", "country-converter", "ipywidgets"} <= runtime
    tools = {"pytest", "hypothesis", "jupyter-book", "frictionless", "ruff", "mypy", "nbclient", "openpyxl"}
    assert not runtime & tools, runtime & tools
    assert {"test", "site", "lint"} <= set(extras)


def test_one_supported_python_range_everywhere():
    requires = SpecifierSet(PYPROJECT["project"]["requires-python"])
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda_python = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python"))
    conda = SpecifierSet(conda_python.removeprefix("python"))
    for version in SUPPORTED:
        assert version in requires and version in conda, version
    for version in ("3.10", "3.14"):
        assert version not in requires and version not in conda, version
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "Python 3.11–3.13" in readme
    assert not re.search(r"Python ≥ ?3\.11|Python >= ?3\.11", readme), "README states another range"
    assert "(3, 11) <= sys.version_info[:2] <= (3, 13)" in (ROOT / "Makefile").read_text()


def test_conda_installs_the_same_lock():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]
    pip_section = next(d for d in env["dependencies"] if isinstance(d, dict))["pip"]
    assert pip_section == ["--require-hashes", "--no-deps", "-r requirements.lock"]
    assert "pip install --no-deps --no-build-isolation -e ." in (ROOT / "postBuild").read_text()


def test_readme_gives_the_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make build" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize("damage", ["dangling-python", "foreign-helpers"])
def test_a_broken_venv_is_named_and_the_fix_given(tmp_path, damage):
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    (tmp_path / "src").mkdir()
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    if damage == "dangling-python":
        (bin_dir / "python").symlink_to(tmp_path / "no-such-interpreter")
    else:  # a working Python whose helpers come from somewhere else
        (bin_dir / "python").symlink_to(Path(os.sys.executable))
        (tmp_path / ".venv" / ".installed-1").touch()
    result = subprocess.run(
        ["make", "-s", "check-venv"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    assert result.returncode != 0
    assert "make clean" in result.stdout + result.stderr


def test_docs_name_no_machine_paths_or_private_steps():
    pattern = re.compile(r"(/work/|/home/|/root/|/Users/|/tmp/|\.\./shared|facts\.csv|\bthe brief\b)")
    for path in [ROOT / "README.md", *sorted((ROOT / "docs" / "curation").glob("*.md"))]:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            assert not pattern.search(line), f"{path.name}:{n}: {line.strip()[:100]}"
