"""The Vega-Lite version of the report's charts: of the runtime bundle the page inlines and of
the static renditions (matches Altair's schema). Its own module, free of imports, so that
``lkj build`` can name the cached bundle without loading the report's building blocks."""

VL_VERSION = "6.4"
