from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save


def _resync_role_groups(**_: object) -> None:
    """Give permissions of models added after the roles migration to the role groups."""
    from django.contrib.auth.models import Group, Permission

    from ats_site.accounts.roles import sync_role_groups

    sync_role_groups(Group, Permission)


def _create_cache_table(using: str = "default", **_: object) -> None:
    """`migrate` also creates the database cache's table when CACHES uses one (idempotent)."""
    from django.conf import settings
    from django.core.management import call_command

    if any(entry["BACKEND"].endswith("DatabaseCache") for entry in settings.CACHES.values()):
        call_command("createcachetable", database=using, verbosity=0)


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ats_site.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from ats_site.accounts.lockout import on_logged_in, on_login_failed
        from ats_site.accounts.models import User
        from ats_site.accounts.tokens import tokens_rotate_on_password_change

        # Infrastructure, not domain behaviour: permissions exist only after post_migrate.
        post_migrate.connect(_resync_role_groups, sender=self, dispatch_uid="sync_role_groups")
        post_migrate.connect(_create_cache_table, sender=self, dispatch_uid="create_cache_table")
        # Security hooks that must hold on every login and password-change path.
        user_login_failed.connect(on_login_failed, dispatch_uid="lockout_failed")
        user_logged_in.connect(on_logged_in, dispatch_uid="lockout_logged_in")
        post_save.connect(
            tokens_rotate_on_password_change, sender=User, dispatch_uid="token_rotation"
        )
