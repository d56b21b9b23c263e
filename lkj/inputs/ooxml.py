"""Office Open XML packages (.xlsx, .docx) written byte for byte the same from the same content.

A package is a zip of XML parts. Two things in it change with every save: the document's
dates (``docProps/core.xml``) and each zip entry's timestamp. lkj fixes both: the dates are the
report's own (or a constant), the timestamps a constant, and every part is compressed the same
way in the order the library wrote it.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from datetime import datetime
from typing import Any

#: The zip timestamp of every part (the earliest a zip can hold).
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
#: The document date of files that have none of their own (templates, converted data).
EPOCH = datetime(2000, 1, 1)
CORE = "docProps/core.xml"


def normalise_zip(data: bytes, replace: Mapping[str, bytes] | None = None) -> bytes:
    """``data`` (a zip) with fixed timestamps and attributes; parts in ``replace`` swapped."""
    replace = replace or {}
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            fixed.create_system = 3  # Unix, whatever the machine
            body = replace.get(info.filename, source.read(info.filename))
            target.writestr(fixed, body, compresslevel=6)
    return out.getvalue()


def workbook_bytes(wb: Any, when: datetime = EPOCH, title: str | None = None) -> bytes:
    """An openpyxl workbook as .xlsx bytes that depend only on its content and ``when``."""
    from openpyxl.xml.functions import tostring

    props = wb.properties
    props.creator = "lkj"
    props.lastModifiedBy = "lkj"
    if title is not None:
        props.title = title
    buffer = io.BytesIO()
    wb.save(buffer)  # sets props.modified to now: core.xml is written again below
    props.created = props.modified = when
    return normalise_zip(buffer.getvalue(), {CORE: tostring(props.to_tree())})


def document_bytes(doc: Any, when: datetime = EPOCH, title: str | None = None) -> bytes:
    """A python-docx document as .docx bytes that depend only on its content and ``when``."""
    props = doc.core_properties
    props.author = "lkj"
    props.last_modified_by = "lkj"
    props.created = props.modified = when
    props.revision = 1
    props.comments = ""
    if title is not None:
        props.title = title
    package = doc.part.package
    for key, rel in list(package.rels.items()):  # python-docx's template has a thumbnail
        if rel.reltype.endswith("/thumbnail"):
            del package.rels[key]
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalise_zip(buffer.getvalue())
