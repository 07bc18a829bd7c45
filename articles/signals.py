"""Reactions inside the articles app (re-review flags when cited references change)."""
