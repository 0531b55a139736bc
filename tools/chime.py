"""Writes resources/sounds/call.wav, the help call's chime: `python -m tools.chime`.

A calm two-note chime (E5 then C5), 0.65 s, 16-bit mono 22.05 kHz, soft attack and decay: heard
across a room, never alarming. Generated, so no third-party sound is bundled."""
from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22050
OUT = Path(__file__).parents[1] / "resources" / "sounds" / "call.wav"


def chime() -> list[float]:
    samples = [0.0] * int(RATE * 0.65)
    for freq, start, length in ((659.25, 0.0, 0.38), (523.25, 0.26, 0.38)):
        first = int(start * RATE)
        for i in range(int(length * RATE)):
            t = i / RATE
            envelope = min(1.0, t / 0.01) * math.exp(-t * 7)
            samples[first + i] += 0.35 * envelope * (math.sin(2 * math.pi * freq * t)
                                                     + 0.25 * math.sin(4 * math.pi * freq * t))
    return samples


def main() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(OUT), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(b"".join(struct.pack("<h", int(max(-1.0, min(1.0, s)) * 32767)) for s in chime()))


if __name__ == "__main__":
    main()
