"""factory_boy factories for every domain model."""

import hashlib
from typing import Any

import factory
from factory.django import DjangoModelFactory

from ats_site.accounts.models import Role, User
from candidates.models import Candidate, CandidateDocument, CandidateSensitiveAttributes
from candidates.services.search_index import candidate_search_index_update
from vacancies.models import Application, Vacancy


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    role = Role.RECRUITER
    password = factory.django.Password("correct horse battery staple")


class CandidateFactory(DjangoModelFactory[Candidate]):
    class Meta:
        model = Candidate
        skip_postgeneration_save = True

    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.Sequence(lambda n: f"candidate{n}@example.com")
    city = "Lyon"
    region = "Auvergne-Rhône-Alpes"
    headline = factory.Faker("job")

    @factory.post_generation
    def search_index(obj: Candidate, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: FBT001, N805
        """As the profile services do: the candidate is findable by full-text search."""
        if create:
            candidate_search_index_update(candidate=obj)


class CandidateDocumentFactory(DjangoModelFactory[CandidateDocument]):
    class Meta:
        model = CandidateDocument
        skip_postgeneration_save = True

    candidate = factory.SubFactory(CandidateFactory)
    file = factory.django.FileField(filename="cv.txt", data=b"Python developer, 5 years.")
    original_name = "cv.txt"
    content_type = "text/plain"
    size = 26
    sha256 = factory.Sequence(lambda n: f"{n:064x}")

    @factory.post_generation
    def search_index(obj: CandidateDocument, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: FBT001, N805
        """As the extraction service does: a parsed CV's text becomes searchable."""
        if create:
            candidate_search_index_update(candidate=obj.candidate)


def candidate_with_parsed_cv(
    text: str, profile: dict[str, Any] | None = None, **candidate_fields: Any
) -> Candidate:
    """A candidate whose latest CV is parsed to ``text`` (no file on disk: scoring reads text)."""
    candidate = CandidateFactory(**candidate_fields)
    CandidateDocument.objects.create(
        candidate=candidate,
        file="cv/test.txt",
        original_name="cv.txt",
        content_type="text/plain",
        size=len(text),
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        extracted_text=text,
        profile=profile if profile is not None else {},
        parse_status="parsed",
    )
    candidate_search_index_update(candidate=candidate)
    return candidate


class SensitiveAttributesFactory(DjangoModelFactory[CandidateSensitiveAttributes]):
    class Meta:
        model = CandidateSensitiveAttributes

    candidate = factory.SubFactory(CandidateFactory)
    gender = "female"
    nationality = "FR"
    birth_year = 1990


class VacancyFactory(DjangoModelFactory[Vacancy]):
    class Meta:
        model = Vacancy

    title = "Backend developer"
    organisation = "Acme"
    description = "Build Django services with PostgreSQL."
    required_skills = factory.LazyFunction(lambda: ["Python", "Django"])
    status = Vacancy.Status.OPEN
    owner = factory.SubFactory(UserFactory)


class ApplicationFactory(DjangoModelFactory[Application]):
    class Meta:
        model = Application

    candidate = factory.SubFactory(CandidateFactory)
    vacancy = factory.SubFactory(VacancyFactory)
