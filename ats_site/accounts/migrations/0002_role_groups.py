from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

from ats_site.accounts.roles import sync_role_groups


def create_role_groups(apps, schema_editor):
    # Permissions are normally created after migrate; create them now so groups can hold them.
    # Only apps that have models get permissions, and each app config is left exactly as it
    # was: setting `models_module` to None here (as an earlier version did) made `migrate`
    # skip every app's post_migrate handlers on a fresh database (the db:// cache table among
    # them, tests/ats_site/test_fresh_migrate.py).
    for app_config in global_apps.get_app_configs():
        if app_config.models_module is not None:
            create_permissions(app_config, verbosity=0)
    sync_role_groups(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def remove_role_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["candidate", "recruiter", "hr_admin", "api_client"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("candidates", "0001_initial"),
        ("vacancies", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_role_groups, remove_role_groups)]
