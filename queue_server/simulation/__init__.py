"""A day at the centre, simulated on the real queue rules (``QueueDay``), many times over.

Plain Python like the domain: arrivals, service times and no-shows are drawn
once per simulated day and replayed under each priority policy, so the
policies are compared on the same citizens.
"""
