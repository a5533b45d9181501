"""Kitepkana core: the local library, its storage, import and command line. Never imports Qt."""

__version__ = "0.1.0"
