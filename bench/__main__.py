"""``make bench``: run every benchmark in bench/, print one table, write results.json."""

from bench import suite

if __name__ == "__main__":
    suite.main()
