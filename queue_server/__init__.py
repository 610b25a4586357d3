"""OSS Queue server: the domain, its storage, the MQTT bus and the reports.

Data flows one way: a request reaches the server, the server applies it to the
domain and stores the resulting events, then publishes the new state that the
kiosks, counters and display screens render.
"""

__version__ = "0.1.0"
