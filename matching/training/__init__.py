"""Django side of training: labelled pairs from application outcomes, and their exports."""
