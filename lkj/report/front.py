"""The cover and the signature of the Kata Pengantar."""

from __future__ import annotations

from lkj.figures import format as fmt
from lkj.inputs.params import NO_DATE, Penandatangan
from lkj.report.block import Block
from lkj.report.blocks import Cover, Signature
from lkj.report.context import ReportContext
from lkj.report.structure import chapter


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


def kata_pengantar(ctx: ReportContext) -> list[Block]:
    """The Kata Pengantar: the analysts' text and the signature; nothing when the unit has
    neither."""
    body: list[Block] = [
        *ctx.narasi.blocks("kata-pengantar", "Kata Pengantar"),
        *signature(ctx),
    ]
    return [chapter("Kata Pengantar"), *body] if body else []


def signature(ctx: ReportContext) -> list[Signature]:
    """Place and date, office and name of the signatory (date absent: not yet set); nothing
    when the params name no signatory."""
    p = ctx.params.penandatangan
    return [] if p is None else [signed_by(p)]


def signed_by(p: Penandatangan) -> Signature:
    """Place and date, office and name of the signatory ``p`` (the Kata Pengantar's, or the
    review statement's)."""
    return Signature(
        location=p.tempat,
        date=NO_DATE if p.tanggal is None else fmt.tanggal(p.tanggal),
        date_set=p.tanggal is not None,
        office=p.jabatan,
        name=p.nama,
        identity=p.identitas,
    )
