"""Entry points: the command line, the web app and (later) background workers."""
