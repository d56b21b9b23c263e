"""What every report block is: a typed record that renders itself and travels in a notebook.

A chapter notebook ``display()``\\ s blocks. Each shows in JupyterLab as its HTML and is stored
in the executed notebook under two MIME types: ``text/html`` and :data:`MIME`, the block's
:meth:`Block.record` (its class name under ``"block"`` and its fields). The finisher reads
the records back with :func:`from_record`, lets each block take its place in the report
(:mod:`lkj.report.assemble`: numbers, letters, lists) and renders it again. Any other output
(a stray print, a DataFrame) is left out of the report with a warning.

The kinds of block are the dataclasses in :mod:`lkj.report.blocks`; see there how to add one.
"""

from __future__ import annotations

import dataclasses
import types
from functools import cache
from typing import (
    TYPE_CHECKING,
    Any,
    ClassVar,
    Literal,
    Union,
    get_args,
    get_origin,
    get_type_hints,
)

from markupsafe import Markup

from lkj.report.html import render

if TYPE_CHECKING:
    from lkj.report.assemble import Assembly

MIME = "application/vnd.lkj.block+json"

#: Every kind of block by class name (filled as the classes are defined).
KINDS: dict[str, type[Block]] = {}


class Block:
    """The base of every block kind (a frozen dataclass that subclasses this).

    ``template`` names its template in ``lkj/templates/blocks/``, rendered with the block as
    ``b``. ``place`` and ``fill`` are the assembly's two passes over the merged report; both
    return the block as it is, unless the kind overrides them.
    """

    template: ClassVar[str]
    #: Outside every chapter (the cover): not wrapped in a chapter's ``<section>``.
    outside_chapters: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        known = KINDS.get(cls.__name__)
        if known is not None and known.__module__ != cls.__module__:  # same module: a reload
            raise TypeError(f"two block kinds named {cls.__name__}")
        KINDS[cls.__name__] = cls

    def html(self) -> Markup:
        """The block's HTML: in JupyterLab, and in the report once it is placed."""
        return render(self.template, b=self)

    def place(self, asm: Assembly) -> Block:
        """First pass, in document order: claim ids, take a number; the block as placed."""
        return self

    def fill(self, asm: Assembly) -> Block:
        """Second pass, once every block is placed (the Daftar Isi lists them all)."""
        return self

    def record(self) -> dict[str, Any]:
        """The JSON record stored beside the HTML: the class name and every field."""
        assert dataclasses.is_dataclass(self)
        return {"block": type(self).__name__, **dataclasses.asdict(self)}

    def describe(self) -> str:
        """A short name for the text/plain view of the output."""
        return type(self).__name__

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        return {
            "text/plain": f"lkj {self.describe()}",
            "text/html": str(self.html()),
            MIME: self.record(),
        }


def from_record(record: dict[str, Any]) -> Block:
    """The block a :meth:`Block.record` describes (JSON lists become tuples, trusted markup
    :class:`~markupsafe.Markup` again, as the fields' types say)."""
    import lkj.report.blocks  # noqa: F401  (defines the kinds)

    fields = dict(record)
    name = fields.pop("block", None)
    cls = KINDS.get(str(name))
    if cls is None:
        raise ValueError(f"unknown block kind {name!r}")
    return _revive(cls, fields)  # type: ignore[no-any-return]


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def _revive(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        (kind,) = [a for a in get_args(hint) if a is not type(None)]
        return _revive(kind, value)
    if hint is Markup:
        return Markup(value)
    if origin is tuple:
        return tuple(_revive(get_args(hint)[0], v) for v in value)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        hints = _hints(hint)
        return hint(**{k: _revive(hints[k], v) for k, v in value.items()})
    if origin is Literal or hint in (str, int, bool, Any) or origin is dict:
        return value
    raise TypeError(f"a block field of type {hint!r} cannot be read back from JSON")
