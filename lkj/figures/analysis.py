"""Explanatory sentences generated from the computed figures (Indonesian, as in the report).

Per IKU and period: the quarter against the previous one, the quarterly target met or missed,
the year to date against the annual target, and the year-end outlook. Per strategic goal: budget
absorption against performance achievement. Once per report: how the analysis is made
(:func:`method`), so that no sentence is repeated for every IKU. The texts are generated, never
the analysts' own prose, and the report marks them so.

Methods (stated once in :func:`method`, applied per IKU):

- **Against the plan** (indicators that add up over the year, ``kumulasi = jumlah``, higher is
  better, whose quarterly targets add up to the annual target): the year to date is compared
  with the target to date of the quarterly plan. On or ahead of plan is no cause for attention,
  also when the plan puts the whole target in a later quarter; behind plan is. The year-end
  projection keeps the ratio to the plan so far: ``realisation to date / target to date x
  annual target``.
- **At the pace** (the same indicators with annual targets only or a plan that does not add
  up, and lower-is-better or range ones): the year-end value at the pace so far,
  ``realisation to date / quarters elapsed x 4``.
- Indicators measured as a standing value (last value, mean, pooled ratio) and predicates do not
  accumulate and are not projected: their outlook is whether the value to date, if it holds,
  meets the target. For a mean, the mean the remaining quarters need is stated too.
- **Needs attention**: behind plan, or the projection (or the held value, or at Triwulan IV the
  year's result) misses the annual target; or the realisation cannot be measured yet (said so,
  never as a miss). An indicator with nothing to measure against (a target of 0 to exceed)
  needs none.
- **Annual target only**: no quarterly judgement is made; the year to date is set against the
  annual target.
- **Triwulan IV** closes the year: its result is stated, nothing is projected.
- **A year** (the annual report, ``Period.annual``): the year's realisation against the year's
  target (``Realisasi tahun 2015 ...``), its result once, no quarter against quarter, no
  quarterly target, nothing projected; a quarter is named only where one is missing from a
  summed year (docs/annual.md, "The year's words").
- **Efficiency** of a strategic goal (or goals sharing a budget line): the *indeks efisiensi* =
  mean cumulative capaian of its IKU (as printed, two places) ÷ budget absorption to date (%).
  Above 1, performance runs ahead of spending; below 1, spending runs ahead of performance.

Wording rules: a difference of two percentages is in *poin persen*; unit words are lower case in
running text (``7.410 orang``); a figure is not followed by itself in other words (``80,77%
atau 80,77% dari target``: the second is left out). Every case has exactly one wording, in
:data:`WORDING`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from lkj.figures import format as fmt
from lkj.figures.summary import IndicatorResult, Summary
from lkj.rules.achievement import Kelas, TidakTerukur, capaian, meets, overall, predikat_rank
from lkj.rules.budget import BudgetGroup
from lkj.rules.decimals import HUNDRED, div, round2
from lkj.rules.indicators import (
    WHOLE,
    Indicator,
    Jenis,
    Kumulasi,
    Polaritas,
    Predikat,
    Rentang,
    Target,
    Value,
)
from lkj.rules.periods import Period, quarter_label, roman


class Case(StrEnum):
    """Every situation a generated sentence describes; one wording each."""

    # how the analysis is made: said once, before the IKU
    METHOD_INTRO = "method_intro"
    METHOD_FIRST_QUARTER = "method_first_quarter"
    METHOD_PLAN = "method_plan"
    METHOD_PACE = "method_pace"
    METHOD_STANDING = "method_standing"
    METHOD_PREDIKAT = "method_predikat"
    METHOD_POINTS = "method_points"
    METHOD_YEAR = "method_year"
    # this quarter against the previous one
    TREND_MISSING = "trend_missing"
    TREND_UP = "trend_up"
    TREND_DOWN = "trend_down"
    TREND_UP_LOWER_BETTER = "trend_up_lower_better"
    TREND_DOWN_LOWER_BETTER = "trend_down_lower_better"
    TREND_SAME = "trend_same"
    TREND_ZERO = "trend_zero"
    TREND_PREDIKAT_SAME = "trend_predikat_same"
    TREND_PREDIKAT_UP = "trend_predikat_up"
    TREND_PREDIKAT_DOWN = "trend_predikat_down"
    # the quarterly target
    QUARTER_MET = "quarter_met"
    QUARTER_MISSED = "quarter_missed"
    QUARTER_MET_LOWER_BETTER = "quarter_met_lower_better"
    QUARTER_MISSED_LOWER_BETTER = "quarter_missed_lower_better"
    QUARTER_NOTHING = "quarter_nothing"
    QUARTER_NO_TARGET = "quarter_no_target"
    QUARTER_PREDIKAT_MET = "quarter_predikat_met"
    QUARTER_PREDIKAT_MISSED = "quarter_predikat_missed"
    QUARTER_UNMEASURED = "quarter_unmeasured"
    QUARTER_MET_RANGE = "quarter_met_range"
    QUARTER_MISSED_RANGE = "quarter_missed_range"
    # the year to date against the annual target
    YTD_ZERO = "ytd_zero"
    YTD_BELOW = "ytd_below"
    YTD_MET = "ytd_met"
    YTD_EXCEEDED = "ytd_exceeded"
    YTD_LOWER_BETTER = "ytd_lower_better"
    YTD_STANDING = "ytd_standing"
    YTD_PREDIKAT_MET = "ytd_predikat_met"
    YTD_PREDIKAT_MISSED = "ytd_predikat_missed"
    YTD_UNMEASURED = "ytd_unmeasured"
    YTD_ZERO_TARGET = "ytd_zero_target"
    YTD_LOWER_BETTER_ZERO = "ytd_lower_better_zero"
    YTD_RANGE = "ytd_range"
    YTD_SKIPPED_QUARTERS = "ytd_skipped_quarters"
    # the year (the annual report) against its target
    YEAR_ZERO = "year_zero"
    YEAR_BELOW = "year_below"
    YEAR_MET = "year_met"
    YEAR_EXCEEDED = "year_exceeded"
    YEAR_LOWER_BETTER = "year_lower_better"
    YEAR_STANDING = "year_standing"
    YEAR_STANDING_RULE = "year_standing_rule"
    YEAR_PREDIKAT = "year_predikat"
    YEAR_UNMEASURED = "year_unmeasured"
    YEAR_ZERO_TARGET = "year_zero_target"
    YEAR_LOWER_BETTER_ZERO = "year_lower_better_zero"
    YEAR_RANGE = "year_range"
    YEAR_RESULT_MET = "year_result_met"
    # the year-end outlook
    PLAN_NOT_STARTED = "plan_not_started"
    PLAN_EARLY = "plan_early"
    PLAN_ON = "plan_on"
    PLAN_AHEAD = "plan_ahead"
    PLAN_BEHIND = "plan_behind"
    PLAN_BEHIND_NOTHING = "plan_behind_nothing"
    PROJECTION_REACHED = "projection_reached"
    PROJECTION_MISSED = "projection_missed"
    PROJECTION_ZERO = "projection_zero"
    PROJECTION_REACHED_LOWER_BETTER = "projection_reached_lower_better"
    PROJECTION_MISSED_LOWER_BETTER = "projection_missed_lower_better"
    PROJECTION_OUTSIDE_RANGE = "projection_outside_range"
    FINAL_MET = "final_met"
    FINAL_MISSED = "final_missed"
    STANDING_HOLDS_MET = "standing_holds_met"
    STANDING_HOLDS_MISSED = "standing_holds_missed"
    MEAN_NEEDED = "mean_needed"
    MEAN_OUT_OF_REACH = "mean_out_of_reach"
    NOT_PROJECTED_UNMEASURED = "not_projected_unmeasured"
    FINAL_UNMEASURED = "final_unmeasured"
    NOT_PROJECTED_ZERO_TARGET = "not_projected_zero_target"
    # budget against performance, per strategic goal
    BUDGET_METHOD = "budget_method"
    BUDGET_NO_CEILING = "budget_no_ceiling"
    BUDGET_NOT_REPORTED = "budget_not_reported"
    BUDGET_NOTHING_YET = "budget_nothing_yet"
    BUDGET_NO_SPENDING = "budget_no_spending"
    BUDGET_NO_RESULT = "budget_no_result"
    BUDGET_UNMEASURED = "budget_unmeasured"
    BUDGET_AHEAD = "budget_ahead"
    BUDGET_BEHIND = "budget_behind"
    BUDGET_EVEN = "budget_even"
    BUDGET_TOTAL = "budget_total"
    # overview for the Ringkasan Eksekutif
    OVERVIEW_MEAN = "overview_mean"
    OVERVIEW_TREND = "overview_trend"
    OVERVIEW_ATTENTION = "overview_attention"
    OVERVIEW_ALL_ON_TRACK = "overview_all_on_track"
    OVERVIEW_UNMEASURED = "overview_unmeasured"
    OVERVIEW_YEAR_MET = "overview_year_met"
    OVERVIEW_YEAR_MISSED = "overview_year_missed"
    OVERVIEW_YEAR_ALL_MET = "overview_year_all_met"
    OVERVIEW_CAP = "overview_cap"
    OVERVIEW_THE_YEAR_MEAN = "overview_the_year_mean"
    OVERVIEW_THE_YEAR_MET = "overview_the_year_met"
    OVERVIEW_THE_YEAR_MISSED = "overview_the_year_missed"
    OVERVIEW_THE_YEAR_ALL_MET = "overview_the_year_all_met"
    OVERVIEW_THE_YEAR_UNMEASURED = "overview_the_year_unmeasured"
    # the flag on an IKU, and its line in the list of IKU needing attention
    NEEDS_ATTENTION = "needs_attention"
    NEEDS_ATTENTION_UNMEASURED = "needs_attention_unmeasured"
    NEEDS_ATTENTION_FINAL = "needs_attention_final"
    ATTENTION_ITEM_PROJECTED = "attention_item_projected"
    ATTENTION_ITEM_NOTHING = "attention_item_nothing"
    ATTENTION_ITEM = "attention_item"
    NEEDS_ATTENTION_YEAR = "needs_attention_year"
    NEEDS_ATTENTION_YEAR_UNMEASURED = "needs_attention_year_unmeasured"
    ATTENTION_ITEM_YEAR = "attention_item_year"
    ATTENTION_ITEM_YEAR_NOTHING = "attention_item_year_nothing"


WORDING: dict[Case, str] = {
    Case.METHOD_INTRO: "Setiap IKU berikut dilengkapi analisis otomatis yang dihasilkan dari "
    "angka: realisasi {label} dibandingkan dengan triwulan sebelumnya{quarterly}, realisasi "
    "s.d. {label} dibandingkan dengan target tahunan, dan perkiraan akhir tahun.",
    Case.METHOD_FIRST_QUARTER: "{label} adalah triwulan pertama tahun {year}, sehingga belum "
    "ada triwulan sebelumnya sebagai pembanding.",
    Case.METHOD_PLAN: "Indikator yang realisasinya dijumlahkan dari triwulan ke triwulan "
    "dinilai terhadap rencana triwulanan: realisasi s.d. {label} dibandingkan dengan target "
    "s.d. {label}, dan bila laju terhadap rencana itu bertahan, realisasi akhir tahun "
    "diproyeksikan sebesar realisasi s.d. {label} ÷ target s.d. {label} x target tahunan.",
    Case.METHOD_PACE: "Indikator yang dijumlahkan{others} diproyeksikan dengan laju rata-rata "
    "per triwulan: realisasi s.d. {label} ÷ {n} x 4.",
    Case.METHOD_STANDING: "Indikator yang diukur sebagai {rules} tidak bertambah dari triwulan "
    "ke triwulan sehingga tidak diproyeksikan; perkiraannya adalah apakah nilai s.d. {label}, "
    "bila bertahan hingga akhir tahun, memenuhi target tahunan.",
    Case.METHOD_PREDIKAT: "Indikator kualitatif (predikat) tidak diproyeksikan.",
    Case.METHOD_POINTS: "Selisih dua persentase dinyatakan dalam poin persen.",
    Case.METHOD_YEAR: "Setiap IKU berikut dilengkapi analisis otomatis yang dihasilkan dari "
    "angka: realisasi tahun {year} dibandingkan dengan target tahun {year}, dan apakah target "
    "itu tercapai.",
    Case.TREND_MISSING: "Realisasi {missing} tidak tersedia, sehingga {label} tidak dapat "
    "dibandingkan dengan {previous}.",
    Case.TREND_UP: "Realisasi {label} sebesar {now}, naik {change} dibandingkan {previous} "
    "({before}).",
    Case.TREND_DOWN: "Realisasi {label} sebesar {now}, turun {change} dibandingkan {previous} "
    "({before}).",
    Case.TREND_UP_LOWER_BETTER: "Realisasi {label} sebesar {now}, naik {change} dibandingkan "
    "{previous} ({before}); karena untuk indikator ini {lower_better}, "
    "kenaikan ini berarti kinerja memburuk.",
    Case.TREND_DOWN_LOWER_BETTER: "Realisasi {label} sebesar {now}, turun {change} "
    "dibandingkan {previous} ({before}); karena untuk indikator ini {lower_better}, "
    "penurunan ini berarti kinerja membaik.",
    Case.TREND_SAME: "Realisasi {label} sebesar {now}, sama dengan {previous}.",
    Case.TREND_ZERO: "Seperti pada {previous}, belum ada realisasi pada {label} ({now}).",
    Case.TREND_PREDIKAT_SAME: "Predikat {label} {now}, sama dengan {previous}.",
    Case.TREND_PREDIKAT_UP: "Predikat {label} {now}, membaik dari {before} pada {previous}.",
    Case.TREND_PREDIKAT_DOWN: "Predikat {label} {now}, menurun dari {before} pada {previous}.",
    Case.QUARTER_MET: "Target {label} sebesar {target} tercapai: realisasi {now}{share}.",
    Case.QUARTER_MISSED: "Target {label} sebesar {target} tidak tercapai: realisasi {now}{share}.",
    Case.QUARTER_NOTHING: "Target {label} sebesar {target} tidak tercapai.",
    Case.QUARTER_MET_LOWER_BETTER: "Target {label} tercapai: realisasi {now} tidak melebihi "
    "batas target triwulan {target} ({lower_better}).",
    Case.QUARTER_MISSED_LOWER_BETTER: "Target {label} tidak tercapai: realisasi {now} melebihi "
    "batas target triwulan {target} ({lower_better}).",
    Case.QUARTER_NO_TARGET: "Rencana triwulanan tidak memuat target untuk {label}; "
    "realisasinya {now}.",
    Case.QUARTER_PREDIKAT_MET: "Target {label} (predikat {target}) tercapai dengan predikat {now}.",
    Case.QUARTER_PREDIKAT_MISSED: "Target {label} (predikat {target}) tidak tercapai: "
    "predikatnya {now}.",
    Case.QUARTER_UNMEASURED: "Realisasi {label} tidak dapat diukur, sehingga tidak dapat "
    "dibandingkan dengan target triwulan {target}.",
    Case.QUARTER_MET_RANGE: "Target {label} tercapai: realisasi {now} berada dalam rentang "
    "target triwulan {target}.",
    Case.QUARTER_MISSED_RANGE: "Target {label} tidak tercapai: realisasi {now} berada di luar "
    "rentang target triwulan {target}.",
    Case.YTD_ZERO: "Belum ada realisasi s.d. {label} terhadap target tahunan {target}.",
    Case.YTD_BELOW: "Realisasi s.d. {label} sebesar {ytd}{share} dari target tahunan {target}; "
    "masih kurang {gap} untuk mencapai target tahunan.",
    Case.YTD_MET: "Realisasi s.d. {label} sebesar {ytd}{share} dari target tahunan {target}: "
    "target tahunan sudah tercapai.",
    Case.YTD_EXCEEDED: "Realisasi s.d. {label} sebesar {ytd}{share} dari target tahunan "
    "{target}: target tahunan sudah terlampaui.",
    Case.YTD_LOWER_BETTER: "Realisasi s.d. {label} sebesar {ytd} terhadap batas target tahunan "
    "{target}; karena {lower_better}, capaian dihitung sebagai "
    "(2 x target - realisasi) / target = {percent}.",
    Case.YTD_STANDING: "Nilai s.d. {label}, yaitu {rule}, sebesar {ytd} terhadap target "
    "tahunan {target}{share}.",
    Case.YTD_PREDIKAT_MET: "Predikat s.d. {label} ({ytd}) memenuhi target tahunan {target} "
    "(capaian {percent}).",
    Case.YTD_PREDIKAT_MISSED: "Predikat s.d. {label} ({ytd}) belum memenuhi target tahunan "
    "{target} (capaian {percent}).",
    Case.YTD_UNMEASURED: "Realisasi s.d. {label} tidak dapat diukur terhadap target tahunan "
    "{target}.",
    Case.YTD_ZERO_TARGET: "Realisasi s.d. {label} sebesar {ytd} terhadap target tahunan "
    "{target}: dengan target 0, capaian tidak dapat dihitung (tidak terukur).",
    Case.YTD_LOWER_BETTER_ZERO: "Realisasi s.d. {label} sebesar {ytd} terhadap batas target "
    "tahunan {target}; karena nilai yang lebih rendah lebih baik dan targetnya 0, capaian "
    "{percent} (100% hanya bila realisasinya 0).",
    Case.YTD_RANGE: "Realisasi s.d. {label} sebesar {ytd} terhadap rentang target tahunan "
    "{target}: capaian {percent} (100% di dalam rentang).",
    Case.YTD_SKIPPED_QUARTERS: "{quarters} belum memiliki realisasi (belum diukur) dan tidak "
    "dihitung sebagai 0.",
    Case.YEAR_ZERO: "Tidak ada realisasi pada tahun {year} terhadap target {target}.",
    Case.YEAR_BELOW: "Realisasi tahun {year} sebesar {ytd}{share} dari target {target}, "
    "kurang {gap} dari target.",
    Case.YEAR_MET: "Realisasi tahun {year} sebesar {ytd}, tepat sebesar targetnya.",
    Case.YEAR_EXCEEDED: "Realisasi tahun {year} sebesar {ytd}{share} dari target {target}, "
    "melampaui target sebesar {surplus}.",
    Case.YEAR_LOWER_BETTER: "Realisasi tahun {year} sebesar {ytd} terhadap batas target "
    "{target}; karena {lower_better}, capaian dihitung sebagai (2 x target - realisasi) / "
    "target = {percent}.",
    Case.YEAR_STANDING: "Realisasi tahun {year} sebesar {ytd} terhadap target {target}{share}.",
    Case.YEAR_STANDING_RULE: "Realisasi tahun {year}, yaitu {rule}, sebesar {ytd} terhadap "
    "target {target}{share}.",
    Case.YEAR_PREDIKAT: "Predikat tahun {year} {ytd} terhadap target {target} (capaian {percent}).",
    Case.YEAR_UNMEASURED: "Realisasi tahun {year} tidak dapat diukur terhadap target {target}.",
    Case.YEAR_ZERO_TARGET: "Realisasi tahun {year} sebesar {ytd} terhadap target {target}: "
    "dengan target 0, capaian tidak dapat dihitung (tidak terukur) dan indikator ini tidak "
    "dinilai tercapai atau tidak tercapai.",
    Case.YEAR_LOWER_BETTER_ZERO: "Realisasi tahun {year} sebesar {ytd} terhadap batas target "
    "{target}; karena nilai yang lebih rendah lebih baik dan targetnya 0, capaian {percent} "
    "(100% hanya bila realisasinya 0).",
    Case.YEAR_RANGE: "Realisasi tahun {year} sebesar {ytd} terhadap rentang target {target}: "
    "capaian {percent} (100% di dalam rentang).",
    Case.YEAR_RESULT_MET: "Target tahun {year} tercapai.",
    Case.PLAN_NOT_STARTED: "Menurut rencana triwulanan, belum ada target s.d. {label}: seluruh "
    "target tahunan dijadwalkan pada {schedule}, sehingga belum adanya realisasi masih sesuai "
    "rencana.",
    Case.PLAN_EARLY: "Realisasi ini mendahului rencana triwulanan, yang menjadwalkan target "
    "tahunan {target} pada {schedule}.",
    Case.PLAN_ON: "Realisasi s.d. {label} sama dengan target s.d. {label} menurut rencana "
    "triwulanan ({planned}); bila rencana {schedule} terpenuhi, target tahunan {target} "
    "tercapai.",
    Case.PLAN_AHEAD: "Realisasi s.d. {label} melampaui target s.d. {label} menurut rencana "
    "triwulanan ({planned}) sebesar {surplus}; bila laju terhadap rencana ini bertahan, "
    "realisasi akhir tahun diproyeksikan {projected}{share} dari target tahunan {target}: "
    "target tahunan diperkirakan tercapai.",
    Case.PLAN_BEHIND: "Realisasi s.d. {label} tertinggal {shortfall} dari target s.d. {label} "
    "menurut rencana triwulanan ({planned}); bila laju terhadap rencana ini bertahan, "
    "realisasi akhir tahun diproyeksikan {projected}{share} dari target tahunan {target}: "
    "target tahunan diperkirakan tidak tercapai tanpa percepatan (kurang {gap}).",
    Case.PLAN_BEHIND_NOTHING: "Target s.d. {label} menurut rencana triwulanan sebesar "
    "{planned} belum terealisasi, sehingga seluruh target tahunan {target} harus "
    "direalisasikan dalam {remaining} triwulan tersisa.",
    Case.PROJECTION_REACHED: "Dengan laju rata-rata {pace} per triwulan ({ytd} dalam {n} "
    "triwulan), realisasi akhir tahun diproyeksikan {projected}{share} dari target tahunan "
    "{target}: target tahunan diperkirakan tercapai.",
    Case.PROJECTION_MISSED: "Dengan laju rata-rata {pace} per triwulan ({ytd} dalam {n} "
    "triwulan), realisasi akhir tahun diproyeksikan {projected}{share} dari target tahunan "
    "{target}: target tahunan diperkirakan tidak tercapai tanpa percepatan (kurang {gap}).",
    Case.PROJECTION_ZERO: "Dengan laju sejauh ini (belum ada realisasi dalam {n} triwulan), "
    "target tahunan {target} tidak akan tercapai tanpa percepatan: seluruhnya harus "
    "direalisasikan dalam {remaining} triwulan tersisa.",
    Case.PROJECTION_REACHED_LOWER_BETTER: "Dengan laju rata-rata {pace} per triwulan ({ytd} "
    "dalam {n} triwulan), realisasi akhir tahun diproyeksikan {projected}, tidak melebihi "
    "batas target tahunan {target}: target tahunan diperkirakan tercapai.",
    Case.PROJECTION_MISSED_LOWER_BETTER: "Dengan laju rata-rata {pace} per triwulan ({ytd} "
    "dalam {n} triwulan), realisasi akhir tahun diproyeksikan {projected}, melebihi batas "
    "target tahunan {target}: target tahunan diperkirakan tidak tercapai.",
    Case.PROJECTION_OUTSIDE_RANGE: "Dengan laju rata-rata {pace} per triwulan ({ytd} dalam "
    "{n} triwulan), realisasi akhir tahun diproyeksikan {projected}, di luar rentang target "
    "tahunan {target}: target tahunan diperkirakan tidak tercapai.",
    Case.FINAL_MET: "{label} menutup tahun: realisasi akhir tahun {ytd} ({percent} dari target "
    "tahunan {target}), target tahunan tercapai.",
    Case.FINAL_MISSED: "{label} menutup tahun: realisasi akhir tahun {ytd} ({percent} dari "
    "target tahunan {target}), target tahunan tidak tercapai.",
    Case.STANDING_HOLDS_MET: "Bila bertahan hingga akhir tahun, nilai ini memenuhi target "
    "tahunan {target}.",
    Case.STANDING_HOLDS_MISSED: "Bila bertahan hingga akhir tahun, nilai ini tidak memenuhi "
    "target tahunan {target}.",
    Case.MEAN_NEEDED: "Agar rata-rata tahunan mencapai target {target}, rata-rata {rest} "
    "harus sebesar {needed}.",
    Case.MEAN_OUT_OF_REACH: "Agar rata-rata tahunan mencapai target {target}, rata-rata {rest} "
    "harus sebesar {needed}, melebihi 100%, sehingga target tahunan tidak mungkin tercapai.",
    Case.NOT_PROJECTED_UNMEASURED: "Perkiraan akhir tahun tidak dapat dibuat karena realisasi "
    "s.d. {label} tidak dapat diukur.",
    Case.FINAL_UNMEASURED: "{label} menutup tahun: realisasi akhir tahun tidak dapat diukur "
    "terhadap target tahunan {target}.",
    Case.NOT_PROJECTED_ZERO_TARGET: "Karena target tahunannya 0, indikator ini tidak "
    "dinilai tercapai atau tidak tercapai.",
    Case.BUDGET_METHOD: "Efisiensi diukur dengan indeks efisiensi = rata-rata capaian kinerja "
    "{upto} ({basis} pada sasaran) ÷ persentase penyerapan "
    "anggaran {upto}; nilai di atas 1 berarti capaian kinerja lebih tinggi daripada "
    "penyerapan anggaran, di bawah 1 berarti penyerapan anggaran lebih tinggi.",
    Case.BUDGET_NO_CEILING: "{goal} tidak memiliki pagu anggaran tersendiri; rata-rata capaian "
    "kinerjanya {upto} sebesar {performance}.",
    Case.BUDGET_NOT_REPORTED: "Realisasi anggaran {goal} {upto} belum dilaporkan "
    "(pagu {ceiling}); rata-rata capaian kinerjanya sebesar {performance}.",
    Case.BUDGET_NOTHING_YET: "{goal}: belum ada penyerapan anggaran (pagu {ceiling}) maupun "
    "capaian kinerja {upto}.",
    Case.BUDGET_NO_SPENDING: "{goal}: rata-rata capaian kinerja {performance} dicapai tanpa "
    "penyerapan anggaran (realisasi {spent} dari pagu {ceiling}); indeks efisiensi tidak dapat "
    "dihitung.",
    Case.BUDGET_NO_RESULT: "{goal}: anggaran terserap {absorption} ({spent} dari pagu "
    "{ceiling}), tetapi belum ada capaian kinerja (indeks efisiensi 0).",
    Case.BUDGET_UNMEASURED: "{goal}: anggaran terserap {absorption} ({spent} dari pagu "
    "{ceiling}); capaian kinerjanya tidak terukur, sehingga indeks efisiensi tidak dapat "
    "dihitung.",
    Case.BUDGET_AHEAD: "{goal}: penyerapan anggaran {absorption} ({spent} dari pagu {ceiling}) "
    "dengan rata-rata capaian kinerja {performance}; indeks efisiensi {index}, capaian kinerja "
    "mendahului penyerapan anggaran.",
    Case.BUDGET_BEHIND: "{goal}: penyerapan anggaran {absorption} ({spent} dari pagu {ceiling}) "
    "dengan rata-rata capaian kinerja {performance}; indeks efisiensi {index}, capaian kinerja "
    "tertinggal dari penyerapan anggaran.",
    Case.BUDGET_EVEN: "{goal}: penyerapan anggaran {absorption} ({spent} dari pagu {ceiling}) "
    "dengan rata-rata capaian kinerja {performance}; indeks efisiensi {index}, capaian kinerja "
    "sejalan dengan penyerapan anggaran.",
    Case.BUDGET_TOTAL: "Secara keseluruhan, penyerapan anggaran {upto} sebesar "
    "{absorption} ({spent} dari pagu {ceiling}) dengan rata-rata capaian kinerja {performance}"
    "{index}.",
    Case.OVERVIEW_MEAN: "Rata-rata capaian kinerja s.d. {label} {year} sebesar {mean} dari {n} "
    "IKU: {above} di atas 100%, {at} tepat 100%, {below} di bawah 100%{unmeasured}.",
    Case.OVERVIEW_TREND: "Dibandingkan {previous}, kinerja {better} IKU membaik, {worse} "
    "memburuk dan {same} tetap.",
    Case.OVERVIEW_ATTENTION: "Menurut perkiraan akhir tahun, {on_track} IKU sesuai rencana atau "
    "diperkirakan mencapai target tahunan; {count} IKU perlu perhatian karena diperkirakan "
    "tidak mencapai target tahunan: {ikus}.",
    Case.OVERVIEW_ALL_ON_TRACK: "Menurut perkiraan akhir tahun, seluruh {n} IKU sesuai rencana "
    "atau diperkirakan mencapai target tahunan.",
    Case.OVERVIEW_UNMEASURED: "Capaian {ikus} belum dapat diukur.",
    Case.OVERVIEW_YEAR_MET: "Pada akhir tahun, {met} IKU mencapai target tahunan dan {count} "
    "IKU tidak mencapainya: {ikus}.",
    Case.OVERVIEW_YEAR_MISSED: "Pada akhir tahun, tidak satu pun dari {count} IKU yang terukur "
    "mencapai target tahunan.",
    Case.OVERVIEW_YEAR_ALL_MET: "Pada akhir tahun, seluruh {n} IKU yang terukur mencapai "
    "target tahunan.",
    Case.OVERVIEW_THE_YEAR_MEAN: "Rata-rata capaian kinerja tahun {year} sebesar {mean} dari "
    "{n} IKU: {above} di atas 100%, {at} tepat 100%, {below} di bawah 100%{unmeasured}.",
    Case.OVERVIEW_THE_YEAR_MET: "Sebanyak {met} IKU mencapai target tahun {year} dan {count} "
    "IKU tidak mencapainya: {ikus}.",
    Case.OVERVIEW_THE_YEAR_MISSED: "Tidak satu pun dari {count} IKU yang terukur mencapai "
    "target tahun {year}.",
    Case.OVERVIEW_THE_YEAR_ALL_MET: "Seluruh {n} IKU yang terukur mencapai target tahun {year}.",
    Case.OVERVIEW_THE_YEAR_UNMEASURED: "Capaian {ikus} tahun {year} tidak dapat diukur.",
    Case.OVERVIEW_CAP: "Capaian setiap indikator dibatasi paling tinggi {cap}; batas ini "
    "berlaku pada {ikus}.",
    Case.NEEDS_ATTENTION: "Perlu perhatian: target tahunan IKU {iku} diperkirakan tidak tercapai.",
    Case.NEEDS_ATTENTION_UNMEASURED: "Perlu perhatian: capaian IKU {iku} belum dapat diukur.",
    Case.NEEDS_ATTENTION_FINAL: "Perlu perhatian: target tahunan IKU {iku} tidak tercapai.",
    Case.ATTENTION_ITEM_PROJECTED: "IKU {iku} ({name}): capaian s.d. {label} {cumulative}, "
    "proyeksi akhir tahun {projected} dari target tahunan.",
    Case.ATTENTION_ITEM_NOTHING: "IKU {iku} ({name}): belum ada realisasi s.d. {label}{plan}.",
    Case.ATTENTION_ITEM: "IKU {iku} ({name}): capaian s.d. {label} {cumulative}.",
    Case.NEEDS_ATTENTION_YEAR: "Perlu perhatian: target tahun {year} IKU {iku} tidak tercapai.",
    Case.NEEDS_ATTENTION_YEAR_UNMEASURED: "Perlu perhatian: capaian IKU {iku} tahun {year} "
    "tidak dapat diukur.",
    Case.ATTENTION_ITEM_YEAR: "IKU {iku} ({name}): capaian tahun {year} sebesar {cumulative}.",
    Case.ATTENTION_ITEM_YEAR_NOTHING: "IKU {iku} ({name}): tidak ada realisasi pada tahun {year}.",
}


def say(case: Case, **fields: object) -> str:
    """The one wording of ``case`` with its figures filled in (``{lower_better}``: how
    :class:`~lkj.rules.indicators.Polaritas` names lower-is-better)."""
    return WORDING[case].format(lower_better=Polaritas.TURUN.label, **fields)


@dataclass(frozen=True)
class Projection:
    """The year-end value of an indicator that adds up over the year: at the ratio to its
    quarterly plan so far (``planned``: the target to date), or at the pace so far (``pace``)."""

    pace: Decimal | None
    value: Decimal
    capaian: Decimal | None
    reaches_target: bool
    planned: Decimal | None = None


class Attention(StrEnum):
    """Why an IKU needs attention (or not)."""

    NONE = "none"
    MISS = "miss"  # the outlook misses the annual target
    MISSED = "missed"  # Triwulan IV: the annual target was missed
    UNMEASURED = "unmeasured"  # the realisation cannot be measured yet


@dataclass(frozen=True)
class IndicatorAnalysis:
    """The generated sentences of one IKU in one period, and whether it needs attention."""

    iku: int
    sentences: list[str]
    attention: Attention
    cases: tuple[Case, ...] = ()
    projection: Projection | None = None
    planned: Decimal | None = None  # the target to date by the quarterly plan, where used

    @property
    def needs_attention(self) -> bool:
        return self.attention is not Attention.NONE


def _value(summary: Summary, iku: int, quarter: int) -> Value | None:
    real = summary.data.realisation(iku, quarter)
    return real.nilai if real is not None else None


def _text(ind: Indicator, value: Target | None) -> str:
    """A target or realisation in running text: ``7.410 orang``, ``80,77%``, ``Baik``."""
    return fmt.teks(ind, value)


def _amount(ind: Indicator, amount: Decimal) -> str:
    """A difference of two values: ``31,34 poin persen``, ``13.348 orang``, ``2,5 poin``."""
    if ind.jenis is Jenis.PERSEN:
        return f"{fmt.angka(amount)} poin persen"
    if ind.jenis is Jenis.NILAI and not ind.satuan:
        return f"{fmt.angka(amount)} poin"
    return _text(ind, amount)


def _change(ind: Indicator, amount: Decimal, before: Decimal) -> str:
    """``469 orang (625,33%)``, ``12 poin persen``, ``2,5 poin``, ``2 dokumen (50,00%)``."""
    text = _amount(ind, amount)
    if "poin" not in text and before > 0:
        text += f" ({fmt.persen(div(amount * HUNDRED, before))})"
    return text


def _estimate(ind: Indicator, value: Decimal) -> str:
    """A projected value in running text; whole counts stay whole (``58,8`` -> ``59 orang``)."""
    if ind.jenis in WHOLE:
        return _text(ind, round2(value, 0))
    return _text(ind, value)


def _estimated_gap(ind: Indicator, target: Decimal, projected: Decimal) -> str:
    """What a projection falls short by: ``53 orang``, ``12,5 poin persen``."""
    if ind.jenis in WHOLE:
        return _amount(ind, target - round2(projected, 0))
    return _amount(ind, target - projected)


def _share(ind: Indicator, value: Decimal, percent: Decimal | None, tail: str = "") -> str:
    """`` atau 52,10%`` + ``tail`` after a value; nothing where the value says it already (a
    percentage against a target of 100%: ``80,77% atau 80,77%``)."""
    if percent is None:
        return ""
    if ind.jenis is Jenis.PERSEN and round2(value) == round2(percent):
        return ""
    return f" atau {fmt.persen(percent)}{tail}"


def _rank(ind: Indicator, value: Value) -> int:
    assert isinstance(value, Predikat)
    return predikat_rank(ind, value)


def _trend(summary: Summary, r: IndicatorResult) -> tuple[Case, str] | None:
    """This quarter against the previous one; None in the first quarter (said once)."""
    ind, period = r.indicator, summary.period
    label = period.label
    previous = period.previous()
    if previous is None:
        return None
    before = _value(summary, ind.iku, previous.quarter)
    now = r.realisasi
    prev_label = previous.label
    if before is None or now is None:
        case = Case.TREND_MISSING
        missing = prev_label if before is None else label
        return case, say(case, missing=missing, label=label, previous=prev_label)
    shown = {
        "label": label,
        "previous": prev_label,
        "now": _text(ind, now),
        "before": _text(ind, before),
    }
    if isinstance(now, Predikat) or isinstance(before, Predikat):
        step = _rank(ind, now) - _rank(ind, before)
        case = (
            Case.TREND_PREDIKAT_SAME
            if step == 0
            else Case.TREND_PREDIKAT_UP
            if step > 0
            else Case.TREND_PREDIKAT_DOWN
        )
        return case, say(case, **shown)
    if now == before == 0:
        case = Case.TREND_ZERO
        return case, say(case, **shown)
    if round2(now) == round2(before):
        case = Case.TREND_SAME
        return case, say(case, **shown)
    lower = ind.polaritas is Polaritas.TURUN
    if now > before:
        case = Case.TREND_UP_LOWER_BETTER if lower else Case.TREND_UP
    else:
        case = Case.TREND_DOWN_LOWER_BETTER if lower else Case.TREND_DOWN
    return case, say(case, change=_change(ind, abs(now - before), before), **shown)


def _quarter(summary: Summary, r: IndicatorResult) -> tuple[Case, str] | None:
    """The quarter against its own target; None when the agreement has annual targets only."""
    ind, label = r.indicator, summary.period.label
    target, now = r.target_triwulan, r.realisasi
    if target is None:
        return None
    shown = {"label": label, "target": _text(ind, target), "now": _text(ind, now)}
    met = meets(ind, now, target)
    if now is None:
        case = Case.QUARTER_UNMEASURED
    elif ind.is_predikat:
        case = Case.QUARTER_PREDIKAT_MET if met else Case.QUARTER_PREDIKAT_MISSED
    elif isinstance(target, Rentang):
        case = Case.QUARTER_MET_RANGE if met else Case.QUARTER_MISSED_RANGE
    elif isinstance(target, Decimal) and target == 0:
        if now == 0 and plan(ind) is not None:
            return None  # nothing planned, nothing done: the plan's sentence says it
        case = Case.QUARTER_NO_TARGET
    elif ind.polaritas is Polaritas.TURUN:
        assert isinstance(now, Decimal) and isinstance(target, Decimal)
        case = Case.QUARTER_MET_LOWER_BETTER if now <= target else Case.QUARTER_MISSED_LOWER_BETTER
    else:
        assert isinstance(now, Decimal) and isinstance(target, Decimal)
        case = Case.QUARTER_MET if now >= target else Case.QUARTER_MISSED
        if now == 0:
            case = Case.QUARTER_NOTHING
        shown["share"] = _share(ind, now, capaian(ind, now, target), " dari target triwulan")
    return case, say(case, **shown)


def _accumulates(ind: Indicator) -> bool:
    return ind.kumulasi is Kumulasi.JUMLAH and not ind.is_predikat


def plan(ind: Indicator) -> tuple[Decimal, Decimal, Decimal, Decimal] | None:
    """The quarterly plan of an indicator that adds up over the year (higher is better): its
    quarterly targets, when each is a number and together they make the annual target; else
    None (annual targets only, ranges, lower is better, or a plan that does not add up)."""
    targets = ind.target_triwulan
    if not _accumulates(ind) or ind.polaritas is not Polaritas.NAIK or targets is None:
        return None
    numbers = [t for t in targets if isinstance(t, Decimal)]
    if len(numbers) != 4 or not isinstance(ind.target, Decimal):
        return None
    if sum(numbers, Decimal(0)) != ind.target:
        return None
    return numbers[0], numbers[1], numbers[2], numbers[3]


def _the_year(summary: Summary, r: IndicatorResult) -> tuple[Case, str]:
    """The annual report: the year's realisation against its target, in the year's words (no
    quarter, no "to date", nothing still to come)."""
    ind, year = r.indicator, summary.period.year
    ytd, target = r.realisasi_kumulatif, ind.target
    shown = {
        "year": year,
        "target": _text(ind, target),
        "ytd": _text(ind, ytd),
        "percent": fmt.persen(r.capaian_kumulatif),
        "share": "",
    }
    if r.tidak_terukur is TidakTerukur.TARGET_NOL:
        case = Case.YEAR_ZERO_TARGET
    elif ytd is None or r.capaian_kumulatif is None:
        case = Case.YEAR_UNMEASURED
    elif ind.is_predikat:
        case = Case.YEAR_PREDIKAT
    elif isinstance(target, Rentang):
        case = Case.YEAR_RANGE
    elif ind.polaritas is Polaritas.TURUN:
        case = Case.YEAR_LOWER_BETTER_ZERO if target == 0 else Case.YEAR_LOWER_BETTER
    elif not _accumulates(ind):
        # the last quarter's value is the year's own; a mean or a pooled ratio says so
        case = Case.YEAR_STANDING if ind.kumulasi is Kumulasi.TERAKHIR else Case.YEAR_STANDING_RULE
        shown["rule"] = ind.kumulasi.label
        if isinstance(ytd, Decimal) and _share(ind, ytd, r.capaian_kumulatif):
            shown["share"] = f" (capaian {fmt.persen(r.capaian_kumulatif)})"
    else:
        assert isinstance(ytd, Decimal) and isinstance(target, Decimal)
        if ytd == 0:
            case = Case.YEAR_ZERO
        elif ytd < target:
            case = Case.YEAR_BELOW
            shown["gap"] = _amount(ind, target - ytd)
        elif ytd == target:
            case = Case.YEAR_MET
        else:
            case = Case.YEAR_EXCEEDED
            shown["surplus"] = _amount(ind, ytd - target)
        shown["share"] = _share(ind, ytd, r.capaian_kumulatif)
    return case, say(case, **shown)


def _year_to_date(summary: Summary, r: IndicatorResult) -> tuple[Case, str]:
    ind, period = r.indicator, summary.period
    if period.annual:
        return _the_year(summary, r)
    ytd, target = r.realisasi_kumulatif, ind.target
    shown = {
        "label": period.label,
        "target": _text(ind, target),
        "ytd": _text(ind, ytd),
        "percent": fmt.persen(r.capaian_kumulatif),
        "share": "",
    }
    if r.tidak_terukur is TidakTerukur.TARGET_NOL:
        case = Case.YTD_ZERO_TARGET
    elif ytd is None or r.capaian_kumulatif is None:
        case = Case.YTD_UNMEASURED
    elif ind.is_predikat:
        case = Case.YTD_PREDIKAT_MET if r.capaian_kumulatif >= HUNDRED else Case.YTD_PREDIKAT_MISSED
    elif isinstance(target, Rentang):
        case = Case.YTD_RANGE
    elif ind.polaritas is Polaritas.TURUN:
        case = Case.YTD_LOWER_BETTER_ZERO if target == 0 else Case.YTD_LOWER_BETTER
    elif not _accumulates(ind):
        case = Case.YTD_STANDING
        shown["rule"] = ind.kumulasi.label
        if isinstance(ytd, Decimal) and _share(ind, ytd, r.capaian_kumulatif):
            shown["share"] = f" (capaian {fmt.persen(r.capaian_kumulatif)})"
    else:
        assert isinstance(ytd, Decimal) and isinstance(target, Decimal)
        shown["gap"] = _amount(ind, target - ytd)
        shown["share"] = _share(ind, ytd, r.capaian_kumulatif)
        if ytd == 0:
            case = Case.YTD_ZERO
        elif ytd < target:
            case = Case.YTD_BELOW
        else:
            case = Case.YTD_MET if ytd == target else Case.YTD_EXCEEDED
    return case, say(case, **shown)


def _skipped(summary: Summary, r: IndicatorResult) -> tuple[Case, str] | None:
    """Quarters to date without a realisation, when the year to date is formed without them.
    A year says so only where a quarter really is missing from its figure: not for a unit that
    reports once a year (Triwulan I-III all left out), nor for the last quarter's value."""
    if not r.belum_diukur or r.realisasi_kumulatif is None:
        return None
    if summary.period.annual and (
        r.indicator.kumulasi is Kumulasi.TERAKHIR or {1, 2, 3} <= set(r.belum_diukur)
    ):
        return None
    names = [quarter_label(q) for q in r.belum_diukur]
    quarters = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " dan " + names[-1]
    return Case.YTD_SKIPPED_QUARTERS, say(Case.YTD_SKIPPED_QUARTERS, quarters=quarters)


