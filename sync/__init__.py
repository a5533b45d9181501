"""Sync: the feed format (spec: FEED.md), signing, the publisher; sources, downloader and USB export to come."""
