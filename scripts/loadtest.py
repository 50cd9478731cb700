#!/usr/bin/env python
"""Load test for ``newsbrief serve``: N concurrent clients post one story for a fixed time.

Bounded and loopback only: it refuses any address that is not on this machine, stops after
``--duration`` seconds or ``--max-requests`` requests (whichever comes first), and, with
``--spawn``, starts the server itself on a free loopback port and stops it afterwards.

    python scripts/loadtest.py --spawn --workers 2              # 16 clients, 30 s, the example story
    python scripts/loadtest.py --url http://127.0.0.1:8000      # against a server you started
    python scripts/loadtest.py --spawn --check                  # exit 1 if errors or p99 >= 1 s

Reports requests/s, latency percentiles (p50/p90/p99/max) and errors (any answer other than a
200 carrying a brief, and any connection failure).
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "syria-military-police-chief"
HARD_MAX_DURATION = 600.0  # seconds; a typo in --duration must not run all day
HARD_MAX_CLIENTS = 256


def loopback_only(url: str) -> None:
    """Refuse a URL whose host is not (or does not resolve only to) a loopback address."""
    host = urlparse(url).hostname
    if not host:
        sys.exit(f"loadtest: {url!r} has no host")
    try:
        infos = socket.getaddrinfo(host, None)
    except socket.gaierror as e:
        sys.exit(f"loadtest: cannot resolve {host}: {e}")
    for info in infos:
        if not ipaddress.ip_address(info[4][0].split("%")[0]).is_loopback:
            sys.exit(f"loadtest: refusing {host} ({info[4][0]}): only loopback addresses "
                     "may be load-tested from here")


def story_body(folder: Path, words: int, analysis: bool = True) -> bytes:
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    if not files:
        sys.exit(f"loadtest: no files in {folder}")
    articles = [{"text": p.read_text(encoding="utf-8", errors="replace")} for p in files]
    return json.dumps({"articles": articles, "words": words, "analysis": analysis}).encode()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def spawn_server(port: int, workers: int) -> subprocess.Popen:
    code = "import sys; from newsbrief.cli import main; sys.argv[0] = 'newsbrief'; main()"
    cmd = [sys.executable, "-c", code, "serve", "--host", "127.0.0.1", "--port", str(port),
           "--workers", str(workers)]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)


def tree_cpu_seconds(root: int) -> float | None:
    """CPU time (user + system) used so far by process ``root`` and all its descendants, from
    /proc (Linux); None elsewhere. With it the report says what one brief costs the server,
    a figure that, unlike latency, barely moves when other work shares the machine."""
    try:
        tick = os.sysconf("SC_CLK_TCK")
        stats = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as f:
                        fields = f.read().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                stats[int(entry)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    except (OSError, ValueError, AttributeError):
        return None
    children: dict[int, list[int]] = {}
    for pid, (ppid, _) in stats.items():
        children.setdefault(ppid, []).append(pid)
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        if pid in stats:
            total += stats[pid][1]
        todo += children.get(pid, [])
    return total / tick


def wait_healthy(url: str, proc: subprocess.Popen | None, timeout: float = 60.0) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
            sys.exit(f"loadtest: the server exited ({proc.returncode}):\n{err[-2000:]}")
        try:
            if httpx.get(f"{url}/v1/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    sys.exit(f"loadtest: {url} did not become healthy within {timeout:.0f} s")


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGINT)  # uvicorn shuts down cleanly on SIGINT
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)


async def run_load(url: str, body: bytes, clients: int, duration: float,
                   max_requests: int, warmup: int) -> dict:
    import httpx

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    headers = {"Content-Type": "application/json"}
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    failures: list[str] = []
    sent = 0

    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=30.0) as http:
        for _ in range(warmup):  # not measured: first requests pay for connection set-up
            await http.post("/v1/briefs", content=body, headers=headers)

        start = time.perf_counter()
        deadline = start + duration

        async def client() -> None:
            nonlocal sent
            while time.perf_counter() < deadline and sent < max_requests:
                sent += 1
                t0 = time.perf_counter()
                try:
                    r = await http.post("/v1/briefs", content=body, headers=headers)
                    ok = r.status_code == 200 and b'"sentences"' in r.content
                    key = str(r.status_code) if ok or r.status_code != 200 else "200-bad-body"
                    if not ok and len(failures) < 5:
                        failures.append(f"{r.status_code}: {r.text[:200]}")
                except httpx.HTTPError as e:
                    key = type(e).__name__
                    if len(failures) < 5:
                        failures.append(f"{key}: {e}")
                latencies.append(time.perf_counter() - t0)
                statuses[key] = statuses.get(key, 0) + 1

        await asyncio.gather(*(client() for _ in range(clients)))
        elapsed = time.perf_counter() - start

    latencies.sort()
    n = len(latencies)

    def pct(p: float) -> float:
        return latencies[min(n - 1, int(p / 100 * n))] if n else float("nan")

    errors = n - statuses.get("200", 0)
    return {
        "url": url, "clients": clients, "duration_s": round(elapsed, 2), "requests": n,
        "requests_per_s": round(n / elapsed, 2) if elapsed else 0.0,
        "latency_ms": {k: round(pct(p) * 1000, 1) for k, p in
                       (("p50", 50), ("p90", 90), ("p99", 99), ("max", 100))},
        "errors": errors, "statuses": statuses, "sample_failures": failures,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", help="a running server (loopback only), e.g. http://127.0.0.1:8000")
    ap.add_argument("--spawn", action="store_true",
                    help="start `newsbrief serve` on a free loopback port, stop it afterwards")
    ap.add_argument("--workers", type=int, default=1, help="server workers with --spawn")
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--duration", type=float, default=30.0, help="seconds of load")
    ap.add_argument("--max-requests", type=int, default=100_000)
    ap.add_argument("--warmup", type=int, default=4, help="unmeasured requests first")
    ap.add_argument("--story", type=Path, default=EXAMPLE, help="folder of article files")
    ap.add_argument("--words", type=int, default=250)
    ap.add_argument("--no-analysis", action="store_true",
                    help='post "analysis": false (no entities/conflicts: the core brief only)')
    ap.add_argument("--json", type=Path, help="also write the report here")
    ap.add_argument("--check", action="store_true",
                    help="exit 1 unless there were 0 errors and p99 < --p99-target")
    ap.add_argument("--p99-target", type=float, default=1.0, help="seconds")
    args = ap.parse_args()

    if args.spawn == bool(args.url):
        ap.error("give exactly one of --url or --spawn")
    if not 1 <= args.clients <= HARD_MAX_CLIENTS:
        ap.error(f"--clients must be 1-{HARD_MAX_CLIENTS}")
    if not 0 < args.duration <= HARD_MAX_DURATION:
        ap.error(f"--duration must be in (0, {HARD_MAX_DURATION:.0f}] seconds")

    body = story_body(args.story, args.words, analysis=not args.no_analysis)
    proc = None
    if args.spawn:
        url = f"http://127.0.0.1:{free_port()}"
        proc = spawn_server(int(url.rsplit(":", 1)[1]), args.workers)
    else:
        url = args.url.rstrip("/")
    loopback_only(url)
    try:
        wait_healthy(url, proc)
        load_before = os.getloadavg()[0]
        cpu_before = tree_cpu_seconds(proc.pid) if proc else None
        report = asyncio.run(run_load(url, body, args.clients, args.duration,
                                      args.max_requests, args.warmup))
        cpu_after = tree_cpu_seconds(proc.pid) if proc else None
    finally:
        if proc is not None:
            stop_server(proc)
    if cpu_before is not None and cpu_after is not None and report["requests"]:
        # The CPU measured covers the unmeasured warm-up requests too, so they are counted here.
        served = report["requests"] + args.warmup
        report["server_cpu_s"] = round(cpu_after - cpu_before, 2)
        report["server_cpu_ms_per_request"] = round(1000 * (cpu_after - cpu_before) / served, 1)
    report.update(workers=args.workers if args.spawn else None, story=str(args.story),
                  analysis=not args.no_analysis,
                  body_bytes=len(body), cpus=os.cpu_count(),
                  load_avg_1min={"before": round(load_before, 2),
                                 "after": round(os.getloadavg()[0], 2)})

    lat = report["latency_ms"]
    print(f"{report['requests']} requests in {report['duration_s']} s from {args.clients} "
          f"clients: {report['requests_per_s']} req/s")
    print(f"latency ms: p50 {lat['p50']}  p90 {lat['p90']}  p99 {lat['p99']}  max {lat['max']}")
    print(f"errors: {report['errors']}  statuses: {report['statuses']}")
    print(f"machine: {report['cpus']} CPUs, 1-min load average {report['load_avg_1min']['before']}"
          f" before, {report['load_avg_1min']['after']} after")
    if "server_cpu_ms_per_request" in report:
        per = report["server_cpu_ms_per_request"]
        cores = min(args.workers, report["cpus"] or 1)
        print(f"server CPU: {per} ms per request (projection, not measured: {cores} free "
              f"core(s) would serve about {1000 * cores / per:.1f} req/s, and {args.clients} "
              f"clients would wait about {max(1.0, args.clients / cores) * per:.0f} ms each)")
    for f in report["sample_failures"]:
        print(f"  e.g. {f}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    if args.check:
        ok = report["errors"] == 0 and lat["p99"] < args.p99_target * 1000
        print("check:", "PASS" if ok else "FAIL",
              f"(targets: 0 errors, p99 < {args.p99_target * 1000:.0f} ms)")
        sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
