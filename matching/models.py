"""Matching engine data: stored embeddings, scoring runs and match scores."""
