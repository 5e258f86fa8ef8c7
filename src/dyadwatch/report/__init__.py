"""The crisis report (filled in below)."""
