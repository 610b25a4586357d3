"""The Kivy apps around the queue: display board, counter terminal, rating screen.

Each app is a thin view: it sends requests through the bus client and draws
the state the server publishes (request → server → state → screens). What a
screen shows is computed by plain-Python view models next to each app, so the
rules are tested without a window; the Kivy widgets only lay them out.
"""
