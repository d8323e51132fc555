"""Helpers shared by services."""

from typing import Any, TypeVar

from django.db import models

ModelT = TypeVar("ModelT", bound=models.Model)


def model_update(*, instance: ModelT, fields: list[str], data: dict[str, Any]) -> ModelT:
    """Set the given fields from `data`, validate, and save only what changed."""
    changed = [
        field for field in fields if field in data and getattr(instance, field) != data[field]
    ]
    for field in changed:
        setattr(instance, field, data[field])
    if changed:
        instance.full_clean()
        if any(f.name == "updated_at" for f in instance._meta.get_fields()):
            changed.append("updated_at")
        instance.save(update_fields=changed)
    return instance
