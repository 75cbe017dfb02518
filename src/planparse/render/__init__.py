"""Render stage: terminal, JSON, Markdown, HTML, CSV and SQLite outputs."""
