"""The screens and director of competing teams."""
