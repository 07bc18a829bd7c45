from pathlib import Path

import pytest
from django.contrib.auth.models import Permission

from tests import factories

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "references"


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def fixture_text(name: str) -> str:
    """The file exactly as written, line endings included (sample.ris uses CRLF, as Zotero writes it)."""
    return fixture_bytes(name).decode("utf-8")


@pytest.fixture
def qaseem(db):
    """The library's copy of Qaseem 2017, which every sample file repeats: DOI known, PMID and pages not."""
    return factories.make_reference(
        key="qaseem2017",
        type="Practice Guideline",
        title="Noninvasive treatments for acute, subacute, and chronic low back pain",
        authors="Qaseem, Amir",
        source="Ann Intern Med",
        year=2017,
        volume="166",
        issue="",
        pages="",
        doi="10.7326/M16-2367",
    )


def _staff(username: str, *codenames: str):
    user = factories.make_user(username=username, is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="references", codename__in=codenames))
    return user


@pytest.fixture
def librarian(db):
    """Staff who may view, add and change references."""
    return _staff("librarian", "view_reference", "add_reference", "change_reference")


@pytest.fixture
def reader_staff(db):
    """Staff who may only view references."""
    return _staff("readerstaff", "view_reference")
