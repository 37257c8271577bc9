"""Track: watchlist formulas, where they occur, and their timelines.

Owns watchlists (``_watchlist``; ``_watchlist_read`` reads their files safely),
the compiled phrase forms and their verification (``_forms``; ``_brute_force``
is the reference scan), the scanners that find candidates (``_scan``,
``_scan_plan``, ``_scan_candidates``, ``_scan_sets``, ``_token_bounds``), worker processes
(``_parallel``), compiled watchlists kept per process (``_compiled``),
:func:`track` and :class:`Occurrence` (``_track``), the list
:func:`track` returns (``_occurrences``), a corpus
tokenised once (``_corpus_index``, ``_track_index``) and timelines
(``_timeline``).

May import: :mod:`statement_tracker._text` and :mod:`statement_tracker._errors`.
"""

from ._forms import Form, compile_forms
from ._learn import LearntWording, learn_wordings
from ._occurrences import Occurrences
from ._scan import PhraseIndex
from ._timeline import DocStatus, DropOut, FormulaTimeline, Timeline, timeline
from ._track import Occurrence, find_phrase, occurrences_from_hits, track
from ._track_index import TrackIndex
from ._watchlist import Phrase, Watchlist
from ._wordings import Wording, wordings_by_source

__all__ = [
    "DocStatus",
    "DropOut",
    "Form",
    "FormulaTimeline",
    "LearntWording",
    "Occurrence",
    "Occurrences",
    "Phrase",
    "PhraseIndex",
    "Timeline",
    "TrackIndex",
    "Watchlist",
    "Wording",
    "compile_forms",
    "find_phrase",
    "learn_wordings",
    "occurrences_from_hits",
    "timeline",
    "track",
    "wordings_by_source",
]
