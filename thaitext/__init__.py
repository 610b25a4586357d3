"""Thai text for screens and print alike: the bundled font, word-boundary line breaks,
Buddhist-era dates. Neutral ground: the Kivy screens and the ticket printer both use it,
and it imports neither."""
