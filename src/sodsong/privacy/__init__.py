"""Privacy: personal data found and redacted in Thai text before anything is published.

`redact(text)` proposes a `Redaction`; an editor adjusts its `Finding`s and approves; only the
approved redacted text leaves the back office.
"""

from sodsong.privacy.redact import KINDS, PLACEHOLDERS, Finding, Redaction, apply, redact

__all__ = ["KINDS", "PLACEHOLDERS", "Finding", "Redaction", "apply", "redact"]
