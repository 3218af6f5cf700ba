"""Importing creators, posts, comments, audiences and follower samples from files."""
