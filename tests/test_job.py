"""The executor boundary (lkj.build.job): a ReportJob is plain data that any executor can send to
another process, where :func:`run_here` builds it (chapters on that process's warm kernel,
then the finishing) into the same report as ``lkj build``; ``build_many`` takes any executor
and never waits for one that stopped without a word."""

from __future__ import annotations

import multiprocessing
import pickle
import shutil
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from lkj.build.chapter import ChapterRun, ChapterTask
from lkj.build.finish import FinishJob, FinishResult, ReportMeta, report_name
from lkj.build.job import Event, ReportJob, ReportOutcome, run_here, run_report
from lkj.build.run import build_many
from lkj.inputs.project import Project
from lkj.report.context import load_report
from lkj.rules.periods import Period
from tests.conftest import REPO, BuiltReport


def job_for(root: Path, period: Period, formats: tuple[str, ...] = ("html",)) -> ReportJob:
    ctx = load_report("bp3mi-jabar", period, root)
    meta = ReportMeta(f"Laporan Kinerja {ctx.singkatan} {ctx.periode}", ctx.singkatan,
                      f"Laporan Kinerja {ctx.periode}",
                      ctx.params.penandatangan.tanggal or period.end_date)  # fmt: skip
    out = root / "build" / "bp3mi-jabar" / period.slug
    out.mkdir(parents=True, exist_ok=True)
    parameters = {"unit": "bp3mi-jabar", "period": period.slug, "root": str(root)}
    tasks = tuple(
        ChapterTask(0, nb, out / nb.name, parameters, nb.name)
        for nb in sorted((root / "notebooks").glob("[0-9]*.ipynb"))
    )
    name = report_name("bp3mi-jabar", period)
    finish = FinishJob(root, "bp3mi-jabar", period.slug, name,
                       tuple(t.output for t in tasks), formats, meta)  # fmt: skip
    return ReportJob(0, tasks, finish)


def test_run_report_finishes_only_when_every_chapter_ran(tmp_path: Path) -> None:
    task = ChapterTask(7, tmp_path / "01_a.ipynb", tmp_path / "out.ipynb", {}, "out.ipynb")
    finish = FinishJob(tmp_path, "u", "2025-Q2", "r", (task.output,), ("html",),
                       ReportMeta("t", "u", "p", Period(2025, 2).end_date))  # fmt: skip
    job = ReportJob(7, (task, task), finish)
    seen: list[ChapterRun] = []
    finished: list[FinishJob] = []

    def chapters(tasks: object, on_each: object) -> list[ChapterRun]:
        runs = [ChapterRun(task, 0.1), ChapterRun(task, 0.1, error="chapter 01_a failed")]
        for run in runs:
            seen.append(run)
        return runs

    def finishing(job: FinishJob) -> FinishResult:
        finished.append(job)
        return FinishResult({}, [])

    outcome = run_report(job, chapters, finishing)
    assert outcome.key == 7 and outcome.result is None and len(outcome.runs) == 2
    assert finished == []
    ok = run_report(job, lambda tasks, on_each: [ChapterRun(t, 0.1) for t in tasks], finishing)
    assert ok.result == FinishResult({}, []) and finished == [finish]
    assert pickle.loads(pickle.dumps(job)) == job  # plain data, for any executor


@pytest.mark.slow
def test_run_here_in_another_process(tmp_path: Path, built_report: BuiltReport) -> None:
    root = tmp_path / "project"
    root.mkdir()
    for name in ("data", "params", "notebooks"):
        shutil.copytree(REPO / name, root / name)
    job = job_for(root, Period(2025, 2))
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=spawn) as elsewhere:
        outcome = elsewhere.submit(run_here, job).result(timeout=600)
    assert [run.error for run in outcome.runs] == [None] * 8
    assert outcome.result is not None and outcome.result.error is None
    html = outcome.result.outputs["html"]
    assert html.read_bytes() == built_report.html_path.read_bytes()


class _Quiet:
    """An executor that takes the jobs and says nothing, or one error per report."""

    said: str | None = None

    def __init__(self, jobs: int, reports: int, notebooks: object) -> None:
        self.closed: bool | None = None

    def run(self, jobs: Sequence[ReportJob], on_event: Callable[[Event], None]) -> None:
        for job in jobs:
            if self.said is not None:
                on_event(ReportOutcome(job.key, (), error=self.said))

    def alive(self) -> bool:
        return False

    def close(self, abort: bool = False) -> None:
        self.closed = abort


class _Failing(_Quiet):
    said = "the cluster went away"


def test_build_many_takes_any_executor(project_copy: Path) -> None:
    project = Project.at(project_copy)
    wanted = [("bp3mi-jabar", Period(2025, 2))]
    quiet = build_many(project, wanted, ("html",), force=True, out=lambda _: None,
                       executor=_Quiet)  # fmt: skip
    (report,) = quiet.reports
    assert report.status == "failed" and quiet.exit_code == 1
    assert report.detail == "the build stopped before this report ended"
    failing = build_many(project, wanted, ("html",), force=True, out=lambda _: None,
                         executor=_Failing)  # fmt: skip
    assert failing.reports[0].detail == "the cluster went away"
