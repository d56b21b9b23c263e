"""Validating YAML documents with pydantic, errors translated to one lkj message."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from lkj.errors import DataError

M = TypeVar("M", bound=BaseModel)


def validate(model: type[M], data: Any, shown: str, error: type[DataError] = DataError) -> M:
    """``model`` from ``data``; the first problem becomes an error naming the key."""
    if data is None:
        data = {}
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(p) for p in first["loc"]) or None
        kind = first["type"]
        if kind == "extra_forbidden":
            allowed = ", ".join(model.model_fields)
            raise error(shown, f"unknown key '{key}'", column=key,
                        expected=f"only the keys {allowed}") from None
        if kind == "missing":
            raise error(shown, f"key '{key}' is missing", column=key,
                        expected="the key to be present") from None
        msg = str(first["msg"]).removeprefix("Value error, ")
        raise error(shown, "value is not valid", column=key, found=first.get("input"),
                    expected=msg) from None
