from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _resync_role_groups(**_: object) -> None:
    """Give permissions of models added after the roles migration to the role groups."""
    from django.contrib.auth.models import Group, Permission

    from ats_site.accounts.roles import sync_role_groups

    sync_role_groups(Group, Permission)


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ats_site.accounts"
    label = "accounts"

    def ready(self) -> None:
        # Infrastructure, not domain behaviour: permissions exist only after post_migrate.
        post_migrate.connect(_resync_role_groups, sender=self, dispatch_uid="sync_role_groups")
