from django.contrib import admin

from .models import Audience


@admin.register(Audience)
class AudienceAdmin(admin.ModelAdmin):
    list_display = ["label", "slug", "is_default", "target_grade", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["label"]}
    search_fields = ["label", "slug"]
