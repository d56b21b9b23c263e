"""Small HTML helpers: escaping, attributes, slugs."""

from __future__ import annotations

import html
import re
import unicodedata

_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def esc(text: object) -> str:
    """Text for an element's content or an attribute value."""
    return html.escape(str(text), quote=True)


def attrs(**values: str | int | None) -> str:
    """`` a="1" b="x"`` from keyword arguments; ``class_`` becomes ``class``; None is left out."""
    parts = []
    for key, value in values.items():
        if value is None:
            continue
        name = key.rstrip("_").replace("_", "-")
        parts.append(f' {name}="{esc(value)}"')
    return "".join(parts)


def slug(text: str) -> str:
    """``"Bab II: Akuntabilitas"`` -> ``bab-ii-akuntabilitas``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _SLUG_DROP.sub("-", ascii_text.lower()).strip("-")
