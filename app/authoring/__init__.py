"""The authoring format (see FORMAT.md beside this file): reading and validating a folder of items."""

from app.authoring.loader import Catalog, load_folder

__all__ = ["Catalog", "load_folder"]
