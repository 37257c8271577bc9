"""Tests for discover() and formulas_to_watchlist()."""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
from pathlib import Path

import pytest

from statement_tracker import Document, UsageError
from statement_tracker._cli._sources import register
from statement_tracker._discover._discover import Formula, discover, formulas_to_watchlist
from statement_tracker._ingest._load import load
from statement_tracker._track._watchlist import Watchlist

_TOPICS = ["trade", "climate", "health", "energy", "shipping", "fisheries", "tourism", "science"]


def _series(n: int = 6) -> list[Document]:
    """Readouts with recurring formulas, a header and a sign-off on every one."""
    docs = []
    for i in range(n):
        topic, other = _TOPICS[i % len(_TOPICS)], _TOPICS[(i + 3) % len(_TOPICS)]
        body = [
            "OFFICE OF THE PRESS SECRETARY FOR IMMEDIATE RELEASE",
            f"The leaders met on day {i} to discuss {topic} and {other}.",
            f"They talked about {topic} first. Then {other} came up at length.",
            "Both sides agreed to maintain open lines of communication.",
            "They will manage competition responsibly."
            if i % 2
            else "They will responsibly manage the competition between the two countries.",
            f"On {topic}, the President reaffirmed our one China policy."
            if i % 2
            else f"The President said the one China policy has not changed, and {other} matters.",
            f"They also discussed {other} and the weather in the capital on day {i}.",
            f"The delegations went on to visit the {topic} museum and a {other} exhibition.",
            "Contact the press office for more information on this release.",
        ]
        docs.append(
            Document.from_text(
                "\n\n".join(body), source=f"r{i}.txt", date=f"202{i // 3}-0{1 + i % 3}-10"
            )
        )
    return docs


@pytest.fixture(scope="module")
def formulas() -> list[Formula]:
    """Formulas discovered in the small series."""
    return discover(_series(), min_docs=3)


def _texts(formulas: list[Formula]) -> list[str]:
    return [f.norm for f in formulas]


def test_recurring_formulas_are_found(formulas: list[Formula]) -> None:
    """Formulas in at least min_docs documents are reported."""
    norms = " | ".join(_texts(formulas))
    assert "open lines of communication" in norms
    assert "one china policy" in norms


def test_header_and_sign_off_are_boilerplate(formulas: list[Formula]) -> None:
    """What sits at the very start or end of every document is not a formula."""
    norms = " | ".join(_texts(formulas))
    assert "press secretary" not in norms
    assert "immediate release" not in norms
    assert "press office" not in norms


def test_variants_are_merged(formulas: list[Formula]) -> None:
    """Word order and endings aside, the same content words make one formula."""
    managing = [f for f in formulas if any("manag" in v.norm for v in f.variants)]
    assert 1 == len(managing)
    assert 2 <= len(managing[0].variants)
    assert 6 == managing[0].documents


def test_formula_carries_dates_and_documents(formulas: list[Formula]) -> None:
    """Each formula knows its documents, first and last date, and variant counts."""
    f = next(f for f in formulas if "open lines of communication" in f.norm)
    assert 6 == f.documents == len(f.doc_ids)
    assert (2020, 2021) == (f.first_date.year, f.last_date.year)  # type: ignore[union-attr]
    assert f.variants[0].documents == 6


def test_ranked_by_documents_and_time(formulas: list[Formula]) -> None:
    """Scores never increase down the list."""
    scores = [f.score for f in formulas]
    assert sorted(scores, reverse=True) == scores


def test_formula_length_bounds(formulas: list[Formula]) -> None:
    """Formulas have two to fifteen words."""
    assert all(2 <= len(f.norm.split()) <= 15 for f in formulas)


def test_min_docs_prunes() -> None:
    """Nothing recurs in more documents than there are."""
    assert [] == discover(_series(4), min_docs=5)


def test_exact_duplicates_count_once() -> None:
    """Two copies of one document are one document."""
    doc = Document.from_text("We reaffirmed the one China policy today.", source="a")
    twins = [doc, doc, Document.from_text("We reaffirmed the one China policy.", source="b")]
    assert [] == discover(twins, min_docs=3)


