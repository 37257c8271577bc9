"""Fingerprint of the text rules that decide word tokens and term keys.

The archive stores token positions computed under these rules; when the
fingerprint changes (a new version normalises or folds differently) its word
index must be rebuilt (:meth:`statement_tracker.Archive.reindex`).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

__all__ = ["index_rules", "indexed_under_these_rules"]

# Fingerprints of earlier sources whose rules are these, keyed by the current fingerprint
# (a source changed for speed only, or in what the word index does not use): word indexes
# built under them need no reindex.  Empty: English words in -ism got keys of their own
# (see the changelog), so every earlier index must be rebuilt.
_SAME_RULES: dict[str, frozenset[str]] = {}


def index_rules() -> str:
    """Fingerprint of the rules that decide tokens and keys (normalisation, folding).

    >>> len(index_rules())
    16
    """
    from . import _fold, _normalise  # here: _fold loads jieba and the stemmers

    digest = hashlib.sha256()
    for module in (_normalise, _fold):
        digest.update(Path(module.__file__ or "").read_bytes())
    digest.update(_fold._RU_MODE.encode())  # Russian keys differ by mode
    return digest.hexdigest()[:16]


def indexed_under_these_rules(fingerprint: str) -> bool:
    """Whether an index made under ``fingerprint`` holds the tokens and keys these rules make.

    >>> indexed_under_these_rules(index_rules()), indexed_under_these_rules("older-rules")
    (True, False)
    """
    current = index_rules()
    return fingerprint == current or fingerprint in _SAME_RULES.get(current, ())
