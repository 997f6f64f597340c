"""A small Django app using govforms' form fields (the Django tutorial's code)."""
