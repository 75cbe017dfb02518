"""Extract stage: metadata, tasks, responsibility brackets, columns and indicators."""
