"""The editorial roles are code: every migrate (and every test flush) leaves the groups as config/roles.py says."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from config.roles import ROLES, ensure_roles

pytestmark = pytest.mark.django_db


def _codes(name: str) -> set[str]:
    return {f"{p.content_type.app_label}.{p.codename}" for p in Group.objects.get(name=name).permissions.all()}


def test_every_group_holds_its_permissions():
    """Editors, the board and chief editors have what the roles file lists (figures and share links included)."""
    for name, codes in ROLES.items():
        assert set(codes) <= _codes(name), name
    assert "articles.add_previewlink" in _codes("Chief editors")
    assert "articles.add_previewlink" not in _codes("Editors")
    assert "reviews.decide_reviewrequest" not in _codes("Editors")


@pytest.mark.django_db(transaction=True)
def test_roles_come_back_after_a_flush():
    """A flush (as between transactional tests, or a reused test database) does not lose the groups."""
    call_command("flush", interactive=False, verbosity=0)
    assert set(ROLES) <= set(Group.objects.values_list("name", flat=True))
    assert "articles.change_article" in _codes("Editors")


def test_a_permission_that_does_not_exist_is_refused(monkeypatch):
    """A typo in the roles file stops migrate with the name, instead of silently granting nothing."""
    monkeypatch.setitem(ROLES, "Editors", [*ROLES["Editors"], "articles.fly_article"])
    with pytest.raises(LookupError, match=r"articles\.fly_article"):
        ensure_roles()


def test_the_chief_editor_can_clear_a_lockout_in_the_admin(client, chief):
    """Chief editors see sign-in lockouts in the admin and may delete one (unlocking that person)."""
    from axes.models import AccessAttempt

    attempt = AccessAttempt.objects.create(username="editor", ip_address="203.0.113.9", failures_since_start=9)
    client.force_login(chief)
    assert client.get("/admin/axes/accessattempt/").status_code == 200
    response = client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()


def test_an_editor_cannot_see_lockouts(client, editor):
    """Editors have no access to the lockout records."""
    client.force_login(editor)
    assert client.get("/admin/axes/accessattempt/").status_code == 403
