"""Admin for users, with their role."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from ats_site.accounts.models import AuditEvent, User


@admin.register(User)
class FairMatchUserAdmin(UserAdmin):
    list_display = ("username", "email", "role", "is_active", "last_login")
    list_filter = ("role", "is_active", "is_staff")
    fieldsets = (*UserAdmin.fieldsets, ("FairMatch", {"fields": ("role", "api_scopes")}))  # type: ignore[misc]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit log is append-only."""

    list_display = ("created_at", "action", "actor", "target_type", "target_id")
    list_filter = ("action", "target_type", "created_at")
    search_fields = ("target_id", "actor__username")
    date_hierarchy = "created_at"
    readonly_fields = ("created_at", "action", "actor", "target_type", "target_id", "detail")

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False
