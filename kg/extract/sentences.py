"""Sentence indexing shared by the extractors."""
from __future__ import annotations

import re
from bisect import bisect_right

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is only needed to parse; cached builds never import it
    from spacy.tokens import Doc, Span

_SPACE = re.compile(r"\s+")


class SentenceIndex:
    """Maps a token index of a Doc to the index of its sentence (0-based within the Doc)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.sents: list[Span] = list(doc.sents)
        self._starts = [s.start for s in self.sents]
        self._text: str | None = None

    @property
    def text(self) -> str:
        """The Doc's text, joined once: ``Doc.text`` joins every token each time it is read."""
        if self._text is None:
            self._text = self.doc.text
        return self._text

    def of(self, token_index: int) -> int:
        return bisect_right(self._starts, token_index) - 1

    def __len__(self) -> int:
        return len(self.sents)


def clean_sentence(text: str) -> str:
    """A sentence as quoted in evidence: one line, single spaces."""
    return _SPACE.sub(" ", text).strip()
