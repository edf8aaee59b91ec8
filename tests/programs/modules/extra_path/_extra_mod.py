X = "from a directory added to sys.path"
