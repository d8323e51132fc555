"""Uploaded CVs live outside the web root, are served by no URL and get random stored names."""

from pathlib import Path, PurePosixPath

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import Resolver404, resolve

from candidates.models import CandidateDocument
from candidates.services.uploads import cv_upload
from tests.factories import CandidateFactory

pytestmark = pytest.mark.django_db

CV = b"SUMMARY\nData analyst.\n\nSKILLS\nSQL, Python\n"


def _web_roots() -> list[Path]:
    """Folders whose files the site serves or renders: static files and templates."""
    roots = [Path(settings.STATIC_ROOT), *map(Path, settings.STATICFILES_DIRS)]
    for engine in settings.TEMPLATES:
        roots.extend(Path(folder) for folder in engine["DIRS"])
    return [root.resolve() for root in roots]


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def test_media_root_is_outside_every_web_root() -> None:
    media = Path(settings.MEDIA_ROOT).resolve()
    storage = Path(default_storage.location).resolve()  # type: ignore[attr-defined]

    for root in _web_roots():
        assert not _inside(media, root), (media, root)
        assert not _inside(root, media), (media, root)
        assert not _inside(storage, root), (storage, root)


def test_the_default_media_root_is_under_var_not_the_repository_web_folders() -> None:
    from ats_site.settings import base

    media = Path(base.MEDIA_ROOT).resolve()
    assert _inside(media, Path(base.VAR_DIR).resolve())
    for root in [Path(base.STATIC_ROOT), *base.STATICFILES_DIRS, base.BASE_DIR / "templates"]:
        assert not _inside(media, Path(root).resolve())


def test_no_url_serves_uploaded_files() -> None:
    candidate = CandidateFactory.create()
    document = cv_upload(candidate=candidate, data=CV, original_name="cv.txt").document
    media_url = settings.MEDIA_URL.rstrip("/") + "/" + document.file.name

    with pytest.raises(Resolver404):
        resolve(media_url)
    assert Client().get(media_url).status_code == 404
    assert document.file.url not in {"", None}  # a URL can be built, but nothing answers it


@pytest.mark.parametrize(
    "original_name",
    [
        "cv.txt",
        "../../../../etc/cron.d/evil.txt",
        "Jean Dupont CV.txt",
        "..\\..\\win.txt",
        "résumé_2024.txt",
    ],
)
def test_stored_names_are_random_never_the_uploaded_name(original_name: str) -> None:
    candidate = CandidateFactory.create()
    data = CV + original_name.encode()
    document = cv_upload(candidate=candidate, data=data, original_name=original_name).document

    stored = PurePosixPath(document.file.name)
    assert stored.parts[0] == "cv"
    assert ".." not in stored.parts
    assert PurePosixPath(original_name).stem not in stored.name
    assert len(stored.stem) == 32
    assert int(stored.stem, 16) >= 0  # a uuid4 hex
    on_disk = Path(document.file.path).resolve()
    assert _inside(on_disk, Path(settings.MEDIA_ROOT).resolve())
    # The uploader's name is kept only as data, without any folder part.
    assert "/" not in document.original_name


def test_two_uploads_of_the_same_name_get_different_stored_names() -> None:
    candidate = CandidateFactory.create()
    first = cv_upload(candidate=candidate, data=CV + b"1", original_name="cv.txt").document
    second = cv_upload(candidate=candidate, data=CV + b"2", original_name="cv.txt").document

    assert first.file.name != second.file.name
    assert CandidateDocument.objects.filter(candidate=candidate).count() == 2