Outlook = tuple[list[tuple[Case, str]], Attention, Projection | None, Decimal | None]


def _schedule(ind: Indicator, quarters: tuple[Decimal, ...], after: int) -> str:
    """``Triwulan III (40 orang)``, ``Triwulan III (20 orang) dan Triwulan IV (20 orang)``: the
    quarters after ``after`` that the plan gives a target."""
    parts = [
        f"{quarter_label(q)} ({_text(ind, t)})"
        for q, t in enumerate(quarters, start=1)
        if q > after and t > 0
    ]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " dan " + parts[-1]


def _against_plan(
    summary: Summary, r: IndicatorResult, quarters: tuple[Decimal, Decimal, Decimal, Decimal]
) -> Outlook:
    """Behind, on or ahead of the quarterly plan, and the year end at the ratio to it."""
    ind, period = r.indicator, summary.period
    ytd, target = r.realisasi_kumulatif, ind.target
    assert isinstance(ytd, Decimal) and isinstance(target, Decimal)
    planned = sum(quarters[: period.quarter], Decimal(0))
    shown: dict[str, object] = {
        "label": period.label,
        "target": _text(ind, target),
        "planned": _text(ind, planned),
        "schedule": _schedule(ind, quarters, period.quarter),
        "remaining": 4 - period.quarter,
    }
    if planned == 0:
        case = Case.PLAN_NOT_STARTED if ytd == 0 else Case.PLAN_EARLY
        return [(case, say(case, **shown))], Attention.NONE, None, planned
    if ytd == 0:
        case = Case.PLAN_BEHIND_NOTHING
        return [(case, say(case, **shown))], Attention.MISS, None, planned
    projected = div(ytd * target, planned)
    projected_capaian = capaian(ind, projected, target)
    behind = ytd < planned
    projection = Projection(None, projected, projected_capaian, not behind, planned)
    shown |= {
        "projected": _estimate(ind, projected),
        "share": _share(ind, projected, projected_capaian),
        "gap": _estimated_gap(ind, target, projected),
        "shortfall": _amount(ind, planned - ytd),
        "surplus": _amount(ind, ytd - planned),
    }
    case = Case.PLAN_BEHIND if behind else Case.PLAN_AHEAD if ytd > planned else Case.PLAN_ON
    why = Attention.MISS if behind else Attention.NONE
    return [(case, say(case, **shown))], why, projection, planned


