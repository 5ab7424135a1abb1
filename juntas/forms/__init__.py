"""Forms of the board's work, one module per area."""
