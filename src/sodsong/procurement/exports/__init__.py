"""Exports of the warehouse: OCDS compiled releases (JSONL), Parquet, FollowTheMoney entities."""
