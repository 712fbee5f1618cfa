"""From facts to what analysts count: incident reports, events across articles, toll series."""
