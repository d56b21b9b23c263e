"""Validating YAML documents with pydantic, errors translated to one lkj message."""

from __future__ import annotations

import difflib
import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from lkj.errors import DataError

M = TypeVar("M", bound=BaseModel)


def _line_of(text: str | None, key: str) -> int | None:
    """The first line of ``text`` that defines ``key`` (best effort, for messages)."""
    if not text:
        return None
    pattern = re.compile(rf"^\s*-?\s*['\"]?{re.escape(key)}['\"]?\s*:")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return None


def _allowed(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names of the (nested) model that holds the key at ``loc``."""
    current: Any = model
    for part in loc[:-1]:
        field = current.model_fields.get(part) if isinstance(part, str) else None
        if (
            field is None
            or not isinstance(field.annotation, type)
            or not issubclass(field.annotation, BaseModel)
        ):
            return []
        current = field.annotation
    return list(current.model_fields)


def validate(
    model: type[M],
    data: Any,
    shown: str,
    error: type[DataError] = DataError,
    text: str | None = None,
) -> M:
    """``model`` from ``data``; the first problem becomes an error naming the key.

    Unknown keys are reported before missing ones, so a misspelt key is named as such.
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
        first = errors[0]
        loc = tuple(first["loc"])
        key = ".".join(str(p) for p in loc) or None
        last = str(loc[-1]) if loc else ""
        line = _line_of(text, last) if last else None
        kind = first["type"]
        if kind == "extra_forbidden":
            allowed = _allowed(model, loc)
            close = difflib.get_close_matches(last, allowed, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise error(
                shown,
                f"unknown key{hint}",
                key=key,
                line=line,
                expected="one of " + ", ".join(allowed) if allowed else None,
            ) from None
        if kind == "missing":
            raise error(
                shown, "required key is missing", key=key, expected="the key to be present"
            ) from None
        msg = str(first["msg"]).removeprefix("Value error, ").removeprefix("Input should be ")
        raise error(
            shown, "value is not valid", key=key, line=line, found=first.get("input"), expected=msg
        ) from None


def load_model(model: type[M], path: Any, shown: str, error: type[DataError] = DataError) -> M:
    """Read a YAML file and validate it as ``model``; every error names the file."""
    from lkj.inputs.files import read_text, yaml_load

    text = read_text(path, shown, error)
    return validate(model, yaml_load(text, shown, error), shown, error, text)
