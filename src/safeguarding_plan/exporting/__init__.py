"""The plugin seam: the hooks, the exporters and timescales plugins register, and ``export``.

- ``exporter``: ``Exporter``, what a plugin registers, and the errors and warnings of exporting
- ``hookspecs``: the hooks a plugin can implement
- ``guard``: a plugin's own code run so that it cannot spoil a document or a stop
- ``manager``: the plugin manager, holding the exporter and timescale registries
- ``running``: ``export``, a plan rendered by an exporter into a file or a stream
"""
