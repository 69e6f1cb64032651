#!/usr/bin/env python3
"""bench/media-delay.py: the one-way delay rtpengine adds to a bridged call's audio.

Ponte never touches media: a bridged call's audio goes phone -> rtpengine -> browser and back, so the
delay the bridge adds is rtpengine's. This measures it on 127.0.0.1 against a real rtpengine (user
space, started here) with plain RTP on both ends, so that the figures are rtpengine's processing and
pacing, not a browser's jitter buffer (DTLS-SRTP adds one AES-GCM pass per packet, microseconds).

The phone side sends 20 ms PCMU packets on their ticks: one second of silence, one second of a
440 Hz tone, over and over. Each tone onset is found again in what comes out (decoded from PCMU), to
the sample: delay = (arrival of the packet holding the onset + the onset's offset in it) - (sending of
the first tone packet).

  passthrough   PCMU -> rtpengine -> PCMU (a phone and a browser sharing G.711, what BridgeCallIT
                negotiates)
  transcoded    PCMU -> rtpengine (to Opus) -> relayed at once -> rtpengine (to PCMU): two
                transcodings, the phone-to-browser one and the browser-to-phone one, end to end

Usage: bench/media-delay.py   (needs rtpengine on the PATH; no root). BENCH_SECONDS (20).
"""
import math
import os
import random
import re
import socket
import statistics
import struct
import subprocess
import sys
import time

NG_PORT = 22399


def bencode(o):
    if isinstance(o, int):
        return b"i%de" % o
    if isinstance(o, str):
        o = o.encode()
    if isinstance(o, bytes):
        return b"%d:%s" % (len(o), o)
    if isinstance(o, list):
        return b"l" + b"".join(bencode(x) for x in o) + b"e"
    if isinstance(o, dict):
        return b"d" + b"".join(bencode(k) + bencode(v) for k, v in sorted(o.items())) + b"e"
    raise TypeError(o)


class Ng:
    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.settimeout(2)

    def __call__(self, request):
        cookie = str(random.randint(0, 10**9)).encode()
        self.sock.sendto(cookie + b" " + bencode(request), ("127.0.0.1", NG_PORT))
        reply = self.sock.recv(65535).decode(errors="replace")
        if "error-reason" in reply:
            raise RuntimeError(reply)
        return reply


def ulaw(x):
    sign = 0x80 if x < 0 else 0
    x = min(abs(x), 32635) + 132
    exp = 7
    for i in range(7, -1, -1):
        if x & (1 << (i + 7)):
            exp = i
            break
    return (~(sign | (exp << 4) | ((x >> (exp + 3)) & 0x0F))) & 0xFF


def pcmu_frames(n, hz=440):
    return [bytes(ulaw(int(8000 * math.sin(2 * math.pi * hz * (k * 160 + i) / 8000))) for i in range(160)) for k in range(n)]


def sdp(port, pts, rtpmaps):
    lines = ["v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=-", "c=IN IP4 127.0.0.1", "t=0 0",
             "m=audio %d RTP/AVP %s" % (port, " ".join(str(p) for p in pts))]
    lines += ["a=rtpmap:%s" % m for m in rtpmaps] + ["a=sendrecv", ""]
    return "\r\n".join(lines)


