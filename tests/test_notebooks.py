"""Every notebook follows the notebook standard and its stored outputs are current: each notebook
is executed once per test run and the fresh run is compared with the stored notebook (text and
tables exactly, images byte for byte, alt text), interpreter details aside."""

import copy
import re
from pathlib import Path

import nbformat
import pytest
import yaml

from helpers import build
from helpers import nbformat_fix as fx
from helpers.paths import NOTEBOOK_DIR

NOTEBOOKS = build.notebooks()
IDS = [p.stem for p in NOTEBOOKS]
MAX_CODE_LINES = 15


def _read(path: Path):
    return nbformat.read(path, as_version=4)


def _text(cell) -> str:
    return cell.source if isinstance(cell.source, str) else "".join(cell.source)


def test_reading_order_matches_the_site_toc():
    toc = yaml.safe_load((NOTEBOOK_DIR / "_toc.yml").read_text())
    files = [ch["file"] for part in toc["parts"] for ch in part["chapters"]]  # reading order across parts
    numbered = [f for f in files if re.match(r"\d\d_", f)]
    assert numbered == IDS
    assert IDS and IDS[0] == "00_introduction"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_front_matter(path):
    first = _text(_read(path).cells[0])
    assert first.startswith("# "), "the first cell is the title"
    for needle in ("**Question", "**Learning objectives", "**Reading time", "**Data as of"):
        assert needle in first, f"front matter lacks {needle}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_closing_sections(path):
    nb = _read(path)
    headings = [
        line for c in nb.cells if c.cell_type == "markdown" for line in _text(c).splitlines() if line.startswith("#")
    ]
    for section in ("Key takeaways", "Discussion questions", "Exercises", "Sources"):
        assert any(section in h for h in headings), f"no '{section}' section"
    markdown = "\n".join(_text(c) for c in nb.cells if c.cell_type == "markdown")
    solutions = re.findall(r"<details>\s*<summary>Solution</summary>", markdown)
    exercises = len(re.findall(r"^\*\*Exercise \d+", markdown, flags=re.M))
    assert exercises >= 2 and len(solutions) == exercises, "every exercise has a folded solution"
    last = nb.cells[-1]
    assert last.cell_type == "code" and f'src.show("{path.name}")' in _text(last), (
        "the last cell renders the source list"
    )
    rendered = last.outputs[0]["data"]["text/markdown"]
    assert rendered.startswith("<details>"), "the source list is generated from the registry, folded"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_executed_in_order_without_errors_or_warnings(path):
    code = [c for c in _read(path).cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))
    for cell in code:
        for out in cell.outputs:
            assert out.output_type != "error", _text(cell)
            assert not (out.output_type == "stream" and out.name == "stderr"), f"stderr in: {_text(cell)}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_code_cells_are_short(path):
    for cell in _read(path).cells:
        if cell.cell_type == "code":
            lines = [line for line in _text(cell).splitlines() if line.strip()]
            assert len(lines) <= MAX_CODE_LINES, f"move logic into helpers: {_text(cell)[:80]}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_chart_has_alt_text_in_output_and_cell(path):
    charts = 0
    for cell in _read(path).cells:
        if cell.cell_type != "code":
            continue
        images = [o for o in cell.outputs if "image/png" in o.get("data", {})]
        assert len(images) <= 1, "one chart per cell (alt text is per cell in the site)"
        for out in images:
            charts += 1
            alt = out["metadata"]["image/png"]["alt"]
            assert len(alt) >= 30
            assert cell.metadata["mystnb"]["image"]["alt"] == alt
            assert out["data"]["text/plain"].startswith("[Chart: ")
    assert charts >= 1


#: The tests that need a fresh run of a notebook: all of them share one run per notebook.
_FRESH_RUN_TESTS = (
    "test_stored_outputs_are_current",
    "test_exercise_solutions_run_after_the_notebook",
    "test_numbers_a_solution_states_are_what_its_code_and_the_notebook_give",
)


