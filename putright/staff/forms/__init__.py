"""Forms of the staff workspace. They parse what was typed; the services judge it."""
