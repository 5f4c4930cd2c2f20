"""environment.yml (conda, Binder) and pyproject.toml (pip, CI) list the same packages."""

import re
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pyproject() -> dict[str, str]:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    return {_norm(Requirement(d).name): str(Requirement(d).specifier) for d in deps}


def _conda() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    out = {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):  # the pip section
            assert dep == {"pip": ["-e ."]}, "environment.yml installs the package itself with pip"
            continue
        req = Requirement(dep)
        out[_norm(req.name)] = str(req.specifier)
    return out


def test_same_packages_and_ranges():
    conda = _conda()
    conda.pop("python")
    conda.pop("pip")
    assert conda == _pyproject()


def test_python_versions_agree():
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    conda_python = dict(_conda())["python"]
    assert requires == ">=3.11" and ">=3.11" in conda_python


def test_conda_forge_only():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]


def test_readme_gives_the_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make build" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_lock_pins_every_declared_dependency_within_its_range():
    from packaging.version import Version

    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[_norm(name)] = Version(version)
    for name, spec in _pyproject().items():
        assert name in pins, f"{name} is not pinned in requirements.lock (run make lock)"
        assert pins[name] in Requirement(f"x{spec}").specifier, f"{name}=={pins[name]} outside {spec}"
