"""The audit's signals: each check over one account, with its verdict, reason and evidence
(pure)."""
