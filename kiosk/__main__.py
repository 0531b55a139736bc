import sys

from kiosk.app import main

sys.exit(main())
