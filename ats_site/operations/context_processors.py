"""Templates of staff pages get the queue's health (lazily: only a page that shows it asks)."""

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from ats_site.operations.selectors import queue_health_get


def queue_health(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not getattr(user, "is_staff_member", False):
        return {}
    return {"queue_health": SimpleLazyObject(queue_health_get)}
