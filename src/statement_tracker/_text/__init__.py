"""Text: the records every stage passes along and the operations on their words.

Owns Unicode normalisation with offsets back to the original (``_normalise``,
``_unicode_tables``), term keys (``_fold``), word tokens (``_tokens``), the
fuzzy-matching boundary (``_similarity``, the only module that imports
rapidfuzz), segmentation (``_segment``, ``_abbreviations``), quotations and
speakers (``_quotes``, ``_speakers``), :class:`Document` and
:class:`PhraseRecord` (``_records``, ``_phrases``), records as columns
(``_batch``, spans gathered in ``_spans``), the fingerprint of the tokenising rules
(``_fingerprint``), and the text and HTML tables and pandas frames the result types
of every stage show themselves with (``_display``).

May import: the standard library, third-party packages and
:mod:`statement_tracker._errors`; no other stage (it is the bottom layer).
"""

import typing as _typing

from ._lazy import lazy_names as _lazy_names

if _typing.TYPE_CHECKING:
    from ._batch import RecordBatch, records_batch
    from ._display import (
        Html,
        bins,
        cut,
        data_frame,
        html_block,
        html_table,
        iso,
        more,
        plural,
        text_table,
    )
    from ._fingerprint import index_rules, indexed_under_these_rules
    from ._fold import (
        NEGATIONS,
        STOPWORDS,
        compound_variants,
        is_cjk,
        negation_signature,
        split_terms,
        stem_prefix,
        term_key,
        word_weight,
    )
    from ._lazy import lazy_names
    from ._normalise import Normalised, normalise, normalise_text
    from ._phrases import records
    from ._quotes import QUOTATION_KINDS, Quotation, quotations
    from ._records import RECORD_KINDS, Document, PhraseRecord, content_hash, language_code
    from ._segment import clause_spans, paragraph_spans, sentence_spans
    from ._similarity import (
        edit_opcodes,
        lost_positions,
        partial_alignment,
        sequence_opcodes,
        similar_pairs,
        similarity,
        token_distance,
        token_similarity,
        windowed_similarity,
    )
    from ._tokens import CJK, TokenizedText, tokenize, word_tokens

# Each name and the module that defines it, loaded on first use (PEP 562): a stage above
# that needs only Document (an archive listing its documents) does not load jieba,
# the stemmers and rapidfuzz with the term keys and the similarity functions.
_MODULES: dict[str, tuple[str, ...]] = {
    "_batch": ("RecordBatch", "records_batch"),
    "_display": (
        "Html", "bins", "cut", "data_frame", "html_block", "html_table", "iso", "more",
        "plural", "text_table",
    ),
    "_fingerprint": ("index_rules", "indexed_under_these_rules"),
    "_fold": (
        "NEGATIONS", "STOPWORDS", "compound_variants", "is_cjk", "negation_signature",
        "split_terms", "stem_prefix", "term_key", "word_weight",
    ),
    "_lazy": ("lazy_names",),
    "_normalise": ("Normalised", "normalise", "normalise_text"),
    "_phrases": ("records",),
    "_quotes": ("QUOTATION_KINDS", "Quotation", "quotations"),
    "_records": ("RECORD_KINDS", "Document", "PhraseRecord", "content_hash", "language_code"),
    "_segment": ("clause_spans", "paragraph_spans", "sentence_spans"),
    "_similarity": (
        "edit_opcodes", "lost_positions", "partial_alignment", "sequence_opcodes",
        "similar_pairs", "similarity", "token_distance", "token_similarity",
        "windowed_similarity",
    ),
    "_tokens": ("CJK", "TokenizedText", "tokenize", "word_tokens"),
}  # fmt: skip
__getattr__, __dir__ = _lazy_names(__name__, _MODULES, globals())


__all__ = [
    "CJK",
    "NEGATIONS",
    "QUOTATION_KINDS",
    "RECORD_KINDS",
    "STOPWORDS",
    "Document",
    "Html",
    "Normalised",
    "PhraseRecord",
    "Quotation",
    "RecordBatch",
    "TokenizedText",
    "bins",
    "clause_spans",
    "compound_variants",
    "content_hash",
    "cut",
    "data_frame",
    "edit_opcodes",
    "html_block",
    "html_table",
    "index_rules",
    "indexed_under_these_rules",
    "is_cjk",
    "iso",
    "language_code",
    "lazy_names",
    "lost_positions",
    "more",
    "negation_signature",
    "normalise",
    "normalise_text",
    "paragraph_spans",
    "partial_alignment",
    "plural",
    "quotations",
    "records",
    "records_batch",
    "sentence_spans",
    "sequence_opcodes",
    "similar_pairs",
    "similarity",
    "split_terms",
    "stem_prefix",
    "term_key",
    "text_table",
    "token_distance",
    "token_similarity",
    "tokenize",
    "windowed_similarity",
    "word_tokens",
    "word_weight",
]
