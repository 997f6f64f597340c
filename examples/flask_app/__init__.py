"""A small Flask app using govforms' WTForms fields (the Flask tutorial's code)."""
