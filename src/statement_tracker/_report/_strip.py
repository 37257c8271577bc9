"""The timeline table of the report: formulas × time on a real time axis, as inline SVG.

One row per formula: its name (a sticky column on the left), a plot of marks on
the time axis of :mod:`._axis` (exact, variant, absent; the absences after a
drop-out in red on a red band), and first seen, last seen and the count of
readouts with the formula (sticky columns on the right).  A first row counts the
readouts per mark, so that aggregated periods show how many readouts each holds;
the caption says in words whether a mark is one readout or a period.  Every mark
has an SVG ``<title>`` (shown on hover): the date or period, the readout's title
or the counts, and the sentence with the formula.

>>> from statement_tracker import Document, timeline, track
>>> from statement_tracker._report._axis import plan_axis
>>> docs = [Document.from_text(t, source=f"{i}.txt", date=f"202{i}-01-01")
...         for i, t in enumerate(["No limits.", "No limits.", "Other."])]
>>> occ = track(docs, ["no limits"])
>>> axis = plan_axis(sorted(d.date for d in docs))
>>> html = strip_table(list(enumerate(timeline(occ, docs).formulas)), axis,
...                    [d.doc_id for d in docs], {}, {}, {})
>>> html.count('class="m exact"'), html.count('class="m dropped"')
(2, 0)
"""

from __future__ import annotations

from collections.abc import Sequence

from .._track import DocStatus, FormulaTimeline
from ._axis import WIDTH, Axis, Bin
from ._evidence import clip, esc, iso, plural

__all__ = ["STRIP_CSS", "legend", "strip_table"]

_H = 20  # row height in SVG units (= px)

STRIP_CSS = """
.tlwrap{overflow-x:auto;border:1px solid #d0d7de;border-radius:6px;margin:.4em 0 1em}
table.tl{width:100%;min-width:56em;table-layout:fixed;border-collapse:separate;border-spacing:0;
font-size:13px}
.tl th,.tl td{box-sizing:border-box;padding:1px 6px;border-bottom:1px solid #eaeef2;
background:#fff;vertical-align:middle}
.tl thead th{font-weight:normal;color:#57606a;text-align:left}
.tl .fc{position:sticky;left:0;z-index:2;width:17em;text-align:left;font-weight:normal;
overflow-wrap:anywhere;border-right:1px solid #d0d7de}
.tl .n1,.tl .n2,.tl .n3{position:sticky;z-index:2;text-align:right;white-space:nowrap;
color:#57606a}
.tl .n1{right:14em;width:7em;border-left:1px solid #d0d7de}.tl .n2{right:7em;width:7em}
.tl .n3{right:0;width:7em}.tl .n1,.tl .n2,.tl .n3{overflow:hidden;text-overflow:ellipsis}
.tl td.p,.tl th.p{padding:1px 0}.tl svg{display:block;width:100%;height:20px}
.tl tr.drop .fc{box-shadow:inset 4px 0 #cf222e}
.axis{position:relative;height:1.5em;overflow:hidden}
.axis span{position:absolute;top:0;padding-left:2px;border-left:1px solid #8c959f;
white-space:nowrap;font-size:12px;line-height:1.5em}
.axis span.minor{border-left-color:#d0d7de;color:#8c959f}
.axis span.end{transform:translateX(-100%);border-left:0;border-right:1px solid #8c959f;
padding:0 2px 0 0}
.m.exact{fill:#0969da}.m.variant{fill:#f2b33d}.m.absent{fill:#d0d7de}.m.dropped{fill:#cf222e}
g .m.absent{fill:#e6eaef}
.m.count{fill:#8c959f}.dz{fill:#ffebe9}.tk{stroke:#eaeef2;stroke-width:1}
.tlnote{color:#57606a;margin:.3em 0}
.sw{display:inline-block;width:.9em;height:.9em;vertical-align:-.1em;border-radius:2px}
.sw.exact{background:#0969da}.sw.variant{background:#f2b33d}.sw.absent{background:#d0d7de}
.sw.dropped{background:#cf222e}.sw.dz{background:#ffebe9;outline:1px solid #cf222e}
"""

_WORD = {"present": "exact", "variant": "variant", "absent": "absent"}


def _ticks(axis: Axis) -> str:
    return "".join(
        f'<line class="tk" x1="{x:.1f}" x2="{x:.1f}" y1="0" y2="{_H}"/>'
        for x, _, major in axis.ticks()
        if major
    )


def _svg(label: str, body: str, ticks: str) -> str:
    return (
        f'<svg viewBox="0 0 {WIDTH} {_H}" preserveAspectRatio="none" role="img" '
        f'aria-label="{esc(label)}">{ticks}{body}</svg>'
    )


def _span(axis: Axis, b: Bin) -> tuple[float, float]:
    x0, x1 = axis.x(b.start), axis.x(b.end)
    gap = min(0.6, (x1 - x0) * 0.15)  # a hairline between neighbouring marks
    return x0, max(0.8, x1 - x0 - gap)


