"""The worker processes (lkj.build.workers, a ProcessPoolExecutor): a call that kills its worker
fails alone, with what the worker wrote last, while the calls that shared the pool succeed; a
call that runs too long ends its worker; stray output stays off the user's terminal."""

from __future__ import annotations

import os
import sys
import threading
import time

import pytest

from lkj.build.workers import WorkerError, WorkerPool


def square(n: int) -> int:
    print("stray output of a worker")  # must not reach lkj build's own output
    time.sleep(0.5)
    return n * n


def dies(code: int) -> int:
    sys.stderr.write("about to die\n")
    sys.stderr.flush()
    time.sleep(0.2)  # long enough for the others to be running too
    os._exit(code)


def sleeps(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def raises(text: str) -> None:
    raise ValueError(text)


@pytest.mark.slow
def test_a_dying_call_fails_alone(capfd: pytest.CaptureFixture[str]) -> None:
    pool = WorkerPool(3)
    pool.start()
    results: dict[str, object] = {}

    def run(name: str, function: object, argument: object) -> None:
        try:
            results[name] = pool.call(function, argument, timeout=60)  # type: ignore[arg-type]
        except Exception as exc:
            results[name] = exc

    try:
        threads = [
            threading.Thread(target=run, args=("a", square, 3)),
            threading.Thread(target=run, args=("dies", dies, 7)),
            threading.Thread(target=run, args=("b", square, 4)),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        assert results["a"] == 9 and results["b"] == 16
        error = results["dies"]
        assert isinstance(error, WorkerError)
        assert str(error) == "the worker process ended: about to die"
        # the pool goes on after it; an exception in a call is the call's own
        assert pool.call(square, 5) == 25
        with pytest.raises(ValueError, match="its own error"):
            pool.call(raises, "its own error")
    finally:
        pool.close()
    assert "stray output" not in capfd.readouterr().out


@pytest.mark.slow
def test_a_call_that_runs_too_long_ends_its_worker() -> None:
    pool = WorkerPool(1)
    try:
        started = time.monotonic()
        with pytest.raises(WorkerError, match="no answer within 2 s"):
            pool.call(sleeps, 1000, timeout=2)
        assert time.monotonic() - started < 60
        assert pool.call(sleeps, 0.1, timeout=30) == 0.1
    finally:
        pool.close()
