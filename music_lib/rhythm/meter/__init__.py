"""Meter from audio: onsets, beat trackers and tempo, meter signals and their vote (MeterNet, a code-hash cache and the warm, extract, grid and eval workflow to follow)."""