def _axis_header(axis: Axis) -> str:
    spans = []
    for x, label, major in axis.ticks():
        # a label near the right edge stands left of its tick, or it would be cut
        cls = " ".join(c for c, on in (("minor", not major), ("end", x > 0.94 * WIDTH)) if on)
        attr = f' class="{cls}"' if cls else ""
        spans.append(f'<span{attr} style="left:{100 * x / WIDTH:.2f}%">{esc(label)}</span>')
    return f'<div class="axis" aria-hidden="true">{"".join(spans)}</div>'


def _counts_row(axis: Axis, doc_ids: Sequence[str], members: set[str] | None) -> str:
    counts = []
    for b in axis.bins:
        ids = doc_ids[b.first : b.first + b.count]
        counts.append(sum(1 for d in ids if members is None or d in members))
    top = max(counts, default=0)
    marks = []
    for b, n in zip(axis.bins, counts, strict=True):
        if not n:
            continue
        x, w = _span(axis, b)
        h = _H if axis.period is None else max(2.0, _H * n / top)
        tip = f"{b.label}: {plural(n, 'readout')}"
        marks.append(
            f'<rect class="m count" x="{x:.1f}" y="{_H - h:.1f}" width="{w:.1f}" height="{h:.1f}">'
            f"<title>{esc(tip)}</title></rect>"
        )
    what = "one mark per readout" if axis.period is None else f"per {axis.period}, at most {top}"
    return (
        f'<tr><th scope="row" class="fc">Readouts <span class="muted">({esc(what)})</span></th>'
        f'<td class="p">{_svg(f"Readouts {what}", "".join(marks), "")}</td>'
        f'<td class="n1"></td><td class="n2"></td><td class="n3">{sum(counts)}</td></tr>'
    )


def _mark(
    axis: Axis,
    b: Bin,
    part: list[DocStatus],
    dropped: set[str],
    head: str,
    titles: dict[str, str],
    sentences: dict[tuple[str, str], str],
    pid: str,
) -> str:
    x, w = _span(axis, b)
    if axis.period is None:
        s = part[0]
        kind = "dropped" if s.doc_id in dropped else _WORD[s.status]
        word = "absent, after the drop-out" if kind == "dropped" else kind
        found = ""
        if s.count:
            score = f", best score {s.best_score:.0f}" if s.best_score is not None else ""
            found = f" ({plural(s.count, 'occurrence')}{score})"
        said = sentences.get((pid, s.doc_id))
        tip = f"{head}\n{iso(s.date)} · {titles.get(s.doc_id, s.source)}: {word}{found}"
        tip += f"\n“{said}”" if said else ""
        y, h = (7.0, 6.0) if kind == "absent" else (2.0, 16.0) if kind == "dropped" else (0.0, _H)
        return (
            f'<rect class="m {kind}" x="{x:.1f}" y="{y}" width="{w:.1f}" height="{h}">'
            f"<title>{esc(tip)}</title></rect>"
        )
    n = {
        "exact": sum(s.status == "present" for s in part),
        "variant": sum(s.status == "variant" for s in part),
        "dropped": sum(s.status == "absent" and s.doc_id in dropped for s in part),
    }
    n["absent"] = len(part) - n["exact"] - n["variant"] - n["dropped"]
    example = next(
        (
            f"\ne.g. {iso(s.date)}: “{clip(sentences[(pid, s.doc_id)], 160)}”"
            for s in part
            if (pid, s.doc_id) in sentences
        ),
        "",
    )
    dropped_word = f", {n['dropped']} absent after the drop-out" if n["dropped"] else ""
    tip = (
        f"{head}\n{b.label}: {plural(len(part), 'readout')}: {n['exact']} exact, "
        f"{n['variant']} variant, {n['absent']} absent{dropped_word}{example}"
    )
    # a share too small to see still gets 4 units: one readout in 300 must show
    heights = {k: max(4.0, _H * n[k] / len(part)) if n[k] else 0.0 for k in n if k != "absent"}
    heights["absent"] = max(0.0, _H - sum(heights.values()))
    rects = []
    y = float(_H)
    for kind in ("exact", "variant", "dropped", "absent"):
        if heights[kind] > 0:
            h = heights[kind] * min(1.0, _H / max(_H, sum(heights.values())))
            y -= h
            rects.append(
                f'<rect class="m {kind}" x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}"/>'
            )
    return f"<g><title>{esc(tip)}</title>{''.join(rects)}</g>"


