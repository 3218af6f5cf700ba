"""kolscope: a self-hostable influencer-marketing platform for the Thai market."""

__version__ = "0.1.0"
