"""Tests for the HTML timeline report (``_report/_timeline_report``, ``_evidence``, ``report``)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import attrs
import lxml.html
import pytest
from hypothesis import given
from hypothesis import strategies as st

from statement_tracker import (
    Document,
    Occurrence,
    Timeline,
    Watchlist,
    diff,
    load_corpus,
    render_timeline_html,
    timeline,
    track,
)
from statement_tracker._cli import main
from strategies import track_phrases, track_texts

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
READOUTS = FIXTURES / "readouts"
WATCHLIST = FIXTURES / "watchlist.toml"

Corpus = tuple[list[Document], Watchlist, list[Occurrence], Timeline]


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    """The fixture series tracked with the fixture watchlist."""
    docs = list(load_corpus([READOUTS]))
    wl = Watchlist.from_file(WATCHLIST)
    occ = track(docs, wl)
    return docs, wl, occ, timeline(occ, docs, watchlist=wl)


@pytest.fixture(scope="module")
def page(corpus: Corpus) -> str:
    """The report of the fixture series, with the redline of its last two English readouts."""
    docs, wl, occ, tl = corpus
    dated = sorted((d for d in docs if d.language == "en" and d.date), key=lambda d: d.date)  # type: ignore[arg-type, return-value]
    return render_timeline_html(tl, occ, docs, diff=diff(dated[-2], dated[-1], watchlist=wl))


def _tree(page: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(page)


def _docs(texts: list[str], **kw: object) -> list[Document]:
    return [
        Document.from_text(
            t, source=f"r{i}.txt", date=f"{2023 + i // 12}-{i % 12 + 1:02d}-01", **kw
        )  # type: ignore[arg-type]
        for i, t in enumerate(texts)
    ]


def test_page_loads_nothing_from_outside(page: str) -> None:
    """No element has a src, no stylesheet link or script, no url() in CSS; hrefs are links."""
    root = _tree(page)
    assert [] == root.xpath("//*[@src] | //script | //link | //iframe | //object | //embed")
    external = [a for a in root.xpath("//*[@href]") if not a.get("href").startswith("#")]
    assert all(a.tag == "a" and a.get("href").startswith("https://") for a in external)
    assert None is re.search(
        r"url\(|@import|https?://[^\s<]*\.(css|js)", "".join(root.xpath("//style/text()"))
    )


def test_page_parses_with_one_heading_one_main(page: str) -> None:
    """The page parses, has one h1, a main landmark, and every section heading."""
    root = _tree(page)
    assert 1 == len(root.xpath("//h1"))
    assert 1 == len(root.xpath("//main"))
    headings = [h.text_content() for h in root.xpath("//h2")]
    assert ["Drop-outs", "Timeline", "Formulas", "Documents"] == headings[:4]


def test_header_counts_documents_and_formulas(page: str) -> None:
    """The header states the corpus size, the date range and the watchlist size."""
    meta = _tree(page).xpath("//header/p")[0].text_content()
    assert "15 documents" in meta
    assert "2016-03-14 – 2025-06-03" in meta
    assert "12 formulas" in meta


def test_every_formula_has_a_row_and_a_section(page: str, corpus: Corpus) -> None:
    """Each watchlist formula has a strip row and a section headed with its id and text."""
    root = _tree(page)
    _, wl, _, _ = corpus
    rows = [th.text_content() for th in root.xpath("//table[@class='tl']/tbody//th[@scope='row']")]
    sections = [h.text_content() for h in root.xpath("//section[@class='formula']/h3")]
    for p in wl:
        assert any(r.startswith(f"{p.id} {p.text}") for r in rows), p.id
        assert f"{p.id}: “{p.text}”" in sections


def test_timeline_has_one_mark_per_readout(page: str, corpus: Corpus) -> None:
    """15 readouts fit: each row has one mark per readout whose class and hover text agree."""
    _, _, _, tl = corpus
    root = _tree(page)
    note = root.xpath("//p[@class='tlnote']")[0].text_content()
    assert "one mark per readout at its date" in note
    word = {"present": "exact", "variant": "variant", "absent": "absent"}
    for f, row in zip(tl.formulas, root.xpath("//table[@class='tl']/tbody/tr"), strict=True):
        marks = row.xpath(".//*[local-name()='rect'][contains(@class, 'm ')]")
        assert len(f.statuses) == len(marks)
        for s, rect in zip(f.statuses, marks, strict=True):
            kind = rect.get("class").split()[1]
            tip = rect.xpath("*[local-name()='title']")[0].text_content()
            assert word[s.status] == kind.replace("dropped", "absent")
            assert s.date.isoformat() in tip  # type: ignore[union-attr]
            said = tip.splitlines()[-1].startswith("“")  # the sentence, when present
            assert said == (s.status != "absent")


def test_marks_stand_at_their_dates(page: str, corpus: Corpus) -> None:
    """The x of each mark grows with its date: 2016-03-14 left of 2017-05-22, by ~1.2 years."""
    root = _tree(page)
    row = root.xpath("//table[@class='tl']/tbody/tr")[0]
    xs = [float(r.get("x")) for r in row.xpath(".//*[local-name()='rect'][contains(@class,'m ')]")]
    assert xs == sorted(xs)
    dates = [s.date for s in corpus[3].formulas[0].statuses]
    per_day = (xs[-1] - xs[0]) / (dates[-1] - dates[0]).days  # type: ignore[operator]
    assert abs((xs[1] - xs[0]) - per_day * (dates[1] - dates[0]).days) < 1  # type: ignore[operator]


def test_dropped_marks_are_red(page: str, corpus: Corpus) -> None:
    """P06's last four readouts are drawn as absent after the drop-out, on a red band."""
    row = _tree(page).xpath("//table[@class='tl']/tbody/tr[th[starts-with(., 'P06')]]")[0]
    assert "drop" == row.get("class")
    classes = [r.get("class") for r in row.xpath(".//*[local-name()='rect']")]
    assert "dz" in classes
    assert ["m dropped"] * 4 == [c for c in classes if c.startswith("m ")][-4:]


