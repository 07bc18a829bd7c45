"""The articles app's write paths: the only code that writes its tables."""

from .citations import article_add_reference, article_cite_despite_retraction
from .content import (
    article_change_topic,
    article_create,
    article_revise,
    article_set_related,
    article_sync_citations,
    editorial_policy_save,
    search_synonym_ensure,
    topic_save,
)
from .publishing import (
    ReviewFacts,
    ReviewStep,
    article_expire,
    article_hold_for_schedule,
    article_lock_for_review,
    article_publish,
    article_restore,
    article_retire,
    article_set_review_step,
    article_unlock,
)
from .reader_questions import reader_question_convert
from .reference_notes import published_reference_lists_rerender, published_references_refresh
from .translations import article_translation_save, translation_mark_current

__all__ = [
    "ReviewFacts",
    "ReviewStep",
    "article_add_reference",
    "article_change_topic",
    "article_cite_despite_retraction",
    "article_create",
    "article_expire",
    "article_hold_for_schedule",
    "article_lock_for_review",
    "article_publish",
    "article_restore",
    "article_retire",
    "article_revise",
    "article_set_related",
    "article_set_review_step",
    "article_sync_citations",
    "article_translation_save",
    "article_unlock",
    "editorial_policy_save",
    "published_reference_lists_rerender",
    "published_references_refresh",
    "reader_question_convert",
    "search_synonym_ensure",
    "topic_save",
    "translation_mark_current",
]