@pytest.fixture(scope="module")
def runs(request):
    """One fresh execution per notebook per test run, which also runs the notebook's exercise
    solutions after its own cells (removed again before any comparison): the notebooks the run's
    selected tests need are executed together, as many at once as the machine has cores, at the
    first test that needs one. Returns ``get(path) -> (notebook or the run's exception, solution runs)``."""
    wanted = list(
        dict.fromkeys(
            item.callspec.params["path"]
            for item in request.session.items
            if getattr(item, "originalname", None) in _FRESH_RUN_TESTS and hasattr(item, "callspec")
        )
    )
    solutions: dict[Path, list[build.SolutionRun]] = {}
    done = {path: result for path, result, _ in build.execute_many(wanted, solutions=solutions)}

    def get(path: Path):
        if path not in done:
            try:
                done[path] = build.execute(path, solutions=solutions.setdefault(path, []))
            except Exception as exc:  # the test that needs it fails, not the fixture
                done[path] = exc
        return done[path], solutions.get(path, [])

    return get


@pytest.fixture(scope="module")
def fresh(runs):
    """The fresh run of a notebook (its solutions removed); a notebook whose run failed fails its own test."""

    def get(path: Path):
        result, _ = runs(path)
        if isinstance(result, BaseException):
            raise result
        return result

    return get


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_stored_outputs_are_current(path, fresh):
    """Re-executing the notebook reproduces the stored notebook byte for byte: text and tables
    exactly, images pixel for pixel, alt-text metadata — interpreter details aside. A failure
    says what changed (cell, output, numbers or image region), so that it can be judged before
    anyone rebuilds."""
    differences = build.compare(_read(path), fresh(path), path.name)
    assert not differences, (
        f"{len(differences)} difference(s) between the stored notebook and a fresh run:\n  - "
        + "\n  - ".join(differences[:20])
        + "\nJudge each change first; if it is intended, run `make build` and review `git diff notebooks/`."
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_exercise_solutions_run_after_the_notebook(path, fresh, runs):
    """Every Python block of the folded solutions runs, in the same fresh run as the comparison
    above, after the notebook's own cells and in their namespace, as a student pastes it into
    JupyterLab: no error, no warning, charts only through ``style.show``."""
    fresh(path)  # the notebook's own run must succeed first
    _, solutions = runs(path)
    expected = fx.solution_code(_read(path))
    assert [s.solution for s in solutions] == expected, "every solution block ran once, in order"
    problems = [p for s in solutions for p in s.problems()]
    assert not problems, "exercise solutions that fail as a student would paste them:\n  - " + "\n  - ".join(problems)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_numbers_a_solution_states_are_what_its_code_and_the_notebook_give(path, fresh, runs):
    """Every percentage, decimal, "k of n" count and small range a folded solution's prose states
    is given, at the precision the prose writes, by the outputs of that solution's own code (run
    in the same fresh run as above) or by the notebook's stored outputs: a model answer cannot go
    stale when the data change. The few numbers no output gives are excused in
    ``build.PROSE_NUMBER_EXCUSES``, each with its reason."""
    fresh(path)
    _, solutions = runs(path)
    stale = build.unsupported_numbers(_read(path), solutions, path.name)
    assert not stale, "numbers in solutions that no output gives:\n  - " + "\n  - ".join(stale)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_excused_solution_number_outlives_its_number(path):
    assert not build.stale_excuses(_read(path), path.name)
    names = {p.name for p in NOTEBOOKS}
    assert {nb for nb, _, _ in build.PROSE_NUMBER_EXCUSES} <= names
    assert all(reason.strip() for reason in build.PROSE_NUMBER_EXCUSES.values())


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_percentages_and_decimals_the_prose_states_are_in_the_outputs(path):
    """Every percentage and decimal a notebook's uncited prose states as its own finding (before
    the closing sections) is given by its stored outputs (which the fresh-run test keeps current)."""
    nb = _read(path)
    assert build.prose_figures(nb) or path.name in NO_PROSE_FIGURES, "the check would check nothing here"
    stale = build.uncited_prose_numbers(nb, path.name)
    assert not stale, "figures in prose that no output gives:\n  - " + "\n  - ".join(stale)


#: Notebooks whose prose states no percentage or decimal of their own (their findings are counts).
NO_PROSE_FIGURES = {"00_introduction.ipynb", "03_defence_limits.ipynb", "05_claims_ledger.ipynb"}


def test_a_stale_figure_in_prose_is_found():
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

    out = new_output("display_data", data={"text/plain": "agreement 0.778; kappa 0.34; intervals 72.4 to 83.1"})
    cell = new_code_cell("x", outputs=[out])
    prose = (
        "### 1.2 Trade\n\n**Fact.** Russia matched Iran on 78% of votes (κ 0.34), 72–83% in the interval. "
        "A source put it at 91% ([A source, 2025](https://example.org)).\n\n"
        "<details><summary>More</summary>\n\nA folded 12.5% is not prose.\n\n</details>"
    )
    tail = new_markdown_cell("## Further reading\n\n- A book, 2004, pp. 1.5–2.5.")
    nb = new_notebook(cells=[new_markdown_cell(prose), cell, tail])
    assert [n for _, n, _ in build.prose_figures(nb)] == ["78%", "0.34", "72–83%"]
    assert build.uncited_prose_numbers(nb, "x.ipynb") == []
    nb.cells[0].source = prose.replace("78%", "81%").replace("72–83%", "72–84%")
    stale = build.uncited_prose_numbers(nb, "x.ipynb")
    assert len(stale) == 2 and "'81%'" in stale[0] and "cell 1" in stale[0] and "'72–84%'" in stale[1]


def test_prose_numbers_and_their_matching():
    text = "In 2025 16 of 19 agree (84%, κ 0.50), 2.5 % and 72–83; S-300, A01–A05, 2022–2023 and E235 are no numbers."
    assert build.PROSE_NUMBER.findall(text) == ["16 of 19", "84%", "0.50", "2.5 %", "72–83"]
    out = "agreement 77.837838, kappa 0.335407, p 0.0456; 16 of 19; range 72–83; 1,234.5"
    for number in ("78%", "77.8%", "0.34", "0.335", "0.05", "0.046", "16 of 19", "72–83", "1234.5"):
        assert build.number_supported(number, out), number
    for number in ("79%", "77.9%", "0.33", "0.045", "6 of 19", "2–83", "72–8", "1.2"):
        assert not build.number_supported(number, out), number
    assert build.number_supported("78%", "share 0.7784") and not build.number_supported("0.78", "share 77.84")


def test_a_stale_number_in_a_solution_is_found(tmp_path, monkeypatch):
    """A made-up notebook whose solutions state numbers: those its solution's own output or the
    notebook's outputs give pass, a stale one, one only another solution prints and an
    unexcused threshold are named; an excuse covers exactly its notebook, exercise and number."""
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    def exercise(n: int, code: str, prose: str) -> str:
        block = f"```python\n{code}\n```\n" if code else ""
        return f"**Exercise {n}.** Do it.\n\n<details>\n<summary>Solution</summary>\n\n{block}{prose}\n\n</details>"

    cells = [
        new_code_cell("total = 40\nprint(f'share {total / 64:.1%}')"),  # prints "share 62.5%"
        new_markdown_cell(
            "## Exercises\n\n"
            + "\n\n".join(
                [
                    exercise(1, "print(total / 3)", "About 13.3 a day; the share above is 62.5%."),
                    exercise(2, "print(total * 0.7)", "It gives 28.5, well below 62.5%."),  # prints 28.0
                    exercise(3, "", "From the output above: 62.5%, that is 5 of 8."),  # no "5 of 8" printed
                    exercise(4, "print('done')", "As in Exercise 1, 13.3 a day."),  # only Exercise 1 prints it
                    exercise(5, "", "Below the 0.05 threshold the question sets."),
                ]
            )
        ),
    ]
    path = tmp_path / "09_stale.ipynb"
    nbformat.write(new_notebook(cells=cells), path)
    solutions: list[build.SolutionRun] = []
    stored = build.execute(path, solutions=solutions)
    assert [p for s in solutions for p in s.problems()] == [], "every solution runs"
    stale = build.unsupported_numbers(stored, solutions, path.name)
    assert [s.split(" states ")[0] + " " + s.split(" states ")[1].split(",")[0] for s in stale] == [
        "09_stale.ipynb, Exercise 2 (solution in cell 2) '28.5'",
        "09_stale.ipynb, Exercise 3 (solution in cell 2) '5 of 8'",
        "09_stale.ipynb, Exercise 4 (solution in cell 2) '13.3'",
        "09_stale.ipynb, Exercise 5 (solution in cell 2) '0.05'",
    ]
    monkeypatch.setattr(build, "PROSE_NUMBER_EXCUSES", {("09_stale.ipynb", "Exercise 5", "0.05"): "the threshold"})
    assert len(build.unsupported_numbers(stored, solutions, path.name)) == 3
    assert build.stale_excuses(stored, path.name) == []
    monkeypatch.setattr(build, "PROSE_NUMBER_EXCUSES", {("09_stale.ipynb", "Exercise 4", "0.05"): "wrong exercise"})
    assert len(build.unsupported_numbers(stored, solutions, path.name)) == 4
    assert build.stale_excuses(stored, path.name) == [
        "09_stale.ipynb, Exercise 4: excused number '0.05' is no longer stated"
    ]


def _bound_and_used(code: str) -> tuple[set[str], set[str]]:
    """The names a block binds (assigns, imports, defines) and the names it reads."""
    import ast

    bound, used = set(), set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Name):
            (used if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, ast.alias):
            bound.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            bound.add(node.name)
    return bound, used


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_each_exercise_solution_stands_alone(path):
    """The solutions run one after another in one kernel, but a student may paste only one: no
    solution may read a name that an earlier exercise's solution binds (it would be missing, or
    hold that solution's value instead of the notebook's). Blocks of one solution may share names;
    a name a block binds itself (a loop or comprehension variable) is its own."""
    earlier: dict[str, str] = {}  # name -> the exercise whose solution binds it
    for block in fx.solution_code(_read(path)):
        bound, used = _bound_and_used(block.code)
        borrowed = sorted(n for n in used - bound if earlier.get(n, block.exercise) != block.exercise)
        assert not borrowed, f"{path.name}, {block.label} reads {borrowed}, bound by {earlier[borrowed[0]]}'s solution"
        earlier.update({n: block.exercise for n in bound if n not in earlier})