def test_known_dropout_is_called_out(page: str) -> None:
    """P06 drops out after 2022-09-08 (fixture labels): the drop-out box says so."""
    truth = json.loads((FIXTURES / "labels" / "fixture_truth.json").read_text("utf-8"))
    p06 = next(d for d in truth["drop_outs"] if d["phrase_id"] == "P06")
    box = _tree(page).xpath("//section[@id='dropouts']")[0].text_content()
    expected = f"absent from the last {len(p06['absent_in'])} since {p06['absent_since']}"
    assert expected in box
    assert f"last seen {p06['last_present']}" in box


def test_every_dropout_message_is_shown(page: str, corpus: Corpus) -> None:
    """Every drop-out the timeline computes appears verbatim in the drop-out box."""
    box = _tree(page).xpath("//section[@id='dropouts']")[0].text_content()
    assert all(d.message in box for d in corpus[3].dropouts)


def test_gap_of_a_formula_that_comes_back(page: str) -> None:
    """P03 is absent from two readouts and back (fixture labels): its gap is listed."""
    section = _tree(page).xpath("//section[@class='formula'][h3[starts-with(., 'P03')]]")[0]
    assert "absent from 2 documents 2021-01-15 – 2021-09-14, then back" in section.text_content()


def test_every_document_title_is_listed(page: str, corpus: Corpus) -> None:
    """The document list has every title, date and source."""
    table = _tree(page).xpath("//section[@id='documents']//table")[0].text_content()
    sources = " ".join(_tree(page).xpath("//section[@id='documents']//td[@class='src']/@title"))
    for d in corpus[0]:
        assert d.title is not None and d.title in table
        assert d.source in sources


