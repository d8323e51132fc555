"""The one ISCO-08 group -> domain mapping."""

import pytest

from matching.core.occupations.domains import DOMAIN_KEYS, Domain
from matching.core.occupations.isco_domains import (
    ISCO_PREFIX_DOMAINS,
    isco_domain_matrix,
    isco_to_domain,
)


def test_every_prefix_is_an_isco_code_and_every_value_a_domain_or_none() -> None:
    for prefix, domain in ISCO_PREFIX_DOMAINS.items():
        assert prefix.isdigit(), prefix
        assert 1 <= len(prefix) <= 4, prefix
        assert domain is None or isinstance(domain, Domain)


def test_every_major_group_is_covered() -> None:
    for major in "0123456789":
        assert any(prefix.startswith(major) for prefix in ISCO_PREFIX_DOMAINS), major


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("2411", "finance"),  # accountants
        ("3313", "finance"),  # accounting associate professionals
        ("3434", "retail_hospitality"),  # chefs
        ("5120", "retail_hospitality"),  # cooks
        ("3153", "manufacturing_operations"),  # aircraft pilots: transport, as O*NET 53-
        ("2611", "legal"),  # lawyers
        ("2341", "education"),  # primary school teachers
        ("2221", "healthcare"),  # nursing professionals
        ("2512", "technology"),  # software developers
        ("2166", "design"),  # graphic and multimedia designers
        ("2142", "construction_real_estate"),  # civil engineers
        ("7115", "construction_real_estate"),  # carpenters
        ("7231", "manufacturing_operations"),  # motor vehicle mechanics
        ("1212", "human_resources"),
        ("2423", "human_resources"),
        ("2432", "marketing_sales"),  # public relations
        ("2654", "media_entertainment"),  # film and stage directors
        ("5412", "government_nonprofit"),  # police officers
        ("0110", "government_nonprofit"),  # armed forces
        ("23", "education"),  # a sub-major group works too
    ],
)
def test_known_groups_map_to_their_domain(code: str, expected: str) -> None:
    domain = isco_to_domain(code)

    assert domain is not None
    assert domain.value == expected


@pytest.mark.parametrize("code", ["4110", "1120", "2421", "3343"])
def test_cross_sector_work_has_no_domain(code: str) -> None:
    assert isco_to_domain(code) is None


def test_longest_prefix_wins() -> None:
    assert isco_to_domain("2166") is Domain.DESIGN  # "2166" beats "216" (construction)
    assert isco_to_domain("2161") is Domain.CONSTRUCTION_REAL_ESTATE


@pytest.mark.parametrize("code", ["", "24115", "24a1", "x"])
def test_an_invalid_code_is_refused(code: str) -> None:
    with pytest.raises(ValueError, match="not an ISCO-08 code"):
        isco_to_domain(code)


def test_domain_matrix_is_one_hot_or_zero() -> None:
    matrix = isco_domain_matrix(("2411", "4110", "3434"))

    assert matrix.shape == (3, len(DOMAIN_KEYS))
    assert matrix[0, DOMAIN_KEYS.index("finance")] == 1.0
    assert matrix[1].sum() == 0.0
    assert matrix.sum(axis=1).tolist() == [1.0, 0.0, 1.0]
