"""Tables for people and for pandas: the building blocks of the results' displays.

The result types of the stages above (occurrences, timelines, diffs,
comparisons, discovered formulas) show themselves three ways:

* ``repr()``: one short line;
* ``str()``: a plain-text table, at most ``limit`` rows and cells at most
  ``width`` characters, each cut *said* under the table ("… 12 more
  occurrences", "3 cells cut to 48 characters");
* ``_repr_html_()``: the same as a compact HTML table for Jupyter, every text
  from a document escaped, at most ``limit`` rows with "… N more" stated.

``to_dataframe()`` builds a :class:`pandas.DataFrame` through :func:`data_frame`,
which imports pandas only when called (pandas is the optional extra
``statement-tracker[pandas]``); without it, a :class:`MissingDependencyError`
names the extra.  This module knows nothing of the records: the stages build
the rows.

>>> print(text_table(["id", "text"], [["P01", "no limits"]], total=3, noun="formula"))
id   text
---  ---------
P01  no limits
… 2 more formulas not shown
"""

from __future__ import annotations

import datetime as _dt
import html
import importlib
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

from .._errors import MissingDependencyError

__all__ = [
    "HTML_STYLE",
    "Html",
    "bins",
    "columns",
    "cut",
    "data_frame",
    "html_block",
    "html_table",
    "iso",
    "more",
    "plural",
    "text_table",
]

#: Rows shown by ``str()`` and ``_repr_html_()`` unless a type says otherwise.
LIMIT = 20
#: Characters per cell in ``str()`` tables.
WIDTH = 48

#: One small style sheet, scoped to the ``st-repr`` block (as pandas scopes its own).
HTML_STYLE = (
    "<style>"
    ".st-repr table{border-collapse:collapse;font-size:12px;margin:2px 0}"
    ".st-repr th,.st-repr td{padding:1px 6px;text-align:left;vertical-align:top;"
    "border-bottom:1px solid #ddd}"
    ".st-repr td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
    ".st-repr td.s{white-space:nowrap}"
    ".st-repr .st-more{color:#666;font-style:italic;margin:2px 0}"
    ".st-repr .st-strip{white-space:nowrap;line-height:10px}"
    ".st-repr .st-strip span{display:inline-block;height:10px;width:4px}"
    ".st-repr .st-p{background:#1b7837}.st-repr .st-v{background:#e08214}"
    ".st-repr .st-a{background:#e5e5e5}"
    ".st-repr del{background:#fdd;text-decoration:line-through}"
    ".st-repr ins{background:#dfd;text-decoration:none}"
    ".st-repr .st-rm{background:#fee}.st-repr .st-add{background:#efe}"
    "</style>"
)


class Html(str):
    """Text that is already HTML: :func:`html_table` puts it in a cell unescaped.

    >>> html_table(["a"], [[Html("<b>x</b>")], ["<b>"]], total=2, noun="row").split("<tr>")[2:]
    ['<td><b>x</b></td></tr>', '<td class="s">&lt;b&gt;</td></tr></table>']
    """

    __slots__ = ()


def plural(n: int, noun: str) -> str:
    """``n`` and the noun, with an ``s`` when ``n`` is not 1.

    >>> plural(1, "readout"), plural(3, "formula")
    ('1 readout', '3 formulas')
    """
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


def more(n: int, noun: str) -> str:
    """What a table leaves out, in words.

    >>> more(1, "row"), more(1200, "occurrence")
    ('1 more row not shown', '1,200 more occurrences not shown')
    """
    return f"{n:,} more {noun if n == 1 else noun + 's'} not shown"


def iso(value: _dt.date | None, missing: str = "") -> str:
    """A date as ``YYYY-MM-DD`` (``missing`` for ``None``).

    >>> iso(_dt.date(2024, 3, 1)), iso(None, "undated")
    ('2024-03-01', 'undated')
    """
    return value.isoformat() if value is not None else missing


def cut(text: str, width: int, *, left: bool = False) -> tuple[str, bool]:
    """``text`` on one line, at most ``width`` characters (cut with ``…``), and whether it was cut.

    ``left`` cuts the start instead (for paths, whose end says most).

    >>> cut("a  long\\ntext", 6), cut("corpus/2024/a.txt", 8, left=True)
    (('a lon…', True), ('…4/a.txt', True))
    """
    one = " ".join(text.split())
    if columns(one) <= width:
        return one, False
    kept: list[str] = []
    room = width - 1
    for ch in reversed(one) if left else one:
        room -= _WIDE.get(unicodedata.east_asian_width(ch), 1)
        if room < 0:
            break
        kept.append(ch)
    if left:
        return "…" + "".join(reversed(kept)), True
    return "".join(kept) + "…", True


#: Terminal columns per character by East Asian width: wide and fullwidth take two.
_WIDE = {"W": 2, "F": 2}


def columns(text: str) -> int:
    """How many terminal columns ``text`` takes (CJK characters take two).

    >>> columns("abc"), columns("合作")
    (3, 4)
    """
    if text.isascii():
        return len(text)
    return sum(_WIDE.get(unicodedata.east_asian_width(ch), 1) for ch in text)


