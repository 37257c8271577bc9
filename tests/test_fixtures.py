"""The bundled fixtures agree with their labels (fixtures/labels/fixture_truth.json)."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from statement_tracker import normalise

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TRUTH: dict[str, Any] = json.loads((FIXTURES / "labels" / "fixture_truth.json").read_text("utf-8"))
READOUTS = sorted(TRUTH["readouts"])


def _raw_text(name: str) -> str:
    """Decode a readout with the encoding its label names."""
    label = TRUTH["readouts"][name]
    return (FIXTURES / "readouts" / name).read_bytes().decode(label["encoding"])


def _flat(text: str) -> str:
    """Collapse whitespace, so hard-wrapped lines compare with joined ones."""
    return " ".join(text.split())


def test_series_has_at_least_twelve_readouts() -> None:
    """The series is at least 12 readouts, and every file on disk is labelled."""
    on_disk = sorted(p.name for p in (FIXTURES / "readouts").iterdir())
    assert on_disk == READOUTS
    assert len(READOUTS) >= 12


@pytest.mark.parametrize("name", READOUTS)
def test_file_name_prefix_is_the_labelled_date(name: str) -> None:
    """Every readout file name starts with its publication date."""
    assert TRUTH["readouts"][name]["date"] == name[:10]


@pytest.mark.parametrize("name", READOUTS)
def test_readout_decodes_only_with_its_encoding(name: str) -> None:
    """Non-UTF-8 readouts really are in their labelled encoding (not valid UTF-8)."""
    label = TRUTH["readouts"][name]
    data = (FIXTURES / "readouts" / name).read_bytes()
    data.decode(label["encoding"])
    if label["encoding"] != "utf-8":
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")


@pytest.mark.parametrize("name", READOUTS)
def test_labelled_sentences_are_in_the_raw_file(name: str) -> None:
    """Each must_contain sentence is in the file once markup and wrapping are ignored."""
    raw = _raw_text(name)
    # Drop tags (and tooltip spans with their content) so HTML compares as text.
    raw = re.sub(r'<span class="person-tooltip".*?</span></span>', "", raw)
    raw = re.sub(r"<[^>]+>", "", raw).replace("&nbsp;", "\u00a0").replace("&amp;", "&")
    raw = raw.replace("\\", "")
    for sentence in TRUTH["readouts"][name]["must_contain"]:
        assert _flat(sentence) in _flat(raw)


def test_watchlist_toml_and_txt_list_the_same_phrases() -> None:
    """watchlist.txt holds the texts of watchlist.toml, in order."""
    toml = tomllib.loads((FIXTURES / "watchlist.toml").read_text("utf-8"))
    texts = [p["text"] for p in toml["phrase"]]
    lines = (FIXTURES / "watchlist.txt").read_text("utf-8").splitlines()
    assert texts == lines
    assert 8 <= len(texts) <= 12
    assert sorted(TRUTH["watchlist"]) == [p["id"] for p in toml["phrase"]]


@pytest.mark.parametrize("pid", sorted(TRUTH["watchlist"]))
def test_labelled_occurrences_normalise_to_their_form(pid: str) -> None:
    """Surface-level occurrences equal their watchlist form after normalisation."""
    for hits in TRUTH["watchlist"][pid]["present"].values():
        for hit in hits:
            if hit["level"] != "surface":
                continue

            def key(s: str) -> str:
                return re.sub(r"[\W_]+", " ", normalise(s).text).strip()

            assert key(hit["form"]) == key(hit["text"])


@pytest.mark.parametrize("pid", sorted(TRUTH["watchlist"]))
def test_present_and_absent_partition_the_series(pid: str) -> None:
    """Every readout is either present or absent for every formula."""
    label = TRUTH["watchlist"][pid]
    assert READOUTS == sorted([*label["present"], *label["absent"]])


def test_commentary_quotes_are_in_their_articles() -> None:
    """Every labelled quotation is verbatim in its article."""
    for quote in TRUTH["commentary"]:
        article = (FIXTURES / "commentary" / quote["article"]).read_text("utf-8")
        assert quote["quote_in_file"] in article


def test_commentary_has_quotes_in_no_readout() -> None:
    """Both articles quote something that no readout contains."""
    unsourced = {q["article"] for q in TRUTH["commentary"] if q["source"] is None}
    assert 2 == len(unsourced)


@pytest.mark.parametrize("name", sorted(TRUTH["publishers"]))
def test_publisher_page_contains_its_labelled_chrome(name: str) -> None:
    """The chrome a publisher page must lose is really on the page."""
    raw = (FIXTURES / "publishers" / name).read_text("utf-8")
    flat = _flat(re.sub(r"<[^>]+>", " ", raw))
    missing = [s for s in TRUTH["publishers"][name]["must_not_contain"] if _flat(s) not in flat]
    assert ["wind.Vice-President"] == missing or [] == missing
