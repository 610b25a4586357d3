"""``make bench``: run every benchmark in bench/ and print its figures."""

from bench import core

if __name__ == "__main__":
    core.main([])