def test_a_solution_leaning_on_an_earlier_one_is_found(monkeypatch):
    blocks = [
        fx.SolutionCode(9, "Exercise 1", 1, "short = 1\nv = short + total"),
        fx.SolutionCode(9, "Exercise 1", 2, "w = v * 2"),  # the same solution: allowed
        fx.SolutionCode(9, "Exercise 2", 1, "print([v for v in range(3)], total)"),  # its own v: allowed
        fx.SolutionCode(9, "Exercise 3", 1, "print(short)"),
    ]
    monkeypatch.setattr(fx, "solution_code", lambda nb: blocks)
    with pytest.raises(AssertionError, match=r"Exercise 3 reads \['short'\], bound by Exercise 1's solution"):
        test_each_exercise_solution_stands_alone(NOTEBOOKS[0])
    monkeypatch.setattr(fx, "solution_code", lambda nb: blocks[:3])
    test_each_exercise_solution_stands_alone(NOTEBOOKS[0])
    assert _bound_and_used("import numpy as np\nfrom a import b\nx = np.f(y)\ndef g(): pass") == (
        {"np", "b", "x", "g"},
        {"np", "y"},
    )


def test_notebooks_run_side_by_side_come_back_in_order_with_their_failures(tmp_path):
    from nbformat.v4 import new_code_cell, new_notebook

    paths = []
    for name, code in [("a", "import time; time.sleep(1.5); print('first')"), ("b", "1 / 0"), ("c", "print('third')")]:
        path = tmp_path / f"{name}.ipynb"
        nbformat.write(new_notebook(cells=[new_code_cell(code)]), path)
        paths.append(path)
    runs = list(build.execute_many(paths, jobs=2))
    assert [p for p, _, _ in runs] == paths
    first, failed, third = (r for _, r, _ in runs)
    assert first.cells[0].outputs[0]["text"] == "first\n"
    assert isinstance(failed, Exception) and "ZeroDivisionError" in str(failed)
    assert third.cells[0].outputs[0]["text"] == "third\n"
    assert len(first.cells) == 1, "the origin check cell is removed again"