def _at_pace(summary: Summary, r: IndicatorResult) -> Outlook:
    """The year end at the average pace so far (annual targets only, a plan that does not add
    up, lower is better, or a range)."""
    ind, period = r.indicator, summary.period
    ytd, target = r.realisasi_kumulatif, ind.target
    assert isinstance(ytd, Decimal)
    shown: dict[str, object] = {
        "label": period.label,
        "target": _text(ind, target),
        "ytd": _text(ind, ytd),
        "n": period.quarter,
        "remaining": 4 - period.quarter,
    }
    if ind.polaritas is Polaritas.NAIK and ytd == 0:
        case = Case.PROJECTION_ZERO
        return [(case, say(case, **shown))], Attention.MISS, None, None
    pace = div(ytd, Decimal(period.quarter))
    projected = pace * 4
    projected_capaian = capaian(ind, projected, target)
    reaches = projected_capaian is not None and projected_capaian >= HUNDRED
    shown |= {
        "pace": _text(ind, pace),
        "projected": _estimate(ind, projected),
        "share": _share(ind, projected, projected_capaian),
    }
    if isinstance(target, Decimal):
        shown["gap"] = _estimated_gap(ind, target, projected)
    if ind.polaritas is Polaritas.TURUN:
        case = (
            Case.PROJECTION_REACHED_LOWER_BETTER if reaches else Case.PROJECTION_MISSED_LOWER_BETTER
        )
    elif isinstance(target, Rentang):
        case = Case.PROJECTION_REACHED if reaches else Case.PROJECTION_OUTSIDE_RANGE
    else:
        case = Case.PROJECTION_REACHED if reaches else Case.PROJECTION_MISSED
    projection = Projection(pace, projected, projected_capaian, reaches)
    return (
        [(case, say(case, **shown))],
        Attention.NONE if reaches else Attention.MISS,
        projection,
        None,
    )


