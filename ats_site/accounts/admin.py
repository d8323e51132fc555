"""Admin for users, with their role."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from ats_site.accounts.models import User


@admin.register(User)
class FairMatchUserAdmin(UserAdmin):
    list_display = ("username", "email", "role", "is_active", "last_login")
    list_filter = ("role", "is_active", "is_staff")
    fieldsets = (*UserAdmin.fieldsets, ("FairMatch", {"fields": ("role", "api_scopes")}))  # type: ignore[misc]
