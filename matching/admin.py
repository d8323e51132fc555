"""Admin for the matching engine's data: scores, runs, batches and stored embeddings."""

from django.contrib import admin

from matching.models import EmbeddingRecord, MatchScore, ScoringBatch, ScoringRun


@admin.register(MatchScore)
class MatchScoreAdmin(admin.ModelAdmin):
    list_display = ("candidate", "vacancy", "score", "bucket", "model_version", "updated_at")
    list_filter = ("bucket", "model_version", "vacancy__status")
    search_fields = ("candidate__last_name", "candidate__email", "vacancy__title")
    list_select_related = ("candidate", "vacancy")
    readonly_fields = ("features", "created_at", "updated_at")


class ScoringBatchInline(admin.TabularInline):
    model = ScoringBatch
    extra = 0
    fields = ("index", "status", "attempts", "finished_at")
    readonly_fields = fields
    can_delete = False


@admin.register(ScoringRun)
class ScoringRunAdmin(admin.ModelAdmin):
    list_display = ("pk", "vacancy", "status", "done", "total", "model_version", "created_at")
    list_filter = ("status", "model_version", "created_at")
    search_fields = ("vacancy__title", "message")
    list_select_related = ("vacancy",)
    inlines = [ScoringBatchInline]


@admin.register(EmbeddingRecord)
class EmbeddingRecordAdmin(admin.ModelAdmin):
    list_display = ("model_id", "kind", "text_sha256", "dimension", "created_at")
    list_filter = ("model_id", "kind")
    search_fields = ("text_sha256",)
    exclude = ("vector",)