def _outlook(summary: Summary, r: IndicatorResult) -> Outlook:
    """The year-end outlook sentences, why the IKU needs attention, the projection, and the
    target to date by the plan where it was judged against one."""
    ind, period = r.indicator, summary.period
    ytd, target = r.realisasi_kumulatif, ind.target
    label = period.label
    if period.annual:  # the year's sentence said the figures; here only its result
        if r.tidak_terukur is TidakTerukur.TARGET_NOL:
            return [], Attention.NONE, None, None
        if ytd is None or r.capaian_kumulatif is None:
            return [], Attention.UNMEASURED, None, None
        if r.capaian_kumulatif >= HUNDRED:
            case = Case.YEAR_RESULT_MET
            return [(case, say(case, year=period.year))], Attention.NONE, None, None
        return [], Attention.MISSED, None, None  # the flag says it: "Perlu perhatian: ..."
    if r.tidak_terukur is TidakTerukur.TARGET_NOL:
        case = Case.NOT_PROJECTED_ZERO_TARGET
        return [(case, say(case))], Attention.NONE, None, None
    if ytd is None or r.capaian_kumulatif is None:
        if period.quarter == 4:
            case = Case.FINAL_UNMEASURED
            text = say(case, label=label, target=_text(ind, target))
        else:
            case = Case.NOT_PROJECTED_UNMEASURED
            text = say(case, label=label)
        return [(case, text)], Attention.UNMEASURED, None, None
    met = r.capaian_kumulatif >= HUNDRED
    if period.quarter == 4:  # the year is closed: its result, no projection
        case = Case.FINAL_MET if met else Case.FINAL_MISSED
        text = say(
            case,
            label=label,
            target=_text(ind, target),
            ytd=_text(ind, ytd),
            percent=fmt.persen(r.capaian_kumulatif),
        )
        return [(case, text)], Attention.NONE if met else Attention.MISSED, None, None
    miss = Attention.NONE if met else Attention.MISS
    if ind.is_predikat:  # not projected: said once, in the method
        return [], miss, None, None
    assert isinstance(ytd, Decimal)
    if not _accumulates(ind):
        case = Case.STANDING_HOLDS_MET if met else Case.STANDING_HOLDS_MISSED
        out = [(case, say(case, target=_text(ind, target)))]
        mean = ind.kumulasi is Kumulasi.RATA_RATA and ind.polaritas is Polaritas.NAIK
        if mean and not met and isinstance(target, Decimal) and not r.belum_diukur:
            out.append(_mean_needed(summary, r))
        return out, miss, None, None
    if ind.polaritas is Polaritas.NAIK and isinstance(target, Decimal) and ytd >= target:
        return [], Attention.NONE, None, None  # said by the year to date
    quarters = plan(ind)
    if quarters is not None:
        return _against_plan(summary, r, quarters)
    return _at_pace(summary, r)


