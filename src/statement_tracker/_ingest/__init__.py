"""Ingest: bytes, files, directories and corpora to :class:`~statement_tracker.Document`.

Owns decoding (``_decode``), HTML extraction (``_html_extract`` on top of
``_html``, the only module that imports lxml), Markdown (``_markdown``), plain
text (``_plaintext``), JSONL/JSON corpora (``_jsonl``), publication dates
(``_dates``), publisher rules and the rule files shipped in
``publishers/*.toml`` (``_publishers``), rule files read and checked
(``_rules``), sidecar manifests (``_manifest``) and
the entry points :func:`load`, :func:`load_bytes` and :func:`load_corpus`
(``_load``).

May import: :mod:`statement_tracker._text` and :mod:`statement_tracker._errors`.
"""

from ._load import load, load_bytes, load_corpus
from ._manifest import Manifest
from ._publishers import Rule
from ._rules import load_rules

__all__ = [
    "Manifest",
    "Rule",
    "load",
    "load_bytes",
    "load_corpus",
    "load_rules",
]
