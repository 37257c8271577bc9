"""Fingerprint of the text rules that decide word tokens and term keys.

The archive stores token positions computed under these rules; when the
fingerprint changes (a new version normalises or folds differently) its word
index must be rebuilt (:meth:`statement_tracker.Archive.reindex`).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from . import _fold, _normalise

__all__ = ["index_rules"]


def index_rules() -> str:
    """Fingerprint of the rules that decide tokens and keys (normalisation, folding).

    >>> len(index_rules())
    16
    """
    digest = hashlib.sha256()
    for module in (_normalise, _fold):
        digest.update(Path(module.__file__ or "").read_bytes())
    digest.update(_fold._RU_MODE.encode())  # Russian keys differ by mode
    return digest.hexdigest()[:16]