def pattern(seconds):
    """1 s of silence, 1 s of tone, repeated: PCMU payloads and the indexes of the tone onsets."""
    tone = pcmu_frames(50)
    silence = bytes([0xFF]) * 160
    frames, onsets = [], []
    for k in range(seconds * 50):
        if (k // 50) % 2 == 1:
            if k % 50 == 0:
                onsets.append(k)
            frames.append(tone[k % 50])
        else:
            frames.append(silence)
    return frames, onsets


ULAW = [0] * 256
for _b in range(256):
    _u = ~_b & 0xFF
    _t = (((_u & 0x0F) << 3) + 0x84) << ((_u & 0x70) >> 4)
    ULAW[_b] = (0x84 - _t) if _u & 0x80 else (_t - 0x84)


def anchor(ng, name, offer_codec, a_port, a_pt, a_map, b_port, b_pt, b_map):
    """An rtpengine call between A (offerer) and B; returns (where A sends, where B sends, call id)."""
    call = "delay-%s-%d" % (name, random.randint(0, 10**9))
    opts = {"replace": ["origin", "session-connection"], "ICE": "remove", "rtcp-mux": ["demux"]}
    extra = {"codec": offer_codec} if offer_codec else {}
    reply = ng(dict(opts, command="offer", **{"call-id": call, "from-tag": "A", "sdp": sdp(a_port, [a_pt], [a_map])}, **extra))
    to_b = int(re.search(r"m=audio (\d+)", reply).group(1))
    reply = ng(dict(opts, command="answer", **{"call-id": call, "from-tag": "A", "to-tag": "B", "sdp": sdp(b_port, [b_pt], [b_map])}))
    to_a = int(re.search(r"m=audio (\d+)", reply).group(1))
    return to_a, to_b, call


def udp():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    s.setblocking(False)
    return s


def measure(ng, name, transcoded, seconds):
    frames, onsets = pattern(seconds)
    phone, browser, relay, out = udp(), udp(), udp(), udp()
    calls = []
    if transcoded:
        # call 1: the phone's PCMU to Opus (towards "browser"); call 2: that Opus, relayed, back to PCMU
        to1, from1, c1 = anchor(ng, name + "-1", {"mask": ["all"], "transcode": ["opus/48000/2"]},
                                phone.getsockname()[1], 0, "0 PCMU/8000", browser.getsockname()[1], 96, "96 opus/48000/2")
        to2, from2, c2 = anchor(ng, name + "-2", {"mask": ["all"], "transcode": ["PCMU"]},
                                relay.getsockname()[1], 96, "96 opus/48000/2", out.getsockname()[1], 0, "0 PCMU/8000")
        calls = [c1, c2]
        browser.sendto(struct.pack("!BBHII", 0x80, 96, 1, 0, 0xB0B) + b"\xf8\xff\xfe", ("127.0.0.1", from1))
        out.sendto(struct.pack("!BBHII", 0x80, 0, 1, 0, 0xC0C) + bytes([0xFF]) * 160, ("127.0.0.1", from2))
    else:
        to1, from1, c1 = anchor(ng, name, None, phone.getsockname()[1], 0, "0 PCMU/8000", out.getsockname()[1], 0, "0 PCMU/8000")
        calls = [c1]
        out.sendto(struct.pack("!BBHII", 0x80, 0, 1, 0, 0xC0C) + bytes([0xFF]) * 160, ("127.0.0.1", from1))
    sent = [0.0] * len(frames)
    heard = []  # (arrival, samples)
    start = time.perf_counter() + 0.05
    seq = 0

    def drain():
        nonlocal seq
        if transcoded:
            while True:
                try:
                    data = browser.recv(2048)
                except BlockingIOError:
                    break
                seq += 1
                relay.sendto(struct.pack("!BBHII", 0x80, 96, seq & 0xFFFF, seq * 960, 0xD0D) + data[12:], ("127.0.0.1", to2))
        while True:
            try:
                data = out.recv(2048)
            except BlockingIOError:
                break
            heard.append((time.perf_counter(), [ULAW[x] for x in data[12:]]))

    for k, payload in enumerate(frames):
        tick = start + k * 0.020
        while time.perf_counter() < tick:
            drain()
            time.sleep(0.0002)
        phone.sendto(struct.pack("!BBHII", 0x80, 0, k, k * 160, 0xA0A) + payload, ("127.0.0.1", to1))
        sent[k] = time.perf_counter()
    end = time.perf_counter() + 0.5
    while time.perf_counter() < end:
        drain()
        time.sleep(0.0002)
    for c in calls:
        ng({"command": "delete", "call-id": c, "from-tag": "A"})
    delays = []
    i = 0
    for k in onsets:
        # the first loud sample after silence, at or after this onset was sent
        while i < len(heard) and heard[i][0] < sent[k]:
            i += 1
        for j in range(i, len(heard)):
            loud = next((n for n, x in enumerate(heard[j][1]) if abs(x) > 2000), None)
            if loud is not None:
                delays.append((heard[j][0] + loud / 8000.0 - sent[k]) * 1000)
                i = j + 1
                break
    return delays


def report(name, delays):
    if not delays:
        print("%-12s no tone onset came out" % name)
        return
    delays = sorted(delays)
    print("%-12s onsets %3d  median %6.1f ms  min %6.1f ms  max %6.1f ms" % (name, len(delays), statistics.median(delays), delays[0], delays[-1]))


def main():
    log = open(os.path.join(os.environ.get("BENCH_WORK", "/tmp"), "media-delay-rtpengine.log"), "w")
    engine = subprocess.Popen(["rtpengine", "--config-file=none", "--foreground", "--table=-1", "--interface=127.0.0.1",
                               "--listen-ng=127.0.0.1:%d" % NG_PORT, "--listen-cli=127.0.0.1:%d" % (NG_PORT + 1), "--port-min=43000", "--port-max=43999",
                               "--delete-delay=0", "--log-stderr", "--log-level=5"], stdout=log, stderr=log)
    try:
        ng = Ng()
        for _ in range(50):
            if engine.poll() is not None:
                sys.exit("rtpengine exited; see %s" % log.name)
            try:
                ng({"command": "ping"})
                break
            except OSError:
                time.sleep(0.1)
        seconds = int(os.environ.get("BENCH_SECONDS", "20"))
        version = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "rtpengine-daemon"], capture_output=True, text=True).stdout
        print("rtpengine %s, %d s of 20 ms PCMU packets (a tone onset every 2 s), %d cores" % (version or "?", seconds, os.cpu_count()))
        report("passthrough", measure(ng, "passthrough", False, seconds))
        report("transcoded", measure(ng, "transcoded", True, seconds))
    finally:
        engine.terminate()
        engine.wait(5)


if __name__ == "__main__":
    sys.exit(main())
