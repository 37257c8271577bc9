"""BOM-less UTF-16 told from its content, for text in any of the scripts readouts use.

Latin text in UTF-16 is half NUL bytes, which :mod:`._decode` sees at once;
Cyrillic and Chinese are not, so they are recognised here by what they decode
to: no unpaired surrogates, no control characters but white space, and almost
only letters and punctuation of the Latin, Cyrillic and CJK blocks.

>>> plausible_utf16("Стороны договорились.".encode("utf-16-le"))
'utf-16-le'
>>> plausible_utf16("中美关系稳定发展。".encode("utf-16-be"))
'utf-16-be'
>>> plausible_utf16(b"Plain ASCII text, read as UTF-16, looks Chinese.!") is None
True
"""

from __future__ import annotations

import re

__all__ = ["plausible_utf16"]

_SAMPLE = 4096
# Letters, digits and punctuation of the scripts readouts come in; U+3400-4DBF
# (CJK extension A) is left out: pairs of ASCII capitals decode into it.
_COMMON_RE = re.compile(
    "[\t\n\r\f\x20-\x7e\u00a0-\u00ff\u0370-\u03ff\u0400-\u052f\u2010-\u205e"
    "\u3000-\u303f\u4e00-\u9fff\uff01-\uff5e]"
)
#: Most characters U+xx00 above U+00FF, as a share of the text: rare in text (一 U+4E00
#: is the common one), frequent when bytes with NULs anywhere are read as UTF-16.
MAX_ZERO_LOW = 0.05
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_PRINTABLE = bytes(range(0x20, 0x7F)) + b"\t\n\r"
#: Share of the decoded characters that must be common letters and punctuation.
MIN_COMMON = 0.9
#: Most printable-ASCII bytes: ASCII text read two bytes at a time looks like CJK.
MAX_ASCII_BYTES = 0.8


def plausible_utf16(data: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` if ``data`` reads as text in it, else ``None``."""
    if len(data) < 2 or len(data) % 2:
        return None
    sample = data[:_SAMPLE]
    if len(sample.translate(None, _PRINTABLE)) < len(sample) * (1 - MAX_ASCII_BYTES):
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        units = sample
        last = units[-2:] if codec == "utf-16-be" else units[-1:-3:-1]
        if len(data) > _SAMPLE and 0xD8 <= last[0] <= 0xDB:
            units = units[:-2]  # a surrogate pair cut by the sample
        try:
            text = units.decode(codec)
        except UnicodeDecodeError:
            continue
        if _CONTROL_RE.search(text):
            continue
        zero_low = sum(1 for ch in text if ord(ch) > 0xFF and not ord(ch) & 0xFF)
        if zero_low > len(text) * MAX_ZERO_LOW:
            continue
        if len(_COMMON_RE.findall(text)) >= len(text) * MIN_COMMON:
            return codec
    return None
