"""Quote marks: pair opening and closing marks into the spans of direct quotes, on plain text.

Works on the characters alone (no parse), one paragraph at a time, so a
stray mark can never swallow the rest of a document. Straight marks (``"``,
``'``) get their direction from their neighbours; curly marks from their
shape, unless the neighbours plainly say otherwise. Nested quotes are
tracked but only the outermost is returned (reported speech inside a direct
quote is the speaker's, not a new quote). A quote still open at the end of
its paragraph runs to that end: wire style opens every paragraph of a long
quote and closes only the last. Odd numbers of marks never raise.

Example:
    >>> [(q.content, q.closed) for q in find_quotes('"Not much," Kirby said. He left.')]
    [((1, 10), True)]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

DOUBLE, SINGLE = "double", "single"
# mark -> (family, shape): shape "open", "close" or "either" (straight marks)
_MARKS = {
    '"': (DOUBLE, "either"), "“": (DOUBLE, "open"), "”": (DOUBLE, "close"), "„": (DOUBLE, "open"),
    "‟": (DOUBLE, "open"), "«": (DOUBLE, "open"), "»": (DOUBLE, "close"),
    "'": (SINGLE, "either"), "‘": (SINGLE, "open"), "’": (SINGLE, "close"), "‚": (SINGLE, "open"),
    "‹": (SINGLE, "open"), "›": (SINGLE, "close"),
}
_MARK_PATTERN = re.compile("[" + re.escape("".join(_MARKS)) + "]")
_BEFORE_OPENING = set("([{—–-/") | set(_MARKS)  # what may stand right before an opening mark
_MAX_DEPTH = 3
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


@dataclass(frozen=True, slots=True)
class MarkedQuote:
    """A direct quote: ``content`` (start, end) lies strictly between its marks; ``marks`` includes them.

    ``closed`` is False for a quote still open at the end of its paragraph (``marks`` then ends with the
    content).
    """

    content: tuple[int, int]
    marks: tuple[int, int]
    closed: bool


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: blank lines always part paragraphs, single newlines unless hard-wrapped.

    A text is taken as hard-wrapped (line breaks inside sentences) when it has blank lines and most of its
    other line ends fall after a word rather than after closing punctuation.

    >>> paragraphs("One.\\nTwo.")
    [(0, 4), (5, 9)]
    >>> paragraphs("a line that\\nwraps and\\nwraps and\\nwraps.\\n\\nNext.")
    [(0, 38), (40, 45)]
    """
    breaks = [(m.start(), m.end()) for m in _BLANK_LINE.finditer(text)]
    if not breaks or not _hard_wrapped(text):
        breaks = [(m.start(), m.end()) for m in re.finditer(r"\n+", text)]
    spans, start = [], 0
    for begin, end in breaks:
        spans.append((start, begin))
        start = end
    spans.append((start, len(text)))
    return [(s, e) for s, e in (_strip(text, s, e) for s, e in spans) if s < e]


def _hard_wrapped(text: str) -> bool:
    ends = [m.start() for m in re.finditer(r"[^\n]\n(?![ \t\r\f\v]*\n)", text)]
    if len(ends) < 3:
        return False
    after_word = sum(1 for i in ends if text[i].isalnum() or text[i] == ",")
    return after_word > len(ends) / 2


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _neighbours(text: str, i: int, start: int, end: int) -> tuple[str, str, str]:
    """The characters before the mark, after it, and after that ("" past the paragraph)."""
    return (text[i - 1] if i > start else ""), (text[i + 1] if i + 1 < end else ""), (
        text[i + 2] if i + 2 < end else "")


def _looks_opening(left: str, right: str) -> bool:
    return (left == "" or left.isspace() or left in _BEFORE_OPENING) and right != "" and not right.isspace()


def _looks_closing(left: str, right: str) -> bool:
    return left != "" and not left.isspace() and (right == "" or right.isspace() or not right.isalnum())


def _roles(mark: str, left: str, right: str, after: str) -> tuple[bool, bool]:
    """(can open, can close) for a mark between ``left`` and ``right``; apostrophes can do neither."""
    family, shape = _MARKS[mark]
    if family == SINGLE and left.isalnum() and right.isalnum():
        return False, False  # weren’t, rock'n'roll
    if family == SINGLE and shape != "open" and left == "s" and right.isspace() and after.islower():
        return False, False  # the Afghans' homes: a plural possessive
    opening, closing = _looks_opening(left, right), _looks_closing(left, right)
    if family == SINGLE and opening and right.isdigit():
        return False, False  # '90s
    if shape == "open":
        return not (closing and not opening), closing and not opening
    if shape == "close":
        return opening and not closing, not (opening and not closing)
    return opening, closing


def _paragraph_quotes(text: str, start: int, end: int) -> Iterator[MarkedQuote]:
    stack: list[tuple[str, int]] = []  # (family, index of the opening mark)
    for match in _MARK_PATTERN.finditer(text, start, end):
        i = match.start()
        mark = match.group()
        family = _MARKS[mark][0]
        can_open, can_close = _roles(mark, *_neighbours(text, i, start, end))
        if stack and can_close and any(f == family for f, _ in stack):
            while stack and stack[-1][0] != family:  # an inner quote of the other family never closed
                stack.pop()
            _, opened = stack.pop()
            if not stack and _has_words(text, opened + 1, i):
                yield MarkedQuote((opened + 1, i), (opened, i + 1), True)
        elif can_open and len(stack) < _MAX_DEPTH:
            stack.append((family, i))
    if stack and stack[0][0] == DOUBLE:  # single marks left open are most likely apostrophes
        opened = stack[0][1]
        content = _strip(text, opened + 1, end)
        if _has_words(text, *content):
            yield MarkedQuote(content, (opened, content[1]), False)


def _has_words(text: str, start: int, end: int) -> bool:
    return any(ch.isalnum() for ch in text[start:end])


def find_quotes(text: str) -> list[MarkedQuote]:
    """Every outermost direct quote of ``text``, in order; never raises, whatever the marks.

    >>> text = 'He said “we will ‘never’ leave.” Then "more.'
    >>> [text[s:e] for s, e in (q.content for q in find_quotes(text))]
    ['we will ‘never’ leave.', 'more.']
    >>> text = "the Afghans' homes, a 'rotten deal'"
    >>> [text[s:e] for s, e in (q.content for q in find_quotes(text))]
    ['rotten deal']
    >>> find_quotes('She said "" in the ’90s')
    []
    """
    found: list[MarkedQuote] = []
    for start, end in paragraphs(text):
        found.extend(_paragraph_quotes(text, start, end))
    return found
