"""Citation keys for imported entries: the file's own key if usable, else author, year and title word."""

import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator

MAX_KEY_LENGTH = 80
_BASE_LENGTH = MAX_KEY_LENGTH - 4  # room for a suffix such as "ab"
_VALID_KEY = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?$")
_INVALID_RUN = re.compile(r"[^A-Za-z0-9_]+")
_WORD = re.compile(r"[a-z0-9]+")
# Letters that Unicode decomposition does not reduce to ASCII.
_FOLD = str.maketrans(
    {"Ø": "O", "ø": "o", "Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "ß": "ss", "Æ": "AE", "æ": "ae",
     "Œ": "OE", "œ": "oe", "Þ": "Th", "þ": "th", "ı": "i", "Ð": "D", "ð": "d"}
)  # fmt: skip
_STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "do",
        "does",
        "for",
        "from",
        "how",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "the",
        "to",
        "versus",
        "vs",
        "what",
        "when",
        "which",
        "who",
        "why",
        "with",
    ]
)


def ascii_fold(text: str) -> str:
    """ "Østergaard" -> "Ostergaard", "Müller" -> "Muller", "Łukasz" -> "Lukasz"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return decomposed.encode("ascii", "ignore").decode("ascii")


def _words(text: str) -> list[str]:
    return _WORD.findall(ascii_fold(text).lower())


def _first_significant(text: str) -> str:
    return next((w for w in _words(text) if w not in _STOP_WORDS and not w.isdigit()), "")


def key_from_file(raw: str) -> str:
    """The file's own key as a valid, lower-case citation key, or "" when it is missing or meaningless.

    Record numbers ("1", "12") and URLs (Zotero's CSL-JSON ids) are not keys anyone cites by.
    Keys are stored in lower case (Reference.save lowers them; bulk inserts must do it here).
    """
    raw = (raw or "").strip()
    if not raw or raw.isdigit() or "/" in raw:
        return ""
    if _VALID_KEY.match(raw) and len(raw) <= _BASE_LENGTH:
        return raw.lower()
    cleaned = _INVALID_RUN.sub("-", ascii_fold(raw)).strip("-")[:_BASE_LENGTH].strip("-")
    return "" if cleaned.replace("-", "").isdigit() else cleaned.lower()


def generated_key(*, authors: list[str], year: int | None, title: str) -> str:
    """``<firstauthorfamily><year><firsttitleword>``, ASCII and lower case: "chou2007diagnosis"."""
    author = ""
    if authors:
        first = authors[0]
        family, comma, _ = first.partition(",")
        author = "".join(_words(family)) if comma else _first_significant(first)
    key = f"{author}{year or ''}{_first_significant(title)}"[:_BASE_LENGTH]
    return key or "ref"


def _suffixes() -> Iterator[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    yield ""
    yield from letters
    for size in itertools.count(2):
        for combo in itertools.product(letters, repeat=size):
            yield "".join(combo)


def unique_keys(keys: Iterable[str], *, taken: Iterable[str]) -> list[str]:
    """Each key made unique against ``taken`` and the keys before it, by suffix a, b, ...

    Keys resolve case-insensitively in article bodies, so uniqueness ignores case too.
    """
    used = {key.lower() for key in taken}
    suffixes: dict[str, Iterator[str]] = {}  # one running sequence per key, so many equal keys stay linear
    result = []
    for key in keys:
        sequence = suffixes.setdefault(key.lower(), _suffixes())
        candidate = next(f"{key}{s}" for s in sequence if f"{key}{s}".lower() not in used)
        used.add(candidate.lower())
        result.append(candidate)
    return result
