"""Record shapes for many plans and their writers (JSONL, CSV, SQLite)."""
