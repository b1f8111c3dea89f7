"""`manage.py kuulu_bench http` (`make bench-http`): Kuulu served as in production, measured through
nginx with ApacheBench (`ab`), side by side with Wagtail's bakerydemo served the same way.

Not a test: it prints figures (README, *Scale*). On loopback only, in var/bench-http/:

- **Kuulu**: production settings, SQLite (`DATABASE_URL`), Redis for the cache, gunicorn with
  `deploy/gunicorn.conf.py` (`WEB_CONCURRENCY` workers, 2 by default) behind `deploy/nginx.conf`;
  one instance with the page cache (the production default) and one with
  `KUULU_PAGE_CACHE_SECONDS=0` for the uncached figures. Data: 1,000 events in a year (one of
  them taking sign-ups, so its page carries the sign-up form, CSRF-protected by Fetch Metadata) and a directory of 10,000
  organisations (`participation_pages.bench.build`, `directory.bench.build`).
- **Static**: the cached event page's HTML saved to a file and served by the same nginx.
- **bakerydemo** (when `BAKERYDEMO_DIR`, a checkout, and `BAKERYDEMO_PYTHON`, the python of a
  virtualenv with its requirements and gunicorn, are set): its production settings, SQLite, the
  same Redis, gunicorn with as many workers, behind the same nginx configuration; its demo data
  (`load_initial_data`).

Figures: requests/s of the cached event page and of the static file, each with `ab -k -c 16`
(keep-alive, 16 at a time) in one run; the median time of the uncached event page, the year view
and the directory listing, and of bakerydemo's blog index, each with `ab -c 1` (one at a time:
the server time plus loopback), and their ratios. The machine is shared, so every figure is
measured in `BENCH_ROUNDS` (5) alternating rounds: a change of load reaches every row alike, and
a ratio is the median of the rounds' ratios.
"""

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from smoke import Http, Processes, ensure_debian_packages, fail, procfile, run, wait_ready  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench-http"
LOGS = VAR / "logs"
_OFFSET = int(os.environ.get("BENCH_PORT_OFFSET", "0"))
PORTS = {
    name: 8280 + _OFFSET + i
    for i, name in enumerate(
        [
            "nginx-kuulu",
            "nginx-nocache",
            "nginx-static",
            "nginx-bakery",
            "kuulu",
            "nocache",
            "bakery",
            "redis",
        ]
    )
}
WORKERS = os.environ.get("WEB_CONCURRENCY", "2")
EVENTS, ORGANISATIONS = 1000, int(os.environ.get("DIRECTORY_BENCH_ORGANISATIONS", "10000"))
THROUGHPUT_REQUESTS = int(os.environ.get("BENCH_REQUESTS", "4000"))
LATENCY_REQUESTS = int(os.environ.get("BENCH_LATENCY_REQUESTS", "40"))
# The machine is shared: rows are measured in alternating rounds, so a change of load in the
# middle of the run reaches every row alike, and each ratio is the median of the rounds' ratios.
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))

BUILD = """
import json
from home.bench import bench_home
from participation_pages import bench as events_bench
from directory import bench as directory_bench
home = bench_home()
calendar = events_bench.build(home, events=%(events)d)
directory = directory_bench.build(home, organisations=%(organisations)d)
event = calendar.get_children().specific().order_by("path")[%(events)d // 2]
event.registration_enabled, event.capacity = True, 100
event.save()
print(json.dumps({"event": event.url, "year": calendar.url + "%(year)d/", "ical": calendar.url + "ical/",
                  "directory": directory.url}))
"""


