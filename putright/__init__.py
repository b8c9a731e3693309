"""Putright: complaint handling for social landlords, built to the Complaint Handling Code."""