def test_a_broken_solution_fails_naming_notebook_exercise_and_error(tmp_path):
    """The solutions run after the notebook's own cells in the same kernel (one run), each reports
    its own error, warning or stray figure, and the notebook comes back as its own run."""
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    def solution(label: str, code: str) -> str:
        return f"**{label}.** Do it.\n\n<details>\n<summary>Solution</summary>\n\n```python\n{code}\n```\n\n</details>"

    cells = [
        new_code_cell("total = 40"),
        new_markdown_cell(
            "\n\n".join(
                [
                    solution("Exercise 1", "print(total + 2)"),  # uses the notebook's namespace
                    solution("Exercise 2", "total + renamed_in_a_refactor"),
                    solution("Exercise 3", "import warnings\nwarnings.warn('deprecated call')"),
                    solution("Exercise 4", "import matplotlib.pyplot as plt\nplt.plot([1, 2])"),
                    solution("Exercise 5", "print('still runs after the failures')"),
                ]
            )
        ),
    ]
    path = tmp_path / "09_broken.ipynb"
    nbformat.write(new_notebook(cells=cells), path)
    solutions: list[build.SolutionRun] = []
    nb = build.execute(path, solutions=solutions)
    assert len(nb.cells) == 2 and nb.cells[0].execution_count == 1, "the solution cells are removed again"
    assert len(build.compare(_read(path), nb)) == 1  # the own cell's execution count, nothing else
    assert [s.solution.exercise for s in solutions] == [f"Exercise {n}" for n in range(1, 6)]
    problems = {s.solution.exercise: s.problems() for s in solutions}
    assert problems["Exercise 1"] == [] and solutions[0].outputs[0]["text"] == "42\n"
    assert problems["Exercise 2"] == [
        "09_broken.ipynb, Exercise 2 (solution in cell 2): NameError: name 'renamed_in_a_refactor' is not defined"
    ]
    assert len(problems["Exercise 3"]) == 1 and "stderr" in problems["Exercise 3"][0]
    assert "deprecated call" in problems["Exercise 3"][0]
    assert problems["Exercise 4"] == [
        "09_broken.ipynb, Exercise 4 (solution in cell 2): leaves 1 figure(s) drawn but not shown with style.show"
    ]
    assert problems["Exercise 5"] == [] and solutions[4].outputs[0]["text"] == "still runs after the failures\n"


