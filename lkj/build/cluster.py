"""The Dask executor: ``lkj build … --executor dask [--scheduler ADDRESS]``.

Each report is one Dask task, :func:`build_on_worker`: on whichever worker the scheduler picks,
it runs :func:`lkj.build.job.run_here` — the report's chapters on the worker's warm kernel,
then its finishing (merge, HTML, PDF) in the worker process, written atomically into the
project's ``reports/`` as the local executor writes them. A worker plugin
(:class:`WarmWorker`) starts the kernel and imports the finisher's libraries as the worker
starts, and kills the kernel when it stops: a worker stays warm from one report to the next.

- Where: a ``distributed.LocalCluster`` of ``jobs`` single-threaded worker processes on this
  machine, or the cluster whose scheduler is at ``--scheduler ADDRESS``. The workers read a
  report's inputs from the copy ``lkj build`` made of them under the project's ``build/``
  (:mod:`lkj.build.snapshot`), and write under the same ``--root`` path: the tree must be
  visible to every worker at that path (a network file system, an object-storage mount).
  Before the batch, every worker is asked to read a file just written under ``build/``
  (:func:`check_root`); a worker that cannot is an error naming it, and nothing is built.
- Progress: a worker logs an event per chapter (topic ``lkj-chapter``) that ``lkj build``
  shows as it shows the local executor's chapters; the report's outcome comes back as the
  task's result.
- Failures: a report whose chapter or finishing fails fails alone (its outcome says why). A
  worker that dies while it builds a report (killed, out of memory) is replaced by its
  nanny, and the scheduler runs the task again on another worker (up to Dask's
  ``distributed.scheduler.allowed-failures``, 3 by default). Outputs are moved into place
  only once complete, so a lost attempt leaves nothing half-written: at most temporary files,
  which the next write into the folder removes (:mod:`lkj.build.atomic`).
- Bounds: the chapters are bounded as on the local executor (:mod:`lkj.build.kernels`); a
  report's finishing that runs longer than :data:`FINISH_TIMEOUT` ends its worker (as a
  local finishing worker process is ended), which Dask treats as a lost worker.

Dask is imported only here, and this module only when ``--executor dask`` is chosen
(:mod:`lkj.build.executors`).
"""

from __future__ import annotations

import contextlib
import faulthandler
import itertools
import logging
import secrets
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import distributed

from lkj.build.chapter import ChapterRun
from lkj.build.finish import FinishJob, FinishResult
from lkj.build.job import Event, ReportJob, ReportOutcome, kernel_warm_up
from lkj.build.workers import CALL_TIMEOUT
from lkj.errors import LkjError

TOPIC = "lkj-chapter"
PLUGIN = "lkj-warm-worker"
CONNECT_TIMEOUT = 10  # seconds to reach the scheduler
WORKERS_TIMEOUT = 120  # seconds for a first worker to join a scheduler that has none
CHECK_TIMEOUT = 60  # seconds for every worker to answer the check of the root
CLOSE_TIMEOUT = 30  # seconds to close the client and the cluster
FINISH_TIMEOUT = CALL_TIMEOUT  # seconds for a report's merge, HTML and PDF on a worker
PROBE = ".lkj-probe-"  # under build/: the file written for check_root, then removed


# ---- on the workers -------------------------------------------------------------------


class WarmWorker(distributed.WorkerPlugin):  # type: ignore[misc]
    """A worker plugin: the worker's kernel started and warmed up with ``warm_up``, and the
    finisher's libraries imported, as the worker starts; the kernel killed as it stops."""

    name = PLUGIN

    def __init__(self, warm_up: str) -> None:
        self.warm_up = warm_up

    def setup(self, worker: Any) -> None:
        # In a thread: the worker answers the scheduler meanwhile; a first report waits
        # for the kernel the warm-up starts.
        threading.Thread(target=self._warm, name="lkj-warm-up", daemon=True).start()

    def _warm(self) -> None:
        from lkj.build.finish import warm_finisher
        from lkj.build.job import warm_here

        with contextlib.suppress(Exception):  # best effort: a report reports real errors
            warm_here(self.warm_up)
            warm_finisher()

    def teardown(self, worker: Any) -> None:
        from lkj.build.job import close_here

        close_here()


class _Deadlines:
    """Finishing calls running in this process, each with its deadline; the earliest one
    armed with ``faulthandler``, which ends the process even inside C code."""

    lock = threading.Lock()
    due: dict[int, float] = {}  # noqa: RUF012  (one per process, by design)
    ids = itertools.count()

    @classmethod
    @contextlib.contextmanager
    def bounded(cls, seconds: float) -> Iterator[None]:
        with cls.lock:
            token = next(cls.ids)
            cls.due[token] = time.monotonic() + seconds
            cls._arm()
        try:
            yield
        finally:
            with cls.lock:
                del cls.due[token]
                cls._arm()

    @classmethod
    def _arm(cls) -> None:
        if cls.due:
            left = max(1.0, min(cls.due.values()) - time.monotonic())
            faulthandler.dump_traceback_later(left, exit=True)
        else:
            faulthandler.cancel_dump_traceback_later()


