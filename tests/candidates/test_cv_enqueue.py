"""Candidate services enqueue CV extraction by task name: it must be the registered task's."""

from ats_site.celery import app as celery_app
from candidates.services.enqueue import CV_EXTRACT_TASK
from candidates.tasks import cv_extract_task


def test_cv_extract_task_is_registered_under_the_enqueued_name():
    assert cv_extract_task.name == CV_EXTRACT_TASK
    assert celery_app.tasks[CV_EXTRACT_TASK].name == cv_extract_task.name
