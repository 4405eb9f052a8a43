"""Documents bundled for the demo and the README: a seed report (seed.txt) and its notice."""