def test_a_solution_chart_without_alt_text_is_named():
    from nbformat.v4 import new_output

    block = fx.SolutionCode(cell=3, exercise="Exercise 2", block=2, code="display(png)")
    bare = new_output("display_data", data={"image/png": "iVBOR", "text/plain": "<Figure>"})
    shown = new_output(
        "display_data", data={"image/png": "iVBOR", "text/plain": "[Chart: t]"}, metadata={"image/png": {"alt": "a"}}
    )
    assert build.SolutionRun("n.ipynb", block, [shown]).problems() == []
    assert build.SolutionRun("n.ipynb", block, [bare]).problems() == [
        "n.ipynb, Exercise 2, block 2 (solution in cell 4): shows a chart without alt text (draw it with style.show)"
    ]


def test_site_inputs_key_follows_every_source_file_but_not_build_output(tmp_path):
    pages = tmp_path / "notebooks"
    (pages / "_build").mkdir(parents=True)
    (pages / "a.md").write_text("one")
    key = build.site_inputs_key((pages,))
    (pages / "_build" / "page.html").write_text("rendered")
    assert build.site_inputs_key((pages,)) == key
    (pages / "a.md").write_text("two")
    assert build.site_inputs_key((pages,)) != key


def test_an_unchanged_site_is_rendered_once_and_copied(tmp_path, monkeypatch):
    renders = []

    def fake_render(cmd, check, env):
        out = Path(cmd[cmd.index("--path-output") + 1]) / "_build" / "html"
        out.mkdir(parents=True)
        (out / "index.html").write_text(f"render {len(renders)}")
        renders.append(out)

    monkeypatch.setattr(build.subprocess, "run", fake_render)
    monkeypatch.setattr(build, "_RENDERED", {})
    monkeypatch.setattr(build, "site_inputs_key", lambda: "same inputs")
    first = build.build_site(tmp_path / "one", write_dictionary=False)
    second = build.build_site(tmp_path / "two", write_dictionary=False)
    assert len(renders) == 1 and second != first
    assert second.read_text() == first.read_text() == "render 0"
    first.write_text("changed by a test")  # a copy handed out never feeds the next one
    assert build.build_site(tmp_path / "three", write_dictionary=False).read_text() == "render 0"
    monkeypatch.setattr(build, "site_inputs_key", lambda: "other inputs")
    assert build.build_site(tmp_path / "four", write_dictionary=False).read_text() == "render 1"
    assert len(renders) == 2


def _stored_copy(name="01_drivers.ipynb"):
    return _read(NOTEBOOK_DIR / name)


def test_comparison_ignores_the_interpreter_version():
    stored = _stored_copy()
    other = copy.deepcopy(stored)
    other.metadata["language_info"]["version"] = "3.13.1"
    assert build.compare(stored, other) == []
    other.metadata["language_info"]["version"] = "3.11.2"
    assert build.compare(stored, other) == []


