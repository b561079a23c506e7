"""The half-year report: data gathered from the records (`data`), written as HTML (`html`) and PDF (`pdf`)."""
