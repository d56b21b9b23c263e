"""What lkj keeps between builds because it takes long to make: the Vega runtime bundle.

The cache folder is ``$LKJ_CACHE_DIR`` when set, else the user's cache folder as platformdirs
knows it (``~/.cache/lkj`` on Linux, following ``$XDG_CACHE_HOME``). An unwritable cache is
no error: the bundle is then made for each build.

Nothing read from the cache is trusted as it is. Each cached file has a manifest beside it
(``<file>.json``: its size and SHA-256, written after the file); a file whose size or hash
does not match its manifest, or that has none (empty, truncated, replaced, half-written), is
made again and rewritten before use. The digest of each cached asset is one of a report's
inputs (:func:`asset_digests`, :mod:`lkj.build.fingerprint`), so a report is rebuilt when an
asset it inlines changes.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from functools import cache
from importlib import metadata
from pathlib import Path

from lkj.build.atomic import write_atomic

ENV_CACHE = "LKJ_CACHE_DIR"
NOT_CACHED = "not cached"


def cache_dir() -> Path:
    """``$LKJ_CACHE_DIR``, else the user's cache folder for lkj (platformdirs)."""
    if os.environ.get(ENV_CACHE):
        return Path(os.environ[ENV_CACHE])
    import platformdirs

    return Path(platformdirs.user_cache_dir("lkj", appauthor=False))


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _manifest(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def read_verified(path: Path) -> bytes | None:
    """The bytes of the cached file ``path`` if they match its manifest, else None."""
    try:
        manifest = json.loads(_manifest(path).read_text(encoding="utf-8"))
        data = path.read_bytes()
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or not data:
        return None
    if manifest.get("size") != len(data) or manifest.get("sha256") != _sha256(data):
        return None
    return data


def store(path: Path, data: bytes) -> None:
    """Write ``data`` and then its manifest (each atomically); an unwritable cache is
    ignored."""
    manifest = {"sha256": _sha256(data), "size": len(data)}
    with contextlib.suppress(OSError):
        write_atomic(path, data)
        write_atomic(_manifest(path), (json.dumps(manifest, sort_keys=True) + "\n").encode())


# ---- the Vega bundle -----------------------------------------------------------------------


def vega_bundle_path() -> Path:
    """``vega-bundle-<vl-convert version>-vl<Vega-Lite version>.js`` in :func:`cache_dir`:
    the bundle depends on nothing else."""
    from lkj.report.vega import VL_VERSION

    try:
        version = metadata.version("vl-convert-python")
    except metadata.PackageNotFoundError:
        version = "unknown"
    return cache_dir() / f"vega-bundle-{version}-vl{VL_VERSION}.js"


@cache
def vega_bundle() -> str:
    """The Vega, Vega-Lite and vega-embed bundle that a page with charts inlines once.

    vl-convert makes it in about 2 s; it is kept in the cache, verified on every read."""
    path = vega_bundle_path()
    data = read_verified(path)
    if data is None:
        import vl_convert as vlc

        from lkj.report.vega import VL_VERSION

        bundle: str = vlc.javascript_bundle(vl_version=VL_VERSION)  # type: ignore[call-arg]
        data = bundle.encode("utf-8")
        store(path, data)
    return data.decode("utf-8")


def vega_bundle_digest() -> str:
    """The SHA-256 of :func:`vega_bundle` (making it if need be)."""
    return _sha256(vega_bundle().encode("utf-8"))


def asset_digests() -> dict[str, str]:
    """The digest of each cached asset as it is in the cache now, by a name that holds no
    absolute path; :data:`NOT_CACHED` for one that is missing or fails its check. Cheap:
    reads and hashes the files, makes nothing."""
    path = vega_bundle_path()
    data = read_verified(path)
    return {f"cache {path.name}": _sha256(data) if data is not None else NOT_CACHED}


def used_asset_digests() -> dict[str, str]:
    """The digest of each cached asset as a build uses it (made and cached if need be)."""
    return {f"cache {vega_bundle_path().name}": vega_bundle_digest()}
