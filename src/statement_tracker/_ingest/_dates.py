"""Publication dates written the ways readouts write them.

>>> parse_date("2017-07-05T22:00:00+03:00")
datetime.date(2017, 7, 5)
>>> parse_date("July 5, 2017"), parse_date("5 июля 2017 года"), parse_date("2017年7月5日")
(datetime.date(2017, 7, 5), datetime.date(2017, 7, 5), datetime.date(2017, 7, 5))
"""

from __future__ import annotations

import datetime as _dt
import re

__all__ = ["date_from_name", "find_date_line", "parse_date"]

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6,
    "июл": 7, "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
}  # fmt: skip

_EN_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_RU_MONTH = (
    r"(?P<rmon>январ[яь]|феврал[яь]|марта?|апрел[яь]|ма[яй]|июн[яь]|июл[яь]|августа?"
    r"|сентябр[яь]|октябр[яь]|ноябр[яь]|декабр[яь])"
)

_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"(?<!\d)(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)"),
    re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"),
    re.compile(
        rf"\b{_EN_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", re.IGNORECASE
    ),
    re.compile(
        rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_EN_MONTH},?\s+(?P<y>\d{{4}})\b",
        re.IGNORECASE,
    ),
    re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})\s+{_RU_MONTH}\s+(?P<y>\d{{4}})", re.IGNORECASE),
    re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?![\d.]\d)"),
)

_NAME_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?!\d)")


def _month(m: re.Match[str]) -> int | None:
    groups = m.groupdict()
    if groups.get("m"):
        return int(groups["m"])
    word = (groups.get("mon") or groups.get("rmon") or "").lower()
    for size in (7, 6, 5, 4, 3, 2):
        if word[:size] in _MONTHS:
            return _MONTHS[word[:size]]
    return None


def parse_date(text: str | None) -> _dt.date | None:
    """Return the first valid calendar date written in ``text``, or ``None``.

    Accepts ISO dates (with or without a time), ``July 5, 2017``, ``5 July 2017``,
    ``05.07.2017``, Russian ``5 июля 2017`` and Chinese ``2017年7月5日``.

    >>> parse_date("Published 31.12.1999") , parse_date("no date"), parse_date("2019-02-30")
    (datetime.date(1999, 12, 31), None, None)
    """
    if not text:
        return None
    text = text[:500]
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            month = _month(m)
            if month is None:
                continue
            try:
                return _dt.date(int(m.group("y")), month, int(m.group("d")))
            except ValueError:
                continue
    return None


def find_date_line(lines: list[str], *, max_len: int = 60) -> _dt.date | None:
    """Return the date of the first short line that is mostly a date (a visible date line).

    >>> find_date_line(["Beijing", "May 16, 2024", "Both sides agreed on May 1, 2023."])
    datetime.date(2024, 5, 16)
    """
    for line in lines:
        if len(line) <= max_len:
            found = parse_date(line)
            if found is not None:
                return found
    return None


def date_from_name(name: str) -> _dt.date | None:
    """Return the date in a ``YYYY-MM-DD`` file-name prefix, or ``None``.

    >>> date_from_name("2019-06-05_60672.html"), date_from_name("undated_1.html")
    (datetime.date(2019, 6, 5), None)
    """
    m = _NAME_DATE.match(name)
    if m is None:
        return None
    try:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
