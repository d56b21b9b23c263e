"""Validating YAML documents with pydantic, errors translated to one lkj message."""

from __future__ import annotations

import difflib
import typing
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from lkj.errors import DataError, Problems
from lkj.inputs.files import read_text, yaml_compose, yaml_load

M = TypeVar("M", bound=BaseModel)


def _same_key(node: yaml.Node, part: object) -> bool:
    """Whether the key ``node`` (as written) is the key ``part`` of pydantic's location."""
    if not isinstance(node, yaml.ScalarNode):
        return False
    written, wanted = str(node.value).strip(), str(part)
    if written.lower() == wanted.lower():
        return True
    try:
        return int(written) == int(wanted)  # 02 and 2
    except ValueError:
        return False


def node_at(text: str | None, loc: tuple[Any, ...], index: int | None = None) -> yaml.Node | None:
    """The key (or list item) at ``loc`` in the YAML ``text``, or the nearest one above it
    that is there; ``index``: the position of the last key in its mapping when its name alone
    is ambiguous (``2`` and ``'2'``)."""
    if not text:
        return None
    try:
        node: yaml.Node | None = yaml_compose(text, "")
    except DataError:
        return None
    found = None
    for n, part in enumerate(loc):
        last = n == len(loc) - 1
        if isinstance(node, yaml.MappingNode):
            pairs = node.value
            if last and index is not None and 0 <= index < len(pairs):
                return pairs[index][0]  # type: ignore[no-any-return]
            match = next(((k, v) for k, v in pairs if _same_key(k, part)), None)
            if match is None:
                return found
            found, node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if not 0 <= part < len(node.value):
                return found
            found = node = node.value[part]
        else:
            return found
    return found


def _allowed(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names of the (nested) model that holds the key at ``loc``."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):  # an item of a list: its model was found at the list
            continue
        field = current.model_fields.get(part) if isinstance(part, str) else None
        inner = _model_of(field.annotation) if field is not None else None
        if inner is None:
            return []
        current = inner
    return list(current.model_fields)


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The model inside ``Model``, ``Model | None`` or ``list[Model]``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_of(arg)
        if found is not None:
            return found
    return None


def validate(
    model: type[M],
    data: Any,
    shown: str,
    error: type[DataError] = DataError,
    text: str | None = None,
    *,
    docs: dict[str, str] | None = None,
    problems: Problems | None = None,
) -> M:
    """``model`` from ``data``; the first problem becomes an error naming the key.

    Unknown keys are reported before missing ones, so a misspelt key is named as such. A
    validator that refuses one key of a mapping (not the whole value) names it in the error's
    context: ``key`` (as written), ``index`` (its position), ``problem`` and ``found``.
    ``docs`` maps a top-level key to the document that describes it (named in the message).
    With ``problems`` collecting, every problem is recorded (the first is still raised).
    """
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise error(
            shown,
            "the document is not a mapping of keys to values",
            found=type(data).__name__,
            expected="'key: value' lines",
        )
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
        found = [_error(model, e, shown, error, text, docs or {}) for e in errors]
        if problems is not None and problems.collect:
            for extra in found[1:]:
                problems.add(extra)
        raise found[0] from None


def _error(
    model: type[BaseModel],
    first: Any,
    shown: str,
    error: type[DataError],
    text: str | None,
    docs: dict[str, str],
) -> DataError:
    """One pydantic error as an lkj message naming the key (and its document)."""
    loc = tuple(first["loc"])
    ctx = first.get("ctx") or {}
    index = ctx.get("index")
    if "key" in ctx:
        loc += (ctx["key"],)
    node = node_at(text, loc, index) if loc else None
    line = node.start_mark.line + 1 if node is not None else None
    if index is not None and isinstance(node, yaml.ScalarNode):
        loc = (*loc[:-1], node.value)  # the key as written: true, not True
    key = ".".join(str(p) for p in loc) or None
    kind = first["type"]
    doc = docs.get(str(loc[0])) if loc else None
    see = f" ({doc})" if doc else ""
    if kind == "extra_forbidden":
        allowed = _allowed(model, loc)
        last = str(loc[-1])
        close = difflib.get_close_matches(last, allowed, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return error(
            shown,
            f"unknown key{hint}",
            key=key,
            line=line,
            expected="one of " + ", ".join(allowed) + see if allowed else (doc or None),
        )
    if kind == "missing":
        return error(
            shown, "required key is missing", key=key, expected="the key to be present" + see
        )
    msg = str(first["msg"]).removeprefix("Value error, ").removeprefix("Input should be ")
    if doc and doc not in msg:
        msg += see
    return error(
        shown,
        str(ctx.get("problem", "value is not valid")),
        key=key,
        line=line,
        found=ctx.get("found", first.get("input")),
        expected=msg,
    )


def load_model(
    model: type[M],
    path: Path,
    shown: str,
    error: type[DataError] = DataError,
    *,
    root: Path | None,
    docs: dict[str, str] | None = None,
    problems: Problems | None = None,
) -> M:
    """Read a YAML file and validate it as ``model``; every error names the file.

    ``root``: the project root the file must lie in (see :func:`lkj.inputs.files.read_text`).
    """
    text = read_text(path, shown, error, root=root)
    return validate(
        model, yaml_load(text, shown, error), shown, error, text, docs=docs, problems=problems
    )