def _row(
    f: FormulaTimeline,
    anchor: str,
    axis: Axis,
    doc_ids: Sequence[str],
    titles: dict[str, str],
    sentences: dict[tuple[str, str], str],
    ticks: str,
) -> str:
    status = {s.doc_id: s for s in f.statuses}
    dropped: set[str] = set()
    if f.dropout is not None:
        dropped = {s.doc_id for s in f.statuses[len(f.statuses) - f.dropout.absent :]}
    head = f"{f.phrase_id} “{f.phrase}”"
    marks = []
    if f.dropout is not None:
        x = axis.x(f.dropout.since)
        marks.append(f'<rect class="dz" x="{x:.1f}" y="0" width="{WIDTH - x:.1f}" height="{_H}"/>')
    for b in axis.bins:
        part = [status[d] for d in doc_ids[b.first : b.first + b.count] if d in status]
        if part:
            marks.append(_mark(axis, b, part, dropped, head, titles, sentences, f.phrase_id))
    counts = f.counts()
    found = counts["present"] + counts["variant"]
    total = len(f.statuses) + len(f.undated)
    undated = sum(s.status != "absent" for s in f.undated)
    of_undated = f", {undated} of {len(f.undated)} undated" if f.undated else ""
    badge = (
        f' <span class="badge">dropped out since {f.dropout.since.isoformat()}</span>'
        if f.dropout
        else ""
    )
    label = f"{f.phrase_id} {f.phrase}: found in {found} of {total} readouts"
    return (
        f"<tr{' class=' + chr(34) + 'drop' + chr(34) if f.dropout else ''}>"
        f'<th scope="row" class="fc" title="{esc(head)}"><a href="#{anchor}">{esc(f.phrase_id)}</a>'
        f" {esc(clip(f.phrase, 90))}{badge}</th>"
        f'<td class="p">{_svg(label, "".join(marks), ticks)}</td>'
        f'<td class="n1">{iso(f.first_seen) if f.first_seen else "never"}</td>'
        f'<td class="n2">{iso(f.last_seen) if f.last_seen else "—"}</td>'
        f'<td class="n3" title="in {found} of {total} readouts{of_undated}">'
        f"{found}/{total}</td></tr>"
    )


def _note(axis: Axis, n: int, undated: int) -> str:
    if not axis.bins:
        return '<p class="tlnote">No dated readout: nothing to place on the time axis.</p>'
    first, last = axis.bins[0].label, axis.bins[-1].label
    if axis.period is None:
        how = (
            f"one mark per readout at its date ({first} – {last}); hover a mark for the "
            "readout's title and the sentence with the formula"
        )
    else:
        sizes = [b.count for b in axis.bins]
        how = (
            f"<b>readouts outnumber the room for one mark each: each mark is one {axis.period}</b> "
            f"({len(axis.bins)} {axis.period}s with readouts, {min(sizes)}–{max(sizes)} readouts "
            f"each; {first} – {last}), split by share (exact at the bottom, then variant, "
            "absent at the top); hover a mark for its counts and an example sentence"
        )
    later = f"; {plural(undated, 'undated readout')} not on the axis" if undated else ""
    return f'<p class="tlnote">{plural(n, "dated readout")}: {how}{later}.</p>'


def legend() -> str:
    """The legend of the marks (colour and words), shown once above the tables.

    >>> "drop-out" in legend()
    True
    """
    items = (
        ("exact", "exact: the formula's words, up to case, spelling and inflection"),
        ("variant", "variant: only a reworded occurrence"),
        ("absent", "absent"),
        ("dropped", "absent after a drop-out"),
        ("dz", "since the drop-out"),
    )
    spans = "".join(
        f'<span><span class="sw {k}" aria-hidden="true"></span> {esc(t)}</span>' for k, t in items
    )
    return f'<div class="legend" role="note" aria-label="Legend"><b>Legend:</b>{spans}</div>'


def strip_table(
    group: list[tuple[int, FormulaTimeline]],
    axis: Axis,
    doc_ids: Sequence[str],
    index: dict[int, str],
    titles: dict[str, str],
    sentences: dict[tuple[str, str], str],
) -> str:
    """The timeline table of one series: an axis, a readouts row and one row per formula.

    Args:
        group: ``(position in the timeline, formula)`` of one series.
        axis: The time axis (from every dated readout of the page).
        doc_ids: The dated readouts' ids in date order (what ``axis`` bins index).
        index: Anchor of each formula's section, by position.
        titles: Readout titles by id (for the hover text).
        sentences: The sentence with the formula, by ``(phrase_id, doc_id)``.
    """
    first = group[0][1]
    members = {s.doc_id for s in first.statuses} if first.series is not None else None
    ticks = _ticks(axis)
    out = [
        _note(axis, len(first.statuses), len(first.undated)),
        '<div class="tlwrap" role="region" tabindex="0" aria-label="Timeline table">'
        '<table class="tl"><thead><tr><th scope="col" class="fc">Formula</th>'
        f'<th scope="col" class="p">{_axis_header(axis)}</th>'
        '<th scope="col" class="n1">First seen</th><th scope="col" class="n2">Last seen</th>'
        '<th scope="col" class="n3">Found in</th></tr>',
        _counts_row(axis, doc_ids, members),
        "</thead><tbody>",
    ]
    for k, f in group:
        out.append(_row(f, index.get(k, ""), axis, doc_ids, titles, sentences, ticks))
    out.append("</tbody></table></div>")
    return "".join(out)
