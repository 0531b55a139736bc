"""The kiosk's local-network services (Qt-free): help calls between the kiosks of a location."""
