"""The kinds of background job an installation runs, by name.

A small process (a worker) registers a handler per kind before it knows whether it will ever
run one; naming the kinds here lets it do so without importing the areas' heavy code (numpy,
the file readers). Each area's job module uses the same constant.
"""

from __future__ import annotations

IMPORT = "import"  # catalogue: files into the catalogue (``kolscope import --background``)
AUDIT = "audit"  # vetting: audit every account (``kolscope audit --all``)
INDEX = "search-index"  # discovery: bring the search index up to date
NORMS = "audit-norms"  # vetting: rebuild the workspace's peer norms after the data changed
