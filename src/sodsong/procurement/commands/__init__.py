"""Procurement subcommands of `sodsong` (one module each)."""
