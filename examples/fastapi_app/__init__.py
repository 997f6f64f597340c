"""A small FastAPI app using govforms' pydantic types (the FastAPI tutorial's code)."""
