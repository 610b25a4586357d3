# The two commands of the README, and a few more for developers.
#   make demo   set up this machine and play the demo
#   make test   set up this machine and run every check CI runs

.PHONY: setup demo test test-fast lint bench chaos

setup:
	@scripts/bootstrap

demo: setup
	.venv/bin/oss-queue demo

lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

# The whole suite, every real component, in under five minutes on two cores. Four
# workers: most tests wait on a broker, a subprocess or a window's next frame, so two
# workers left the cores idle half the time (up to 6 min → about 4.2 min).
test: lint
	.venv/bin/pytest -n 4 --dist worksteal

# The inner loop: no windows, brokers, PostgreSQL or slow tests, on both cores (< 60 s).
test-fast: setup
	.venv/bin/pytest -q -n 2 -m "not postgres and not broker and not window and not slow"

bench: setup
	.venv/bin/python -m bench

# The long chaos day (5 minutes of kills); prints its figures.
chaos: setup
	OSS_CHAOS_SECONDS=$${OSS_CHAOS_SECONDS:-300} .venv/bin/pytest -q -s tests/chaos
