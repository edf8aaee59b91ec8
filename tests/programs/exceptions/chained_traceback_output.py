class ConfigError(Exception):
    pass
def read_setting(cfg, key):
    try:
        return cfg[key]
    except KeyError as e:
        raise ConfigError(f"missing setting {key!r}") from e
def start(cfg):
    port = read_setting(cfg, "port")
    return port
start({"host": "localhost"})
