"""Model cards: facts, Markdown and plots for trained models."""
