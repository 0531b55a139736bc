"""`digipunt-server`: the central server (the sync issue fills in the commands)."""
import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="digipunt-server", description="Digipunt central server.")
    parser.parse_args(argv)
    parser.print_help()
    return 0


if __name__ == "__main__":
    sys.exit(main())
