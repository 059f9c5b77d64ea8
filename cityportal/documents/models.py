"""Official documents (laws, plans, policies, forms) with their attachments, and document libraries."""
