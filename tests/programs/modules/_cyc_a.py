import _cyc_b
A = 1
