"""An index on Wagtail's page table by (depth, path): the menu asks for "pages at depth
3 and 4 under this home page" on every request, which without it reads the whole table
(30-55 ms on a 100,000-item site, see docs/benchmarks.md)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_content_locales"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS cityportal_page_depth_path ON wagtailcore_page (depth, path)",
            "DROP INDEX IF EXISTS cityportal_page_depth_path",
        )
    ]
