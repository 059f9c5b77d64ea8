"""English stemming for the SQLite full-text index.

Wagtail's database search backend keeps, on SQLite, an FTS5 virtual table beside its
index entries (``wagtailsearch_indexentry_fts``, made by the wagtailsearch migration
0006 with FTS5's default ``unicode61`` tokenizer, which does not stem). An FTS5
table's tokenizer is fixed when the table is created, so this migration recreates the
table with ``tokenize='porter unicode61'``: the same Unicode word splitting, then the
Porter stemmer for English words, at index time and at query time ("investments" and
"investment" are both stored and searched as "invest"). Chinese words, already cut by
jieba and separated by spaces in the indexed text, pass the stemmer unchanged.

The table is refilled from the index entries (the FTS table is only a copy of their
``title``, ``body`` and ``autocomplete`` columns), and the three triggers that keep it
in step are recreated exactly as wagtailsearch made them, so no reindexing is needed.

Only SQLite is touched. PostgreSQL's backend stems through its text-search
configuration, MySQL and the fallback backend have no tokenizer to choose, and when
SQLite lacks FTS5 there is no table to recreate. See docs/search.md.
"""

from django.db import migrations

PORTER = "porter unicode61"


def _fts_table_sql(cursor, fts_table: str) -> str | None:
    cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = %s", [fts_table])
    row = cursor.fetchone()
    return row[0] if row else None


def _recreate(schema_editor, apps, tokenize: str | None) -> None:
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    entries = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    fts = f"{entries}_fts"
    with connection.cursor() as cursor:
        current = _fts_table_sql(cursor, fts)
        if current is None:
            # SQLite without FTS5: the backend falls back to plain LIKE queries.
            return
        if (tokenize is not None) == ("porter" in current.lower()):
            return
        tokenizer_option = f", tokenize='{tokenize}'" if tokenize else ""
        statements = [
            f"DROP TRIGGER IF EXISTS insert_{entries}_fts",
            f"DROP TRIGGER IF EXISTS update_{entries}_fts",
            f"DROP TRIGGER IF EXISTS delete_{entries}_fts",
            f"DROP TABLE {fts}",
            f"CREATE VIRTUAL TABLE {fts} USING fts5(autocomplete, body, title{tokenizer_option})",
            f"INSERT INTO {fts}(rowid, title, body, autocomplete) "
            f"SELECT id, title, body, autocomplete FROM {entries}",
            # The triggers of wagtailsearch's migration 0006, unchanged.
            f"CREATE TRIGGER insert_{entries}_fts AFTER INSERT ON {entries} BEGIN "
            f"INSERT INTO {fts}(title, body, autocomplete, rowid) "
            f"VALUES (NEW.title, NEW.body, NEW.autocomplete, NEW.id); END",
            f"CREATE TRIGGER update_{entries}_fts AFTER UPDATE ON {entries} BEGIN "
            f"UPDATE {fts} SET title=NEW.title, body=NEW.body, autocomplete=NEW.autocomplete "
            f"WHERE rowid=NEW.id; END",
            f"CREATE TRIGGER delete_{entries}_fts AFTER DELETE ON {entries} BEGIN "
            f"DELETE FROM {fts} WHERE rowid=OLD.id; END",
        ]
        for statement in statements:
            cursor.execute(statement)


def use_porter_stemmer(apps, schema_editor):
    _recreate(schema_editor, apps, PORTER)


def use_default_tokenizer(apps, schema_editor):
    _recreate(schema_editor, apps, None)


class Migration(migrations.Migration):
    dependencies = [
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.RunPython(use_porter_stemmer, use_default_tokenizer, elidable=False),
    ]
