"""The waiting-room board: who is served where, the last calls, how long the queues are."""
