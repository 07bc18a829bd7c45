from .pages import article_detail, editorial_policy, home, topic_detail
from .preview import article_preview, shared_preview
from .questions import ask, ask_suggestions, ask_thanks
from .search import search

__all__ = [
    "article_detail",
    "article_preview",
    "ask",
    "ask_suggestions",
    "ask_thanks",
    "editorial_policy",
    "home",
    "search",
    "shared_preview",
    "topic_detail",
]
