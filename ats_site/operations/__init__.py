"""Operations: is background work moving? Worker heartbeats and the queue's health."""
