from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    """ESCO skills and occupations, kept in their own app so the taxonomy migrates alone."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "matching.taxonomy"
    label = "taxonomy"

    def ready(self) -> None:
        """Postings are read with the taxonomy in use (imported, else the official ESCO files)."""
        from matching.core.scoring.posting_terms import use_taxonomy
        from matching.taxonomy.selectors import skill_matcher_in_use

        use_taxonomy(skill_matcher_in_use)
