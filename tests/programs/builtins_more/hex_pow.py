# hex, oct, bin and pow (with modulus and modular inverses).
print(hex(255), hex(-255), oct(8), bin(10), bin(-3), hex(2**70))
print(pow(2, 10), pow(2, -1), pow(3, 4, 5), pow(3, -1, 7), pow(-2, 3, 5), pow(2, 100, -7), pow(2.0, 3))