def test_marks_are_the_matched_text(page: str, corpus: Corpus) -> None:
    """Every occurrence has one mark, and each mark is doc.text[start:end] of its document."""
    docs = {d.doc_id: d for d in corpus[0]}
    marks = _tree(page).xpath("//section[@id='formulas']//mark")
    assert len(corpus[2]) == len(marks)
    for m in marks:
        start, end = int(m.get("data-start")), int(m.get("data-end"))
        assert docs[m.get("data-doc")].text[start:end] == m.text_content()


def test_evidence_gives_score_and_method(page: str) -> None:
    """The fuzzy wording of P02 is shown with its score, method and the form it matched."""
    section = _tree(page).xpath("//section[@class='formula'][h3[starts-with(., 'P02')]]")[0]
    assert "score 60, inserted+dropped, 2 word edits" in section.text_content()
    assert "partnership that knows no limits" in section.text_content()


def test_redline_is_embedded_in_the_page(page: str) -> None:
    """The redline is a section of the page (one html, one body), its styles scoped."""
    root = _tree(page)
    assert 1 == page.count("<body") == page.count("<html")
    assert root.xpath("//section[@id='redline']//del | //section[@id='redline']//ins")
    assert ".redline p.para" in page


def test_hostile_title_stays_text() -> None:
    """A title and text with markup are escaped: no script element, the title readable."""
    title = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    docs = _docs(["<b>No limits</b> & more.", "Other <i>thing</i>."], title=title)
    occ = track(docs, ["no limits"])
    root = _tree(render_timeline_html(timeline(occ, docs), occ, docs, title=title))
    assert [] == root.xpath("//script | //img | //i | //@onerror")
    assert title == root.xpath("//h1")[0].text_content()
    assert title in root.xpath("//section[@id='documents']")[0].text_content()


def test_undated_documents_are_counted_apart() -> None:
    """An undated readout is not on the time axis; the note and the count cell say so."""
    docs = [*_docs(["No limits.", "Other."]), Document.from_text("No limits.", source="u.txt")]
    occ = track(docs, ["no limits"])
    root = _tree(render_timeline_html(timeline(occ, docs), occ, docs))
    note = root.xpath("//p[@class='tlnote']")[0].text_content()
    assert "1 undated readout not on the axis" in note
    count = root.xpath("//table[@class='tl']/tbody/tr/td[@class='n3']")[0]
    expected = ("2/3", "in 2 of 3 readouts, 1 of 1 undated")
    assert expected == (count.text_content(), count.get("title"))


def test_all_undated_or_no_documents() -> None:
    """A corpus with no dated document, or none at all, still renders."""
    docs = [Document.from_text("No limits.", source="u.txt")]
    occ = track(docs, ["no limits"])
    root = _tree(render_timeline_html(timeline(occ, docs), occ, docs))
    assert "No dated readout" in root.xpath("//p[@class='tlnote']")[0].text_content()
    assert ["1/1"] == [td.text_content() for td in root.xpath("//tbody//td[@class='n3']")]
    assert "no dated documents" in root.xpath("//header/p")[0].text_content()
    empty = _tree(render_timeline_html(timeline([], []), [], []))
    assert "0 documents" in empty.xpath("//header/p")[0].text_content()


def test_long_series_aggregate_into_periods_with_counts() -> None:
    """With more readouts than marks, a mark is a calendar period and says how many it holds."""
    docs = _docs(["No limits.", "Other.", "Other.", "Other.", "No limits."])
    occ = track(docs, ["no limits"])
    root = _tree(render_timeline_html(timeline(occ, docs), occ, docs, max_columns=3))
    note = root.xpath("//p[@class='tlnote']")[0].text_content()
    assert "each mark is one quarter" in note
    assert "(2 quarters with readouts, 2–3 readouts each" in note
    groups = root.xpath("//table[@class='tl']/tbody/tr//*[local-name()='g']")
    tips = [g.xpath("*[local-name()='title']")[0].text_content() for g in groups]
    assert "2023 Q1: 3 readouts: 1 exact, 0 variant, 2 absent" in tips[0]
    assert "2023 Q2: 2 readouts: 1 exact, 0 variant, 1 absent\ne.g. 2023-05-01: “No" in tips[1]
    counts = root.xpath("//table[@class='tl']/thead//*[local-name()='rect']/*")
    assert ["2023 Q1: 3 readouts", "2023 Q2: 2 readouts"] == [c.text_content() for c in counts]