def ab(url, requests, concurrency, keepalive=False, cookie=None):
    """ApacheBench's figures for GET `url`: {"rps": requests per second, "median": ms}."""
    args = ["ab", "-q", "-n", str(requests), "-c", str(concurrency), "-H", "Accept-Language: fi"]
    if cookie:
        args += ["-C", cookie]
    if keepalive:
        args.append("-k")
    out = run([*args, url])
    rps = float(re.search(r"Requests per second:\s+([\d.]+)", out).group(1))
    median = float(re.search(r"^\s+50%\s+(\d+)", out, re.MULTILINE).group(1))
    failed = int(re.search(r"Failed requests:\s+(\d+)", out).group(1))
    # ab counts a body of another length than the first as failed; pages may differ a little.
    if length := re.search(r"Length: (\d+)", out):
        failed -= int(length.group(1))
    non_2xx = re.search(r"Non-2xx responses:\s+(\d+)", out)
    if failed or non_2xx:
        fail(f"ab {url}: {failed} failed, {non_2xx.group(1) if non_2xx else 0} non-2xx\n{out}")
    return {"rps": rps, "median": median}


def nginx_conf(name, port, upstream_port, first=False):
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    if not first:  # the page cache's zone and maps are declared once, for every server block
        conf = conf[conf.index("upstream kuulu_web {") :]
    conf = conf.replace("kuulu_web", f"{name}_web")
    # Every server block here shares one cache zone and the host 127.0.0.1: the key names the
    # port too, so the uncached instance never gets a page the cached one left in nginx's cache.
    conf = conf.replace(
        "proxy_cache_key $scheme$host$request_uri;", "proxy_cache_key $scheme$host:$server_port$request_uri;"
    )
    for key, value in {
        "@LISTEN@": f"127.0.0.1:{port}",
        "@SERVER_NAME@": "127.0.0.1 localhost",
        "@UPSTREAMS@": f"server 127.0.0.1:{upstream_port};",
        "@MEDIA_ROOT@": str(VAR / f"{name}-media"),
        "@REAL_IP_FROM@": "",
        "@PROXY_CACHE@": str(VAR / "nginx" / "cache"),
    }.items():
        conf = conf.replace(key, value)
    return conf


