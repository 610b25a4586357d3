"""Spoken calls: "ขอเชิญหมายเลข A012 ที่ช่องบริการ 2 ค่ะ" joined from recorded clips.

Pure Python apart from the player (``players.py``): which clips a call needs,
what a voice pack holds, and a queue that plays one announcement at a time.
"""
