"""The chief editor's admin for the board: members, specialties, topic routing, the approval checklist."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reviews.models import AttestationItem, BoardMember, Specialty, TopicRouting


@admin.register(BoardMember)
class BoardMemberAdmin(admin.ModelAdmin):
    list_display = ["display_name", "credentials", "specialty", "specialty_list", "active", "order"]
    list_filter = ["active", "specialties"]
    list_select_related = ["user"]
    search_fields = ["display_name", "specialty", "user__username"]
    autocomplete_fields = ["user"]
    filter_horizontal = ["specialties"]
    readonly_fields = ["disclosure_updated_at"]
    fields = [
        "user",
        "display_name",
        "credentials",
        "specialty",
        "specialties",
        "bio",
        "disclosure",
        "disclosure_updated_at",
        "active",
        "order",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("specialties")

    @admin.display(description=_("routing specialties"))
    def specialty_list(self, obj: BoardMember) -> str:
        return ", ".join(s.name for s in obj.specialties.all()) or "—"

    def save_model(self, request, obj, form, change):
        if "disclosure" in form.changed_data or (obj.disclosure and obj.disclosure_updated_at is None):
            obj.disclosure_updated_at = timezone.now()
        super().save_model(request, obj, form, change)


@admin.register(Specialty)
class SpecialtyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(TopicRouting)
class TopicRoutingAdmin(admin.ModelAdmin):
    """Which specialties review each topic's articles, and how many days they have."""

    list_display = ["topic", "specialty_list", "due_days"]
    list_select_related = ["topic"]
    filter_horizontal = ["specialties"]
    autocomplete_fields = ["topic"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("specialties")

    @admin.display(description=_("specialties"))
    def specialty_list(self, obj: TopicRouting) -> str:
        return ", ".join(s.name for s in obj.specialties.all()) or _("any member")


@admin.register(AttestationItem)
class AttestationItemAdmin(admin.ModelAdmin):
    """The statements every approval confirms; an inactive one is no longer asked. Approvals keep
    the text they confirmed, so editing a statement never changes a past approval."""

    list_display = ["text", "active", "order"]
    list_editable = ["active", "order"]
    list_filter = ["active"]

    def has_delete_permission(self, request, obj=None) -> bool:
        # Deactivate a statement instead: the list is never empty, so a new site's defaults
        # (reviews.checklist) are only ever added to an empty table.
        return False
