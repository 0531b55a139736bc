"""Entry point of the PyInstaller build (installer/digipunt-kiosk.spec): the `digipunt-kiosk` command."""
import sys

from kiosk.app import main

if __name__ == "__main__":
    sys.exit(main())
