"""Text with a source map -> Plan: clean, segment, extract (see `pipeline`)."""
