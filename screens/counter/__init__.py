"""The counter terminal: staff sign in, call, serve and move tickets."""
