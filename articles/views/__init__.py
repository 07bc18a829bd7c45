from .pages import article_detail, editorial_policy, healthz, home, page_not_found, server_error, topic_detail
from .questions import ask, ask_suggestions, ask_thanks
from .search import search

__all__ = [
    "article_detail",
    "ask",
    "ask_suggestions",
    "ask_thanks",
    "editorial_policy",
    "healthz",
    "home",
    "page_not_found",
    "search",
    "server_error",
    "topic_detail",
]
