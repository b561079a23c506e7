"""Publication of cases: the redaction editor, photo blurring, the public /cases/ site, feeds,
alerts and open data. Only an editor-approved redacted version of a case ever leaves the back
office (see docs/redaction.md and docs/cases-site.md)."""
