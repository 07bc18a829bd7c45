"""Optional read-replica routing for public reads (set DATABASE_REPLICA_URL to enable).

Only the published snapshots and the small lookup tables behind public pages are read from
the replica, and never inside a transaction: the workflow's services read and lock these
rows on the primary, so a lagging replica can never influence a decision.
"""

from django.db import transaction

REPLICA = "replica"
PUBLIC_READ_MODELS = {
    ("articles", "publication"),
    ("articles", "publishedbody"),
    ("articles", "topic"),
    ("personalization", "audience"),
    ("reviews", "boardmember"),
}


class PublicReadReplicaRouter:
    def db_for_read(self, model, **hints):
        if (model._meta.app_label, model._meta.model_name) not in PUBLIC_READ_MODELS:
            return None
        if transaction.get_connection("default").in_atomic_block:
            return None
        return REPLICA

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica mirrors the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
