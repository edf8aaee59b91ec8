# Errors inside handlers and finally blocks chain to the one handled.
def cleanup():
    try:
        {}["missing"]
    finally:
        print("in finally")
        undefined_function()


cleanup()
