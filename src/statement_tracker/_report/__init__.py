"""Report: diffs, timelines and comparisons rendered for people (terminal text, HTML).

Owns the diff redline (``_diff_report``), the timeline page and its evidence
snippets (``_timeline_report``, ``_evidence``) and the comparison page
(``_comparison_html``).

May import: every stage below it (:mod:`~statement_tracker._text` …
:mod:`~statement_tracker._archive`) and :mod:`statement_tracker._errors`.
"""

from ._comparison_html import render_comparison_html
from ._diff_report import render_diff_html, render_diff_text
from ._timeline_report import render_timeline_html

__all__ = [
    "render_comparison_html",
    "render_diff_html",
    "render_diff_text",
    "render_timeline_html",
]
