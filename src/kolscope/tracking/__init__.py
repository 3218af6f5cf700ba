"""Tracking and attribution: links, promo codes, clicks, conversions (issue #17)."""