def _first_output(nb, mime):
    for i, cell in enumerate(nb.cells, start=1):
        for j, out in enumerate(cell.get("outputs", []), start=1):
            if mime in out.get("data", {}):
                return i, j, out
    raise AssertionError(mime)


def test_a_changed_number_is_named_with_its_cell():
    stored = _stored_copy()
    other = copy.deepcopy(stored)
    i, j, out = _first_output(other, "text/html")
    html = out["data"]["text/html"]
    number = re.search(r">(\d+)<", html).group(1)
    out["data"]["text/html"] = html.replace(f">{number}<", f">{int(number) + 7}<", 1)
    found = build.compare(stored, other, "01_drivers.ipynb")
    assert len(found) == 1, found
    assert f"01_drivers.ipynb, cell {i}" in found[0] and f"output {j} text/html" in found[0]
    assert f"{number} → {int(number) + 7}" in found[0]


def test_a_changed_image_is_described_by_its_pixels():
    import base64
    import io

    from PIL import Image

    stored = _stored_copy()
    other = copy.deepcopy(stored)
    i, _, out = _first_output(other, "image/png")
    img = Image.open(io.BytesIO(base64.b64decode(out["data"]["image/png"]))).convert("RGBA")
    img.putpixel((5, 6), (255, 0, 0, 255))
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    out["data"]["image/png"] = base64.b64encode(buf.getvalue()).decode()
    found = build.compare(stored, other, "nb")
    assert len(found) == 1 and f"cell {i}" in found[0], found
    assert "1 px" in found[0] and "x 5–6, y 6–7" in found[0]


def test_stored_notebooks_carry_no_widget_state():
    for path in NOTEBOOKS:
        nb = _read(path)
        assert "widgets" not in nb.metadata, path.name
        for cell in nb.cells:
            for out in cell.get("outputs", []):
                assert build.WIDGET_VIEW not in out.get("data", {}), path.name


def test_scrub_widgets_keeps_the_text():
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    nb = new_notebook(
        cells=[
            new_code_cell(
                "w",
                outputs=[
                    new_output(
                        "execute_result",
                        data={build.WIDGET_VIEW: {"model_id": "abc"}, "text/plain": "interactive(...)"},
                        execution_count=1,
                    )
                ],
            )
        ]
    )
    nb.metadata["widgets"] = {"state": {}}
    build.scrub_widgets(nb)
    assert "widgets" not in nb.metadata
    assert nb.cells[0].outputs[0]["data"] == {"text/plain": "interactive(...)"}


def test_one_data_as_of_date_across_the_collection():
    root = NOTEBOOK_DIR.parent
    stated = set(re.findall(r"Data as of:?\**:? (\d{1,2} \w+ \d{4})", (root / "README.md").read_text(encoding="utf-8")))
    stated |= set(
        re.findall(r"Data as of:?\**:? (\d{1,2} \w+ \d{4})", (NOTEBOOK_DIR / "index.md").read_text(encoding="utf-8"))
    )
    for path in NOTEBOOKS:
        stated |= set(re.findall(r"\*\*Data as of:\*\* (\d{1,2} \w+ \d{4})", _text(_read(path).cells[0])))
    assert len(stated) == 1, f"the collection states several 'data as of' dates: {sorted(stated)}"


def test_split_stream_outputs_are_joined_as_jupyterlab_shows_them():
    """A busy kernel may send one print as two stream messages; the stored outputs must not depend
    on that (the cause of a flaky stale-output failure)."""
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    from helpers.build import merge_streams

    cell = new_code_cell("print('a'); print('b')")
    cell.outputs = [
        new_output("stream", name="stdout", text="a\n"),
        new_output("stream", name="stdout", text="b\n"),
        new_output("stream", name="stderr", text="w\n"),
        new_output("display_data", data={"text/plain": "x"}),
        new_output("stream", name="stdout", text="c\n"),
    ]
    nb = merge_streams(new_notebook(cells=[cell]))
    kinds = [(o.output_type, o.get("name"), o.get("text")) for o in nb.cells[0].outputs]
    assert kinds == [
        ("stream", "stdout", "a\nb\n"),
        ("stream", "stderr", "w\n"),
        ("display_data", None, None),
        ("stream", "stdout", "c\n"),
    ]


