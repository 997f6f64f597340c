"""govforms benchmarks: each compares us with a peer measured in the same run."""
