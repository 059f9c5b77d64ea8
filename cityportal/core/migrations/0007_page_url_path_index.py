"""An index on Wagtail's page table by url_path: core.routing finds every page along an
address in one query by their url_paths (without it, a read of the whole table)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_page_tree_version"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS cityportal_page_url_path ON wagtailcore_page (url_path)",
            "DROP INDEX IF EXISTS cityportal_page_url_path",
        )
    ]
