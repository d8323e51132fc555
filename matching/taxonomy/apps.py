from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    """ESCO skills and occupations, kept in their own app so the taxonomy migrates alone."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "matching.taxonomy"
    label = "taxonomy"
