"""Staff case work: screening, referrals, procurement links, follow-up, audit, retention."""
