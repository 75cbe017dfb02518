"""Compare a lower plan with an upper plan: target comparison, task alignment, diff and check."""
