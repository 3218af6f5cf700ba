"""The catalogue: creators, accounts, posts, comments, audiences and brands; importing them from
files, and reading them back.
"""
