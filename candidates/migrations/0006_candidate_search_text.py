"""Full-text search of candidates: the search-text table, filled from existing rows, indexed by
a GIN expression index on PostgreSQL or an FTS5 table with sync triggers on SQLite."""

import django.db.models.deletion
from django.db import migrations, models

from candidates import search_sqlite
from candidates.search_text import index_text

PROFILE_FIELDS = ("first_name", "last_name", "headline", "city", "region")


def _fill(apps, schema_editor) -> None:
    Candidate = apps.get_model("candidates", "Candidate")
    CandidateDocument = apps.get_model("candidates", "CandidateDocument")
    CandidateSearchText = apps.get_model("candidates", "CandidateSearchText")
    rows = []
    for candidate in Candidate.objects.filter(is_anonymised=False).iterator():
        document = (
            CandidateDocument.objects.filter(candidate=candidate, parse_status="parsed")
            .order_by("-is_selected", "-created_at", "-pk")
            .first()
        )
        profile = [getattr(candidate, name) for name in PROFILE_FIELDS]
        profile += [str(region) for region in candidate.mobility_regions or []]
        rows.append(
            CandidateSearchText(
                candidate=candidate,
                profile_terms=index_text(profile),
                cv_terms=index_text([document.extracted_text if document else ""]),
            )
        )
    CandidateSearchText.objects.bulk_create(rows, batch_size=500)


def _index(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        from candidates.search_postgres import gin_index

        schema_editor.add_index(apps.get_model("candidates", "CandidateSearchText"), gin_index())
    elif vendor == "sqlite":
        for statement in search_sqlite.create_statements():
            schema_editor.execute(statement)


def _unindex(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        from candidates.search_postgres import gin_index

        schema_editor.remove_index(
            apps.get_model("candidates", "CandidateSearchText"), gin_index()
        )
    elif vendor == "sqlite":
        for statement in search_sqlite.drop_statements():
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("candidates", "0005_cv_intake_batches"),
    ]

    operations = [
        migrations.CreateModel(
            name="CandidateSearchText",
            fields=[
                ("created_at", models.DateTimeField(auto_now_add=True, db_index=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "candidate",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_text",
                        serialize=False,
                        to="candidates.candidate",
                    ),
                ),
                ("profile_terms", models.TextField(blank=True)),
                ("cv_terms", models.TextField(blank=True)),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.RunPython(_fill, migrations.RunPython.noop),
        migrations.RunPython(_index, _unindex),
    ]
