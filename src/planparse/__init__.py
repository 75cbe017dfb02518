"""planparse: structure and compare Chinese government plan documents."""

__version__ = "0.1.0"
