"""Targets and realisations of an indicator as analysts write them, by the indicator's kind.

The accepted forms of each kind are in docs/indicators.md; a cell that fits none is one error
naming file, row and column, what was found and what was expected.
"""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

from lkj.errors import DataError
from lkj.inputs.files import NILAI, PERSEN, RUPIAH, NumberError, NumberForm, Row, parse_value
from lkj.rules.indicators import Jenis, Polaritas, Predikat, Rentang, Skala, Target, Value

DOC = "docs/indicators.md"
NOT_MEASURED = ("", "-", "\u2013", "\u2014")
"""A realisation cell with one of these is *not measured yet* (never 0)."""

_RANGE = re.compile(r"^(?P<low>.*?\d.*?)\s*(?:\u2013|\u2014|-|s\.?d\.?|s/d)\s*(?P<high>[^-\s].*)$")
_SCORED = re.compile(r"^(?P<word>[^()]+?)\s*\(\s*(?P<score>[^()]*?)\s*\)$")


def number_form(jenis: Jenis, word: str) -> NumberForm:
    """How the numbers of an indicator of kind ``jenis`` (unit word ``word``) may be written."""
    about = f"whose jenis is {jenis.value}" + (f" ({word})" if word else "")
    if jenis is Jenis.PERSEN:
        return dataclasses.replace(PERSEN, about=about)
    if jenis is Jenis.RUPIAH:
        return dataclasses.replace(RUPIAH, about=about)
    if jenis is Jenis.JUMLAH:
        return NumberForm(
            "jumlah",
            f"a whole number of {word}",
            about + ", whole",
            "7410",
            f"7.410 or 7.410 {word}",
            whole=True,
            thousands=True,
        )
    noun = {
        Jenis.UKURAN: f"a quantity in {word}",
        Jenis.DURASI: f"a duration in {word}",
        Jenis.NILAI: "a score",
        Jenis.RASIO: "a ratio",
    }[jenis]
    example = "91.5" if jenis is Jenis.NILAI else "2.75"
    also = f"{example.replace('.', ',')}" + (
        f" or {example.replace('.', ',')} {word}" if word else ""
    )
    return dataclasses.replace(
        NILAI, unit=jenis.value, noun=noun, about=about, example=example, also=also
    )


def _without_word(text: str, word: str) -> str:
    """``text`` without the indicator's own unit word after the number (``12 dokumen``,
    ``9,26 Ha``, ``338,5 m³``), compared without regard to case."""
    text = " ".join(text.replace("\u00a0", " ").split())
    if word and text.casefold().endswith(word.casefold()):
        rest = text[: len(text) - len(word)].rstrip()
        if rest and (rest[-1].isdigit() or rest[-1] in ",-"):
            return rest
    return text


def parse_text(text: str, jenis: Jenis, word: str, of: str) -> Decimal:
    """A number of an indicator's kind written as analysts write it (its own unit word after
    it, Indonesian forms where they cannot be misread); :class:`NumberError` otherwise."""
    return parse_value(_without_word(text, word), number_form(jenis, word), of)


def parse_number(row: Row, column: str, jenis: Jenis, word: str, iku: int) -> Decimal:
    """A number of an indicator's kind; negatives are refused."""
    form = number_form(jenis, word)
    text = row.text(column)
    try:
        value = parse_text(text, jenis, word, f"IKU {iku}")
    except NumberError as exc:
        raise row.error(column, exc.problem, f"{form.expected} ({DOC})") from None
    if value < 0:
        raise row.error(column, "value is negative", f"0 or more ({DOC})")
    return value


def parse_predikat(row: Row, column: str, skala: Skala, iku: int) -> Predikat:
    """A word of the scale, optionally with its score: ``WTP``, ``BB (73,5)``."""
    text = " ".join(row.text(column).split())
    scored = _SCORED.match(text)
    word, score = (scored["word"], scored["score"]) if scored else (text, None)
    found = skala.find(word)
    if found is None:
        raise row.error(
            column,
            f"'{word}' is not on the scale '{skala.nama}' declared in unit.yaml",
            f"one of {', '.join(skala.kata)}, optionally with a score, e.g. "
            f"{skala.kata[-1]} (73,5) ({DOC})",
        )
    if score is None:
        return Predikat(found)
    try:
        value = parse_value(score, NILAI, f"IKU {iku}")
    except NumberError as exc:
        raise row.error(
            column, f"the score in brackets: {exc.problem}", f"{NILAI.expected} ({DOC})"
        ) from None
    return Predikat(found, value)


def parse_range(row: Row, column: str, jenis: Jenis, word: str, iku: int) -> Rentang:
    """A range ``low-high`` (also with an en dash, or ``low s.d. high``), ends included."""
    text = row.text(column)
    match = _RANGE.match(_without_word(text, word))
    if match is None:
        raise row.error(
            column,
            "a range target is written as two numbers joined by '-'",
            f"e.g. 80-90 or 2,5 - 3,5, since polaritas is rentang ({DOC})",
        )
    ends = []
    for part in (match["low"], match["high"]):
        sub = Row(row.file, row.number, {column: part})
        ends.append(parse_number(sub, column, jenis, word, iku))
    low, high = ends
    if low > high:
        raise DataError(
            row.file,
            "the range's lower bound exceeds its upper bound",
            row=row.number,
            column=column,
            found=text,
            expected=f"the lower bound first, e.g. 80-90 ({DOC})",
        )
    return Rentang(low, high)


@dataclasses.dataclass(frozen=True)
class Kind:
    """What the cells of one indicator hold: its kind, unit word, scale and polarity."""

    iku: int
    jenis: Jenis
    satuan: str
    polaritas: Polaritas
    skala: Skala | None = None

    def target(self, row: Row, column: str) -> Target:
        """A target cell (required)."""
        if self.jenis is Jenis.PREDIKAT:
            assert self.skala is not None
            return parse_predikat(row, column, self.skala, self.iku)
        if self.polaritas is Polaritas.RENTANG:
            return parse_range(row, column, self.jenis, self.satuan, self.iku)
        text = row.text(column)
        if _RANGE.match(_without_word(text, self.satuan)) and not _is_number(
            text, self.jenis, self.satuan
        ):
            raise row.error(
                column,
                "a range target needs polaritas rentang",
                f"a single number, or polaritas rentang for a range ({DOC})",
            )
        return parse_number(row, column, self.jenis, self.satuan, self.iku)

    def realisation(self, row: Row, column: str) -> Value | None:
        """A realisation cell; None (not measured yet) for a blank cell or '-'."""
        if row.values.get(column, "").strip() in NOT_MEASURED:
            return None
        if self.jenis is Jenis.PREDIKAT:
            assert self.skala is not None
            return parse_predikat(row, column, self.skala, self.iku)
        return parse_number(row, column, self.jenis, self.satuan, self.iku)


def _is_number(text: str, jenis: Jenis, word: str) -> bool:
    try:
        parse_value(_without_word(text, word), number_form(jenis, word))
    except NumberError:
        return False
    return True
