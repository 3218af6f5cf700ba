"""Files the vetting tools read and write: comment and follower files, the public corpora,
and result files."""
