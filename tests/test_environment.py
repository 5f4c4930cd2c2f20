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


def _conda_pip_lines() -> list[str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    return next(d for d in env["dependencies"] if isinstance(d, dict))["pip"]


#: Options pip accepts in a requirements file (pip's ``SUPPORTED_OPTIONS`` and per-requirement
#: options); used only where pip's own parser cannot be imported. --no-deps is not among them.
REQUIREMENTS_FILE_OPTIONS = {
    "-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i", "--index-url",
    "--extra-index-url", "--no-index", "-f", "--find-links", "--no-binary", "--only-binary",
    "--prefer-binary", "--require-hashes", "--pre", "--trusted-host", "--use-feature", "--hash",
    "--config-settings", "--global-option",
}  # fmt: skip


def _parse_requirements_file(path: Path) -> tuple[list[tuple[str, bool]], bool]:
    """``(name==version, has hashes)`` for every requirement and whether --require-hashes is set,
    parsed by pip's own requirements-file parser (what conda runs: ``pip install -r FILE``).
    Raises pip's error for a line pip would refuse."""
    from types import SimpleNamespace

    from pip._internal.network.session import PipSession
    from pip._internal.req.req_file import parse_requirements

    options = SimpleNamespace(require_hashes=False)
    parsed = [
        (str(r.requirement).replace(" ", ""), bool(r.options and r.options.get("hashes")))
        for r in parse_requirements(str(path), session=PipSession(), options=options)
    ]
    return parsed, options.require_hashes


def test_conda_pip_lines_are_valid_requirements_file_lines(tmp_path):
    """conda writes the pip: list of environment.yml to a requirements file beside it and runs
    ``pip install -r`` on it: every line must be one pip accepts there (``--no-deps`` is not, and
    made ``conda env create`` and Binder fail), and the file must install the lock, hash-checked."""
    lines = _conda_pip_lines()
    shutil.copy(ROOT / "requirements.lock", tmp_path / "requirements.lock")
    (tmp_path / "conda.txt").write_text("\n".join(lines) + "\n")
    (tmp_path / "bad.txt").write_text("--require-hashes\n--no-deps\n")
    try:
        parsed, require_hashes = _parse_requirements_file(tmp_path / "conda.txt")
    except ImportError:  # pip's internals moved: fall back to the list of options pip documents
        for line in lines:
            option = line.split()[0].split("=")[0]
            assert not line.startswith("-") or option in REQUIREMENTS_FILE_OPTIONS, line
        return
    from pip._internal.exceptions import RequirementsFileParseError

    assert require_hashes, "--require-hashes is not set"
    versions = {_norm(name): Version(version) for name, _, version in (s.partition("==") for s, _ in parsed)}
    assert len(parsed) == len(versions) and versions == {name: v for name, (v, _) in _lock().items()}
    assert all(hashed for _, hashed in parsed), "a requirement without its hashes"
    with pytest.raises(RequirementsFileParseError, match="no-deps"):  # the check can fail: pip refuses it
        _parse_requirements_file(tmp_path / "bad.txt")


def test_conda_installs_the_same_lock():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]
    assert _conda_pip_lines() == ["--require-hashes", "-r requirements.lock"]
    assert "pip install --no-deps --no-build-isolation -e ." in (ROOT / "postBuild").read_text()


def test_lock_is_closed_under_dependencies():
    """Without --no-deps, pip resolves each locked package's dependencies: every one of them (with
    the extras asked for, markers evaluated here) must itself be pinned in the lock, at a version
    the dependent accepts, or the conda install would fail (--require-hashes) instead of installing
    exactly the lock."""
    from importlib import metadata

    pins = _lock()
    todo, seen, problems = [(name, "") for name in pins], set(), []
    while todo:
        name, extra = todo.pop()
        if (name, extra) in seen:
            continue
        seen.add((name, extra))
        try:
            requires = metadata.distribution(name).requires or []
        except metadata.PackageNotFoundError:
            problems.append(f"{name} is in the lock but not installed in this environment")
            continue
        for text in requires:
            req = Requirement(text)
            if req.marker and not req.marker.evaluate({"extra": extra}):
                continue
            dep = _norm(req.name)
            if dep not in pins:
                problems.append(f"{name} needs {req}, which requirements.lock does not pin")
            elif not req.specifier.contains(pins[dep][0], prereleases=True):
                problems.append(f"{name} needs {req}, but the lock pins {dep}=={pins[dep][0]}")
            todo += [(dep, "")] + [(dep, _norm(x)) for x in req.extras]
    assert not problems, problems


def test_readme_gives_the_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make build" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_readme_conda_block_runs_every_lint_command_of_the_makefile():
    makefile = (ROOT / "Makefile").read_text()
    linted = re.search(r"^LINTED\s*:=\s*(.+)$", makefile, flags=re.M).group(1).strip()
    recipe = re.search(r"^lint:.*\n((?:\t.*\n)+)", makefile, flags=re.M).group(1)
    commands = [line.strip().replace("$(BIN)/", "").replace("$(LINTED)", linted) for line in recipe.splitlines()]
    assert len(commands) == 3 and "ruff format --check" in " ".join(commands)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    conda_line = next(line for line in readme.splitlines() if "# `make lint`" in line)
    assert conda_line.split("  #")[0].strip().split(" && ") == commands


def test_readme_names_what_make_needs_beyond_python_and_make():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    two_commands = readme.split("## Two commands", 1)[1].split("\n## ", 1)[0]
    for needle in ("python3-venv", "chromium chromium-driver", "SKIP_BROWSER_TESTS=1 make test"):
        assert needle in two_commands, needle
    browser_test = (ROOT / "tests" / "test_browser.py").read_text(encoding="utf-8")
    assert "chromium-driver" in browser_test and "SKIP_BROWSER_TESTS=1" in browser_test


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


def test_jupyterlab_is_set_not_to_fetch_news_or_check_for_updates():
    import json

    root = Path(__file__).resolve().parents[1]
    settings = json.loads((root / "etc" / "jupyterlab" / "overrides.json").read_text(encoding="utf-8"))
    notification = settings["@jupyterlab/apputils-extension:notification"]
    assert notification == {"fetchNews": "false", "checkForUpdates": False}
    makefile, post_build = (
        (root / "Makefile").read_text(encoding="utf-8"),
        (root / "postBuild").read_text(encoding="utf-8"),
    )
    target = "share/jupyter/lab/settings/overrides.json"
    assert f"cp etc/jupyterlab/overrides.json $(VENV)/{target}" in makefile  # every make install and `make lab`
    assert "lab-settings" in makefile.split("$(STAMP): pyproject.toml requirements.lock")[1].split("\n\n")[0]
    assert "etc/jupyterlab/overrides.json" in post_build and target in post_build  # conda and Binder
