"""The accord as loaded: the model, the reading of policy files, the cache, the annex and the dependency
graph."""
