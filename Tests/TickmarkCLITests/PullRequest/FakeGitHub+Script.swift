extension FakeGitHub {
    /// The server: `state.json` and `requests.log` paths, then its configuration as JSON.
    static let script = #"""
    import http.server, json, os, re, sys, threading, urllib.parse

    state_path, log_path, config = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    owner, name, number, token = config["owner"], config["name"], config["number"], config["token"]
    repo_id = 681234567
    lock = threading.Lock()
    state = {"body": config["body"], "comments": [], "reads": 0, "writes": 0, "edits": 0,
             "updated_at": "2026-12-04T10:00:00Z"}
    for index in range(config["other_comments"]):
        state["comments"].append({"id": 1500000000 + index, "body": "Looks good to me (%d)" % index, "login": "reviewer-%d" % (index % 3)})

    def save():
        with open(state_path, "w") as handle:
            json.dump(state, handle)
    save()

    def user(login):
        return {"login": login, "id": 5551234 if login == config["author"] else 7770000 + len(login), "type": "Bot" if login.endswith("[bot]") else "User"}

    def pull(base):
        return {
            "url": "%s/repos/%s/%s/pulls/%d" % (base, owner, name, number), "id": 1987654321,
            "node_id": "PR_kwDOKJx1as51f3Kx", "html_url": "https://github.com/%s/%s/pull/%d" % (owner, name, number),
            "number": number, "state": "open", "title": "Add login rate limit", "user": user(config["author"]),
            "body": state["body"], "created_at": "2026-12-04T09:00:00Z", "updated_at": state["updated_at"],
            "head": {"ref": "feature/rate-limit", "sha": "6dcb09b5b57875f334f61aebed695e2e4193db5e"},
            "base": {"ref": "main", "sha": "9049f1265b7d61be4a8904a9a27120d2064dab3b",
                     "repo": {"id": repo_id, "name": name, "full_name": "%s/%s" % (owner, name)}},
        }

    def comment(entry):
        return {
            "id": entry["id"], "node_id": "IC_kwDOKJx1as%d" % entry["id"],
            "url": "https://api.github.com/repos/%s/%s/issues/comments/%d" % (owner, name, entry["id"]),
            "html_url": "https://github.com/%s/%s/pull/%d#issuecomment-%d" % (owner, name, number, entry["id"]),
            "body": entry["body"], "user": user(entry["login"]), "author_association": "CONTRIBUTOR",
            "created_at": "2026-12-04T10:00:00Z", "updated_at": "2026-12-04T10:00:00Z",
        }

    def person_edits(moment, count, before):
        for edit in config["edits"]:
            if edit["moment"] == moment and (edit["count"] is None or edit["count"] == count):
                state["edits"] += 1
                base_text = before if edit["stale"] else state["body"]
                state["body"] = base_text + "\n" + edit["line"].replace("{n}", str(state["edits"]))
                state["updated_at"] = "2026-12-04T10:%02d:00Z" % (state["edits"] % 60)

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        def log_message(self, *arguments): pass

        def answer(self, code, value, headers=()):
            body = json.dumps(value).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-GitHub-Api-Version-Selected", "2022-11-28")
            for header, value in headers: self.send_header(header, value)
            self.end_headers()
            self.wfile.write(body)

        def handle_any(self):
            length = int(self.headers.get("Content-Length", 0))
            raw = self.rfile.read(length) if length else b""
            url = urllib.parse.urlparse(self.path)
            query = urllib.parse.parse_qs(url.query)
            with lock:
                with open(log_path, "a") as log:
                    log.write(json.dumps({"method": self.command, "path": self.path,
                                          "headers": {k.lower(): v for k, v in self.headers.items()},
                                          "body": raw.decode("utf-8", "replace")}) + "\n")
                if self.headers.get("Authorization") != "Bearer " + token:
                    return self.answer(401, {"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest", "status": "401"})
                if not self.headers.get("User-Agent"):
                    return self.answer(403, {"message": "Request forbidden by administrative rules. Please make sure your request has a User-Agent header"})
                version = self.headers.get("X-GitHub-Api-Version")
                if version is not None and version != "2022-11-28":
                    return self.answer(400, {"message": "API version '%s' is not supported." % version, "documentation_url": "https://docs.github.com/rest/about-the-rest-api/api-versions", "status": "400"})
                if config["read_only"] and self.command in ("POST", "PATCH"):
                    return self.answer(403, {"message": "Resource not accessible by integration", "documentation_url": "https://docs.github.com/rest/issues/comments#create-an-issue-comment", "status": "403"})
                base = "http://%s" % self.headers.get("Host")
                payload = json.loads(raw) if raw else {}
                pull_path = "/repos/%s/%s/pulls/%d" % (owner, name, number)
                comments_paths = ("/repos/%s/%s/issues/%d/comments" % (owner, name, number),
                                  "/repositories/%d/issues/%d/comments" % (repo_id, number))
                comment_match = re.fullmatch(r"/repos/%s/%s/issues/comments/(\d+)" % (owner, name), url.path)
                if url.path == pull_path and self.command == "GET":
                    state["reads"] += 1
                    result = pull(base)
                    person_edits("after-read", state["reads"], state["body"])
                    save()
                    return self.answer(200, result)
                if url.path == pull_path and self.command == "PATCH":
                    if not isinstance(payload.get("body"), str):
                        return self.answer(422, {"message": "Validation Failed", "errors": [{"resource": "PullRequest", "field": "body", "code": "invalid"}], "status": "422"})
                    before = state["body"]
                    state["writes"] += 1
                    state["body"] = payload["body"]
                    state["updated_at"] = "2026-12-04T11:%02d:00Z" % (state["writes"] % 60)
                    result = pull(base)
                    person_edits("after-write", state["writes"], before)
                    save()
                    return self.answer(200, result)
                if url.path in comments_paths and self.command == "GET":
                    per_page = min(int(query.get("per_page", ["30"])[0]), 100)
                    page = int(query.get("page", ["1"])[0])
                    entries = state["comments"]
                    last = max(1, (len(entries) + per_page - 1) // per_page)
                    chunk = entries[(page - 1) * per_page: page * per_page]
                    links = []
                    link = lambda p: "<%s/repositories/%d/issues/%d/comments?per_page=%d&page=%d>" % (base, repo_id, number, per_page, p)
                    if page > 1: links.append(link(page - 1) + '; rel="prev"')
                    if page < last: links += [link(page + 1) + '; rel="next"', link(last) + '; rel="last"']
                    if page > 1: links.append(link(1) + '; rel="first"')
                    return self.answer(200, [comment(entry) for entry in chunk], [("Link", ", ".join(links))] if links else [])
                if url.path == comments_paths[0] and self.command == "POST":
                    entry = {"id": 2600000000 + len(state["comments"]), "body": payload["body"], "login": "github-actions[bot]"}
                    state["comments"].append(entry)
                    save()
                    created = comment(entry)
                    return self.answer(201, created, [("Location", created["url"])])
                if comment_match and self.command == "PATCH":
                    for entry in state["comments"]:
                        if entry["id"] == int(comment_match.group(1)):
                            entry["body"] = payload["body"]
                            entry["edited"] = entry.get("edited", 0) + 1
                            save()
                            return self.answer(200, comment(entry))
                return self.answer(404, {"message": "Not Found", "documentation_url": "https://docs.github.com/rest", "status": "404"})

        do_GET = do_POST = do_PATCH = handle_any

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    def watch_parent():
        sys.stdin.buffer.read()
        os._exit(0)
    threading.Thread(target=watch_parent, daemon=True).start()
    print(server.server_address[1], flush=True)
    server.serve_forever()
    """#
}
