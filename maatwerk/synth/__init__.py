"""Synthetic households for benchmarks and growth charts (`maatwerk synth`, docs/SYNTH.md)."""
