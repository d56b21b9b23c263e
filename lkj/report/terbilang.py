"""Whole numbers in Indonesian words, as the report writes counts: ``13 (tiga belas)``."""

from __future__ import annotations

_ONES = (
    "nol",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
)


def terbilang(n: int) -> str:
    """``0 -> nol``, ``13 -> tiga belas``, ``21 -> dua puluh satu``, ``100 -> seratus``."""
    if n < 0:
        return "minus " + terbilang(-n)
    if n < 12:
        return _ONES[n]
    if n < 20:
        return _ONES[n - 10] + " belas"
    if n < 100:
        tens, rest = divmod(n, 10)
        return _ONES[tens] + " puluh" + (" " + _ONES[rest] if rest else "")
    for size, word, single in (
        (10**12, " triliun", None),
        (10**9, " miliar", None),
        (10**6, " juta", None),
        (1000, " ribu", "seribu"),
        (100, " ratus", "seratus"),
    ):
        if n >= size:
            head, rest = divmod(n, size)
            text = single if (head == 1 and single) else terbilang(head) + word
            return text + (" " + terbilang(rest) if rest else "")
    raise AssertionError("unreachable")  # pragma: no cover


def dengan_kata(n: int) -> str:
    """``13 (tiga belas)``."""
    return f"{n} ({terbilang(n)})"
