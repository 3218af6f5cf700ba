"""Comment intelligence: sentiment, questions, purchase intent, spam, low effort, toxicity."""

from kolscope.vetting.comments.insight import OUTPUT_COLUMNS, CommentInsight
from kolscope.vetting.comments.pipeline import CommentReader, analyse_comments, default_reader

__all__ = [
    "OUTPUT_COLUMNS",
    "CommentInsight",
    "CommentReader",
    "analyse_comments",
    "default_reader",
]