def _finish(job: FinishJob) -> FinishResult:
    from lkj.build.finish import finish_report

    with _Deadlines.bounded(FINISH_TIMEOUT):
        return finish_report(job)


def _say(worker: Any, message: dict[str, Any]) -> None:
    with contextlib.suppress(Exception):  # progress is a courtesy; the result is what counts
        worker.log_event(TOPIC, message)


def build_on_worker(job: ReportJob) -> ReportOutcome:
    """The task: build ``job`` on this worker (see the module's documentation)."""
    from lkj.build.job import run_here

    worker = distributed.get_worker()
    attempt = secrets.token_hex(4)
    base = {"key": job.key, "attempt": attempt, "worker": worker.address}
    _say(worker, {**base, "kind": "start"})

    def chapter_done(run: ChapterRun) -> None:
        _say(worker, {**base, "kind": "chapter", "name": run.name, "seconds": run.seconds,
                      "error": run.error})  # fmt: skip

    missing = [task.notebook for task in job.chapters if not task.notebook.is_file()]
    if missing:  # e.g. a worker that joined after check_root, on another file system
        error = (
            f"worker {worker.address} cannot see the report's inputs at {missing[0].parent} "
            "(expected the project tree at the same path on every worker)"
        )
        return ReportOutcome(job.key, (), error=error)
    return run_here(job, chapter_done, finish=_finish)


