"""Highlighted snippets as safe HTML: every character of the document is escaped, only <mark> is ours."""

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from juntas.search.query import normalize, stem

# Private-use characters that ts_headline puts around a match; the SQL strips them from the
# document first, so after escaping they can only be ours.
START = "\ue000"
STOP = "\ue001"
ELLIPSIS = "…"

_WORD = re.compile(r"[^\W_]+")


def from_headline(headline: str | None) -> SafeString:
    """ts_headline output (raw document text with START/STOP around matches) as safe HTML."""
    if not headline:
        return mark_safe("")  # noqa: S308 - an empty string
    html = escape(headline).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped above; the only markup is <mark>


def highlight(text: str | None, words: tuple[str, ...], *, max_words: int | None = 35) -> SafeString:
    """Escape text and mark each word that starts like one of `words` (normalised).

    With max_words, keep a window of that many words around the first match (the fallback's
    ts_headline); with None, keep the whole text (titles).
    """
    text = " ".join(unicodedata.normalize("NFC", text or "").split())
    if not text:
        return mark_safe("")  # noqa: S308 - an empty string
    prefixes = tuple(stem(word) for word in words)
    spans = [match.span() for match in _WORD.finditer(text)]
    hits = [i for i, (start, end) in enumerate(spans) if normalize(text[start:end]).startswith(prefixes)]
    begin, end = 0, len(text)
    if max_words is not None and len(spans) > max_words:
        first = max(0, (hits[0] if hits else 0) - max_words // 4)
        last = min(len(spans), first + max_words) - 1
        first = max(0, last - max_words + 1)
        begin = spans[first][0] if first else 0
        end = spans[last][1] if last < len(spans) - 1 else len(text)
    pieces = [ELLIPSIS + " "] if begin else []
    cursor = begin
    for i in hits:
        start, stop = spans[i]
        if start < begin or stop > end:
            continue
        pieces += [escape(text[cursor:start]), "<mark>", escape(text[start:stop]), "</mark>"]
        cursor = stop
    pieces.append(escape(text[cursor:end]))
    if end < len(text):
        pieces.append(" " + ELLIPSIS)
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of text is escaped
