rows = [("Widget", 4, 3.5), ("Gadget", 10, 12.25), ("Thingamajig", 1, 199.999), ("Nut", 1000, 0.05)]
print(f"{'Item':<12}|{'Qty':>5}|{'Price':>9}|{'Total':>10}")
print("-" * 39)
for name, qty, price in rows:
    print(f"{name:<12.10}|{qty:>5d}|{price:>9.2f}|{qty * price:>10,.2f}")
total = sum(q * p for _, q, p in rows)
print(f"{'TOTAL':<12}|{'':>5}|{'':>9}|{total:>10,.2f}")
print(f"{total:e} {total:.3e} {total:g} {total:%} {0.256:.1%} {-total:+.1f} {total:_.0f}")
print("{:*^20}".format(" centered "), "{0:>{1}}".format("r", 5), "{:08.3f}".format(-3.14159), "{:#x} {:#o} {:#b}".format(255, 8, 5))
print("%-8s|%6.2f|%04d|%x|%r" % ("left", 2.5, 42, 255, "q"), "%(a)s and %(b)d" % {"a": "x", "b": 7}, "%c%c" % (72, "i"))
