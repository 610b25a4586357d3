"""The centre console (`oss-queue web`): the clerk's and the supervisor's web pages.

A server-side adapter like the bus server: writes go through the one
operation table (bus.ops) as the signed-in staff member, so the same rules
and refusals apply, and each change is written to the audit log; reads use
the registers and the report queries. Live pages follow the bus state over
server-sent events. Nothing here is imported by the queue's other parts.
"""
