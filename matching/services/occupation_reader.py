"""The process-wide ``OccupationReader``: the ESCO index, the encoder and the domain inputs.

Built once per process from the settings (``MATCHING_ESCO_DIR`` through ``official_esco_dir``,
the configured encoder, the shipped domain classifier when it was trained on that encoder, the
O*NET title index of ``MATCHING_ONET_DIR``). The index's vectors are cached on disk under
``$FAIRMATCH_VAR_DIR/occupation-index``, keyed by the ESCO version (release and a digest of the
CSVs) and the model, so only the first process after a taxonomy change encodes them.
"""

from functools import lru_cache
from pathlib import Path

from django.conf import settings

from matching.core.occupations.domains import DomainClassifier, load_domain_classifier
from matching.core.occupations.esco_index import build_occupation_index, read_esco_folder
from matching.core.occupations.reader import OccupationReader
from matching.services.encoders import default_encoder
from matching.services.onet import onet_title_index
from matching.taxonomy.esco_files import official_esco_dir


def occupation_cache_dir() -> Path:
    """Where the occupation index's vectors are cached (``$FAIRMATCH_VAR_DIR/occupation-index``)."""
    return Path(settings.VAR_DIR) / "occupation-index"


def _classifier(dimension: int, classifier_path: Path | None) -> DomainClassifier | None:
    """The domain classifier when it can be read and fits the encoder; else None."""
    try:
        classifier = (
            load_domain_classifier(classifier_path) if classifier_path else load_domain_classifier()
        )
    except (OSError, ValueError):
        return None
    return classifier if classifier.coef.shape[1] == dimension else None


def build_reader(*, classifier_path: Path | None = None) -> OccupationReader:
    """A new reader from the settings (``classifier_path``: another domain classifier file)."""
    encoder = default_encoder()
    index = build_occupation_index(
        read_esco_folder(official_esco_dir()), encoder, cache_dir=occupation_cache_dir()
    )
    return OccupationReader(
        index=index,
        encoder=encoder,
        classifier=_classifier(encoder.dimension, classifier_path),
        onet_titles=onet_title_index(),
    )


@lru_cache(maxsize=1)
def occupation_reader_get() -> OccupationReader:
    """The process-wide reader (built on first use; ``cache_clear()`` after a settings change)."""
    return build_reader()