def test_series_filter() -> None:
    """With series=..., other documents are ignored."""
    docs = [
        Document.from_text(
            f"Talks on the one China policy took place on day {i}.",
            source=str(i),
            series="a" if i < 3 else "b",
        )
        for i in range(5)
    ]
    assert [3] == [f.documents for f in discover(docs, series="a")]


@pytest.mark.parametrize("kw", [{"min_docs": 1}, {"top": 0}, {"max_share": 0.0}])
def test_bad_arguments(kw: dict[str, float]) -> None:
    """Arguments out of range are usage errors."""
    with pytest.raises(UsageError):
        discover(_series(), **kw)  # type: ignore[arg-type]


def test_watchlist_round_trip(formulas: list[Formula]) -> None:
    """Formulas become a watchlist whose TOML reads back the same."""
    wl = formulas_to_watchlist(formulas)
    assert len(formulas) == len(wl)
    assert Watchlist.from_toml(wl.to_toml()) == wl


def test_fixture_readouts(fixtures_dir: Path) -> None:
    """The fixture series' recurring formulas come first."""
    docs = [load(p) for p in sorted((fixtures_dir / "readouts").iterdir())]
    top = [f.norm for f in discover(docs, top=10)]
    assert "comprehensive strategic partnership" == top[0]
    assert any("no forbidden areas of cooperation" in t for t in top)


def test_cli_discover_saves_watchlist(
    fixtures_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``discover PATHS --format jsonl --save-watchlist FILE`` writes both."""
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    out = tmp_path / "wl.toml"
    args = parser.parse_args(
        [
            "discover",
            str(fixtures_dir / "readouts"),
            "--top",
            "5",
            "--format",
            "jsonl",
            "--save-watchlist",
            str(out),
        ]
    )
    assert 0 == args.func(args)
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert 5 == len(rows) == len(Watchlist.from_file(out))
    assert {"text", "variants", "documents", "first_date", "last_date", "doc_ids"} <= set(rows[0])


def test_cli_discover_unknown_series_names_the_series_there(
    fixtures_dir: Path, tmp_path: Path
) -> None:
    """A series no document has is an error naming the series the documents have."""
    for i in range(3):
        (tmp_path / f"r{i}.md").write_text(
            f"---\ntitle: R{i}\nseries: leaders\n---\nWe reaffirmed the one China policy {i}.\n",
            encoding="utf-8",
        )
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    args = parser.parse_args(["discover", str(tmp_path), "--series", "language"])
    with pytest.raises(UsageError, match=r"no series 'language' among the 3 .*'leaders'"):
        args.func(args)
    args = parser.parse_args(["discover", str(tmp_path), "--series", "leaders"])
    assert 0 == args.func(args)


def test_shared_corpus_slice(shared_corpus: Path) -> None:
    """On 150 real releases, no top formula is a date or the site chrome."""
    path = shared_corpus / "whitehouse" / "briefings.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in itertools.islice(fh, 150)]
    docs = [Document.from_text(r["text"], source=r["id"], date=r["date"]) for r in rows]
    found = discover(docs, top=30)
    assert found
    for f in found:
        assert "###" not in f.text
        assert len(f.norm.split()) >= 2
        assert f.documents >= 3


def test_chinese_formulas() -> None:
    """CJK text: each character is a word; the formula is shown without spaces."""
    docs = [
        Document.from_text(f"双方同意保持沟通渠道畅通。第{i}次会谈在北京举行。", source=str(i))
        for i in range(4)
    ]
    assert "双方同意保持沟通渠道畅通" == discover(docs)[0].text


def test_formula_also_in_the_opening_is_not_a_header() -> None:
    """A phrase at the start of documents that also occurs in their body is kept."""

    def body(i: int) -> str:
        return " ".join(f"Paragraph {k} covers topic {k * 7 + i}." for k in range(8))

    verbs = ["keep", "want", "need"]
    ends = ["with partners", "for peace", "at all times"]

    docs = [
        Document.from_text(
            f"Open lines of communication matter. {body(i)} They {verbs[i]} open lines of "
            f"communication {ends[i]}. {body(i + 100)}",
            source=str(i),
        )
        for i in range(3)
    ]
    assert "open lines of communication" in [f.norm for f in discover(docs)]
