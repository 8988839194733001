"""The built-in exporters: one small module per format, each a plugin like any other."""
