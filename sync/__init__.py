"""Sync: the feed format, sources, downloader, publisher and USB export (see the issues)."""
