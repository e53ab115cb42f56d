"""Resolution: canonical actors, dates, places, and the cross-article merge."""
