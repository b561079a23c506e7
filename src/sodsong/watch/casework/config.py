"""Settings of the case work, read when used (so a changed `.env` needs no code change)."""

from __future__ import annotations

from sodsong.config import env_int

__all__ = ["followup_weeks", "referral_response_days", "retention_days", "screening_sla_days"]


def screening_sla_days() -> int:
    """Days a received case may wait for screening before the inbox shows it as overdue."""
    return env_int("SODSONG_SCREENING_SLA_DAYS", 7)


def referral_response_days() -> int:
    """Default days an agency has to answer a referral (an agency's own value wins)."""
    return env_int("SODSONG_REFERRAL_RESPONSE_DAYS", 60)


def followup_weeks() -> int:
    """Weeks after a referral before the reporter is asked whether anything changed."""
    return env_int("SODSONG_FOLLOWUP_WEEKS", 6)


def retention_days() -> int:
    """Days after closing before raw evidence and the reporter's identity are deleted."""
    return env_int("SODSONG_RETENTION_DAYS", 365)
