"""Reading grade of an audience body, for editors: Flesch-Kincaid grade and SMOG index (textstat).

Scores are computed on what a reader reads: the body rendered from Markdown, with citation
markers, tags and entities removed, and each heading, list item and table cell ending as
a sentence so that a list of short items is not scored as one endless sentence.
"""

import re
from dataclasses import dataclass
from decimal import Decimal
from html import unescape

import textstat
from django.utils.html import strip_tags

from .rendering import render_markdown

# SMOG was calibrated on samples of 30 sentences; below that it is an estimate.
SMOG_SAMPLE_SENTENCES = 30
_CITATIONS = re.compile(r"<sup\b[^>]*>.*?</sup>", re.IGNORECASE | re.DOTALL)
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|td|th|blockquote|pre|dt|dd)>|<br\s*/?>|<hr\s*/?>", re.IGNORECASE)
_SENTENCE_END = (".", "!", "?")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([.,;:!?])")

textstat.set_lang("en_US")


@dataclass(frozen=True)
class Readability:
    """Scores of one body against its audience's target grade (None: no target)."""

    flesch_kincaid_grade: float
    smog_index: float
    sentences: int
    words: int
    target_grade: Decimal | None = None

    @property
    def smog_is_estimate(self) -> bool:
        return self.sentences < SMOG_SAMPLE_SENTENCES

    @property
    def above_target(self) -> list[str]:
        """Names of the scores above the target grade, e.g. ``["Flesch-Kincaid grade"]``."""
        if self.target_grade is None or not self.words:
            return []
        target = float(self.target_grade)
        scores = {"Flesch-Kincaid grade": self.flesch_kincaid_grade, "SMOG index": self.smog_index}
        return [name for name, value in scores.items() if value > target]


def plain_text(markdown: str) -> str:
    """The words a reader reads in a Markdown body, without citation markers or markup."""
    html = _CITATIONS.sub("", render_markdown(markdown or "").html)
    blocks = (" ".join(unescape(strip_tags(chunk)).split()) for chunk in _BLOCK_END.split(html))
    blocks = (_SPACE_BEFORE_PUNCTUATION.sub(r"\1", block) for block in blocks if block)
    return " ".join(block if block.endswith(_SENTENCE_END) else f"{block}." for block in blocks)


def measure(markdown: str, *, target_grade: Decimal | None = None) -> Readability:
    """Flesch-Kincaid grade and SMOG index of a Markdown body (0 for an empty body)."""
    text = plain_text(markdown)
    if not text:
        return Readability(0.0, 0.0, 0, 0, target_grade)
    return Readability(
        flesch_kincaid_grade=round(textstat.flesch_kincaid_grade(text), 1),
        smog_index=round(textstat.smog_index(text), 1),
        sentences=textstat.sentence_count(text),
        words=textstat.lexicon_count(text),
        target_grade=target_grade,
    )
