"""Discovery: finding creators by filters, words, niches, fit and likeness, with reasons;
shortlists and saved searches.
"""