def _read_probe(path: str) -> str:
    """On a worker: the probe's text, or why it cannot be read."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        return f"! {exc.strerror or type(exc).__name__}"


# ---- in lkj build -----------------------------------------------------------------------


def _one_line(exc: BaseException, limit: int = 200) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 3] + "..."


def connect(scheduler: str | None, workers: int) -> tuple[Any, Any]:
    """A Dask client, and the LocalCluster it runs on (None with ``scheduler``). An
    unreachable scheduler, or one without workers, is an LkjError naming it."""
    if scheduler is None:
        cluster = distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",  # this machine only
            # no dashboard; the scheduler's HTTP server (health, metrics) on any free port,
            # not on 8787 (taken by another cluster: a warning on the terminal)
            dashboard_address="127.0.0.1:0",
            scheduler_kwargs={"dashboard": False},
            silence_logs=logging.ERROR,
        )
        try:
            return distributed.Client(cluster, set_as_default=False), cluster
        except BaseException:
            cluster.close(timeout=CLOSE_TIMEOUT)
            raise
    try:
        client = distributed.Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError, TypeError) as exc:
        raise LkjError(
            f"--scheduler {scheduler}: no Dask scheduler could be reached there "
            f"({_one_line(exc)}); expected the address of a running scheduler, "
            "e.g. tcp://10.0.0.5:8786"
        ) from None
    try:
        client.wait_for_workers(1, timeout=WORKERS_TIMEOUT)
    except (TimeoutError, OSError):
        client.close(timeout=CLOSE_TIMEOUT)
        raise LkjError(
            f"--scheduler {scheduler}: the scheduler has no worker (none joined within "
            f"{WORKERS_TIMEOUT} s); expected workers started with: dask worker {scheduler}"
        ) from None
    return client, None


def check_root(client: Any, root: Path) -> None:
    """Every worker reads a file just written under ``root``'s ``build/`` (where the reports'
    inputs are copied for them); an LkjError names the first worker that cannot."""
    folder = root / "build"
    made = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    token = secrets.token_hex(16)
    probe = folder / f"{PROBE}{token}"
    probe.write_text(token, encoding="utf-8")
    try:
        answers: dict[str, str] = client.run(
            _read_probe, str(probe), wait=True, callback_timeout=CHECK_TIMEOUT
        )
    except (OSError, TimeoutError) as exc:
        raise LkjError(
            f"--root {root}: the workers did not answer the check of the project tree "
            f"({_one_line(exc)}); expected every worker to reach {root}"
        ) from None
    finally:
        probe.unlink(missing_ok=True)
        if made:
            with contextlib.suppress(OSError):
                folder.rmdir()
    for address, text in sorted(answers.items()):
        if text != token:
            found = text[2:] if text.startswith("! ") else "another file"
            raise LkjError(
                f"--root {root}: worker {address} cannot see the project tree at {root} "
                f"(reading {probe.relative_to(root)} there: {found}); expected the same tree "
                "at the same path on every worker, e.g. on a network file system"
            )


class DaskExecutor:
    """Reports as tasks on a Dask cluster: an :class:`~lkj.build.job.Executor`.

    Made before the batch: it connects (or starts a LocalCluster of ``jobs`` workers, at most
    one per report), checks that every worker sees ``root`` and installs
    :class:`WarmWorker`; an LkjError then means nothing was built. ``warn`` tells of a worker
    lost mid-report."""

    def __init__(
        self,
        jobs: int,
        reports: int,
        notebooks: Sequence[Path],
        *,
        root: Path,
        scheduler: str | None = None,
        warn: Callable[[str], None] = print,
    ) -> None:
        self._warn = warn
        self._futures: list[Any] = []
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._jobs: dict[int, ReportJob] = {}
        self._attempts: dict[int, str] = {}
        self._shown: dict[int, set[str]] = {}  # chapters shown, per report
        self._done: set[int] = set()
        self._on_event: Callable[[Event], None] | None = None
        self._client, self._cluster = connect(scheduler, max(1, min(jobs, reports)))
        try:
            check_root(self._client, root)
            self._client.register_plugin(WarmWorker(kernel_warm_up(notebooks)), name=PLUGIN)
        except BaseException:
            self.close(abort=True)
            raise

    # ---- the batch ----

    def run(self, jobs: Sequence[ReportJob], on_event: Callable[[Event], None]) -> None:
        """Start building ``jobs``; returns at once."""
        self._on_event = on_event
        self._jobs = {job.key: job for job in jobs}
        self._client.subscribe_topic(TOPIC, self._logged)
        batch = secrets.token_hex(4)
        self._futures = [
            self._client.submit(build_on_worker, job, key=f"lkj-report-{batch}-{job.key}",
                                pure=False, priority=-job.key)
            for job in jobs
        ]  # fmt: skip
        keys = {future.key: job.key for future, job in zip(self._futures, jobs, strict=True)}
        self._thread = threading.Thread(
            target=self._collect, args=(keys,), name="lkj-dask", daemon=True
        )
        self._thread.start()

    def alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def close(self, abort: bool = False) -> None:
        with contextlib.suppress(Exception):
            if abort and self._futures:
                self._client.cancel(self._futures, force=True)
        with contextlib.suppress(Exception):
            self._client.unsubscribe_topic(TOPIC)
        with contextlib.suppress(Exception):
            self._client.close(timeout=CLOSE_TIMEOUT)
        if self._cluster is not None:
            with contextlib.suppress(Exception):
                self._cluster.close(timeout=CLOSE_TIMEOUT)
        if self._thread is not None:
            self._thread.join(timeout=0.5 if abort else CLOSE_TIMEOUT)

    # ---- events ----

    def _logged(self, event: tuple[float, dict[str, Any]]) -> None:
        """A worker's event (in the client's event-loop thread)."""
        _, message = event
        key = message.get("key")
        job = self._jobs.get(key) if isinstance(key, int) else None
        if job is None or not isinstance(key, int):
            return
        with self._lock:
            if key in self._done:
                return
            if message.get("kind") == "start":
                previous = self._attempts.get(key)
                self._attempts[key] = message["attempt"]
                if previous is not None and previous != message["attempt"]:
                    label = f"{job.finish.unit} {job.finish.period}"
                    self._warn(f"{label}: the worker building it was lost; building it "
                               f"again on {message['worker']}")  # fmt: skip
                return
            if message.get("attempt") != self._attempts.get(key):
                return  # a lost attempt's late word
            task = next((t for t in job.chapters if t.name == message.get("name")), None)
            if task is None:
                return
            seconds = float(message.get("seconds") or 0.0)
            run = ChapterRun(task, seconds, time.perf_counter() - seconds, message.get("error"))
            self._show(key, run)

    def _show(self, key: int, run: ChapterRun) -> None:
        """Pass a chapter on, once per chapter (a retried report's chapters are not shown
        again). Called with the lock held."""
        shown = self._shown.setdefault(key, set())
        if run.name in shown or self._on_event is None:
            return
        shown.add(run.name)
        self._on_event(run)

    def _collect(self, keys: dict[str, int]) -> None:
        try:
            for future in distributed.as_completed(self._futures, loop=self._client.loop):
                try:
                    outcome: ReportOutcome = future.result()
                except Exception as exc:  # the task never returned: workers lost, cancelled
                    outcome = ReportOutcome(keys[future.key], (), error=_describe(exc))
                self._deliver(outcome)
        except Exception as exc:  # the client itself failed: every report still out fails
            for key in keys.values():
                self._deliver(ReportOutcome(key, (), error=_describe(exc)))

    def _deliver(self, outcome: ReportOutcome) -> None:
        with self._lock:
            if outcome.key in self._done:
                return
            for run in outcome.runs:  # any chapter whose event has not come yet
                self._show(outcome.key, replace(run, started=time.perf_counter() - run.seconds))
            self._done.add(outcome.key)
        if self._on_event is not None:
            self._on_event(outcome)


def _describe(exc: BaseException) -> str:
    name = type(exc).__name__
    text = _one_line(exc, 300)
    if name == "KilledWorker":
        return (
            "could not build the report: every worker that tried died while building it "
            f"({text[:200]})"
        )
    if name == "CancelledError":
        return "could not build the report: the build was cancelled"
    return f"could not build the report: {name}: {text}"
