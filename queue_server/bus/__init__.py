"""MQTT adapter: topics, message schemas, the queue server and the client the apps use.

One place defines the contract (``topics`` and ``messages``); the server and
every app import it from here.
"""
