"""Sync: the wire protocol shared by kiosk and server, the kiosk's sender/puller, the central server."""
