"""The ``oss-queue`` command line."""