def test_large_corpus_lists_only_documents_with_a_formula() -> None:
    """Past max_documents, the list keeps the documents with a formula and counts the rest."""
    docs = _docs(["No limits.", "Other.", "Other.", "No limits."])
    occ = track(docs, ["no limits"])
    page = render_timeline_html(timeline(occ, docs), occ, docs, max_documents=3)
    section = _tree(page).xpath("//section[@id='documents']")[0]
    assert ["1", "4"] == [tr.xpath("td")[0].text_content() for tr in section.xpath(".//tbody/tr")]
    assert "2 documents without any formula not listed" in section.text_content()
    assert [] == [
        h for h in _tree(page).xpath("//a/@href") if h[1:] and not page.count(f'id="{h[1:]}"')
    ]


def test_only_the_longest_gaps_are_listed() -> None:
    """A formula with many gaps lists the five longest and says how many there are."""
    texts = ["No limits.", "x.", "No limits.", "x.", "x.", *(["x.", "No limits."] * 5)]
    docs = _docs(texts)
    occ = track(docs, ["no limits"])
    page = render_timeline_html(timeline(occ, docs), occ, docs)
    gaps = _tree(page).xpath("//p[@class='gaps']")[0].text_content()
    assert gaps.startswith("Gaps (the 5 longest of 6): ")
    assert "absent from 3 documents 2023-04-01 – 2023-06-01" in gaps
    assert 5 == gaps.count("then back")


def test_documents_without_text_show_the_match_alone() -> None:
    """When texts were not kept (archive, timeline --format html) the mark is the match."""
    docs = _docs(["We agreed on a new era today."])
    occ = track(docs, ["new era"])
    bare = [Document(**{**d.to_dict(), "text": "", "date": d.date}) for d in docs]
    mark = _tree(render_timeline_html(timeline(occ, bare), occ, bare)).xpath("//mark")[0]
    assert "new era" == mark.text_content()
    assert "new era" == mark.getparent().text_content()


def test_occurrences_beyond_the_limit_are_counted() -> None:
    """Past max_occurrences the rest of a formula's occurrences are counted, not listed."""
    docs = _docs(["No limits. No limits. No limits."])
    occ = track(docs, ["no limits"])
    page = render_timeline_html(timeline(occ, docs), occ, docs, max_occurrences=1)
    assert 1 == page.count("<mark")
    assert "… and 2 more occurrences" in page


@given(
    phrase=track_phrases(),
    data=st.data(),
    title=st.text(max_size=20),
)
def test_marks_match_on_random_texts(phrase: str, data: st.DataObject, title: str) -> None:
    """On random texts and titles, the page parses and every mark is doc.text[start:end]."""
    texts = [data.draw(track_texts((phrase,))) or "x" for _ in range(3)]
    docs = _docs(texts, title=title)
    occ = track(docs, [phrase])
    root = _tree(render_timeline_html(timeline(occ, docs), occ, docs))
    by_id = {d.doc_id: d for d in docs}
    marks = root.xpath("//mark")
    assert len(occ) == len(marks)
    for m in marks:
        doc = by_id[m.get("data-doc")]
        assert doc.text[int(m.get("data-start")) : int(m.get("data-end"))] == m.text_content()


def test_cli_report_writes_the_file(tmp_path: Path) -> None:
    """``report ... -o FILE --with-diff`` exits 0 and writes the page with its redline."""
    out = tmp_path / "report.html"
    args = ["report", str(READOUTS), "--watchlist", str(WATCHLIST), "-o", str(out), "--with-diff"]
    assert 0 == main(args)
    page = out.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert 'id="redline"' in page


