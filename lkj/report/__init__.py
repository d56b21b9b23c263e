"""The report's building blocks: typed functions that turn lkj's figures into blocks.

Notebooks call these and display the returned blocks (:mod:`lkj.report.blocks`: one
dataclass per kind, each rendered by its Jinja2 template with autoescape, see
:mod:`lkj.report.html`); the build merges the executed chapters and :mod:`lkj.report.assemble`
numbers tables and charts, letters sections and fills the lists.
"""