def main():
    ensure_debian_packages(extra=(("ab", "apache2-utils"),))
    shutil.rmtree(VAR, ignore_errors=True)
    LOGS.mkdir(parents=True)
    (VAR / "nginx").mkdir()
    (VAR / "static").mkdir()
    python, bin_dir = sys.executable, Path(sys.executable).parent
    redis_url = f"redis://127.0.0.1:{PORTS['redis']}/0"
    base_env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")}
    env = {
        **base_env,
        "DJANGO_SETTINGS_MODULE": "site_config.settings.production",
        "SECRET_KEY": "bench-http-" + "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{VAR / 'kuulu.sqlite3'}",
        "REDIS_URL": redis_url,
        "SECURE_SSL_REDIRECT": "false",
        "TRUSTED_PROXIES": "127.0.0.1",
        "MEDIA_ROOT": str(VAR / "kuulu-media"),
        "WEB_CONCURRENCY": WORKERS,
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{PORTS['nginx-kuulu']}",
        "LOG_LEVEL": "ERROR",
        "PATH": f"{bin_dir}:{os.environ.get('PATH', '')}",
    }
    bakery_dir, bakery_python = os.environ.get("BAKERYDEMO_DIR"), os.environ.get("BAKERYDEMO_PYTHON")
    processes = Processes(logs=LOGS)
    try:
        processes.start(
            "redis", ["redis-server", "--port", str(PORTS["redis"]), "--save", "", "--appendonly", "no"], env
        )
        print(f"Building Kuulu's data ({EVENTS} events, {ORGANISATIONS} organisations)…", flush=True)
        began = time.monotonic()
        run([python, "manage.py", "migrate", "--no-input", "-v", "0"], env=env)
        run([python, "manage.py", "collectstatic", "--no-input", "-v", "0"], env=env)
        build = BUILD % {"events": EVENTS, "organisations": ORGANISATIONS, "year": 2030}
        urls = json.loads(run([python, "manage.py", "shell", "-c", build], env=env).strip().splitlines()[-1])
        print(f"(built in {time.monotonic() - began:.0f} s)", flush=True)

        confs = [
            nginx_conf("kuulu", PORTS["nginx-kuulu"], PORTS["kuulu"], first=True),
            nginx_conf("nocache", PORTS["nginx-nocache"], PORTS["nocache"]),
            f"server {{ listen 127.0.0.1:{PORTS['nginx-static']}; root {VAR / 'static'}; "
            "default_type text/html; keepalive_timeout 30s; }",
        ]
        web = procfile()["web"]
        processes.start("kuulu", web, {**env, "PORT": str(PORTS["kuulu"])})
        processes.start(
            "nocache", web, {**env, "PORT": str(PORTS["nocache"]), "KUULU_PAGE_CACHE_SECONDS": "0"}
        )
        ready = [f"http://127.0.0.1:{PORTS['kuulu']}/readyz", f"http://127.0.0.1:{PORTS['nocache']}/readyz"]
        if bakery_dir and bakery_python:
            print("Setting up bakerydemo…", flush=True)
            # Its production settings, but on plain HTTP like Kuulu's (they force the redirect).
            (VAR / "bakery_settings").mkdir()
            (VAR / "bakery_settings" / "bakerydemo_bench.py").write_text(
                "from bakerydemo.settings.production import *  # noqa\nSECURE_SSL_REDIRECT = False\n"
            )
            bakery_env = {
                **base_env,
                "PYTHONPATH": str(VAR / "bakery_settings"),
                "DJANGO_SETTINGS_MODULE": "bakerydemo_bench",
                "DJANGO_SECRET_KEY": "bench-http-" + "b" * 50,
                "DATABASE_URL": f"sqlite:///{VAR / 'bakery.sqlite3'}",
                "REDIS_URL": redis_url.rsplit("/", 1)[0],
                "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
                "MEDIA_ROOT": str(VAR / "bakery-media"),
            }
            for command in (
                ["migrate", "--no-input", "-v", "0"],
                ["load_initial_data"],
                ["collectstatic", "--no-input", "-v", "0"],
            ):
                subprocess.run(  # noqa: S603
                    [bakery_python, "manage.py", *command],
                    cwd=bakery_dir,
                    env=bakery_env,
                    check=True,
                    capture_output=True,
                )
            processes.start(
                "bakery",
                [
                    str(Path(bakery_python).parent / "gunicorn"),
                    "--workers",
                    WORKERS,
                    "--bind",
                    f"127.0.0.1:{PORTS['bakery']}",
                    "--access-logfile",
                    "-",
                    "--chdir",
                    bakery_dir,
                    "bakerydemo.wsgi:application",
                ],
                bakery_env,
            )
            confs.append(nginx_conf("bakery", PORTS["nginx-bakery"], PORTS["bakery"]))
        (VAR / "nginx" / "sites.conf").write_text("\n".join(confs))
        (VAR / "nginx" / "nginx.conf").write_text(
            f"worker_processes 1; pid {VAR}/nginx/nginx.pid; error_log {LOGS}/nginx-error.log;\n"
            "events { worker_connections 1024; }\n"
            f"http {{ access_log off; client_body_temp_path {VAR}/nginx/body; "
            f"proxy_temp_path {VAR}/nginx/proxy; fastcgi_temp_path {VAR}/nginx/f; uwsgi_temp_path {VAR}/nginx/u; "
            f"scgi_temp_path {VAR}/nginx/s; include {VAR}/nginx/sites.conf; }}\n"
        )
        run(["nginx", "-t", "-c", str(VAR / "nginx" / "nginx.conf")])
        processes.start("nginx", ["nginx", "-c", str(VAR / "nginx" / "nginx.conf"), "-g", "daemon off;"], env)
        wait_ready(ready, processes)

        kuulu = f"http://127.0.0.1:{PORTS['nginx-kuulu']}"
        nocache = f"http://127.0.0.1:{PORTS['nginx-nocache']}"
        static = f"http://127.0.0.1:{PORTS['nginx-static']}"
        for _ in range(3):
            status, headers, html = Http.request(kuulu + urls["event"])
        if status != 200 or headers.get("X-Proxy-Cache") != "HIT" or 'class="signup__form"' not in html:
            fail(f"the event page is not served from nginx's cache: {status} {headers}")
        (VAR / "static" / "event.html").write_text(html)

        print(
            f"\nThroughput, ab -k -c 16 -n {THROUGHPUT_REQUESTS} through nginx ({WORKERS} gunicorn workers), "
            f"{ROUNDS} alternating rounds, medians:"
        )
        cached_rounds, static_rounds = [], []
        for _ in range(ROUNDS):
            cached_rounds.append(ab(kuulu + urls["event"], THROUGHPUT_REQUESTS, 16, keepalive=True)["rps"])
            static_rounds.append(ab(static + "/event.html", THROUGHPUT_REQUESTS, 16, keepalive=True)["rps"])
        # A language cookie makes nginx pass the request on; Django's page cache still answers it.
        django_cached = ab(
            kuulu + urls["event"], THROUGHPUT_REQUESTS // 4, 16, keepalive=True, cookie="django_language=fi"
        )
        cached_rps, static_rps = statistics.median(cached_rounds), statistics.median(static_rounds)
        share = statistics.median(c / s for c, s in zip(cached_rounds, static_rounds, strict=True))
        print(f"  event page (sign-up form) from nginx's cache    {cached_rps:8.0f} requests/s  {share:6.1%}")
        print(f"  the same HTML as a static file                  {static_rps:8.0f} requests/s  100.0%")
        print(
            f"  event page from Django's page cache             {django_cached['rps']:8.0f} requests/s  {django_cached['rps'] / static_rps:6.1%}"
        )
        print(f"  (rounds: cached {cached_rounds}, static {static_rounds})")

        per_round = max(1, LATENCY_REQUESTS // ROUNDS)
        print(
            f"\nServer time, ab -c 1 through nginx, uncached: {ROUNDS} alternating rounds of {per_round} "
            "requests, median of the rounds' medians (ratio: median of the rounds' ratios):"
        )
        rows = [
            ("Kuulu event page (sign-up form)", nocache + urls["event"]),
            (f"Kuulu year view, {EVENTS} events", nocache + urls["year"]),
            (f"Kuulu directory, {ORGANISATIONS} organisations", nocache + urls["directory"]),
            (f"Kuulu iCal feed, {EVENTS} events", nocache + urls["ical"]),
            ("Kuulu event page, from nginx's cache", kuulu + urls["event"]),
            (f"Kuulu iCal feed, {EVENTS} events, from nginx's cache", kuulu + urls["ical"]),
        ]
        if bakery_dir and bakery_python:
            rows.insert(0, ("bakerydemo blog index", f"http://127.0.0.1:{PORTS['nginx-bakery']}/blog/"))
        for _label, url in rows:
            ab(url, 5, 1)  # warm-up
        medians = {label: [] for label, _url in rows}
        for _ in range(ROUNDS):
            for label, url in rows:
                medians[label].append(ab(url, per_round, 1)["median"])
        reference = medians.get("bakerydemo blog index")
        for label, values in medians.items():
            ratio = ""
            if reference:
                ratios = [v / r for v, r in zip(values, reference, strict=True) if r]
                ratio = f"{statistics.median(ratios):5.2f}×" if ratios else ""
            print(f"  {label:<52} {statistics.median(values):6.0f} ms  {ratio}  rounds: {values}")
        if not reference:
            print(
                "  (set BAKERYDEMO_DIR and BAKERYDEMO_PYTHON to measure bakerydemo's blog index beside these)"
            )
    finally:
        processes.stop()


if __name__ == "__main__":
    main()