_cols = columns


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def text_table(
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    total: int,
    noun: str,
    width: int = WIDTH,
    paths: Collection[int] = (),
) -> str:
    """An aligned plain-text table; cuts and rows left out are stated under it.

    Args:
        headers: The column headers.
        rows: The rows shown (already limited by the caller).
        total: How many rows there are in all (``total - len(rows)`` are "more").
        noun: What a row is (``"occurrence"``), for the "more" line.
        width: Characters per cell at most.
        paths: Indexes of the columns cut at the start rather than the end.

    >>> print(text_table(["kind", "text"], [["added", "x" * 10]], total=1, noun="change", width=5))
    kind   text
    -----  -----
    added  xxxx…
    1 cell cut to 5 characters (…)
    """
    cells: list[list[str]] = []
    cuts = 0
    for row in rows:
        out = []
        for i, value in enumerate(row):
            text, was_cut = cut(_cell(value), width, left=i in paths)
            cuts += was_cut
            out.append(text)
        cells.append(out)
    widths = [max([_cols(c), *(_cols(r[i]) for r in cells)]) for i, c in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        padded = (v + " " * (w - _cols(v)) for v, w in zip(values, widths, strict=True))
        return "  ".join(padded).rstrip()

    lines = [line(headers), line(["-" * w for w in widths])]
    lines += [line(r) for r in cells]
    if total > len(cells):
        lines.append(f"… {more(total - len(cells), noun)}")
    if cuts:
        lines.append(f"{plural(cuts, 'cell')} cut to {width} characters (…)")
    return "\n".join(lines)


def _td(value: object) -> str:
    if isinstance(value, Html):
        return f"<td>{value}</td>"
    numeric = isinstance(value, int | float) and not isinstance(value, bool)
    text = _cell(value)
    cls = ' class="n"' if numeric else ' class="s"' if 0 < len(text) <= 24 else ""
    return f"<td{cls}>{html.escape(text)}</td>"


def html_table(
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    total: int,
    noun: str,
) -> str:
    """A compact HTML table, every cell escaped unless it is :class:`Html`.

    Rows left out (``total`` minus those given) are stated in a line under the table.

    >>> for part in html_table(["id"], [["<P1>"]], total=3, noun="formula").split("</table>"):
    ...     print(part)
    <table><tr><th>id</th></tr><tr><td class="s">&lt;P1&gt;</td></tr>
    <p class="st-more">… 2 more formulas not shown</p>
    """
    shown = 0
    parts = ["<table><tr>", *(f"<th>{html.escape(c)}</th>" for c in columns), "</tr>"]
    for row in rows:
        parts.append("<tr>" + "".join(_td(v) for v in row) + "</tr>")
        shown += 1
    parts.append("</table>")
    if total > shown:
        parts.append(f'<p class="st-more">… {more(total - shown, noun)}</p>')
    return "".join(parts)


def html_block(title: str, *parts: str) -> str:
    """One ``_repr_html_`` block: the style sheet, an escaped title line, then ``parts`` (HTML).

    >>> html_block("Diff <a> → <b>", "<table></table>").split("</style>")[1]
    '<p><b>Diff &lt;a&gt; → &lt;b&gt;</b></p><table></table></div>'
    """
    head = f"<p><b>{html.escape(title)}</b></p>"
    return f'<div class="st-repr">{HTML_STYLE}{head}{"".join(parts)}</div>'


def bins(n: int, most: int) -> list[tuple[int, int]]:
    """``range(n)`` cut into at most ``most`` consecutive ``(start, stop)`` pieces of equal size.

    >>> bins(5, 10), bins(5, 2)
    ([(0, 1), (1, 2), (2, 3), (3, 4), (4, 5)], [(0, 3), (3, 5)])
    """
    if n <= 0:
        return []
    size = -(-n // most)
    return [(i, min(i + size, n)) for i in range(0, n, size)]


def data_frame(
    rows: Iterable[Mapping[str, Any]],
    columns: Sequence[str],
    *,
    dates: Sequence[str] = (),
    what: str = "to_dataframe()",
) -> Any:
    """A :class:`pandas.DataFrame` of ``rows`` with exactly ``columns``, in that order.

    The ``dates`` columns become ``datetime64`` (missing dates are ``NaT``).
    pandas is imported here, on first use only.

    Raises:
        MissingDependencyError: pandas is not installed (the message names the
            ``statement-tracker[pandas]`` extra).

    >>> df = data_frame([{"a": 1, "d": _dt.date(2024, 1, 2)}], ["a", "d"], dates=["d"])
    >>> list(df.columns), str(df["d"].dtype)
    (['a', 'd'], 'datetime64[ns]')
    """
    try:  # by name: pandas is optional (and its type stubs too)
        pd = importlib.import_module("pandas")
    except ImportError as exc:
        raise MissingDependencyError(
            None,
            f"{what} needs pandas, which is not installed: pip install 'statement-tracker[pandas]'",
        ) from exc
    frame = pd.DataFrame.from_records(list(rows), columns=list(columns))
    for name in dates:
        frame[name] = pd.to_datetime(frame[name]).astype("datetime64[ns]")
    return frame
