"""Read-replica routing: public snapshots read from the replica, never inside a transaction, writes on the primary."""

import pytest
from django.db import transaction

from articles.models import Article, Publication, PublishedBody
from config.db_routers import PublicReadReplicaRouter
from reviews.models import ReviewRequest

router = PublicReadReplicaRouter()


def test_public_snapshots_read_from_the_replica():
    """Outside a transaction, the public page's models read from the replica."""
    assert router.db_for_read(Publication) == "replica"
    assert router.db_for_read(PublishedBody) == "replica"


def test_workflow_models_stay_on_the_primary():
    """Drafts and review requests are never read from a replica."""
    assert router.db_for_read(Article) is None
    assert router.db_for_read(ReviewRequest) is None


@pytest.mark.django_db
def test_reads_inside_a_transaction_use_the_primary():
    """Services read snapshots on the primary, so a lagging replica cannot affect a decision."""
    with transaction.atomic():
        assert router.db_for_read(Publication) is None


def test_writes_and_migrations_go_to_the_primary():
    """Everything is written and migrated on the primary only."""
    assert router.db_for_write(Publication) == "default"
    assert router.allow_migrate("replica", "articles") is False
    assert router.allow_migrate("default", "articles") is True
