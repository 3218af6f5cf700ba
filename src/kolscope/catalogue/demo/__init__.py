"""The demo workspace: a synthetic Thai-market catalogue written through the normal import path."""