def test_bench_prints_the_median_of_repeated_runs(monkeypatch, capsys, tmp_path):
    nb = tmp_path / "01_x.ipynb"
    nbformat.write(nbformat.v4.new_notebook(), nb)
    # floor, notebook, floor, notebook, ...: the medians are 2.0 (floor) and 5.0 (notebook)
    timings = iter([2.0, 9.0, 1.0, 5.0, 3.0, 4.0])
    monkeypatch.setattr(build, "_timed", lambda *_a: next(timings))
    monkeypatch.setattr(build, "execute_many", lambda paths, workers: iter(()))
    times = build.bench([nb], jobs=1, repeat=3)
    assert times == {"01_x.ipynb": (5.0, 2.0)}
    out = capsys.readouterr().out
    assert "median of 3" in out
    assert re.search(r"01_x\.ipynb\s+5\.0\s+2\.0\s+2\.50\s+0$", out, re.M)
    with pytest.raises(ValueError, match="at least 1"):
        build.bench([nb], repeat=0)


def test_bench_split_also_times_each_notebook_with_its_charts_undrawn(monkeypatch, capsys, tmp_path):
    nb = tmp_path / "01_x.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")]), nb)
    seen = []

    def timed(notebook, *_a):
        seen.append(notebook.cells[0].source)
        return {build.FLOOR_CODE: 2.0, build.NO_DRAW_CODE: 3.0}.get(notebook.cells[0].source, 8.0)

    monkeypatch.setattr(build, "_timed", timed)
    monkeypatch.setattr(build, "execute_many", lambda paths, workers: iter(()))
    assert build.bench([nb], jobs=1, split=True) == {"01_x.ipynb": (8.0, 2.0)}
    assert seen == [build.FLOOR_CODE, "x = 1", build.NO_DRAW_CODE]  # floor, notebook, notebook undrawn
    out = capsys.readouterr().out
    assert "no-draw s" in out and re.search(r"01_x\.ipynb\s+8\.0\s+2\.0\s+4\.00\s+0\s+3\.0\s+1\.50$", out, re.M)
    assert nbformat.read(nb, as_version=4).cells[0].source == "x = 1"  # the stored notebook is untouched


def test_the_undrawn_run_still_builds_and_checks_every_chart(monkeypatch):
    """NO_DRAW_CODE skips the drawing only: a chart without a source line is still refused."""
    import matplotlib.pyplot as plt
    from IPython.core.interactiveshell import InteractiveShell

    from helpers import style

    monkeypatch.setattr(style, "png_bytes", style.png_bytes)  # restored after the test
    monkeypatch.setattr(style, "overlapping_tick_labels", style.overlapping_tick_labels)
    published = []
    shell = InteractiveShell.instance()
    monkeypatch.setattr(shell.display_pub, "publish", lambda data, **_k: published.append(data))
    exec(build.NO_DRAW_CODE, {})
    fig, ax = plt.subplots()
    ax.plot([1, 2], [3, 4])
    ax.set(xlabel="x", ylabel="y")
    style.finish(fig, "A title that says what the chart shows", "Source: a test.")
    style.show(fig, "A line rising from 3 to 4 between x = 1 and x = 2.")
    assert published and published[-1]["image/png"] == ""  # built and checked, not drawn
    fig, ax = plt.subplots()
    ax.plot([1, 2], [3, 4])
    with pytest.raises(ValueError, match="title and source line"):
        style.show(fig, "A line rising from 3 to 4 between x = 1 and x = 2.")


def test_chart_count_counts_png_outputs_only():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={"image/png": "iVBOR", "text/plain": "chart"}),
        nbformat.v4.new_output("display_data", data={"text/html": "<table/>"}),
        nbformat.v4.new_output("stream", name="stdout", text="hello"),
    ]
    nb.cells = [cell, nbformat.v4.new_markdown_cell("![x](y.png)")]
    assert build.chart_count(nb) == 1
    assert build.chart_count(nbformat.read(NOTEBOOK_DIR / "04_israel_balancing.ipynb", as_version=4)) == 8


