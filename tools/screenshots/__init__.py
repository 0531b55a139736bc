"""`python -m tools.screenshots OUTDIR`: render the kiosk's screens to PNG files, offscreen.

Reviewers use this to look at every screen in every language without a display. The renderer
drives a real `MainWindow` from outside: it builds the screens through the window's
`ScreenRegistry`, then each module here fills its screens with example data and grabs them.
"""
