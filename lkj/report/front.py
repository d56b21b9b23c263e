"""The cover and the signature of the Kata Pengantar."""

from __future__ import annotations

from lkj.figures import format as fmt
from lkj.inputs.params import NO_DATE
from lkj.report.block import Block
from lkj.report.context import ReportContext
from lkj.report.html import esc


def cover(ctx: ReportContext) -> Block:
    """``<section class="lkj-cover">``: unit, LAPORAN KINERJA, the quarter, contacts."""
    info = ctx.info
    contacts = []
    k = info.kontak
    if k.alamat:
        contacts.append(f'<li class="lkj-contact-alamat">{esc(k.alamat)}</li>')
    if k.telepon:
        contacts.append(f'<li class="lkj-contact-telepon">{esc(k.telepon)}</li>')
    if k.email:
        contacts.append(f'<li class="lkj-contact-email">{esc(k.email)}</li>')
    if k.situs:
        site = k.situs.removeprefix("https://").removeprefix("http://").rstrip("/")
        contacts.append(
            f'<li class="lkj-contact-situs"><a href="https://{esc(site)}">{esc(site)}</a></li>'
        )
    if k.media_sosial:
        contacts.append(f'<li class="lkj-contact-media-sosial">{esc(k.media_sosial)}</li>')
    quarter = f"{ctx.period.label} {ctx.period.year}".upper()
    html = "\n".join(
        [
            '<section class="lkj-cover">',
            f'<p class="lkj-cover-unit">{esc(info.nama.upper())}</p>',
            '<p class="lkj-cover-title">LAPORAN KINERJA</p>',
            f'<p class="lkj-cover-period">{esc(quarter)}</p>',
            '<ul class="lkj-cover-contacts">',
            *contacts,
            "</ul>",
            "</section>",
        ]
    )
    return Block("cover", html)


def signature(ctx: ReportContext) -> Block:
    """Place and date, office and name of the signatory (date absent: not yet set)."""
    p = ctx.params.penandatangan
    if p.tanggal is None:
        date = f'<span class="lkj-date-missing">{esc(NO_DATE)}</span>'
    else:
        date = esc(fmt.tanggal(p.tanggal))
    lines = [
        '<div class="lkj-signature">',
        f'<p class="lkj-signature-place">{esc(p.tempat)}, {date}</p>',
        f'<p class="lkj-signature-office">{esc(p.jabatan)},</p>',
        f'<p class="lkj-signature-name"><strong>{esc(p.nama)}</strong></p>',
    ]
    if p.identitas:
        lines.append(f'<p class="lkj-signature-id"><strong>{esc(p.identitas)}</strong></p>')
    lines.append("</div>")
    return Block("html", "\n".join(lines))
