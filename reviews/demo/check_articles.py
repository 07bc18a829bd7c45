"""Check the demo article modules: format, citation keys, word counts. Run: python reviews/demo/check_articles.py"""

import importlib
import pkgutil
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

TYPES = {
    "Practice Guideline", "Guideline", "Consensus Development Conference", "Systematic Review", "Meta-Analysis",
    "Randomized Controlled Trial", "Clinical Trial", "Observational Study", "Comparative Study", "Review",
    "Case Reports", "Journal Article", "Book", "Website",
}  # fmt: skip
SLUGS = {
    "left-upper-back-pain", "low-back-pain-imaging", "neck-pain-arm-tingling", "shingles-back-pain",
    "headache-red-flags", "nsaids-back-pain-safety", "chest-pain-emergency", "high-blood-pressure-reading",
    "chronic-cough-adults", "breathless-on-exertion", "heartburn-treatment", "upper-abdominal-pain-after-eating",
}  # fmt: skip
TOPICS = {
    "back-and-neck-pain", "heart-and-circulation", "lungs-and-breathing", "digestive-health",
    "headache-and-nerves", "medicines-and-pain-relief",
}  # fmt: skip
STATES = {"approved", "submitted", "under_review", "changes_requested", "draft"}
WORDS = {"professional": (450, 900), "patient": (250, 500), "student": (300, 600)}
CITE = re.compile(r"\[(@[^\[\]]+)\]")
KEY = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def check(module) -> list[str]:
    from reviews.demo.shared_references import SHARED_REFERENCES

    problems = []
    article, references = module.ARTICLE, [*module.REFERENCES, *SHARED_REFERENCES]
    keys = [r["key"] for r in references]
    if len(keys) != len(set(keys)):
        problems.append("a reference key is defined twice (here and in shared_references.py?)")
    for ref in references:
        if not KEY.match(ref["key"]):
            problems.append(f"bad key {ref['key']!r}")
        if ref["type"] not in TYPES:
            problems.append(f"{ref['key']}: unknown type {ref['type']!r}")
        if ref["doi"] and not ref["doi"].startswith("10."):
            problems.append(f"{ref['key']}: DOI should start with 10.")
        if ref["pmid"] and not ref["pmid"].isdigit():
            problems.append(f"{ref['key']}: PMID must be digits")
    if not 5 <= len(article["references"]) <= 15:
        problems.append(f"{len(article['references'])} references (want 5-15)")
    if len({r["type"] for r in references if r["key"] in article["references"]}) < 3:
        problems.append("fewer than 3 reference types")
    if set(article["references"]) - set(keys):
        problems.append(f"attached but not defined: {set(article['references']) - set(keys)}")
    if article["slug"] not in SLUGS or article["topic"] not in TOPICS or article["state"] not in STATES:
        problems.append("slug, topic or state not in the fixed lists")
    if set(article["related"]) - SLUGS or article["slug"] in article["related"]:
        problems.append("related slugs must be other articles from the list")
    if len(article["summary"]) > 300:
        problems.append("summary over 300 characters")
    cited = set()
    for audience, body in article["bodies"].items():
        low, high = WORDS[audience]
        words = len(body.split())
        if not low <= words <= high:
            problems.append(f"{audience} body has {words} words (want {low}-{high})")
        for cluster in CITE.findall(body):
            for item in cluster.split(";"):
                key = item.strip().lstrip("@")
                cited.add(key)
                if key not in article["references"]:
                    problems.append(f"{audience}: cites {key!r}, which is not attached")
    for key in set(article["references"]) - cited:
        problems.append(f"{key!r} is attached but cited nowhere")
    return problems


def main() -> int:
    from reviews.demo import articles as package

    failed = 0
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"reviews.demo.articles.{info.name}")
        problems = check(module)
        status = "ok" if not problems else "; ".join(problems)
        print(f"{info.name}: {status}")
        failed += bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
