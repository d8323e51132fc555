"""Admin for the ESCO taxonomy (read-mostly: ``import_esco`` fills it)."""

from django.contrib import admin

from matching.taxonomy.models import EscoOccupation, EscoSkill, OccupationSkillRelation


@admin.register(EscoSkill)
class EscoSkillAdmin(admin.ModelAdmin[EscoSkill]):
    list_display = ("preferred_label", "skill_type", "source", "uri")
    list_filter = ("source", "skill_type")
    search_fields = ("preferred_label", "search_text", "uri")


@admin.register(EscoOccupation)
class EscoOccupationAdmin(admin.ModelAdmin[EscoOccupation]):
    list_display = ("label", "isco_group", "source", "uri")
    list_filter = ("source",)
    search_fields = ("label", "uri", "isco_group")


@admin.register(OccupationSkillRelation)
class OccupationSkillRelationAdmin(admin.ModelAdmin[OccupationSkillRelation]):
    list_display = ("occupation", "skill", "relation_type")
    list_filter = ("relation_type",)
    search_fields = ("occupation__label", "skill__preferred_label")
    list_select_related = ("occupation", "skill")
    raw_id_fields = ("occupation", "skill")
