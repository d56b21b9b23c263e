"""The cover and the signature of the Kata Pengantar."""

from __future__ import annotations

from lkj.figures import format as fmt
from lkj.inputs.params import NO_DATE
from lkj.report.blocks import Cover, Signature
from lkj.report.context import ReportContext


def cover(ctx: ReportContext) -> Cover:
    """``<section class="lkj-cover">``: unit, LAPORAN KINERJA, the quarter, contacts."""
    k = ctx.info.kontak
    site = k.situs.removeprefix("https://").removeprefix("http://").rstrip("/")
    return Cover(
        unit=ctx.info.nama,
        period=ctx.periode,
        alamat=k.alamat,
        telepon=k.telepon,
        email=k.email,
        situs=site,
        media_sosial=k.media_sosial,
    )


def signature(ctx: ReportContext) -> Signature:
    """Place and date, office and name of the signatory (date absent: not yet set)."""
    p = ctx.params.penandatangan
    return Signature(
        location=p.tempat,
        date=NO_DATE if p.tanggal is None else fmt.tanggal(p.tanggal),
        date_set=p.tanggal is not None,
        office=p.jabatan,
        name=p.nama,
        identity=p.identitas,
    )
