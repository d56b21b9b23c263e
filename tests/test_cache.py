"""The cache (lkj.build.cache): ``$LKJ_CACHE_DIR`` or the user's cache folder; nothing read from
it is used unchecked; the fingerprint covers what it holds."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import platformdirs
import pytest

from lkj.build import cache
from lkj.build.fingerprint import compute
from lkj.inputs.project import Project
from lkj.rules.periods import Period


@pytest.fixture
def cache_at(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_CACHE, str(folder))
    cache.vega_bundle.cache_clear()
    yield folder
    cache.vega_bundle.cache_clear()


def test_cache_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(cache.ENV_CACHE, str(tmp_path / "mine"))
    assert cache.cache_dir() == tmp_path / "mine"
    monkeypatch.delenv(cache.ENV_CACHE)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == Path(platformdirs.user_cache_dir("lkj", appauthor=False))
    assert cache.cache_dir() == tmp_path / "xdg" / "lkj"  # on Linux


def test_a_cached_file_is_used_only_when_it_matches_its_manifest(cache_at: Path) -> None:
    path = cache_at / "thing.js"
    cache.store(path, b"the real thing")
    assert cache.read_verified(path) == b"the real thing"
    manifest = json.loads((cache_at / "thing.js.json").read_text())
    assert manifest == {"sha256": hashlib.sha256(b"the real thing").hexdigest(), "size": 14}
    for damaged in (b"", b"the real", b"the fake thing"):  # empty, truncated, same size
        path.write_bytes(damaged)
        assert cache.read_verified(path) is None
    path.write_bytes(b"the real thing")
    (cache_at / "thing.js.json").unlink()  # no manifest (e.g. killed between the two)
    assert cache.read_verified(path) is None


@pytest.mark.slow
def test_a_damaged_vega_bundle_is_made_again(cache_at: Path) -> None:
    good = cache.vega_bundle()
    path = cache.vega_bundle_path()
    assert path.parent == cache_at and path.read_text(encoding="utf-8") == good
    assert len(good) > 500_000 and "vegaEmbed" in good
    for damaged in ("", good[: len(good) // 2]):
        path.write_text(damaged, encoding="utf-8")
        cache.vega_bundle.cache_clear()
        assert cache.vega_bundle() == good  # not the damaged file
        assert path.read_text(encoding="utf-8") == good  # and the cache is repaired


def test_the_fingerprint_covers_the_cached_bundle(cache_at: Path) -> None:
    project = Project.at(Path(__file__).resolve().parent.parent)
    key = f"cache {cache.vega_bundle_path().name}"
    path = cache.vega_bundle_path()

    def digest() -> str:
        return compute(project, "bp3mi-jabar", Period(2025, 2), []).inputs[key]

    assert digest() == cache.NOT_CACHED
    cache.store(path, b"one bundle")
    one = digest()
    assert one == hashlib.sha256(b"one bundle").hexdigest()
    cache.store(path, b"another bundle")
    assert digest() not in (one, cache.NOT_CACHED)
    path.write_bytes(b"truncated")  # fails its check: as good as absent
    assert digest() == cache.NOT_CACHED
