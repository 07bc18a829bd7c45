from django.contrib import admin

from .models import Audience, Language


@admin.register(Audience)
class AudienceAdmin(admin.ModelAdmin):
    list_display = ["label", "slug", "is_default", "target_grade", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["label"]}
    search_fields = ["label", "slug"]


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ["name", "native_name", "code", "search_config", "is_default", "order"]
    list_editable = ["order"]
    search_fields = ["name", "native_name", "code"]
