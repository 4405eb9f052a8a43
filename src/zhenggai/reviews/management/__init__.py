"""Management commands of the reviews app."""
