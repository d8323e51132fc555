"""The O*NET title lookup setting: explicit folder, a missing one, auto, and the weight."""

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from matching.services.onet import onet_dir, onet_title_index, title_lookup_get
from tests.matching.onet_files import write_onet_folder


def test_explicit_folder_loads_its_titles(settings, tmp_path: Path) -> None:
    folder = write_onet_folder(tmp_path / "onet", {"Registered Nurse": "29-1141.00"})
    settings.MATCHING_ONET_DIR = str(folder)

    index = onet_title_index()

    assert index is not None
    match = index.lookup("Registered Nurse\nNight shifts")
    assert match is not None
    assert match.domain == "healthcare"
    assert onet_title_index() is index  # read once per process
    assert title_lookup_get().to_json() == {"folder": str(folder), "weight": 0.9}


def test_missing_explicit_folder_is_a_configuration_error(settings, tmp_path: Path) -> None:
    settings.MATCHING_ONET_DIR = str(tmp_path / "no-such-folder")

    with pytest.raises(ImproperlyConfigured, match="MATCHING_ONET_DIR=.*no such folder"):
        onet_title_index()


def test_explicit_folder_without_title_files_is_a_configuration_error(
    settings, tmp_path: Path
) -> None:
    settings.MATCHING_ONET_DIR = str(tmp_path)

    with pytest.raises(ImproperlyConfigured, match="none of Occupation_Data.txt"):
        onet_title_index()


def test_auto_without_the_shared_folder_runs_without_lookup(settings, tmp_path: Path) -> None:
    settings.MATCHING_ONET_DIR = ""
    settings.BASE_DIR = tmp_path / "main"  # no ../shared/data/onet beside it

    assert onet_dir() is None
    assert onet_title_index() is None
    assert title_lookup_get().to_json() == {"folder": None, "weight": None}


def test_auto_finds_the_shared_folder(settings, tmp_path: Path) -> None:
    folder = write_onet_folder(
        tmp_path / "shared" / "data" / "onet", {"Java Developer": "15-1252.00"}
    )
    settings.MATCHING_ONET_DIR = ""
    settings.BASE_DIR = tmp_path / "main"

    assert onet_dir() == folder
    assert onet_title_index() is not None


def test_weight_zero_switches_the_lookup_off_and_bad_weights_fail(settings, tmp_path: Path) -> None:
    settings.MATCHING_ONET_DIR = str(write_onet_folder(tmp_path / "onet", {}))
    settings.MATCHING_ONET_TITLE_WEIGHT = 0.0
    assert onet_title_index() is None
    assert title_lookup_get(enabled=True).index is None

    settings.MATCHING_ONET_TITLE_WEIGHT = 1.5
    with pytest.raises(ImproperlyConfigured, match="between 0 and 1, got 1.5"):
        title_lookup_get()
