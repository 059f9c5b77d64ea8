"""A real HTTP server on 127.0.0.1 that answers like Open-Meteo, from the recordings in
``recordings/``: tests point CITYPORTAL_WEATHER_BASE_URL at it, so the provider makes
real requests with real timeouts.

It can also be run by hand, to try the widget without network::

    .venv/bin/python -m cityportal.weather.tests.recording_server current_overcast.json --fresh
"""

import argparse
import json
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

RECORDINGS = Path(__file__).resolve().parent / "recordings"
API_PATH = "/v1/forecast"


@dataclass
class Reply:
    recording: str
    status: int = 200
    # Seconds before the answer starts (a service that does not answer in time).
    delay: float = 0.0
    # Seconds between the bytes of the body (a service that never finishes answering).
    trickle: float = 0.0
    # Move current.time to now, rounded down to the API's 15 minutes, as a live answer
    # would have it (for the portal's widget, which hides old observations).
    fresh_time: bool = False


def fresh_copy(body: bytes, now: datetime | None = None) -> bytes:
    """A recorded answer with current.time set to the current 15 minutes, in the
    recording's own UTC offset."""
    data = json.loads(body)
    offset = timezone(timedelta(seconds=data["utc_offset_seconds"]))
    local = (now or datetime.now(UTC)).astimezone(offset)
    local = local.replace(minute=local.minute - local.minute % 15, second=0, microsecond=0)
    data["current"]["time"] = local.strftime("%Y-%m-%dT%H:%M")
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


class RecordingServer:
    """Use as a context manager; ``reply_with`` chooses what the next requests get."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0):
        self.reply = Reply("current_overcast.json")
        self.requests: list[dict] = []
        self.stopping = threading.Event()
        self.httpd = ThreadingHTTPServer((host, port), self._handler_class())
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="recording-server", daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}{API_PATH}"

    def reply_with(self, recording: str, **options) -> None:
        self.reply = Reply(recording, **options)

    def __enter__(self) -> "RecordingServer":
        self.thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
                parts = urlsplit(self.path)
                server.requests.append({"path": parts.path, "query": parse_qs(parts.query)})
                reply = server.reply
                if parts.path != API_PATH:
                    self._send(404, b'{"error":true,"reason":"Not Found"}', "application/json", Reply(""))
                    return
                if server.stopping.wait(reply.delay):
                    return
                body = (RECORDINGS / reply.recording).read_bytes()
                if reply.fresh_time:
                    body = fresh_copy(body)
                kind = "text/html" if reply.recording.endswith(".html") else "application/json"
                self._send(reply.status, body, f"{kind}; charset=utf-8", reply)

            def _send(self, status: int, body: bytes, content_type: str, reply: Reply) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if not reply.trickle:
                        self.wfile.write(body)
                        return
                    for index in range(len(body)):
                        if server.stopping.wait(reply.trickle):
                            return
                        self.wfile.write(body[index : index + 1])
                        self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up, as it should on a slow answer

            def log_message(self, format, *args) -> None:  # noqa: A002 - http.server's signature
                pass

        return Handler


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve a recorded Open-Meteo answer on 127.0.0.1.")
    parser.add_argument("recording", help="a file name in recordings/, e.g. current_overcast.json")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--status", type=int, default=200)
    parser.add_argument("--fresh", action="store_true", help="set current.time to now")
    args = parser.parse_args()
    with RecordingServer(port=args.port) as server:
        server.reply_with(args.recording, status=args.status, fresh_time=args.fresh)
        print(f"CITYPORTAL_WEATHER_BASE_URL={server.base_url}  (Ctrl-C stops)")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
