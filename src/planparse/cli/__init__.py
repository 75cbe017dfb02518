"""Command line: one small module per command group, each a thin wrapper over a library function."""

from planparse.cli.main import app, main

__all__ = ["app", "main"]
