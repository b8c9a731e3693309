"""The Complaint Handling Code as data, and what in Putright answers each provision."""
