"""Tracking links, UTM parameters, short codes, QR codes and promo codes (pure)."""
