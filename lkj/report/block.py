"""A block of the report: HTML for people plus a small JSON record for the assembly.

Every notebook output that belongs in the report is a :class:`Block`. In JupyterLab it shows
as HTML; in the executed notebook it is stored under two MIME types: ``text/html`` and
:data:`MIME` (the kind of block and what the assembly needs to finish it: a table's title, a
heading's id, ...). The assembly (:mod:`lkj.report.assemble`) reads only blocks; any other
output (a stray print, a DataFrame) is left out of the report with a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MIME = "application/vnd.lkj.block+json"


@dataclass(frozen=True, repr=False)
class Block:
    """``kind`` says how the assembly treats it; ``html`` is what JupyterLab shows (and, for
    blocks the assembly does not finish, what the report shows)."""

    kind: str
    html: str
    props: dict[str, Any] = field(default_factory=dict)

    def record(self) -> dict[str, Any]:
        """The JSON record stored beside the HTML: kind, HTML and what the assembly needs."""
        return {"kind": self.kind, "html": self.html, **self.props}

    def __repr__(self) -> str:  # also the text/plain of the output: keep it short
        title = self.props.get("title") or self.props.get("id") or ""
        return f"<lkj {self.kind} block{': ' + str(title) if title else ''}>"

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        return {"text/html": self.html, MIME: self.record()}

    def _repr_html_(self) -> str:
        return self.html


def html_block(markup: str) -> Block:
    """Finished HTML that needs nothing from the assembly (prose, signature, lists)."""
    return Block("html", markup)


def concat(*blocks: Block) -> Block:
    """Several finished blocks as one (only for kind ``html``)."""
    for b in blocks:
        if b.kind != "html":
            raise ValueError(f"cannot join a {b.kind!r} block")
    return Block("html", "\n".join(b.html for b in blocks))
