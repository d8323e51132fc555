"""Django side of the matching engine: converts rows to core dataclasses, stores results."""
