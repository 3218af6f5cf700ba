"""Scoring and classification over domain objects (engagement, authenticity, language, niche)."""
