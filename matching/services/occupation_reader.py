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
from matching.core.occupations.esco_index import (
    OccupationIndex,
    OccupationTaxonomy,
    TextEncoder,
    build_occupation_index,
    read_esco_folder,
)
from matching.core.occupations.reader import OccupationReader
from matching.services.encoders import default_encoder
from matching.services.onet import onet_title_index
from matching.taxonomy.esco_files import official_esco_dir


def occupation_cache_dir() -> Path:
    """Where the occupation index's vectors are cached (``$FAIRMATCH_VAR_DIR/occupation-index``)."""
    return Path(settings.VAR_DIR) / "occupation-index"


@lru_cache(maxsize=1)
def esco_taxonomy() -> OccupationTaxonomy:
    """The official ESCO occupations in use, read once per process."""
    return read_esco_folder(official_esco_dir())


# Keyed by the encoder object itself (encoders are not hashable); it is kept alive here.
_INDEXES: dict[int, tuple[TextEncoder, OccupationIndex]] = {}


def esco_occupation_index(encoder: TextEncoder) -> OccupationIndex:
    """The ESCO occupation index for ``encoder``, built once per process and shared by the
    stored readings, the evaluation reader and the score (vectors cached on disk)."""
    cached = _INDEXES.get(id(encoder))
    if cached is None or cached[0] is not encoder:
        cached = (
            encoder,
            build_occupation_index(esco_taxonomy(), encoder, cache_dir=occupation_cache_dir()),
        )
        _INDEXES[id(encoder)] = cached
    return cached[1]


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
    return OccupationReader(
        index=esco_occupation_index(encoder),
        encoder=encoder,
        classifier=_classifier(encoder.dimension, classifier_path),
        onet_titles=onet_title_index(),
    )


@lru_cache(maxsize=1)
def occupation_reader_get() -> OccupationReader:
    """The process-wide reader (built on first use; ``cache_clear()`` after a settings change)."""
    return build_reader()


def occupation_caches_clear() -> None:
    """Forget the process-wide taxonomy, indexes and reader (after a settings change)."""
    esco_taxonomy.cache_clear()
    _INDEXES.clear()
    occupation_reader_get.cache_clear()
