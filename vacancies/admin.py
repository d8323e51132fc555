"""Admin for vacancies and the application pipeline."""

from django.contrib import admin

from vacancies.models import (
    Application,
    ApplicationEmail,
    ApplicationStatusChange,
    EmailTemplate,
    Vacancy,
)


@admin.register(Vacancy)
class VacancyAdmin(admin.ModelAdmin):
    list_display = ("title", "organisation", "seniority", "region", "status", "owner", "created_at")
    list_filter = ("status", "seniority", "region", "created_at")
    search_fields = ("title", "organisation", "department", "description", "external_id")
    list_select_related = ("owner",)
    date_hierarchy = "created_at"


class ApplicationStatusChangeInline(admin.TabularInline):
    model = ApplicationStatusChange
    extra = 0
    fields = ("from_status", "to_status", "changed_by", "changed_at", "reason")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        # History is written by application_move only.
        return False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("candidate", "vacancy", "status", "source", "created_at")
    list_filter = ("status", "source", "vacancy__status", "created_at")
    search_fields = ("candidate__email", "candidate__last_name", "vacancy__title")
    list_select_related = ("candidate", "vacancy")
    # Status changes go through the workflow service, not a free-form field.
    readonly_fields = ("status", "created_at", "updated_at")
    inlines = [ApplicationStatusChangeInline]


@admin.register(ApplicationStatusChange)
class ApplicationStatusChangeAdmin(admin.ModelAdmin):
    list_display = ("application", "from_status", "to_status", "changed_by", "changed_at")
    list_filter = ("to_status", "from_status", "changed_at")
    search_fields = ("application__candidate__email", "application__vacancy__title", "reason")
    list_select_related = ("application__candidate", "application__vacancy", "changed_by")


@admin.register(EmailTemplate)
class EmailTemplateAdmin(admin.ModelAdmin):
    """HR admins edit the status e-mails (placeholders: vacancies.emails.PLACEHOLDERS)."""

    list_display = ("status", "language", "subject", "is_active", "updated_at")
    list_filter = ("status", "language", "is_active")
    search_fields = ("subject", "body")


@admin.register(ApplicationEmail)
class ApplicationEmailAdmin(admin.ModelAdmin):
    """The e-mail log, read only: rows are written by the e-mail services and the worker."""

    list_display = ("application", "kind", "recipient", "status", "sent_at", "created_at")
    list_filter = ("kind", "status", "language")
    list_select_related = ("application__candidate", "application__vacancy")
    readonly_fields = [field.name for field in ApplicationEmail._meta.fields]

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False
