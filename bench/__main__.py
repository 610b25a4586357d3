"""``make bench``: run every benchmark in bench/ and print its figures."""

from bench import bus, core, kiosk, printer, screens

if __name__ == "__main__":
    core.main([])
    print()
    bus.main([])
    print()
    printer.main([])
    print()
    screens.main([])
    print()
    kiosk.main([])