class _Clock:
    """A clock that moves only when told to."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_phases_name_the_longest_stretches_of_a_slow_run():
    clock = _Clock()
    phases = build.Phases(clock)
    hooks = phases.hooks()
    steps = [  # (seconds that pass, then the hook nbclient calls, with its keyword arguments)
        (1.5, "on_notebook_start", {"notebook": None}),
        (0.1, "on_cell_execute", {"cell": None, "cell_index": 0}),
        (0.4, "on_cell_executed", {"cell": None, "cell_index": 0, "execute_reply": {}}),
        (0.0, "on_cell_execute", {"cell": None, "cell_index": 2}),
        (598.0, "on_cell_executed", {"cell": None, "cell_index": 2, "execute_reply": {}}),
        (7.0, "on_notebook_complete", {"notebook": None}),
    ]
    for seconds, hook, kwargs in steps:
        clock.now += seconds
        hooks[hook](**kwargs)
    assert phases.stretches()[:3] == [("cell 2", 598.0), ("kernel shut-down", 7.0), ("kernel start", 1.5)]
    assert ("between cell 0 answered and cell 2 sent", 0.0) in phases.stretches()
    line = phases.report("04_x.ipynb")
    assert line is not None and line.startswith("04_x.ipynb took 607 s")
    assert line.endswith("longest: cell 2 598.0 s; kernel shut-down 7.0 s; kernel start 1.5 s")
    assert phases.report("04_x.ipynb", threshold=607.0) is None  # within the threshold: silent


def test_a_slow_notebook_run_says_where_its_time_went(monkeypatch, capsys, tmp_path):
    clock = _Clock()
    monkeypatch.setattr(build, "_now", clock)

    class StalledClient:  # starts its kernel slowly, then runs each cell as nbclient would
        def __init__(self, nb, **kwargs):
            self.nb, self.hooks = nb, kwargs

        def execute(self):
            clock.now += 200.0
            self.hooks["on_notebook_start"](notebook=self.nb)
            for i, cell in enumerate(self.nb.cells):
                self.hooks["on_cell_execute"](cell=cell, cell_index=i)
                clock.now += 1.0
                if i == len(self.nb.cells) - 1:  # the origin check
                    cell.outputs = [
                        nbformat.v4.new_output("stream", name="stdout", text=f"{build.SRC_DIR / 'helpers'}\n")
                    ]
                self.hooks["on_cell_executed"](cell=cell, cell_index=i, execute_reply={})
            self.hooks["on_notebook_complete"](notebook=self.nb)

    monkeypatch.setattr(build, "_Client", StalledClient)
    path = tmp_path / "01_x.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")]), path)
    build.execute(path)
    err = capsys.readouterr().err
    assert "01_x.ipynb took 202 s" in err and "longest: kernel start 200.0 s" in err
    clock.now = 0.0
    assert (
        build._timed(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")]), tmp_path, "floor") == 201.0
    )  # one cell, no origin check
    assert "floor took 201 s" in capsys.readouterr().err


class _MissedWakeup:
    """A kernel channel whose one message is already waiting, but whose first poll misses it and
    waits out its whole timeout (then reports nothing), as in the stalls the build saw."""

    def __init__(self, message=None):
        self.message, self.polls = message, []

    async def get_msg(self, timeout=None):
        import asyncio
        from queue import Empty

        self.polls.append(timeout)
        if len(self.polls) == 1 or self.message is None:
            await asyncio.sleep(3600 if timeout is None else timeout)
            raise Empty
        return self.message


def test_a_missed_wakeup_costs_one_slice_not_the_cell_timeout():
    import asyncio
    import time

    channel = build.poll_in_slices(_MissedWakeup({"msg": "reply"}), slice_seconds=0.05)
    start = time.monotonic()
    assert asyncio.run(asyncio.wait_for(channel.get_msg(timeout=600), 5)) == {"msg": "reply"}
    assert time.monotonic() - start < 1.0
    assert channel.polls == [0.05, 0.05]  # two short polls, not one of 600 s
    unlimited = build.poll_in_slices(_MissedWakeup({"msg": "x"}), slice_seconds=0.05)
    assert asyncio.run(asyncio.wait_for(unlimited.get_msg(), 5)) == {"msg": "x"}  # no timeout: still found


def test_a_channel_polled_in_slices_still_times_out():
    import asyncio
    import time
    from queue import Empty

    channel = build.poll_in_slices(_MissedWakeup(None), slice_seconds=0.05)
    start = time.monotonic()
    with pytest.raises(Empty):
        asyncio.run(channel.get_msg(timeout=0.2))
    assert 0.15 < time.monotonic() - start < 1.0
    assert all(t <= 0.05 + 1e-9 for t in channel.polls) and len(channel.polls) >= 4
