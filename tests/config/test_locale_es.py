"""The Spanish interface catalogue: it compiles, covers the public pages, and the pages use it."""

import ast
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from articles.models import Publication
from tests.conftest import skip_or_fail
from tests.factories import approve, make_cited_article, make_language

PO = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")

# Sources whose strings a public reader sees (README "Spanish interface").
PUBLIC_SOURCE = re.compile(
    r"^(templates/(base\.html|articles/|personalization/|partials/|40[034]\.html|500\.html"
    r"|reviews/advisory_board\.html)|articles/views/|articles/search|articles/forms\.py|personalization/views\.py)"
)
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{.*?\}\}|\{\w*\}")

WITH_SPANISH = override_settings(LANGUAGES=[("en", "English"), ("es", "Español")])


def _entries() -> list[dict]:
    """The catalogue's entries (header excluded): sources, flags, msgid(s) and msgstr(s)."""
    entries = []
    for block in PO.read_text(encoding="utf-8").split("\n\n"):
        entry: dict = {"sources": [], "flags": [], "msgid": "", "msgid_plural": "", "msgstr": []}
        field = None
        for line in block.splitlines():
            if line.startswith("#:"):
                entry["sources"] += [ref.rsplit(":", 1)[0] for ref in line[2:].split()]
            elif line.startswith("#,"):
                entry["flags"] += [flag.strip() for flag in line[2:].split(",")]
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                text = ast.literal_eval(line)
                if field == "msgstr":
                    entry["msgstr"][-1] += text
                else:
                    entry[field] += text
            else:
                keyword, value = line.split(" ", 1)
                field = "msgstr" if keyword.startswith("msgstr") else keyword
                if field == "msgstr":
                    entry["msgstr"].append(ast.literal_eval(value))
                else:
                    entry[field] = ast.literal_eval(value)
        if entry["msgid"]:
            entries.append(entry)
    return entries


def test_catalogue_compiles_and_the_committed_mo_is_current(tmp_path):
    """msgfmt --check-format accepts the catalogue, and django.mo is its current compilation."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        skip_or_fail("needs GNU gettext's msgfmt (apt-get install gettext)")
    compiled = tmp_path / "django.mo"
    result = subprocess.run(  # noqa: S603 - fixed program and arguments
        [msgfmt, "--check-format", "--check-header", "-o", str(compiled), str(PO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert compiled.read_bytes() == MO.read_bytes(), "run compilemessages and commit locale/es/.../django.mo"


def test_every_public_string_is_translated():
    """No string from a public template or view is left empty or fuzzy in Spanish."""
    public = [e for e in _entries() if any(PUBLIC_SOURCE.match(s) for s in e["sources"])]
    assert len(public) > 100  # the extraction really found the public pages
    untranslated = [e["msgid"] for e in public if not all(e["msgstr"]) or "fuzzy" in e["flags"]]
    assert untranslated == []


def test_translations_keep_their_placeholders():
    """Every translated string keeps exactly the placeholders of its English original."""
    wrong = []
    for entry in _entries():
        originals = [entry["msgid"], entry["msgid_plural"] or entry["msgid"]]
        for n, text in enumerate(entry["msgstr"]):
            original = originals[min(n, 1)]
            if text and sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(original)):
                wrong.append((original, text))
    assert wrong == []


@pytest.fixture
def published(audiences, editor, reviewer, topic):
    """An approved answer with a Spanish translation (an answer without one redirects /es/ to English)."""
    from articles.services import article_translation_save

    article = make_cited_article(author=editor, topic=topic)
    article_translation_save(
        article=article,
        language=make_language(),
        actor=editor,
        question="¿Qué causa el dolor lumbar?",
        summary="Un resumen breve.",
        bodies={audiences[0]: "Casi siempre es muscular."},
        up_to_date=True,
    )
    approve(article, editor=editor, reviewer=reviewer)
    return Publication.objects.get(article=article)


def _get_in_spanish(client, name: str, **kwargs) -> str:
    # Reversed under Spanish so a language prefix in the URLs (i18n_patterns) is honoured too.
    with WITH_SPANISH, translation.override("es"):
        url = reverse(name, kwargs=kwargs)
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_home_page_in_spanish(client, published):
    """The home page's interface (navigation, search, footer) is in Spanish."""
    html = _get_in_spanish(client, "articles:home")
    assert "Saltar al contenido" in html
    assert "Buscar" in html
    assert "Consejo Asesor Médico" in html
    assert "Skip to content" not in html


@pytest.mark.django_db
def test_article_page_in_spanish(client, published):
    """The article page's interface (review facts, status tracker, follow-up) is in Spanish."""
    html = _get_in_spanish(client, "articles:article_detail", slug=published.slug)
    assert "Última actualización" in html
    assert "Próxima revisión prevista" in html
    assert "Estado de la revisión médica" in html
    assert "Aprobada" in html  # the review step label, a model choice
    assert "¿Tiene otra pregunta sobre este tema?" in html
    assert "Have a follow-up question?" not in html


def test_reference_list_in_spanish():
    """The reference list's heading is Spanish when it is rendered under Spanish.

    The list is rendered once, at publish time, into the snapshot (articles.reference_list), so the
    page shows it in the language that was active then; this checks the partial itself.
    """
    with translation.override("es"):
        html = render_to_string("articles/partials/_references.html", {"references": []})
    assert ">Referencias</h2>" in html
