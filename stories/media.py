"""Demo media generated on this machine (never fetched): a short WebM clip and an MP3 episode.

Uses PyAV, whose wheels ship the FFmpeg libraries, and Pillow for the frames. The output is the
project's own work (CC0).
"""

import io
import math
import struct

from PIL import Image, ImageDraw

BRAND = [(0, 101, 189), (0, 135, 90), (94, 53, 177)]


def _frame(i, total, size):
    img = Image.new("RGB", size, (244, 247, 250))
    draw = ImageDraw.Draw(img)
    w, h = size
    t = i / max(total - 1, 1)
    for k, colour in enumerate(BRAND):
        angle = 2 * math.pi * (t + k / 3)
        cx = w / 2 + math.cos(angle) * w * 0.18
        cy = h / 2 + math.sin(angle) * h * 0.18
        r = h * 0.28
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=colour)
    return img


def generate_video(seconds=6, fps=12, size=(640, 360)):
    """A looping animation of three circles (the site's logo) as WebM (VP8)."""
    import av

    buf = io.BytesIO()
    container = av.open(buf, mode="w", format="webm")
    stream = container.add_stream("libvpx", rate=fps)
    stream.width, stream.height = size
    stream.pix_fmt = "yuv420p"
    stream.bit_rate = 250_000
    total = seconds * fps
    for i in range(total):
        frame = av.VideoFrame.from_image(_frame(i, total, size))
        for packet in stream.encode(frame):
            container.mux(packet)
    for packet in stream.encode():
        container.mux(packet)
    container.close()
    return buf.getvalue()


def generate_audio(seconds=20, rate=22050):
    """A calm chime melody as MP3 (mono)."""
    import av

    notes = [523.25, 659.25, 783.99, 659.25, 587.33, 698.46, 880.0, 698.46]
    samples = []
    per_note = rate // 2
    for n in range(seconds * 2):
        freq = notes[n % len(notes)]
        for s in range(per_note):
            envelope = math.exp(-3.0 * s / per_note)
            samples.append(int(9000 * envelope * math.sin(2 * math.pi * freq * s / rate)))
    pcm = struct.pack(f"<{len(samples)}h", *samples)

    buf = io.BytesIO()
    container = av.open(buf, mode="w", format="mp3")
    stream = container.add_stream("libmp3lame", rate=rate)
    stream.layout = "mono"
    stream.bit_rate = 48_000
    chunk = 1152
    pts = 0
    for start in range(0, len(samples), chunk):
        part = pcm[start * 2 : (start + chunk) * 2]
        count = len(part) // 2
        frame = av.AudioFrame(format="s16", layout="mono", samples=count)
        frame.planes[0].update(part + b"\0" * (frame.planes[0].buffer_size - len(part)))
        frame.sample_rate = rate
        frame.pts = pts
        pts += count
        for packet in stream.encode(frame):
            container.mux(packet)
    for packet in stream.encode():
        container.mux(packet)
    container.close()
    return buf.getvalue()
