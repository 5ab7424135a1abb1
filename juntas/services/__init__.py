"""Writes of the board's work: one module per area, every function keyword-only, typed and atomic,
writing its audit entry (coordinacion.audit.log_action) in the same transaction."""
