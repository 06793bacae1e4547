"""Settings every test shares."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True, scope="session")
def _private_embedding_cache(tmp_path_factory: pytest.TempPathFactory):
    """Embeddings go to a cache of this test session, never the user's own cache."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TRANSDIFF_CACHE_DIR", str(tmp_path_factory.mktemp("embedding-cache")))
        yield
