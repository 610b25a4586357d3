"""The rating tablet at a counter: asks the citizen just served for a rating."""
