# str.format conversion errors word what CPython says.
for f in ["{!}", "{0!}", "{0!r:}", "{!x}", "{0!rr}", "{!:}", "{0!:5}", "{a!}"]:
    try:
        print(repr(f.format(1, a=2)))
    except Exception as e:
        print(type(e).__name__, e)