def test_cli_report_writes_to_stdout(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    """Without -o the page goes to standard output, with --phrase and --title."""
    argv = ["report", str(READOUTS), "--phrase", "new era", "--title", "Era <1>", "--diffs", "0"]
    assert 0 == main(argv)
    page = capsysbinary.readouterr().out.decode("utf-8")
    assert "<h1>Era &lt;1&gt;</h1>" in page
    assert 'id="redline"' not in page


def test_cli_report_bad_threshold_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    """A threshold outside 0-100 is a one-line error, exit 2."""
    assert 2 == main(["report", str(READOUTS), "--phrase", "new era", "--threshold", "200"])
    assert "statement-tracker: error: --threshold" in capsys.readouterr().err


def test_cli_report_with_diff_needs_two_readouts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--with-diff on a single readout warns and still writes the page."""
    out = tmp_path / "one.html"
    one = READOUTS / "2016-03-14_corvan-vossberg-talks-castelgrad.html"
    assert 0 == main(["report", str(one), "--phrase", "new era", "--with-diff", "-o", str(out)])
    assert "warning: --with-diff" in capsys.readouterr().err
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")


def test_cli_timeline_html_format(capsys: pytest.CaptureFixture[str]) -> None:
    """``timeline --format html`` writes the same kind of page."""
    assert 0 == main(["timeline", str(READOUTS), "--phrase", "Amber Corridor", "--format", "html"])
    root = _tree(capsys.readouterr().out)
    assert "Amber Corridor" in root.xpath("//tbody/tr/th")[0].text_content()


def test_one_table_per_series(corpus: Corpus) -> None:
    """Grouped by language, each series has its own heading and strip table."""
    docs, wl, occ, _ = corpus
    page = render_timeline_html(timeline(occ, docs, series="language", watchlist=wl), occ, docs)
    root = _tree(page)
    assert ["Series en", "Series ru", "Series zh"] == [
        h.text_content() for h in root.xpath("//section[@id='timeline']/h3")
    ]
    assert 3 == len(root.xpath("//table[@class='tl']"))


def test_cli_report_from_an_archive(tmp_path: Path) -> None:
    """``report --db FILE`` reads the stored documents, texts included for the snippets."""
    db, out = tmp_path / "a.db", tmp_path / "r.html"
    assert 0 == main(["add", str(READOUTS), "--db", str(db)])
    assert 0 == main(["report", "--db", str(db), "--phrase", "Amber Corridor", "-o", str(out)])
    marks = _tree(out.read_text("utf-8")).xpath("//mark")
    assert marks
    assert all(m.getparent().text_content() != m.text_content() for m in marks)


def test_huge_title_is_shown_once_in_full() -> None:
    """A 100,000-character title is clipped in tooltips and listings, complete in the list."""
    title = "T" * 100_000
    docs = _docs(["No limits.", "Other."], title=title)
    occ = track(docs, ["no limits"])
    page = render_timeline_html(timeline(occ, docs), occ, docs)
    assert 2 == page.count(title)  # one row per document in the document list
    assert len(page) < 2 * len(title) + 60_000


def test_documents_section_counts_languages(page: str) -> None:
    """The documents section opens with the number of documents per language."""
    section = _tree(page).get_element_by_id("documents")
    assert "Languages: en 13, ru 1, zh 1" == section.find("p").text_content()


def test_languages_count_each_document_once() -> None:
    """A document listed twice counts once; an explicit language ("uk") is counted as given."""
    docs = _docs(["No limits.", "Без обмежень. No limits."])
    docs = [docs[0], docs[0], attrs.evolve(docs[1], language="uk")]
    occ = track(docs, ["no limits"])
    page = render_timeline_html(timeline(occ, docs), occ, docs)
    assert "Languages: en 1, uk 1" in page
