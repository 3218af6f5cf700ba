"""Use cases (import, browse, demo) behind ports that adapters implement."""
