"""The report's building blocks: typed functions that turn lkj's figures into HTML.

Notebooks call these and display the returned :class:`~lkj.report.block.Block`; the build
merges the executed chapters and :mod:`lkj.report.assemble` numbers tables and fills the lists.
"""
