"""Text in Thai and English: cleaning, word splitting and the words search indexes (pure)."""
