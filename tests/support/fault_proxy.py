#!/usr/bin/env python3
"""A small HTTP proxy in front of moto_server for rolecall's live tests.

It stands in for what moto cannot do: it records the service and Action of
every request (the read-only check), and on request it answers some calls
itself with what real AWS can send:

  throttle  400 <Code>Throttling</Code>       (AWS rate limiting)
  deny      403 <Code>AccessDenied</Code>     (a policy denying one call)
  drop      closes the connection, no answer  (a dropped connection)
  delay     answers (forwards) after "ms" milliseconds (a slow network)
  die_after after N requests, drops every later one (the network is gone)
  gaad_pages serves GetAccountAuthorizationDetails from recorded pages
             (moto never paginates GAAD; real AWS does, with Marker)

Usage: fault_proxy.py UPSTREAM_URL   (prints the port it listens on, then serves)
Control: POST /__proxy/config {"rules": [...], "die_after": N, "gaad_pages": DIR}
         GET  /__proxy/log      -> [{"service": "iam", "action": "ListRoles", "params": {...}}]
A rule: {"action": "ListRolePolicies", "match": {"RoleName": "x"}, "kind": "deny", "times": 2}
(no "times": every matching request). "probability": 0.3 applies a rule to
that share of matching requests (seeded by the config's "seed", so a run is
repeatable), and "max_in_a_row": 3 never applies it to the same request
(action and parameters) when it has already failed that many times in a
row (by any such rule), so a client that retries enough always gets through. Standard library only.
"""

import http.client
import json
import os
import random
import re
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

UPSTREAM = urllib.parse.urlparse(sys.argv[1])
LOCK = threading.Lock()
STATE = {"rules": [], "die_after": None, "gaad_pages": None, "count": 0, "log": [],
         "random": random.Random(0), "in_a_row": {}}

ERROR = (
    '<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error>'
    "<Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error>"
    "<RequestId>proxy-{n}</RequestId></ErrorResponse>"
)
SCOPE = re.compile(r"Credential=[^/]*/[^/]*/[^/]*/([^/]*)/aws4_request")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.handle_any()

    def do_POST(self):
        self.handle_any()

    def reply(self, status, body, content_type="text/xml"):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def drop(self):
        self.close_connection = True
        try:
            self.connection.shutdown(2)
        except OSError:
            pass

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if self.path.startswith("/__proxy/"):
            return self.control(body)
        params = {k: v[0] for k, v in urllib.parse.parse_qs(body.decode("utf-8", "replace")).items()}
        query = urllib.parse.urlparse(self.path).query
        params.update({k: v[0] for k, v in urllib.parse.parse_qs(query).items()})
        action = params.get("Action", "")
        target = self.headers.get("X-Amz-Target")
        if target and not action:
            action = target.split(".")[-1]
        scope = SCOPE.search(self.headers.get("Authorization", ""))
        service = scope.group(1) if scope else "unknown"
        logged = {k: v for k, v in params.items() if k not in ("Action", "Version")}
        with LOCK:
            STATE["count"] += 1
            n = STATE["count"]
            STATE["log"].append({"service": service, "action": action, "params": logged})
            die_after = STATE["die_after"]
            request = (action, json.dumps(logged, sort_keys=True))
            rule = None
            for r in STATE["rules"]:
                if r.get("action") not in (None, action):
                    continue
                if any(params.get(k) != v for k, v in r.get("match", {}).items()):
                    continue
                if r.get("times") is not None:
                    if r["times"] <= 0:
                        continue
                    r["times"] -= 1
                if r.get("probability") is not None:
                    # The streak counts this request's faults in a row, from
                    # every probabilistic rule.
                    if STATE["in_a_row"].get(request, 0) >= r.get("max_in_a_row", 1 << 30):
                        continue
                    if STATE["random"].random() >= r["probability"]:
                        continue
                rule = r
                break
            if rule is not None and rule.get("probability") is not None:
                STATE["in_a_row"][request] = STATE["in_a_row"].get(request, 0) + 1
            else:
                STATE["in_a_row"].pop(request, None)
            pages = STATE["gaad_pages"]
        if die_after is not None and n > die_after:
            return self.drop()
        if rule is not None:
            kind = rule["kind"]
            if kind == "throttle":
                return self.reply(400, ERROR.format(code="Throttling", message="Rate exceeded", n=n))
            if kind == "deny":
                message = f"User is not authorized to perform: iam:{action} (denied by the test proxy)"
                return self.reply(403, ERROR.format(code="AccessDenied", message=message, n=n))
            if kind == "drop":
                return self.drop()
            if kind == "delay":
                time.sleep(rule.get("ms", 1000) / 1000)
        if pages and action == "GetAccountAuthorizationDetails":
            with open(os.path.join(pages, "pages.json")) as f:
                index = json.load(f)
            name = index.get(params.get("Marker", ""))
            if name is None:
                return self.reply(400, ERROR.format(code="InvalidInput", message="unknown Marker", n=n))
            with open(os.path.join(pages, name), "rb") as f:
                return self.reply(200, f.read())
        self.forward(body)

    def forward(self, body):
        conn = http.client.HTTPConnection(UPSTREAM.hostname, UPSTREAM.port, timeout=120)
        try:
            headers = {k: v for k, v in self.headers.items() if k.lower() not in ("connection",)}
            conn.request(self.command, self.path, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            self.send_response(resp.status)
            for k, v in resp.getheaders():
                if k.lower() not in ("content-length", "transfer-encoding", "connection", "server", "date"):
                    self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        finally:
            conn.close()

    def control(self, body):
        if self.path == "/__proxy/config":
            config = json.loads(body or b"{}")
            with LOCK:
                STATE["rules"] = config.get("rules", [])
                STATE["die_after"] = config.get("die_after")
                STATE["gaad_pages"] = config.get("gaad_pages")
                STATE["count"] = 0
                STATE["log"] = []
                STATE["random"] = random.Random(config.get("seed", 0))
                STATE["in_a_row"] = {}
            return self.reply(200, "{}", "application/json")
        if self.path == "/__proxy/log":
            with LOCK:
                data = json.dumps(STATE["log"])
            return self.reply(200, data, "application/json")
        return self.reply(404, "{}", "application/json")


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