def _mean_needed(summary: Summary, r: IndicatorResult) -> tuple[Case, str]:
    """The mean the remaining quarters need for a mean to reach the annual target."""
    ind, period = r.indicator, summary.period
    assert isinstance(ind.target, Decimal)
    so_far = [_value(summary, ind.iku, q) for q in period.quarters_to_date]
    total = sum((v for v in so_far if isinstance(v, Decimal)), Decimal(0))
    remaining = 4 - period.quarter
    needed = div(ind.target * 4 - total, Decimal(remaining))
    rest = (
        quarter_label(4)
        if remaining == 1
        else f"{quarter_label(period.quarter + 1)} s.d. {roman(4)}"
    )
    out_of_reach = ind.jenis is Jenis.PERSEN and needed > HUNDRED
    case = Case.MEAN_OUT_OF_REACH if out_of_reach else Case.MEAN_NEEDED
    return case, say(case, target=_text(ind, ind.target), rest=rest, needed=_text(ind, needed))


def indicator_analysis(summary: Summary, iku: int) -> IndicatorAnalysis:
    """The generated sentences of one IKU: trend, quarterly target (when the agreement sets
    one), year to date, the quarters not measured, outlook."""
    r = summary.result(iku)
    annual = summary.period.annual  # the year: no quarter against quarter, no quarterly target
    trend = None if annual else _trend(summary, r)
    previous = summary.period.previous()
    if (
        trend is not None
        and trend[0] is Case.TREND_MISSING
        and previous is not None
        and previous.quarter in r.belum_diukur
        and r.realisasi_kumulatif is not None
    ):
        trend = None  # the quarters not measured are named once, below
    ytd: tuple[Case, str] | None = _year_to_date(summary, r)
    said = trend is not None and trend[0] is Case.TREND_ZERO
    if said and ytd is not None and ytd[0] is Case.YTD_ZERO:
        ytd = None  # "belum ada realisasi" once is enough
    quarter = None if annual else _quarter(summary, r)
    parts = [p for p in (trend, quarter, ytd, _skipped(summary, r)) if p is not None]
    outlook, why, projection, planned = _outlook(summary, r)
    parts += outlook
    return IndicatorAnalysis(
        iku=iku,
        sentences=[text for _, text in parts],
        attention=why,
        cases=tuple(case for case, _ in parts),
        projection=projection,
        planned=planned,
    )


