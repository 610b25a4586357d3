"""``make bench``: run every benchmark in bench/ and print its figures."""

from bench import bus, core, printer

if __name__ == "__main__":
    core.main([])
    print()
    bus.main([])
    print()
    printer.main([])
