"""`sodsong coalition ...` subcommands."""
