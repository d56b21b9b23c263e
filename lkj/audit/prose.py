"""Figures in the analysts' prose against the figures lkj computes.

The prose (``data/<unit>/<year>/narasi/<period>/*.md``) is the analysts' own wording, printed
as written; where it states an IKU's figure, the report prints that figure twice, once in the
prose and once in lkj's tables. This module finds such figures and compares them:

- in an IKU's file (``iku-NN.md``, or after "IKU n" in another file): a number governed by
  *target*, *realisasi*, *capaian*, *rata-rata* or *nilai* (the nearest such word before it in
  the same sentence, with no other number in between), in the indicator's own unit (``%`` for
  a percentage, persons for a count of persons, a bare number for a score); a percentage right
  after a realisation (``7.410 CPMI/PMI atau 26,59%``) is its capaian; ``21 aduan dari total 26
  aduan`` are the counts behind a ratio; a bare number where the indicator is a predicate
  contradicts the predicate;
- in the other files: the mean capaian (*capaian*, *rata-rata* with ``%``), the counts of
  targets above, at or below 100% (``sebanyak 2 target``, ``4 dari 13 target``), the number of
  goals, indicators and targets, and the budget (*pagu*, *anggaran*, *realisasi* with ``Rp``,
  and the absorption in ``%`` right after the realisation).

A figure is left alone when it cannot be one of lkj's: another year is named before it (``nilai
tahun 2024 sebesar 80,76``), the sentence speaks of last year, it is per item (``masing-masing
20 orang per kegiatan``), its unit is not the indicator's (``120 aduan`` for a percentage), a
later quarter is named, or it is written in a form that could be misread (``61.84``). The
quarter is the one named last before the figure (default: the report's), and a figure agrees
when it equals, at the precision written, any reading of it (the quarter's or the year to date's
value, the annual or the quarterly target). Placeholders (``{{ ... }}``, computed by lkj) are not
checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from lkj.figures import format as fmt
from lkj.figures.summary import Summary
from lkj.inputs.narrative import NarrativeFolder
from lkj.inputs.project import Project
from lkj.inputs.published import Figure
from lkj.rules.achievement import capaian
from lkj.rules.decimals import round2
from lkj.rules.indicators import Indicator, Jenis, Kumulasi, Predikat
from lkj.rules.periods import Period, quarter_label

from .figures import Computed, Lookup, _plain, agrees, exact, label, shown, truncate, tw


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


PLACEHOLDER = re.compile(r"\{\{.*?\}\}", re.DOTALL)
_HOLE = "\ue000"  # where a placeholder was: a computed figure, never checked

_LIST_MARKER = re.compile(r"^(\s*)(?:\d+[.)]|[-*+])\s+")
_ABBREVIATIONS = _words(
    "no nomor rp kab kec prov jl dr ir hj dll dsb dst tsb a.n u.p s.d sd vol hal"
)
_SENTENCE_END = re.compile(r"[.!?;](?=\s+\S)")

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_TOKEN = re.compile(
    r"""
    (?P<hole>\ue000)
    | (?P<iku>\bIKU\s+(?P<iku_n>\d+)\b)
    | (?P<quarter>(?P<upto>\b(?:s\.\s?d\.?|sampai\s+dengan)\s+(?:akhir\s+)?)?
        \b(?:triwulan|tw)\s+(?P<q>IV|III|II|I|[1-4])\b)
    | (?P<number>(?<![\w.,/\-])(?P<rp>Rp\.?\s*)?
        (?P<digits>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?P<dash>,-)?
        (?![.,]?\d)(?![\-/]\d)(?![^\W\d_])
        (?P<unit>\s*%|\s+persen\b|\s+(?:CPMI/PMI|CPMI|PMI|orang|jiwa)\b|\s+[^\W\d_][\w/\-]*)?)
    | (?P<keyword>\b(?:target|realisasi|terealisasi|capaian|rata-rata|nilai|pagu|anggaran
        |penyerapan|terserap)\b)
    | (?P<atau>\batau\b|\()
    | (?P<each>\bmasing-masing\b|\bper\b)
    | (?P<word>[^\W\d_][\w\-]*)
    """,
    re.IGNORECASE | re.VERBOSE,
)
_PAST = re.compile(r"\btahun(?:-tahun)?\s+(?:lalu|sebelumnya|kemarin)\b", re.IGNORECASE)
_KELAS = (
    (re.compile(r"\bdi\s+atas\s+100\s*%|\blebih\s+dari\s+100\s*%", re.I), "jumlah_di_atas_100"),
    (re.compile(r"\btepat\s+100\s*%", re.I), "jumlah_100"),
    (re.compile(r"\bdi\s+bawah\s+100\s*%|\bkurang\s+dari\s+100\s*%", re.I), "jumlah_di_bawah_100"),
    (re.compile(r"\b100\s*%\s+(?:atau\s+lebih|ke\s+atas)", re.I), "jumlah_tercapai"),
    (
        re.compile(
            r"\btidak\s+(?:dapat\s+)?(?:diperoleh\s+hasil\s+pengukuran|terukur|diukur)", re.I
        ),
        "jumlah_tidak_terukur",
    ),
)
_COUNT = re.compile(
    r"(?<![\w.,])(?P<n>\d+)(?:\s*\([^)]*\))?\s+"
    r"(?:dari\s+(?:total\s+)?(?P<m>\d+)(?:\s*\([^)]*\))?\s+)?"
    r"(?P<what>target|IKU|indikator|sasaran)\b",
    re.IGNORECASE,
)
_COUNT_OF = {"target": "jumlah_target", "iku": "jumlah_iku", "indikator": "jumlah_iku"}
_RATIO = re.compile(
    r"(?<![\w.,])(?P<n>\d{1,3}(?:\.\d{3})+|\d+)\s+(?P<unit>[^\W\d_]+)\s+dari\s+(?:total\s+)?"
    r"(?P<m>\d{1,3}(?:\.\d{3})+|\d+)\s+(?P=unit)\b",
    re.IGNORECASE,
)
# Words after a number that are no unit: "nilai 75 dan ...", "sebesar 49,44 yang ...".
_STOPWORDS = _words(
    "adalah atau bagi belum dalam dan dari dengan di hal ini itu ke karena masih namun oleh "
    "pada sebagai sedangkan sehingga serta sudah telah tersebut tetapi untuk yaitu yakni "
    "yang tercapai terpenuhi"
)
_PERSONS = frozenset({"orang", "jiwa", "cpmi", "pmi", "cpmi/pmi"})
_WINDOW = 25  # words between a keyword and the figure it governs, at most
_FILLERS = frozenset({"sebesar", "sebanyak", "senilai", "yaitu", "atau"})

WHAT_PREDIKAT = "predikat"
PREDICATE_SENTENCE = (
    "Narasi analis di atas menyebut angka {stated} untuk {label}, padahal indikator ini diukur "
    "dengan predikat: data mencatat predikat {computed} terhadap target {target}, sehingga "
    "target {label} {met} (capaian {capaian}). Angka dalam narasi itu tidak sejalan dengan "
    "predikat yang dilaporkan pada tabel."
)
FIGURE_SENTENCE = (
    "Narasi analis di atas menyebut {what} sebesar {stated}, sedangkan angka yang dihitung dari "
    "data adalah {computed}."
)


@dataclass(frozen=True)
class ProseFinding:
    """One figure in the prose that disagrees with lkj's."""

    file: str
    line: int
    iku: int | None
    what: str  # "capaian TW II", "realisasi TW I", "pagu anggaran"
    stated: str  # as written: "80,76%"
    computed: str  # as lkj writes it in running text: "80,77%", "75 orang"
    note: str = ""  # a likely cause, Indonesian; may be empty
    says: str = ""  # what the report says about it beside the IKU's analysis, if not the usual

    @property
    def where(self) -> str:
        return f"{self.file}, line {self.line}"

    @property
    def subject(self) -> str:
        return f"{self.what} (IKU {self.iku})" if self.iku is not None else self.what

    def message(self) -> str:
        """One line for the build output (English, like lkj's other messages)."""
        return (
            f"{self.where}: the prose gives {self.subject} as {self.stated}; "
            f"lkj computes {self.computed}" + (f" ({self.note})" if self.note else "")
        )

    def sentence(self) -> str:
        """What the report says about it beside the IKU's analysis (Indonesian)."""
        return self.says or FIGURE_SENTENCE.format(
            what=self.what, stated=self.stated, computed=self.computed
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "iku": self.iku,
            "what": self.what,
            "stated": self.stated,
            "computed": self.computed,
            "note": self.note,
        }


@dataclass(frozen=True)
class ProseAudit:
    """The prose of one period compared with the computed figures."""

    folder: str
    exists: bool
    checked: int
    findings: tuple[ProseFinding, ...]

    def of_iku(self, iku: int) -> list[ProseFinding]:
        return [f for f in self.findings if f.iku == iku]

    def to_json(self) -> dict[str, Any]:
        return {
            "folder": self.folder,
            "checked": self.checked,
            "findings": [f.to_json() for f in self.findings],
        }


# ---- reading ---------------------------------------------------------------------------------


def iku_of_file(name: str) -> int | None:
    """``iku-02`` -> 2; None for the other files."""
    match = re.fullmatch(r"iku-(\d+)", name)
    return int(match[1]) if match else None


def mask_placeholders(text: str) -> str:
    """Each ``{{ ... }}`` becomes one hole (its line breaks kept, so lines still count)."""
    return PLACEHOLDER.sub(lambda m: _HOLE + "\n" * m[0].count("\n"), text)


@dataclass(frozen=True)
class _Sentence:
    text: str
    line: int  # of its first character
    breaks: tuple[int, ...]  # offsets of the line breaks inside it

    def line_at(self, offset: int) -> int:
        return self.line + sum(1 for b in self.breaks if b < offset)


def _items(text: str) -> Iterator[tuple[str, int]]:
    """Paragraphs and list items with their first line; headings and code left out."""
    lines = mask_placeholders(text).splitlines()
    item: list[str] = []
    start = 0
    fenced = False
    for n, raw in enumerate(lines, start=1):
        if raw.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        blank = not raw.strip() or raw.lstrip().startswith("#") or fenced
        marker = _LIST_MARKER.match(raw)
        if item and (blank or marker):
            yield "\n".join(item), start
            item = []
        if blank:
            continue
        body = raw[marker.end() :] if marker else raw
        body = body.replace("\\", "").replace("*", "").replace("`", "")
        if not item:
            start = n
        item.append(body.lstrip("> ").strip() if body.startswith(">") else body)
    if item:
        yield "\n".join(item), start


def _sentences(text: str, line: int) -> Iterator[_Sentence]:
    begin = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        before = re.search(r"([\w.]+)\.$", text[begin:end])
        if match[0] == "." and before and _abbreviation(before[1]):
            continue
        yield _sentence(text, begin, end, line)
        begin = end
    if text[begin:].strip():
        yield _sentence(text, begin, len(text), line)


def _abbreviation(word: str) -> bool:
    """``No.``, ``Rp.``, ``dll.``, an initial (``H.``): a dot that ends no sentence."""
    return word.casefold() in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _sentence(text: str, begin: int, end: int, line: int) -> _Sentence:
    first = line + text.count("\n", 0, begin)
    part = text[begin:end]
    return _Sentence(part, first, tuple(i for i, ch in enumerate(part) if ch == "\n"))


# ---- the figures of a sentence -----------------------------------------------------------------


@dataclass
class _Token:
    kind: str
    start: int
    end: int
    text: str
    match: re.Match[str]


@dataclass
class _Number:
    token: _Token
    figure: Figure
    unit: str  # pct, money, bare, year, word
    word: str = ""  # the word after the number, lower case
    role: str = ""  # what it was read as (target, realisasi, capaian, ...), once resolved


_KINDS = ("hole", "iku", "quarter", "number", "keyword", "atau", "each", "word")


def _tokens(text: str) -> list[_Token]:
    tokens = []
    for m in _TOKEN.finditer(text):
        kind = next(k for k in _KINDS if m.group(k) is not None)
        tokens.append(_Token(kind, m.start(), m.end(), m[0], m))
    return tokens


def _number(token: _Token, line: int) -> _Number:
    """A number as written, with its unit: pct, money, bare, year, or a word (``orang``)."""
    m = token.match
    digits = m["digits"]
    value = Decimal(digits.replace(".", "").replace(",", "."))
    places = len(digits.split(",")[1]) if "," in digits else 0
    unit_word = (m["unit"] or "").strip().casefold()
    if m["rp"]:
        unit = "money"
        text = token.text[: (m.end("dash") if m["dash"] else m.end("digits")) - m.start()]
    elif unit_word in ("%", "persen"):
        unit, text = "pct", token.text.strip()
    elif _is_year_token(token):
        unit, text = "year", digits
    elif not unit_word or unit_word in _STOPWORDS:
        unit, text = "bare", digits
    else:
        unit, text = "word", token.text.strip()
    return _Number(token, Figure(text.strip(), line, value, places), unit, unit_word)


@dataclass
class _Context:
    summary: Summary
    lookup: Lookup
    file: str
    iku: int | None
    checked: int = 0
    findings: list[ProseFinding] = field(default_factory=list)

    @property
    def period(self) -> Period:
        return self.summary.period

    def indicator(self, iku: int) -> Indicator | None:
        try:
            return self.summary.data.indicator(iku)
        except KeyError:
            return None


def _keywords(tokens: list[_Token], index: int) -> tuple[list[str], _Token | None]:
    """The words that may govern the number at ``index``, nearest first: target, realisasi,
    capaian, rata-rata, pagu, anggaran, nilai, ... before it in its sentence, up to another
    figure; and that figure when the number follows it as ``N atau P%`` or ``N (P%)``."""
    found: list[str] = []
    between: list[_Token] = []
    for j in range(index - 1, -1, -1):
        t = tokens[j]
        if t.kind == "hole" or (t.kind == "number" and not _is_year_token(t)):
            rest = [b for b in between if b.kind != "quarter"]
            if any(b.kind == "atau" for b in rest) and all(
                b.kind == "atau" or b.text.casefold() in _FILLERS for b in rest
            ):
                return found, t
            break
        if t.kind == "keyword":
            found.append(t.text.casefold())
        between.append(t)
        if len(between) > _WINDOW:
            break
    return found, None


def _role(found: list[str], money: bool) -> str:
    """The governing word: for an amount of money a word of spending wins (``terealisasi
    anggaran sebesar Rp ...``); otherwise the nearest word, *nilai* only when no other."""
    if money:
        spent = [k for k in found if k in ("realisasi", "terealisasi", "penyerapan", "terserap")]
        return spent[0] if spent else next((k for k in found if k in ("pagu", "anggaran")), "")
    strong = [k for k in found if k != "nilai"]
    return strong[0] if strong else ("nilai" if found else "")


def _is_year_token(t: _Token) -> bool:
    if t.kind != "number":
        return False
    m = t.match
    digits = m["digits"]
    unit = (m["unit"] or "").strip().casefold()
    if m["rp"] or unit in ("%", "persen") or unit in _PERSONS:
        return False
    return len(digits) == 4 and digits.isdigit() and 1900 <= int(digits) <= 2099


def _quarter_before(tokens: list[_Token], index: int) -> tuple[int | None, bool]:
    """The quarter named last before ``index`` in the sentence, and whether "s.d." it."""
    for j in range(index - 1, -1, -1):
        t = tokens[j]
        if t.kind == "quarter":
            return _ROMAN[t.match["q"].casefold()], bool(t.match["upto"])
    return None, False


def _year_before(tokens: list[_Token], index: int) -> int | None:
    for j in range(index - 1, -1, -1):
        if _is_year_token(tokens[j]):
            return int(tokens[j].match["digits"])
    return None


def _iku_before(tokens: list[_Token], index: int, default: int | None) -> int | None:
    for j in range(index - 1, -1, -1):
        if tokens[j].kind == "iku":
            return int(tokens[j].match["iku_n"])
    return default


def _per_item(tokens: list[_Token], index: int) -> bool:
    before = tokens[max(0, index - 3) : index]
    after = tokens[index + 1 : index + 2]
    return any(t.kind == "each" and t.text.casefold() == "masing-masing" for t in before) or any(
        t.kind == "each" for t in after
    )


def _check_sentence(ctx: _Context, sentence: _Sentence) -> None:
    text = sentence.text
    if _PAST.search(text):
        return
    year = ctx.period.year
    taken: list[tuple[int, int]] = []  # spans read by the count patterns and thresholds
    for pattern, _field in _KELAS:
        taken += [m.span() for m in pattern.finditer(text)]
    iku_default = ctx.iku
    if iku_default is None:
        _counts(ctx, sentence, taken)
    else:
        _ratio(ctx, sentence, iku_default, taken)
    tokens = _tokens(text)
    numbers: dict[int, _Number] = {}
    for i, t in enumerate(tokens):
        if t.kind != "number" or any(a <= t.start < b for a, b in taken):
            continue
        line = sentence.line_at(t.start)
        num = _number(t, line)
        numbers[i] = num
        if num.unit == "year":
            continue
        stated_year = _year_before(tokens, i)
        if stated_year is not None and stated_year != year:
            continue
        if _per_item(tokens, i):
            continue
        found, previous_figure = _keywords(tokens, i)
        if previous_figure is not None:  # N atau P%, N (P%): P says N another way
            previous = numbers.get(tokens.index(previous_figure))
            if num.unit != "pct":
                continue
            if previous_figure.kind == "hole" or (previous and previous.role == "realisasi"):
                role = "capaian"
            elif previous and previous.role == "realisasi_anggaran":
                role = "persen_anggaran"
            else:
                continue
        else:
            role = _role(found, num.unit == "money")
        if not role:
            continue
        quarter, upto = _quarter_before(tokens, i)
        if quarter is not None and quarter > ctx.period.quarter:
            continue
        iku = _iku_before(tokens, i, iku_default)
        if iku is not None:
            ind = ctx.indicator(iku)
            if ind is not None:
                num.role = _check_iku(ctx, ind, num, role, quarter, upto)
        else:
            num.role = _check_unit(ctx, num, role)


# ---- what a figure is compared with ------------------------------------------------------------


def _own_unit(ind: Indicator, num: _Number) -> bool:
    """Whether ``num`` is written in the indicator's own unit: ``%`` for a percentage, ``Rp``
    for money, its unit word (``orang``, ``Ha``; persons also ``CPMI``, ``PMI``), and a plain
    number for a count, a score or a ratio."""
    jenis = ind.jenis
    if jenis is Jenis.PERSEN:
        return num.unit == "pct"
    if jenis is Jenis.RUPIAH:
        return num.unit == "money"
    if num.unit == "bare":
        return jenis in (Jenis.JUMLAH, Jenis.NILAI, Jenis.RASIO)
    if num.unit == "word" and ind.satuan:
        word = ind.satuan.split()[0].casefold()
        return num.word == word or (word == "orang" and num.word in _PERSONS)
    return False


def _reading(role: str, ind: Indicator, num: _Number) -> str:
    """Which of the IKU's figures a number under ``role`` states ("" for none)."""
    unit = num.unit
    if ind.is_predikat:
        if unit == "pct" and role in ("capaian", "realisasi"):
            return "capaian"
        return WHAT_PREDIKAT if unit == "bare" and role != "target" else ""
    own = _own_unit(ind, num)
    if role == "target":
        return "target" if own else ""
    if role == "rata-rata":
        return "realisasi" if ind.kumulasi is Kumulasi.RATA_RATA and own else ""
    if unit == "pct" and ind.jenis is not Jenis.PERSEN:
        return "capaian" if role in ("capaian", "realisasi", "terealisasi") else ""
    if role in ("realisasi", "terealisasi", "nilai"):
        if role == "nilai" and ind.jenis is not Jenis.NILAI:
            return ""
        return "realisasi" if own else ""
    scores = (Jenis.NILAI, Jenis.RASIO)
    if role == "capaian" and (unit == "pct" or (unit == "bare" and ind.jenis in scores)):
        return "capaian"
    return ""


def _check_iku(
    ctx: _Context, ind: Indicator, num: _Number, role: str, quarter: int | None, upto: bool
) -> str:
    reading = _reading(role, ind, num)
    if not reading:
        return ""
    period = ctx.period
    q = quarter or period.quarter
    year = period.annual and not quarter
    iku = ind.iku
    if reading == WHAT_PREDIKAT:
        ctx.checked += 1
        got = ctx.summary.data.realisation(iku, q)
        own = got.nilai.skor if got is not None and isinstance(got.nilai, Predikat) else None
        if own is not None and agrees(num.figure, own):
            return "realisasi"  # the predicate's own score (``BB (73,5)``)
        value = ctx.lookup.iku(iku, f"realisasi_tw{q}")
        score = ctx.lookup.iku(iku, f"capaian_tw{q}")
        predikat = str(value) if value is not None else fmt.DASH
        score_text = fmt.persen(score) if isinstance(score, Decimal) else fmt.DASH
        says = PREDICATE_SENTENCE.format(
            stated=num.figure.text,
            label=quarter_label(q),
            computed=predikat,
            target=fmt.nilai(ind, ind.quarter_target(q) or ind.target),
            met="tercapai" if isinstance(score, Decimal) and score >= 100 else "tidak tercapai",
            capaian=score_text,
        )
        ctx.findings.append(
            ProseFinding(
                ctx.file,
                num.figure.line,
                iku,
                f"{WHAT_PREDIKAT} {tw(q)}",
                num.figure.text,
                predikat,
                f"indikator ini diukur dengan predikat; angka {num.figure.text} bukan predikat, "
                f"sedangkan data mencatat predikat {predikat} (capaian {score_text})",
                says,
            )
        )
        return "realisasi"
    if reading == "target":
        quarters = [q] if quarter else [1, 2, 3, 4]
        fields = ["target", *(f"target_tw{x}" for x in quarters)]
        extra: list[Computed] = [_plain(ind.target_to_date(q))]
    elif reading == "realisasi":
        # a year's prose without a quarter states the year's figure (not Triwulan IV's)
        fields = [] if year else [f"realisasi_tw{q}"]
        if q == period.quarter:  # without a quarter, or the report's: the quarter or to date
            fields.insert(0 if upto else len(fields), "realisasi_kumulatif")
        extra = []
    else:  # capaian
        fields = [] if year else [f"capaian_tw{q}"]
        if q == period.quarter:
            fields.insert(0 if upto else len(fields), "capaian_kumulatif")
        if ind.jenis in (Jenis.PERSEN, Jenis.NILAI):  # "capaian" often names the value
            fields += [f.replace("capaian", "realisasi") for f in fields]
        got = ctx.summary.data.realisation(iku, q) if q <= period.quarter and not year else None
        extra = []
        if got is not None and ind.quarter_target(q) is not None:  # against the quarter's own
            extra.append(capaian(ind, got.nilai, ind.quarter_target(q)))
    values = [ctx.lookup.iku(iku, f) for f in fields] + extra
    _compare(ctx, num, iku, fields[0], values, ind)
    return reading


def _compare(
    ctx: _Context,
    num: _Number,
    iku: int | None,
    field_name: str,
    values: list[Computed],
    ind: Indicator | None,
) -> None:
    ctx.checked += 1
    stated = num.figure
    if any(v is not None and agrees(stated, v) for v in values):
        return
    primary = values[0]
    if primary is None:
        return  # nothing computed to compare with (a quarter without a value)
    kind = "iku" if iku is not None else "angka"
    what = label(kind, iku, field_name, ctx.period, ind)
    computed = _show(primary, stated, field_name, ind, num.unit)
    running = fmt.teks(ind, primary) if ind is not None and isinstance(primary, Decimal) else ""
    plain = running if field_name.startswith(("target", "realisasi")) and running else computed
    ctx.findings.append(
        ProseFinding(
            ctx.file,
            stated.line,
            iku,
            what,
            stated.text,
            plain,
            _note(ctx, stated, primary, iku, field_name),
            FIGURE_SENTENCE.format(what=what, stated=stated.text, computed=plain),
        )
    )


def _show(
    value: Computed, stated: Figure, field_name: str, ind: Indicator | None, unit: str
) -> str:
    if unit == "pct" and isinstance(value, Decimal) and field_name.startswith("capaian"):
        return fmt.persen(value)
    return shown(value, stated, field_name, ind)


def _note(ctx: _Context, stated: Figure, value: Computed, iku: int | None, field_name: str) -> str:
    places = stated.places
    if isinstance(value, Decimal) and places and truncate(value, places) == stated.number:
        return (
            f"terpotong, bukan dibulatkan: {exact(value)} dibulatkan menjadi "
            f"{fmt.angka(round2(value, places), places)}"
        )
    match = re.fullmatch(r"(realisasi|capaian)_tw(\d)", field_name)
    if iku is not None and match and stated.number:
        for other in ctx.period.quarters_to_date:
            if other == int(match[2]):
                continue
            value2 = ctx.lookup.iku(iku, f"{match[1]}_tw{other}")
            if value2 is not None and agrees(stated, value2):
                return f"sama dengan {match[1]} {tw(other)}"
    return ""


def _check_unit(ctx: _Context, num: _Number, role: str) -> str:
    """A figure about the whole unit: the mean capaian, the budget."""
    s = ctx.summary
    if num.unit == "money":
        groups = s.budget_groups
        if role in ("realisasi", "terealisasi", "penyerapan", "terserap"):
            values: list[Computed] = [s.realisasi_anggaran, *(g.realisasi for g in groups)]
            _compare(ctx, num, None, "realisasi_anggaran", values, None)
            return "realisasi_anggaran"
        if role in ("pagu", "anggaran"):
            values = [
                s.pagu,
                *(g.pagu for g in groups),
                *(b.pagu for b in s.data.budget_lines),
                *(k.pagu for k in s.data.kegiatan),
            ]
            _compare(ctx, num, None, "pagu", values, None)
            return "pagu"
        return ""
    if num.unit != "pct":
        return ""
    if role == "persen_anggaran" or role in ("penyerapan", "terserap"):
        values = [s.persen_anggaran, *(g.persen for g in s.budget_groups)]
        _compare(ctx, num, None, "persen_anggaran", values, None)
        return "persen_anggaran"
    if role in ("capaian", "rata-rata"):
        values = [s.capaian_rata_rata]
        values += [r.capaian_kumulatif for r in s.indicators]
        values += [r.capaian for r in s.indicators]
        _compare(ctx, num, None, "capaian_rata_rata", values, None)
        return "capaian_rata_rata"
    return ""


def _counts(ctx: _Context, sentence: _Sentence, taken: list[tuple[int, int]]) -> None:
    """``sebanyak 2 target`` (with "di atas 100%" nearby), ``4 dari 13 target``, ``13 IKU``."""
    text = sentence.text
    phrases = [(m.start(), f) for pattern, f in _KELAS for m in pattern.finditer(text)]
    for m in _COUNT.finditer(text):
        taken.append(m.span())
        what = m["what"].casefold()
        total = "jumlah_sasaran" if what == "sasaran" else _COUNT_OF[what]
        kelas = min(phrases, key=lambda p: abs(p[0] - m.start()), default=None)
        if m["m"] is not None:
            if kelas is not None:
                _count(ctx, sentence, m.start("n"), m["n"], kelas[1])
            _count(ctx, sentence, m.start("m"), m["m"], total)
        else:
            _count(ctx, sentence, m.start("n"), m["n"], kelas[1] if kelas else total)


def _count(ctx: _Context, sentence: _Sentence, at: int, digits: str, field_name: str) -> None:
    figure = Figure(digits, sentence.line_at(at), Decimal(digits), 0)
    value = ctx.lookup.unit(field_name)
    ctx.checked += 1
    if agrees(figure, value):
        return
    ctx.findings.append(
        ProseFinding(
            ctx.file,
            figure.line,
            None,
            label("angka", None, field_name, ctx.period),
            digits,
            fmt.angka(value) if isinstance(value, Decimal) else fmt.DASH,
        )
    )


def _ratio(ctx: _Context, sentence: _Sentence, iku: int, taken: list[tuple[int, int]]) -> None:
    """``21 aduan dari total 26 aduan``: the counts behind an IKU's ratio, in its quarter."""
    ind = ctx.indicator(iku)
    if ind is None or not (ind.label_pembilang and ind.label_penyebut):
        return
    tokens = _tokens(sentence.text)
    for m in _RATIO.finditer(sentence.text):
        index = next(i for i, t in enumerate(tokens) if t.start >= m.start())
        quarter, _ = _quarter_before(tokens, index)
        stated_year = _year_before(tokens, index)
        if (stated_year is not None and stated_year != ctx.period.year) or (
            quarter is not None and quarter > ctx.period.quarter
        ):
            continue
        taken.append(m.span())
        q = quarter or ctx.period.quarter
        for group, base in (("n", "pembilang"), ("m", "penyebut")):
            digits = m[group]
            figure = Figure(
                digits, sentence.line_at(m.start(group)), Decimal(digits.replace(".", "")), 0
            )
            value = ctx.lookup.iku(iku, f"{base}_tw{q}")
            ctx.checked += 1
            if value is None or agrees(figure, value):
                continue
            ctx.findings.append(
                ProseFinding(
                    ctx.file,
                    figure.line,
                    iku,
                    label("iku", iku, f"{base}_tw{q}", ctx.period, ind),
                    f"{digits} {m['unit']}",
                    fmt.angka(value) if isinstance(value, Decimal) else fmt.DASH,
                )
            )


# ---- files and folders -------------------------------------------------------------------------


def check_text(
    summary: Summary, text: str, file: str, iku: int | None = None
) -> tuple[int, list[ProseFinding]]:
    """Compare the figures of one prose text (``iku``: the IKU the file is about)."""
    ctx = _Context(summary, Lookup(summary), file, iku)
    for item, line in _items(text):
        for sentence in _sentences(item, line):
            _check_sentence(ctx, sentence)
    return ctx.checked, ctx.findings


def check_folder(summary: Summary, folder: NarrativeFolder) -> ProseAudit:
    """Every Markdown file of a period's prose folder (README.md aside), in name order."""
    if not folder.exists:
        return ProseAudit(folder.shown, False, 0, ())
    checked = 0
    findings: list[ProseFinding] = []
    for name in folder.names():
        text = folder.read(name)
        if name.casefold() == "readme" or text is None:
            continue
        n, found = check_text(summary, text, folder.shown_file(name), iku_of_file(name))
        checked += n
        findings += found
    return ProseAudit(folder.shown, True, checked, tuple(findings))


def check_report(summary: Summary, project: Project) -> ProseAudit:
    """The prose of the summary's unit and period (``data/<unit>/<year>/narasi/<period>/``)."""
    return check_folder(summary, NarrativeFolder.of(project, summary.unit, summary.period))


__all__ = [
    "PLACEHOLDER",
    "ProseAudit",
    "ProseFinding",
    "check_folder",
    "check_report",
    "check_text",
    "iku_of_file",
    "mask_placeholders",
]
