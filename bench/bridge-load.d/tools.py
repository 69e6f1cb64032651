#!/usr/bin/env python3
"""Helpers of bench/bridge-load (standard library only).

  tools.py pcap SRC OUT SECONDS      loop SRC's RTP (a G.711 pcap that ships with SIPp) into OUT, SECONDS long,
                                     with continuous sequence numbers, timestamps and capture times
  tools.py ticks NAME=SPEC...        one JSON line: CPU clock ticks (utime+stime) per NAME and the machine's
                                     busy/all ticks. SPEC: PID[,PID...] (those processes), tree:PID (it and all its
                                     descendants), kids:PID (its descendants only)
  tools.py cpu A B                   from two `ticks` lines: % of one core per NAME, machine busy % of all cores
  tools.py ng-list                   how many calls rtpengine (ng 127.0.0.1:22222) holds
  tools.py ng-query CALLID           rtpengine's `query` answer for a call, as JSON
  tools.py udp PORT                  {"drops", "queued" (bytes)} of the UDP sockets bound to 127.0.0.1:PORT
                                     (/proc/net/udp): a socket nobody reads counts every packet once it is full
  tools.py api PATH                  GET http://127.0.0.1:8080/api/PATH as admin; prints the JSON
  tools.py history FROM              every call record that started at or after FROM (ISO-8601), as a JSON list
  tools.py report LEVEL.json         a level's verdict from the files it names (see bench/bridge-load)
"""
import json
import os
import socket
import struct
import sys
import time
import urllib.parse
import urllib.request
import base64

API = os.environ.get("BENCH_API", "http://127.0.0.1:8080/api")
ADMIN = os.environ.get("BENCH_ADMIN", "admin:" + os.environ.get("PONTE_ADMIN_PASSWORD", ""))
NG = ("127.0.0.1", int(os.environ.get("BENCH_NG_PORT", "22222")))


# ---------------------------------------------------------------- pcap
def pcap(src, dst, seconds):
    data = open(src, "rb").read()
    magic = struct.unpack("<I", data[:4])[0]
    endian = "<" if magic in (0xA1B2C3D4, 0xA1B23C4D) else ">"
    nano = magic in (0xA1B23C4D, 0x4D3CB2A1)
    linktype = struct.unpack(endian + "I", data[20:24])[0]
    link_len = {1: 14, 113: 16}.get(linktype)
    if link_len is None:
        raise SystemExit(f"pcap link type {linktype} not handled")
    frames, off = [], 24
    while off + 16 <= len(data):
        _, _, incl, _ = struct.unpack(endian + "IIII", data[off:off + 16])
        frames.append(data[off + 16:off + 16 + incl])
        off += 16 + incl
    # link + IPv4 + UDP + RTP(12): keep each packet's RTP payload
    payloads, ptype, step = [], None, None
    last_ts = None
    for f in frames:
        ihl = (f[link_len] & 0x0F) * 4
        udp = link_len + ihl
        rtp = f[udp + 8:]
        if len(rtp) < 12:
            continue
        ptype = rtp[1] & 0x7F
        ts = struct.unpack("!I", rtp[4:8])[0]
        if last_ts is not None and step is None and ts > last_ts:
            step = ts - last_ts
        last_ts = ts
        payloads.append(rtp[12:])
    step = step or len(payloads[0])       # G.711: one byte per sample
    ptime = step / 8000.0                  # seconds per packet
    head = frames[0][:link_len]
    ip_template = bytearray(frames[0][link_len:link_len + 20])
    udp_ports = frames[0][link_len + 20:link_len + 24]
    count = int(round(seconds / ptime))
    out = bytearray(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, linktype))
    t0 = 1_000_000_000.0
    ssrc = 0x50ACE001
    for i in range(count):
        payload = payloads[i % len(payloads)]
        rtp = struct.pack("!BBHII", 0x80, (0x80 if i == 0 else 0) | ptype, i & 0xFFFF, (i * step) & 0xFFFFFFFF, ssrc) + payload
        udp = udp_ports + struct.pack("!HH", 8 + len(rtp), 0) + rtp
        ip = bytearray(ip_template)
        ip[0] = 0x45
        ip[2:4] = struct.pack("!H", 20 + len(udp))
        ip[10:12] = b"\0\0"
        s = sum(struct.unpack("!10H", bytes(ip)))
        s = (s & 0xFFFF) + (s >> 16)
        s = (s & 0xFFFF) + (s >> 16)
        ip[10:12] = struct.pack("!H", ~s & 0xFFFF)
        frame = head + bytes(ip) + udp
        t = t0 + i * ptime
        sec, usec = int(t), int(round((t - int(t)) * 1e6))
        if usec >= 1_000_000:
            sec, usec = sec + 1, usec - 1_000_000
        out += struct.pack("<IIII", sec, usec, len(frame), len(frame)) + frame
    with open(dst, "wb") as fh:
        fh.write(out)
    print(json.dumps({"packets": count, "ptimeMs": ptime * 1000, "payloadType": ptype,
                      "packetsPerSecond": 1 / ptime, "seconds": count * ptime, "nanosecondPcap": nano}))


