"""Vetting: audits of accounts (engagement, fake followers, bought engagement, growth, comments,
audience fit).
"""
