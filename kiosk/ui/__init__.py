"""The thin Qt layer: one module per screen, calling into kiosk.core."""
