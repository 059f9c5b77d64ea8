"""Creates the "Mailbox administrators" and "Mailbox reviewers" groups with their
permissions (cityportal/mailbox/groups.py). Departments' staff groups get theirs from
`manage.py mailbox_groups`, once departments exist."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_groups(apps, schema_editor):
    from cityportal.mailbox.groups import ensure_role_groups

    # Permissions are normally created after all migrations; the groups need them now.
    app_config = apps.get_app_config("mailbox")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    ensure_role_groups(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [
        ("mailbox", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
