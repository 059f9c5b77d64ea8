"""Mailbox of Government: letters from the public handled as cases with deadlines."""
