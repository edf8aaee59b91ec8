from _cyc_a import A
