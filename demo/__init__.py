"""`oss-queue demo`: a working centre on one machine, in windows or played offscreen."""
