"""Logs and replay: the save log, workshop records, rebasing onto an edited scenario, aggregates."""
