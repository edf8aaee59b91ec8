# I/O errors become the errno's OSError subclass with the system's message.
for path in ["/nonexistent/x", ".", __file__ + "/x"]:
    for mode in ["r", "w"]:
        try:
            open(path, mode)
        except OSError as e:
            print(type(e).__name__, e.errno, e.strerror, e.filename == path)
