"""The command line's offline vetting tools, as one facade: read a comment file and write what
each comment says, score a file of follower profiles, and train the comment and follower models
from the public corpora or the team's own labels. Heavy (scikit-learn for training): only the
commands that use them import this."""

from __future__ import annotations

from kolscope.vetting.comments import OUTPUT_COLUMNS, CommentInsight, analyse_comments
from kolscope.vetting.comments.training import train as train_comment_models
from kolscope.vetting.files.comment_files import (
    CP874,
    UTF16,
    CommentFile,
    CommentFileError,
    find_text_column,
    open_comment_file,
    text_of,
)
from kolscope.vetting.files.comment_output import atomic_output, output_format
from kolscope.vetting.files.corpora import CorpusError, default_data_dir, training_data
from kolscope.vetting.files.follower_corpora import SHARED_LICENCE, shared_followers
from kolscope.vetting.files.follower_files import (
    FollowerFileError,
    FollowerFilePlan,
    plan_follower_file,
    read_followers,
    workspace_model_path,
)
from kolscope.vetting.files.follower_output import ScoredOutput
from kolscope.vetting.followers import FollowerModel, ModelFileError, feature_matrix_from_columns
from kolscope.vetting.followers.model import default_model_path
from kolscope.vetting.followers.training import (
    DataSource,
    TrainingDataError,
    train_on_matrix,
)
from kolscope.vetting.followers.training import train as train_follower_model

__all__ = [
    "CP874", "OUTPUT_COLUMNS", "SHARED_LICENCE", "UTF16", "CommentFile", "CommentFileError",
    "CommentInsight", "CorpusError", "DataSource", "FollowerFileError", "FollowerFilePlan",
    "FollowerModel", "ModelFileError", "ScoredOutput", "TrainingDataError", "analyse_comments",
    "atomic_output", "default_data_dir", "default_model_path", "feature_matrix_from_columns",
    "find_text_column", "open_comment_file", "output_format", "plan_follower_file",
    "read_followers", "shared_followers", "text_of", "train_comment_models",
    "train_follower_model", "train_on_matrix", "training_data", "workspace_model_path",
]  # fmt: skip
