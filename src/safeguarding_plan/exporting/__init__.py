"""The plugin seam: the hooks, the exporters and timescales plugins register, and ``export``.

- ``kinds``: the kinds of value an option takes, each converting text or a Python value
- ``exporter``: ``Exporter``, what a plugin registers, ``Option``, each option it declares, and
  the errors of exporting and ``ExportNote``
- ``options``: the options given, checked against an exporter's declarations in one place
- ``templates``: ``HouseTemplate``, a house template read for an exporter: bounded, checked
  and cleaned of what reaches outside it or runs code
- ``discovery``: the installed plugins, found without loading them, and ``PluginWarning``
- ``hookspecs``: the hooks a plugin can implement
- ``guard``: a plugin's own code run so that it cannot spoil a document or a stop
- ``manager``: the plugin manager, holding the exporter and timescale registries
- ``running``: ``export``, a plan rendered by an exporter into a file or a stream
"""
