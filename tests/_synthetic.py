"""Synthetic readouts for the archive tests (and the writer subprocesses they start).

Kept free of pytest and Hypothesis so that a killed writer process starts fast.
"""

from __future__ import annotations

import random

from statement_tracker import Document

WORDS = (
    "the two leaders discussed trade security climate peace stability cooperation "
    "dialogue partnership communication region strait policy responsible competition "
    "lines open agreed continue meeting talks economic global"
).split()


def synthetic_doc(
    i: int, *, series: str | None = None, url: str | None = None, extra: str = ""
) -> Document:
    """A synthetic readout: a few sentences drawn from a fixed vocabulary, seeded by ``i``."""
    # random.Random(-1) is random.Random(1) (an int seed's sign is dropped): a negative i
    # gets a seed of its own, so that synthetic_doc(-1) is not synthetic_doc(1)'s text.
    rng = random.Random(i if i >= 0 else f"negative {i}")
    paras = []
    for _ in range(3):
        sents = [" ".join(rng.choice(WORDS) for _ in range(9)).capitalize() + "." for _ in range(3)]
        paras.append(" ".join(sents))
    text = "\n\n".join(paras) + extra
    return Document.from_text(
        text, source=f"doc{i}.txt", date=f"2024-01-{1 + i % 28:02d}", url=url, series=series
    )
