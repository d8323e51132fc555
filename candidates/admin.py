"""Admin for candidates; sensitive attributes show only to users with their permission."""

from django.conf import settings
from django.contrib import admin

from candidates.models import Candidate, CandidateDocument, CandidateSensitiveAttributes

# Which field holds each collectable attribute; the setting decides which are shown.
SENSITIVE_FIELDS = ("gender", "nationality", "ethnicity", "birth_year")


class CandidateDocumentInline(admin.TabularInline):
    model = CandidateDocument
    extra = 0
    fields = ("original_name", "content_type", "size", "parse_status", "created_at")
    readonly_fields = fields
    show_change_link = True


def collected_sensitive_fields() -> list[str]:
    """The sensitive fields this deployment may collect (FAIRNESS_COLLECTED_ATTRIBUTES)."""
    collected = set(settings.FAIRNESS_COLLECTED_ATTRIBUTES)
    return [name for name in SENSITIVE_FIELDS if name in collected]


class CandidateSensitiveAttributesInline(admin.StackedInline):
    """Django hides an inline from users without its view permission: recruiters lack it."""

    model = CandidateSensitiveAttributes
    extra = 0
    can_delete = True

    def get_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        return collected_sensitive_fields()


@admin.register(Candidate)
class CandidateAdmin(admin.ModelAdmin):
    list_display = ("full_name", "email", "city", "region", "consent_version", "created_at")
    list_filter = ("region", "consent_version", "is_anonymised", "created_at")
    search_fields = ("first_name", "last_name", "email", "headline", "external_id")
    date_hierarchy = "created_at"
    inlines = [CandidateDocumentInline, CandidateSensitiveAttributesInline]
    readonly_fields = ("created_at", "updated_at", "consent_given_at")


@admin.register(CandidateDocument)
class CandidateDocumentAdmin(admin.ModelAdmin):
    list_display = ("original_name", "candidate", "content_type", "size", "parse_status")
    list_filter = ("parse_status", "content_type")
    search_fields = ("original_name", "sha256", "candidate__email", "candidate__last_name")
    list_select_related = ("candidate",)
    readonly_fields = ("sha256", "size", "content_type", "created_at", "updated_at")


@admin.register(CandidateSensitiveAttributes)
class CandidateSensitiveAttributesAdmin(admin.ModelAdmin):
    list_display = ("candidate", "gender")  # widened to every collected field per request
    list_filter = ("gender", "nationality")
    search_fields = ("candidate__email", "candidate__last_name")
    list_select_related = ("candidate",)

    def get_list_display(self, request):  # type: ignore[no-untyped-def]
        return ["candidate", *collected_sensitive_fields()]

    def get_list_filter(self, request):  # type: ignore[no-untyped-def]
        return [name for name in collected_sensitive_fields() if name != "birth_year"]

    def get_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        return ["candidate", *collected_sensitive_fields()]
