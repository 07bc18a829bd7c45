"""The audit trail is append-only: every transition writes a row; nothing can change or delete one."""

import pytest
from django.db import DatabaseError, connection, transaction

from reviews.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_every_transition_writes_a_complete_row(under_review, editor, reviewer):
    """Who, when, from, to, the revision, its hash and the comment; routing's assignment is the
    one row without a person (the schedule's own work)."""
    rows = list(AuditEntry.objects.filter(request=under_review).order_by("id"))
    assert [(r.transition, r.from_state, r.to_state, r.actor) for r in rows] == [
        ("submit", "new", "submitted", editor),
        ("assign", "submitted", "submitted", None),
        ("start_review", "submitted", "under_review", reviewer),
    ]
    assert rows[1].details["reviewer"] == reviewer.pk
    assert all(r.revision_id == under_review.revision_id for r in rows)
    assert all(r.content_hash == under_review.content_hash for r in rows)
    assert all(r.at is not None for r in rows)


def test_model_refuses_update_and_delete(submitted):
    """Saving an existing row or deleting it raises."""
    entry = AuditEntry.objects.get(request=submitted, transition="submit")
    entry.comment = "rewritten"
    with pytest.raises(RuntimeError):
        entry.save()
    with pytest.raises(RuntimeError):
        entry.delete()
    assert AuditEntry.objects.get(pk=entry.pk).comment == ""


def test_only_the_schedule_acts_without_a_person(submitted, editor):
    """The database refuses an audit row without an actor unless it is the schedule's own work."""
    from django.db import IntegrityError

    with pytest.raises(IntegrityError), transaction.atomic():
        AuditEntry.objects.create(
            article=submitted.article, request=submitted, actor=None, transition="approve", to_state="approved"
        )
    assert not AuditEntry.objects.filter(transition="approve").exists()


def test_database_refuses_bulk_update_and_delete(submitted, requires_postgres):
    """On PostgreSQL a trigger refuses UPDATE and DELETE even from raw querysets."""
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(request=submitted).update(comment="rewritten")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(request=submitted).delete()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM reviews_auditentry WHERE comment = 'rewritten'")
        assert cursor.fetchone()[0] == 0


def test_admin_offers_no_change_or_delete(client, chief, submitted):
    """Even the chief editor can only read the audit trail."""
    from tests.factories import make_user

    boss = make_user(username="boss", is_superuser=True, is_staff=True)
    client.force_login(boss)
    entry = AuditEntry.objects.get(request=submitted, transition="submit")
    assert client.get("/admin/reviews/auditentry/").status_code == 200
    page = client.get(f"/admin/reviews/auditentry/{entry.pk}/change/")
    assert page.status_code == 200
    assert b'name="comment"' not in page.content
    assert client.post(f"/admin/reviews/auditentry/{entry.pk}/change/", {"comment": "x"}).status_code == 403
    assert client.post(f"/admin/reviews/auditentry/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get("/admin/reviews/auditentry/add/").status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
