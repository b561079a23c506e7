"""`sodsong` subcommands of the watch part."""