# ---------------------------------------------------------------- CPU
def _proc_ticks(pid):
    try:
        with open(f"/proc/{pid}/stat") as fh:
            f = fh.read().rsplit(")", 1)[1].split()
        return int(f[11]) + int(f[12])  # utime, stime (fields 14 and 15)
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return 0


def _children():
    kids = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
        kids.setdefault(ppid, []).append(int(d))
    return kids


def _descendants(pid, kids):
    out, todo = [], list(kids.get(pid, []))
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


def ticks(specs):
    kids = None
    res = {"time": time.time(), "clk": os.sysconf("SC_CLK_TCK"), "cores": os.cpu_count()}
    with open("/proc/stat") as fh:
        cpu = [int(x) for x in fh.readline().split()[1:]]
    # user nice system idle iowait irq softirq steal guest guest_nice; guest time is inside user
    res["machine_all"] = sum(cpu[:8])
    res["machine_busy"] = res["machine_all"] - cpu[3] - cpu[4]
    for spec in specs:
        name, value = spec.split("=", 1)
        pids = []
        if value.startswith(("tree:", "kids:")):
            kids = kids if kids is not None else _children()
            root = int(value.split(":", 1)[1])
            pids = _descendants(root, kids) + ([root] if value.startswith("tree:") else [])
        elif value:
            pids = [int(p) for p in value.split(",") if p]
        res[name] = sum(_proc_ticks(p) for p in pids)
        res[name + "_pids"] = len(pids)
    print(json.dumps(res))


def cpu(a_file, b_file):
    a, b = json.load(open(a_file)), json.load(open(b_file))
    secs = b["time"] - a["time"]
    res = {"seconds": round(secs, 1)}
    for k, v in b.items():
        if k in ("time", "clk", "cores", "machine_all", "machine_busy") or k.endswith("_pids"):
            continue
        res[k] = round(100.0 * (v - a.get(k, 0)) / b["clk"] / secs, 1)
    all_ticks = b["machine_all"] - a["machine_all"]
    res["machine_busy_pct_of_all_cores"] = round(100.0 * (b["machine_busy"] - a["machine_busy"]) / max(1, all_ticks), 1)
    print(json.dumps(res))


# ---------------------------------------------------------------- rtpengine ng
def _bencode(o):
    if isinstance(o, dict):
        return b"d" + b"".join(_bencode(k) + _bencode(v) for k, v in sorted(o.items())) + b"e"
    if isinstance(o, list):
        return b"l" + b"".join(_bencode(x) for x in o) + b"e"
    if isinstance(o, int):
        return b"i%de" % o
    if isinstance(o, str):
        o = o.encode()
    return b"%d:%s" % (len(o), o)


def _bdecode(b, i=0):
    c = b[i:i + 1]
    if c == b"i":
        j = b.index(b"e", i)
        return int(b[i + 1:j]), j + 1
    if c == b"l":
        i, out = i + 1, []
        while b[i:i + 1] != b"e":
            v, i = _bdecode(b, i)
            out.append(v)
        return out, i + 1
    if c == b"d":
        i, out = i + 1, {}
        while b[i:i + 1] != b"e":
            k, i = _bdecode(b, i)
            v, i = _bdecode(b, i)
            out[k] = v
        return out, i + 1
    j = b.index(b":", i)
    n = int(b[i:j])
    s = b[j + 1:j + 1 + n]
    try:
        s = s.decode()
    except UnicodeDecodeError:
        s = s.hex()
    return s, j + 1 + n


