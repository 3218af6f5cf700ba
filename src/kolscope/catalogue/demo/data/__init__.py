"""Synthetic demo data for the Thai market: creators, snapshots, posts, comments, audiences,
follower samples and brands, with known problems planted in a labelled minority.

Everything is generated from one seed (``random.Random(seed)``), anchored on a given day, and
written through the normal import path by ``kolscope.catalogue.demo.build.build_demo``.
"""

from __future__ import annotations

from kolscope.catalogue.demo.data.market import SyntheticThaiMarket
from kolscope.catalogue.demo.data.plans import PROBLEMS
from kolscope.catalogue.demo.data.vocab_people import NICHES

__all__ = ["NICHES", "PROBLEMS", "SyntheticThaiMarket"]
