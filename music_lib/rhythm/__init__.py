"""Rhythm pipelines: bar phase and meter."""
