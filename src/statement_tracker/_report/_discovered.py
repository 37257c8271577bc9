"""The report's "Discovered formulas" section (``report --discover``).

The formulas :func:`~statement_tracker.discover` found without a watchlist, best
ranked first: their wording, how many readouts use them, first and last date,
their other wordings; each links to its row and section when it was tracked
too (the report tracks them under ids ``D01``, ``D02`` …).

>>> from statement_tracker import Document, discover
>>> docs = [Document.from_text(f"On day {i} we reaffirmed the one China policy.", source=str(i),
...                            date=f"2024-0{i + 1}-01") for i in range(4)]
>>> html = discovered_section(discover(docs), {"one China policy": "f-1"})
>>> 'href="#f-1"' in html, "2024-01-01 – 2024-04-01" in html
(True, True)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from .._discover import Formula, formulas_to_watchlist
from .._track import Phrase
from ._evidence import clip, esc, iso, plural

__all__ = ["discovered_phrases", "discovered_section"]


def discovered_phrases(formulas: Sequence[Formula], start: int = 1) -> list[Phrase]:
    """The discovered formulas as phrases with ids ``D01``, ``D02`` … (apart from ``F01``).

    >>> from statement_tracker import Formula, FormulaVariant
    >>> v = FormulaVariant(text="one China policy", norm="one china policy", documents=4)
    >>> f = Formula(text=v.text, norm=v.norm, variants=(v,), documents=4, doc_ids=("a",),
    ...             first_date=None, last_date=None, score=4.0)
    >>> [(p.id, p.text) for p in discovered_phrases([f])]
    [('D01', 'one China policy')]
    >>> discovered_phrases([])
    []
    """
    if not formulas:
        return []
    return [
        attrs.evolve(p, id=f"D{k:02d}")
        for k, p in enumerate(formulas_to_watchlist(formulas), start)
    ]


def discovered_section(formulas: Sequence[Formula], anchors: Mapping[str, str]) -> str:
    """The section listing ``formulas``; ``anchors`` maps a formula's text to its section id."""
    rows = []
    for k, f in enumerate(formulas, 1):
        at = anchors.get(f.text)
        name = f'<a href="#{at}">{esc(f.text)}</a>' if at else esc(f.text)
        others = [v.text for v in f.variants if v.norm != f.norm]
        more = f" … (+{len(others) - 5})" if len(others) > 5 else ""
        when = (
            iso(f.first_date)
            if f.first_date == f.last_date
            else (f"{iso(f.first_date)} – {iso(f.last_date)}")
        )
        rows.append(
            f'<tr><td class="num">{k}</td><td>{name}</td><td class="num">{f.documents}</td>'
            f'<td class="num">{when}</td>'
            f"<td>{esc('; '.join(clip(o, 80) for o in others[:5]) + more) or '—'}</td></tr>"
        )
    body = (
        '<table class="data"><thead><tr><th scope="col">#</th><th scope="col">Formula</th>'
        '<th scope="col">Readouts</th><th scope="col">First – last</th>'
        '<th scope="col">Other wordings</th></tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table>"
        if rows
        else '<p class="muted">No formula recurs often enough to be discovered.</p>'
    )
    return (
        '<section id="discovered" aria-labelledby="h-disc"><h2 id="h-disc">Discovered formulas'
        f'</h2><p class="meta">The top {plural(len(formulas), "formula")} found without a '
        "watchlist (<code>statement-tracker discover</code>), tracked in the timeline as "
        f"D01, D02 …</p>{body}</section>"
    )