def ng(cmd):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(3)
    cookie = b"bench%d" % os.getpid()
    s.sendto(cookie + b" " + _bencode(cmd), NG)
    r = s.recv(1 << 24).split(b" ", 1)[1]
    return _bdecode(r)[0]


# ---------------------------------------------------------------- Ponte's REST API
def api(path):
    req = urllib.request.Request(f"{API}/{path}")
    req.add_header("Authorization", "Basic " + base64.b64encode(ADMIN.encode()).decode())
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.load(r)


def history(since):
    out, page = [], 0
    while True:
        h = api(f"calls/history?from={urllib.parse.quote(since)}&size=500&page={page}")
        out += h["calls"]
        if len(h["calls"]) < 500:
            return out
        page += 1


def udp(port):
    drops = queued = 0
    want = "0100007F:%04X" % port
    with open("/proc/net/udp") as fh:
        for line in fh.readlines()[1:]:
            f = line.split()
            if f[1] == want:
                queued += int(f[4].split(":")[1], 16)
                drops += int(f[12])
    return {"drops": drops, "queued": queued}


# ---------------------------------------------------------------- a level's verdict
def report(level_file):
    """A level's verdict, from the level description bench/bridge-load wrote; prints JSON."""
    L = json.load(open(level_file))
    n, share = L["level"], L["minAudioFraction"]
    # SIPp's counts (the last line of its -trace_stat file)
    rows = [r.split(";") for r in open(L["sippStat"]).read().splitlines() if r.strip()]
    col = {name: i for i, name in enumerate(rows[0])}
    last = rows[-1]
    sipp = {"wanted": L["calls"], "attempted": int(last[col["TotalCallCreated"]]),
            "succeeded": int(last[col["SuccessfulCall(C)"]]), "failed": int(last[col["FailedCall(C)"]]),
            "retransmissions": int(last[col["Retransmissions(C)"]]),
            "peakConcurrent": max(int(r[col["CurrentCall"]]) for r in rows[1:])}
    # Ponte's records of this level's calls: rtpengine's packet counters from each side over the talk time
    records = [r for r in json.load(open(L["history"])) if r["caller"] == L["caller"]]
    bad_records, answered, talk_total = [], 0, 0.0
    for r in records:
        if r["disposition"] != "ANSWERED":
            bad_records.append({"callId": r["callId"], "why": "%s %s" % (r["disposition"], r["finalStatus"])})
            continue
        answered += 1
        talk = (iso_ms(r["endedAt"]) - iso_ms(r["answeredAt"])) / 1000.0
        talk_total += talk
        fc = (r.get("fromCaller") or {}).get("packets", 0)
        fa = (r.get("fromCallee") or {}).get("packets", 0)
        why = []
        if fc < share * L["phonePacketsPerSecond"] * talk:
            why.append("rtpengine got %d packets from the phone in %.1f s" % (fc, talk))
        if fa < share * L["appPacketsPerSecond"] * talk:
            why.append("rtpengine got %d packets from the browser in %.1f s" % (fa, talk))
        if why:
            bad_records.append({"callId": r["callId"], "why": "; ".join(why)})
    # the browser's sessions of this level: what it received (decoded) and sent
    sessions = json.load(open(L["sessions"]))
    bad_sessions, in_pps, levels = [], [], []
    for s in sessions:
        t, why = s["t"], []
        end = t.get("hangUp") or t.get("closed")
        secs = (end - t["connected"]) / 1000.0 if ("connected" in t and end) else 0.0
        if "connected" not in t:
            why.append("never connected (%s%s)" % (s["state"], ", " + s["error"] if s.get("error") else ""))
        elif secs > 0:
            in_pps.append(s["in"]["packets"] / secs)
            if s["in"]["packets"] < share * L["browserInPacketsPerSecond"] * secs:
                why.append("received %d packets in %.1f s" % (s["in"]["packets"], secs))
        levels.append(s["in"]["levelMax"])
        if s["in"]["energy"] <= 0 or s["in"]["levelMax"] <= 0:
            why.append("heard nothing (audio energy %s, highest level %s)" % (s["in"]["energy"], s["in"]["levelMax"]))
        if s["out"]["packets"] <= 0:
            why.append("sent nothing")
        if "hangUp" not in t:
            why.append("no hang-up from Ponte")
        if why:
            bad_sessions.append({"session": s["id"], "why": "; ".join(why)})
    samples = sum(s["in"]["samples"] for s in sessions)
    concealed = sum(s["in"]["concealed"] for s in sessions) / samples if samples else 0.0
    # the phone side, all calls together: packets that reached SIPp's RTP port during the window
    phone_ratio, phone_expected = None, None
    if L.get("phoneReceivedInWindow") is not None and L.get("window"):
        w0, w1 = (t * 1000.0 for t in L["window"])
        talk_ms = sum(max(0.0, min(w1, iso_ms(r["endedAt"])) - max(w0, iso_ms(r["answeredAt"])))
                      for r in records if r["disposition"] == "ANSWERED")
        phone_expected = round(L["phonePacketsPerSecondIn"] * talk_ms / 1000.0)
        if phone_expected:
            phone_ratio = round(L["phoneReceivedInWindow"] / phone_expected, 3)
    failures = {
        "sipp": sipp["failed"] + max(0, sipp["wanted"] - sipp["succeeded"] - sipp["failed"]),
        "records": len(bad_records) + max(0, sipp["wanted"] - len(records)),
        "browser": len(bad_sessions) + max(0, sipp["wanted"] - len(sessions)),
        "phoneAudio": 0 if phone_ratio is None or phone_ratio >= share else 1,
    }
    failed = max(failures.values())   # a call may fail in several ways: the largest count is a lower bound
    res = {
        "level": n, "ok": failed == 0, "failedCalls": failed, "failures": failures, "sipp": sipp,
        "records": len(records), "answered": answered, "recordsWithoutAudio": len(bad_records),
        "sessions": len(sessions), "sessionsWithoutAudio": len(bad_sessions),
        "browserInPacketsPerSecond": round(median(in_pps), 1) if in_pps else None,
        "browserLowestInPacketsPerSecond": round(min(in_pps), 1) if in_pps else None,
        "browserLowestMaxAudioLevel": round(min(levels), 4) if levels else None,
        "browserConcealedFraction": round(concealed, 4),
        "codecs": sorted({"in %s / out %s" % (s["in"]["codec"], s["out"]["codec"]) for s in sessions}),
        "phoneReceivedInWindow": L.get("phoneReceivedInWindow"), "phoneExpectedInWindow": phone_expected,
        "phoneReceivedRatio": phone_ratio, "meanTalkSeconds": round(talk_total / max(1, answered), 1),
        "examples": {"records": bad_records[:3], "sessions": bad_sessions[:3]},
    }
    print(json.dumps(res))


def iso_ms(s):
    from datetime import datetime
    return datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp() * 1000.0


def median(xs):
    xs = sorted(xs)
    m = len(xs) // 2
    return xs[m] if len(xs) % 2 else (xs[m - 1] + xs[m]) / 2


def main(argv):
    cmd = argv[1] if len(argv) > 1 else ""
    if cmd == "pcap":
        pcap(argv[2], argv[3], float(argv[4]))
    elif cmd == "ticks":
        ticks(argv[2:])
    elif cmd == "cpu":
        cpu(argv[2], argv[3])
    elif cmd == "ng-list":
        r = ng({"command": "list", "limit": 100000})
        print(len(r.get("calls", [])))
    elif cmd == "ng-query":
        print(json.dumps(ng({"command": "query", "call-id": argv[2]})))
    elif cmd == "udp":
        print(json.dumps(udp(int(argv[2]))))
    elif cmd == "api":
        print(json.dumps(api(argv[2])))
    elif cmd == "history":
        print(json.dumps(history(argv[2])))
    elif cmd == "report":
        report(argv[2])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
