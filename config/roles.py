"""The editorial roles as code: which permissions each group holds.

``ensure_roles`` runs after every ``migrate`` (and after the test runner's flushes), so the groups
are always exactly what this file says, on a new database, on an old one and in tests. A new
permission is granted by adding it here, not by a data migration.
"""

from django.apps import apps as global_apps

EDITORS = [
    "articles.add_article", "articles.change_article", "articles.view_article",
    "articles.add_articlebody", "articles.change_articlebody", "articles.delete_articlebody", "articles.view_articlebody",
    "articles.add_citation", "articles.change_citation", "articles.delete_citation", "articles.view_citation",
    "articles.add_relatedquestion", "articles.change_relatedquestion", "articles.delete_relatedquestion",
    "articles.view_relatedquestion",
    "articles.add_articletranslation", "articles.change_articletranslation", "articles.delete_articletranslation",
    "articles.view_articletranslation",
    "articles.add_articletranslationbody", "articles.change_articletranslationbody",
    "articles.delete_articletranslationbody", "articles.view_articletranslationbody",
    "articles.view_topic", "articles.view_publication",
    "articles.add_figure", "articles.change_figure", "articles.view_figure",
    "articles.add_searchsynonym", "articles.change_searchsynonym", "articles.delete_searchsynonym",
    "articles.view_searchsynonym",
    "references.add_reference", "references.change_reference", "references.view_reference",
    "personalization.view_audience", "personalization.view_language",
    "reviews.view_reviewrequest", "reviews.view_reviewdecision", "reviews.view_auditentry", "reviews.view_boardmember",
    "reviews.view_assignment", "reviews.view_passagecomment",
]  # fmt: skip
BOARD = [
    "reviews.decide_reviewrequest", "reviews.view_reviewrequest", "reviews.view_reviewdecision",
    "reviews.view_auditentry", "articles.view_article", "references.view_reference",
    "reviews.view_assignment", "reviews.view_passagecomment",
]  # fmt: skip
CHIEF_EXTRA = [
    "articles.retire_article", "articles.delete_article",
    "articles.add_topic", "articles.change_topic", "articles.delete_topic",
    "articles.add_editorialpolicy", "articles.change_editorialpolicy", "articles.view_editorialpolicy",
    "articles.delete_figure",
    "articles.add_previewlink", "articles.change_previewlink", "articles.view_previewlink",
    "personalization.add_audience", "personalization.change_audience", "personalization.delete_audience",
    "personalization.add_language", "personalization.change_language", "personalization.delete_language",
    "reviews.add_boardmember", "reviews.change_boardmember", "reviews.delete_boardmember",
    "references.delete_reference", "references.view_citation_health_report",
    "reviews.assign_reviewrequest", "reviews.view_review_report",
    "reviews.add_topicrouting", "reviews.change_topicrouting", "reviews.delete_topicrouting", "reviews.view_topicrouting",
    "reviews.add_specialty", "reviews.change_specialty", "reviews.view_specialty",
    "reviews.add_attestationitem", "reviews.change_attestationitem", "reviews.view_attestationitem",
    "api.add_apikey", "api.change_apikey", "api.view_apikey",
    "api.add_webhookendpoint", "api.change_webhookendpoint", "api.delete_webhookendpoint", "api.view_webhookendpoint",
    "api.view_webhookdelivery",
    # Sign-in lockouts (django-axes): see who is locked out and clear it.
    "axes.view_accessattempt", "axes.delete_accessattempt", "axes.view_accessfailurelog",
]  # fmt: skip
ROLES = {
    "Editors": EDITORS,
    "Advisory board": BOARD,
    "Chief editors": EDITORS + CHIEF_EXTRA,
}


def ensure_roles(*, apps=global_apps, using: str = "default", **kwargs) -> None:
    """Create the groups and give each the permissions listed above (extra ones are kept: a chief
    editor may have granted more in the admin). Runs after Django's own post_migrate handler has
    created every app's permissions (the project app is the last one)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    wanted = {code for codes in ROLES.values() for code in codes}
    permissions = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.using(using).select_related("content_type")
        if f"{p.content_type.app_label}.{p.codename}" in wanted
    }
    missing = sorted(wanted - set(permissions))
    if missing:
        raise LookupError(f"Roles name permissions that do not exist: {', '.join(missing)}")
    for name, codes in ROLES.items():
        group, _created = Group.objects.using(using).get_or_create(name=name)
        group.permissions.add(*(permissions[code] for code in codes))
