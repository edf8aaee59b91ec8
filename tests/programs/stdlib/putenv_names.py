# os.putenv / os.unsetenv with names the C library refuses: CPython's
# errors (the standard library's setters would abort the process).
import os

for k, v in [("", "value"), ("FRUIT=ORANGE", "lemon")]:
    try:
        os.putenv(k, v)
        print("ok")
    except (ValueError, OSError) as e:
        print(type(e).__name__, e)
for k in ["", "A=B"]:
    try:
        os.unsetenv(k)
    except (ValueError, OSError) as e:
        print(type(e).__name__, e)
os.putenv("TAIPAN_PUTENV_OK", "1")
os.unsetenv("TAIPAN_PUTENV_OK")
print("done")
