"""Digipunt kiosk: the desktop application on public digipunt computers.

`kiosk.core` is Qt-free (domain, store, content); `kiosk.ui` is the thin Qt layer on top.
"""