def method(summary: Summary) -> list[str]:
    """How the analysis of every IKU is made, said once before them (only what applies)."""
    period = summary.period
    label = period.label
    indicators = [r.indicator for r in summary.indicators]
    points = [say(Case.METHOD_POINTS)] if any(i.jenis is Jenis.PERSEN for i in indicators) else []
    if period.annual:
        return [say(Case.METHOD_YEAR, year=period.year), *points]
    quarterly = any(i.has_quarterly_targets for i in indicators)
    planned = any(plan(i) is not None for i in indicators)
    lines = [
        say(
            Case.METHOD_INTRO,
            label=label,
            quarterly=" dan dengan target triwulan" if quarterly else "",
        )
    ]
    if period.previous() is None:
        lines.append(say(Case.METHOD_FIRST_QUARTER, label=label, year=period.year))
    if period.quarter < 4:
        if planned:
            lines.append(say(Case.METHOD_PLAN, label=label))
        if any(_accumulates(i) and plan(i) is None for i in indicators):
            others = " selain yang dinilai terhadap rencana" if planned else ""
            lines.append(say(Case.METHOD_PACE, label=label, n=period.quarter, others=others))
        standing = [i for i in indicators if not _accumulates(i) and not i.is_predikat]
        rules = list(dict.fromkeys(i.kumulasi.label for i in standing))
        if rules:
            joined = ", ".join(rules[:-1]) + (" atau " if len(rules) > 1 else "") + rules[-1]
            lines.append(say(Case.METHOD_STANDING, label=label, rules=joined))
        if any(i.is_predikat for i in indicators):
            lines.append(say(Case.METHOD_PREDIKAT))
    return lines + points


