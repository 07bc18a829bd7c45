from .pages import article_detail, editorial_policy, home, topic_detail
from .questions import ask, ask_suggestions, ask_thanks
from .search import search

__all__ = [
    "article_detail",
    "ask",
    "ask_suggestions",
    "ask_thanks",
    "editorial_policy",
    "home",
    "search",
    "topic_detail",
]
