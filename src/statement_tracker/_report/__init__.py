"""Report: diffs, timelines and comparisons rendered for people (terminal text, HTML).

Owns the diff redline (``_diff_report``), the timeline page (``_timeline_report``)
with its time axis (``_axis``), timeline table (``_strip``), evidence and sections
(``_evidence``, ``_sections``), redlines of consecutive readouts (``_redlines``)
and discovered formulas (``_discovered``), and the comparison page
(``_comparison_html``).

May import: every stage below it (:mod:`~statement_tracker._text` …
:mod:`~statement_tracker._archive`) and :mod:`statement_tracker._errors`.
"""

from ._comparison_html import render_comparison_html
from ._diff_report import describe_side, render_diff_html, render_diff_text
from ._discovered import discovered_phrases
from ._redlines import consecutive_pairs
from ._timeline_report import render_timeline_html

__all__ = [
    "consecutive_pairs",
    "describe_side",
    "discovered_phrases",
    "render_comparison_html",
    "render_diff_html",
    "render_diff_text",
    "render_timeline_html",
]