def attention(summary: Summary) -> list[int]:
    """The IKU whose outlook (or year's result) misses the annual target, or whose capaian
    cannot be measured yet."""
    return [r.iku for r in summary.indicators if indicator_analysis(summary, r.iku).needs_attention]


def attention_note(iku: int, why: Attention = Attention.MISS, period: Period | None = None) -> str:
    """The flag shown with the analysis of an IKU that needs attention (of a year: its target
    missed, or its capaian not measurable)."""
    if period is not None and period.annual:
        case = (
            Case.NEEDS_ATTENTION_YEAR_UNMEASURED
            if why is Attention.UNMEASURED
            else Case.NEEDS_ATTENTION_YEAR
        )
        return say(case, iku=iku, year=period.year)
    case = {
        Attention.UNMEASURED: Case.NEEDS_ATTENTION_UNMEASURED,
        Attention.MISSED: Case.NEEDS_ATTENTION_FINAL,
    }.get(why, Case.NEEDS_ATTENTION)
    return say(case, iku=iku)


def attention_items(summary: Summary) -> list[str]:
    """One line per IKU needing attention: its name, capaian to date and projection (or, with
    nothing realised yet, what the plan asked for)."""
    lines = []
    label = summary.period.label
    for r in summary.indicators:
        a = indicator_analysis(summary, r.iku)
        if not a.needs_attention:
            continue
        shown = {"iku": r.iku, "name": r.indicator.nama, "label": label}
        if summary.period.annual:
            nothing = r.realisasi_kumulatif == 0 and _accumulates(r.indicator)
            case = Case.ATTENTION_ITEM_YEAR_NOTHING if nothing else Case.ATTENTION_ITEM_YEAR
            cumulative = fmt.persen(r.capaian_kumulatif)
            lines.append(say(case, year=summary.period.year, cumulative=cumulative, **shown))
        elif a.projection is not None and a.projection.capaian is not None:
            lines.append(
                say(
                    Case.ATTENTION_ITEM_PROJECTED,
                    cumulative=fmt.persen(r.capaian_kumulatif),
                    projected=fmt.persen(a.projection.capaian),
                    **shown,
                )
            )
        elif r.realisasi_kumulatif == 0 and _accumulates(r.indicator):
            extra = (
                f", sedangkan target s.d. {label} menurut rencana triwulanan "
                f"{_text(r.indicator, a.planned)}"
                if a.planned
                else ""
            )
            lines.append(say(Case.ATTENTION_ITEM_NOTHING, plan=extra, **shown))
        else:
            lines.append(
                say(Case.ATTENTION_ITEM, cumulative=fmt.persen(r.capaian_kumulatif), **shown)
            )
    return lines


