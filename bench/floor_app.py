"""server_load's baseline: the same stack (nginx, uvicorn, FastAPI, a sync endpoint on the thread
pool) answering every request at once, without Digipunt's work: no database, no validation."""
from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import Response

app = FastAPI()


@app.api_route("/{path:path}", methods=["GET", "POST"])
def answer(path: str) -> Response:
    return Response(b'{"results":[]}', media_type="application/json")
