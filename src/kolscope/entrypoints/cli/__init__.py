"""The ``kolscope`` command line (Typer + Rich). It parses arguments and calls services."""