def _ikus(numbers: list[int]) -> str:
    """``IKU 2, 4 dan 9``."""
    text = ", ".join(map(str, numbers[:-1]))
    return "IKU " + (f"{text} dan {numbers[-1]}" if text else str(numbers[-1]))


def _direction(summary: Summary, r: IndicatorResult) -> int | None:
    """+1 when performance improved on the previous quarter, -1 when it worsened, 0 same."""
    previous = summary.period.previous()
    if previous is None:
        return None
    before, now = _value(summary, r.iku, previous.quarter), r.realisasi
    if before is None or now is None:
        return None
    if isinstance(now, Predikat) or isinstance(before, Predikat):
        step = _rank(r.indicator, now) - _rank(r.indicator, before)
    else:
        step = (round2(now) > round2(before)) - (round2(now) < round2(before))
        if r.indicator.polaritas is Polaritas.TURUN:
            step = -step
    return (step > 0) - (step < 0)


def overview(summary: Summary) -> list[str]:
    """A short overview for the Ringkasan Eksekutif: mean and counts, trend, outlook (at
    Triwulan IV: the year's result)."""
    period = summary.period
    unmeasured = summary.count(Kelas.TIDAK_TERUKUR)
    lines = [
        say(
            Case.OVERVIEW_THE_YEAR_MEAN if period.annual else Case.OVERVIEW_MEAN,
            label=period.label,
            year=period.year,
            mean=fmt.persen(summary.capaian_rata_rata),
            n=len(summary.indicators),
            above=summary.count(Kelas.DI_ATAS),
            at=summary.count(Kelas.TEPAT),
            below=summary.count(Kelas.DI_BAWAH),
            unmeasured=f", {unmeasured} tidak terukur" if unmeasured else "",
        )
    ]
    if summary.capped:
        cap = summary.batas_capaian
        assert cap is not None
        lines.append(
            say(Case.OVERVIEW_CAP, cap=fmt.persen(cap, 0), ikus=_ikus(list(summary.capped)))
        )
    previous = None if period.annual else period.previous()
    directions = [d for r in summary.indicators if (d := _direction(summary, r)) is not None]
    if previous is not None and directions:
        lines.append(
            say(
                Case.OVERVIEW_TREND,
                previous=previous.label,
                better=directions.count(1),
                worse=directions.count(-1),
                same=directions.count(0),
            )
        )
    results = {r.iku: indicator_analysis(summary, r.iku).attention for r in summary.indicators}
    missing = [i for i, why in results.items() if why in (Attention.MISS, Attention.MISSED)]
    unknown = [i for i, why in results.items() if why is Attention.UNMEASURED]
    judged = [i for i in results if i not in unknown and summary.result(i).tidak_terukur is None]
    if period.annual:
        lines += _the_years_result(period.year, judged, missing, unknown)
        return lines
    if period.quarter == 4:
        if not judged:
            pass
        elif not missing:
            lines.append(say(Case.OVERVIEW_YEAR_ALL_MET, n=len(judged)))
        elif len(missing) == len(judged):
            lines.append(say(Case.OVERVIEW_YEAR_MISSED, count=len(missing)))
        else:
            lines.append(
                say(
                    Case.OVERVIEW_YEAR_MET,
                    met=len(judged) - len(missing),
                    count=len(missing),
                    ikus=_ikus(missing),
                )
            )
    elif missing:
        lines.append(
            say(
                Case.OVERVIEW_ATTENTION,
                on_track=len(judged) - len(missing),
                count=len(missing),
                ikus=_ikus(missing),
            )
        )
    elif judged:
        lines.append(say(Case.OVERVIEW_ALL_ON_TRACK, n=len(judged)))
    if unknown:
        lines.append(say(Case.OVERVIEW_UNMEASURED, ikus=_ikus(unknown)))
    return lines


def _the_years_result(
    year: int, judged: list[int], missing: list[int], unknown: list[int]
) -> list[str]:
    """The overview of a year: how many IKU reached the year's target, and which could not be
    measured."""
    lines = []
    if not judged:
        pass
    elif not missing:
        lines.append(say(Case.OVERVIEW_THE_YEAR_ALL_MET, n=len(judged), year=year))
    elif len(missing) == len(judged):
        lines.append(say(Case.OVERVIEW_THE_YEAR_MISSED, count=len(missing), year=year))
    else:
        met = len(judged) - len(missing)
        case = Case.OVERVIEW_THE_YEAR_MET
        lines.append(say(case, met=met, count=len(missing), ikus=_ikus(missing), year=year))
    if unknown:
        lines.append(say(Case.OVERVIEW_THE_YEAR_UNMEASURED, ikus=_ikus(unknown), year=year))
    return lines


def _upto(period: Period) -> dict[str, str]:
    """How the budget sentences name the period: the year to date of a quarter (its mean
    cumulative capaian), or the year."""
    basis = "rata-rata capaian IKU" if period.annual else "rata-rata capaian kumulatif IKU"
    return {"upto": fmt.sampai(period), "basis": basis}


def _goal_name(group: BudgetGroup) -> str:
    numbers = [str(s) for s in group.sasaran]
    joined = ", ".join(numbers[:-1])
    return "Sasaran Strategis " + (f"{joined} dan {numbers[-1]}" if joined else numbers[-1])


def efficiency_index(performance: Decimal | None, absorption: Decimal | None) -> Decimal | None:
    """Mean cumulative capaian ÷ budget absorption (both in %); None when either is missing
    or nothing was spent."""
    if performance is None or absorption is None or absorption == 0:
        return None
    return div(performance, absorption)


def _budget_statement(summary: Summary, group: BudgetGroup) -> str:
    label = summary.period.label
    performance = overall(
        [r.capaian_kumulatif for r in summary.indicators if r.indicator.sasaran in group.sasaran]
    )
    shown = {
        "goal": _goal_name(group),
        "label": label,
        **_upto(summary.period),
        "ceiling": fmt.rupiah(group.pagu),
        "spent": fmt.rupiah(group.realisasi),
        "absorption": fmt.persen(group.persen),
        "performance": fmt.persen(performance),
    }
    index = efficiency_index(performance, group.persen)
    if group.pagu == 0:
        case = Case.BUDGET_NO_CEILING
    elif group.realisasi is None or group.persen is None:
        case = Case.BUDGET_NOT_REPORTED
    elif group.persen == 0:
        case = (
            Case.BUDGET_NO_SPENDING
            if performance is not None and performance > 0
            else Case.BUDGET_NOTHING_YET
        )
    elif performance is None:
        case = Case.BUDGET_UNMEASURED
    elif index is None or not performance:
        case = Case.BUDGET_NO_RESULT
    else:
        shown["index"] = fmt.angka(index, 2)
        rounded = round2(index)
        case = (
            Case.BUDGET_EVEN
            if rounded == 1
            else Case.BUDGET_AHEAD
            if rounded > 1
            else Case.BUDGET_BEHIND
        )
    return say(case, **shown)


def budget_statements(summary: Summary) -> list[str]:
    """The method, one statement per strategic goal (or goals sharing a budget line), and
    the unit's total; nothing when the data hold no budget."""
    label = summary.period.label
    if summary.pagu is None and not summary.budget_groups:
        return []
    lines = [say(Case.BUDGET_METHOD, label=label, **_upto(summary.period))]
    lines += [_budget_statement(summary, g) for g in summary.budget_groups]
    if summary.pagu is None:
        return lines
    index = efficiency_index(summary.capaian_rata_rata, summary.persen_anggaran)
    lines.append(
        say(
            Case.BUDGET_TOTAL,
            label=label,
            **_upto(summary.period),
            absorption=fmt.persen(summary.persen_anggaran),
            spent=fmt.rupiah(summary.realisasi_anggaran),
            ceiling=fmt.rupiah(summary.pagu),
            performance=fmt.persen(summary.capaian_rata_rata),
            index=f" (indeks efisiensi {fmt.angka(index, 2)})" if index is not None else "",
        )
    )
    return lines


__all__ = [
    "WORDING",
    "Attention",
    "Case",
    "IndicatorAnalysis",
    "Projection",
    "attention",
    "attention_items",
    "attention_note",
    "budget_statements",
    "efficiency_index",
    "indicator_analysis",
    "method",
    "overview",
    "plan",
]
