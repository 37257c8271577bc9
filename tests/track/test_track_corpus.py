"""Tracking on real documents (slow): run with ``python3 -m pytest -m corpus_full``.

The speed-ups of the scan (issue 16) must not change a single occurrence.  A digest of
every occurrence :func:`track` finds (its whole :meth:`Occurrence.to_dict`: spans,
scores, methods, differing words) on samples of every shared corpus, with several
watchlists and match levels, equals the digest taken before those speed-ups; and
``track(..., workers=2)`` finds the same occurrences as one process.

``python3 tests/track/test_track_corpus.py`` prints the digests of this checkout.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from pathlib import Path

import pytest

import statement_tracker as st

pytestmark = pytest.mark.corpus_full

ROOT = Path(__file__).resolve().parents[2]

# (folder or file under the shared corpus, first N documents (0: all), every n-th of them)
SAMPLES = {
    "whitehouse": ("whitehouse/briefings.jsonl.gz", 4000, 1),
    "kremlin": ("kremlin/html", 0, 4),
    "kremlin-ru": ("kremlin-ru/txt", 0, 1),
    "cctv-zh": ("cctv-zh/md", 0, 5),
    "ungd": ("ungd/txt", 0, 2),
}

# (watchlist file, match levels): the 100 policy formulas of the tracking benchmark, the
# multilingual fixture watchlist (aliases in Russian and Chinese), and the Russian and
# Chinese formulas of the evaluation sets
WATCHLISTS = (
    ("benchmarks/watchlist_100.txt", ("close", "exact")),
    ("fixtures/watchlist.toml", ("close", "exact", "loose")),
    ("fixtures/labels/eval/ru.toml", ("close",)),
    ("fixtures/labels/eval/zh.toml", ("close",)),
)

# Taken at the revision before the scan's speed-ups of issue 16 (ec653ad).  A change here
# is a change of results: update a digest only for a change meant to happen.
DIGESTS = {
    "whitehouse": "9cf40c03eb5005898ac4dccad7dfc1f7e55655ab1ebdf96c2c6e98cd547adab4",
    "kremlin": "c43c24d9794be656cf8f80a3b74508f6ea80e716edd3eedbdcf3491d2b17832d",
    "kremlin-ru": "901ef1414d4b4ca5347808da0d2673a34f5ede486953bf2574865ccd47d9b129",
    "cctv-zh": "15f526df41001933c0780cf0c546fd0f2b64d69a8c1503bbc80d1ca97f267746",
    "ungd": "810aec147e7ffffba843778a16dcf9c76f46b19839804615dd52e9b398f4463b",
}


def _sample(corpus: Path, name: str) -> list[st.Document]:
    where, first, step = SAMPLES[name]
    docs = st.load_corpus(corpus / where, errors="skip")
    return list(itertools.islice(docs, 0, first or None, step))


def _digest(docs: list[st.Document], *, workers: int = 1) -> tuple[str, int]:
    """The digest of every occurrence of every watchlist at every level, and their count."""
    h = hashlib.sha256()
    count = 0
    for path, levels in WATCHLISTS:
        watchlist = st.Watchlist.from_file(ROOT / path)
        for level in levels:
            h.update(f"{path} {level}\n".encode())
            for o in st.track(docs, watchlist, match=level, workers=workers):
                h.update(json.dumps(o.to_dict(), sort_keys=True, ensure_ascii=False).encode())
                h.update(b"\n")
                count += 1
    return h.hexdigest(), count


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_occurrences_unchanged(shared_corpus: Path, name: str) -> None:
    """Every occurrence on a corpus sample is the one found before the speed-ups."""
    digest, _ = _digest(_sample(shared_corpus, name))
    assert DIGESTS[name] == digest


def test_workers_same_occurrences(shared_corpus: Path) -> None:
    """Two processes find the same occurrences as one, on real documents."""
    docs = _sample(shared_corpus, "whitehouse")[:1000]
    watchlist = st.Watchlist.from_file(ROOT / "benchmarks/watchlist_100.txt")
    assert st.track(docs, watchlist) == st.track(docs, watchlist, workers=2)


if __name__ == "__main__":  # print this checkout's digests
    import os
    import time

    shared = Path(os.environ.get("STATEMENT_TRACKER_SHARED", ROOT.parent / "shared")) / "corpus"
    for corpus_name in sorted(SAMPLES):
        t0 = time.process_time()
        sample = _sample(shared, corpus_name)
        found = _digest(sample)
        print(
            f'    "{corpus_name}": "{found[0]}",  # {len(sample)} documents, '
            f"{found[1]} occurrences, {time.process_time() - t0:.0f} s"
        )
