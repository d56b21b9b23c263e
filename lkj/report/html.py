"""HTML through Jinja2 templates with autoescape, and slugs for ids.

Every piece of the report's markup is written in a template under ``lkj/templates/blocks/``;
Python code never builds HTML in strings. Autoescape is on, so any text a template prints
(``{{ b.title }}``) is escaped; only :class:`~markupsafe.Markup` values pass unchanged, and
those come from another template, from the sanitised Markdown of the analysts' prose
(:mod:`lkj.report.prose`) or from the chart renderer's SVG. (Beware ``"text" + markup``:
markupsafe escapes the plain side, so join markup in a template, not with ``+``.)
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "blocks"
_SLUG_DROP = re.compile(r"[^a-z0-9]+")


@cache
def environment() -> jinja2.Environment:
    """The templates' environment: autoescape always on, undefined names an error, and block
    tags taking their line with them (``trim_blocks``, ``lstrip_blocks``)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def render(template: str, **context: Any) -> Markup:
    """``template`` (a file in ``lkj/templates/blocks/``) rendered with ``context``."""
    return Markup(environment().get_template(template).render(**context))


def slug(text: str) -> str:
    """``"Bab II: Akuntabilitas"`` -> ``bab-ii-akuntabilitas``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _SLUG_DROP.sub("-", ascii_text.lower()).strip("-")
