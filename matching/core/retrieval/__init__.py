"""Stage-1 vector indexes (exact, FAISS) and stage-2 reranking."""
