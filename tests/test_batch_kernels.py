"""The pool of warm kernels (lkj.build.kernels): each chapter sees a fresh namespace, as in a new
kernel; a kernel that dies fails its chapter only and is replaced."""

from __future__ import annotations

import queue
from pathlib import Path

import nbformat
import pytest

from lkj.build.chapter import ChapterRun, ChapterTask
from lkj.build.kernels import KernelPool, warm_up_code


def notebook(path: Path, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    params = nbformat.v4.new_code_cell("unit = None")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, *(nbformat.v4.new_code_cell(s) for s in sources)]
    nbformat.write(nb, path)
    return path


@pytest.mark.slow
def test_each_chapter_in_a_fresh_namespace_and_a_dead_kernel_replaced(tmp_path: Path) -> None:
    chapters = [
        notebook(tmp_path / "01_sets.ipynb", "x = 41", "import warnings\nwarnings.warn('once')"),
        notebook(tmp_path / "02_reads.ipynb", "x + 1"),
        notebook(tmp_path / "03_warns.ipynb", "import warnings\nwarnings.warn('once')"),
        notebook(tmp_path / "04_dies.ipynb", "import os\nos._exit(3)"),
        notebook(tmp_path / "05_after.ipynb", "y = 1", "y + 1"),
    ]
    results: queue.Queue[ChapterRun] = queue.Queue()
    pool = KernelPool(1, results, warm_up=warm_up_code(chapters, "import json"))
    try:
        for n, path in enumerate(chapters):  # one kernel: run in this order
            out = tmp_path / "out" / path.name
            out.parent.mkdir(exist_ok=True)
            pool.submit(ChapterTask(n, path, out, {"unit": "u"}, f"out/{path.name}"))
        runs = {run.name: run for run in (results.get(timeout=120) for _ in chapters)}
    finally:
        pool.close()

    assert runs["01_sets"].error is None
    # The variable of the chapter before is gone: a NameError, as in a new kernel.
    assert "NameError: name 'x' is not defined" in (runs["02_reads"].error or "")
    assert runs["02_reads"].kernel_ok
    # Warnings shown once in a chapter are shown again in the next one.
    warns = nbformat.read(tmp_path / "out" / "03_warns.ipynb", as_version=4)
    assert "once" in str(warns.cells[-1].outputs)
    # Execution counts start at 1 in every chapter (papermill adds the injected parameters).
    after = nbformat.read(tmp_path / "out" / "05_after.ipynb", as_version=4)
    counts = [c.execution_count for c in after.cells if c.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1))
    assert after.cells[-1].outputs[0]["data"]["text/plain"] == "2"
    # The dying kernel fails its own chapter; the next chapter runs in a new kernel.
    dead = runs["04_dies"]
    assert dead.error is not None and not dead.kernel_ok
    assert dead.error.startswith("chapter 04_dies: the kernel died while running cell 2 (id ")
    assert dead.error.endswith("the kernel process ended: exit code 3")
    assert runs["05_after"].error is None


def test_warm_up_code_imports_what_the_chapters_import(tmp_path: Path) -> None:
    chapters = [
        notebook(tmp_path / "a.ipynb", "from lkj.report import front\nx = front", "import json"),
        notebook(
            tmp_path / "b.ipynb", "%matplotlib inline", "import json, re\nfrom os import path"
        ),
    ]
    code = warm_up_code(chapters, "import lkj.report.charts\nlkj.report.charts.warm_up()")
    compile(code, "warm-up", "exec")
    assert code.count("from lkj.report import front") == 1
    assert code.count("import json\n") == 1 and "import json, re" in code
    assert "from os import path" in code and "x = front" not in code
    assert code.endswith("    lkj.report.charts.warm_up()\nexcept Exception:\n    pass")
