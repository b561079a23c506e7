"""Create a Django group for every staff role."""

from django.db import migrations

ROLES = ["screener", "editor", "custodian", "admin", "partner", "coalition_staff", "coalition_partner"]


def create_groups(apps, schema_editor):  # type: ignore[no-untyped-def]
    group_model = apps.get_model("auth", "Group")
    for name in ROLES:
        group_model.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("web", "0001_login_attempts"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
