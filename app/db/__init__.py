"""The local library database: typed models, engine set-up and migrations."""
