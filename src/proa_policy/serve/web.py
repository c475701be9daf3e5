"""The French page at `/`: the dossier form, the certification picker, the decision; plain HTML forms.

Everything works with JavaScript off: each button of the one form posts it
(evaluate, search the annex, pick a row, download as YAML or JSON), and the
upload is a second form. Scripts in `static/` only make it quicker.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import anyio
import yaml
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Route

from proa_policy.engine.batch import Options, decide
from proa_policy.policy.annex import lookup
from proa_policy.engine.policyset import PolicySet
from proa_policy.read.inputs import load_bytes
from proa_policy.report import escape
from proa_policy.report.jsonout import dumps
from proa_policy.serve import form as forms
from proa_policy.serve import sheetupload as sheets
from proa_policy.serve.bodies import body_or_problem, digest, media_type, remember
from proa_policy.serve.policyinfo import PolicyInfo, jsonable_tree
from proa_policy.serve.present import Presenter
from proa_policy.serve.problems import problem
from proa_policy.serve.settings import Settings

TEMPLATES = Path(__file__).resolve().parent / "templates"
PICKER_GROUP = "pro_a.certification"
MAX_FIELDS = 200
MAX_RESULTS = 50
_SAFE_NAME = re.compile(r"[^A-Za-z0-9_-]+")


class Web:
    def __init__(self, policies: PolicySet, settings: Settings, info: PolicyInfo):
        self.policies = policies
        self.settings = settings
        self.info = info
        self.form = forms.build(policies.schema.schema)
        self.presenter = Presenter(policies, self.form)
        #: where an error's pointer sends the reader: its field, or the group (a missing object), by DOM id
        self.anchors = {f.name: f.dom_id for f in self.form.leaves()}
        self.anchors.update({g.name: g.dom_id for g in forms.groups(self.form)})
        self.nav: list[tuple[str, str]] = []
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=select_autoescape(default=True),
            finalize=escape.html,  # controls and bidi overrides shown as text; autoescape does `<>&"'`
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def routes(self) -> list[BaseRoute]:
        return [
            Route("/", self.index, methods=["GET"]),
            Route("/", self.submit, methods=["POST"]),
            Route("/televerser", self.upload, methods=["POST"]),
        ]

    def render(self, request: Request, template: str, status: int = 200, **values: Any) -> HTMLResponse:
        page = self.env.get_template(template).render(nav=self.nav, policy=self.info.summary(), **values)
        return HTMLResponse(page, status_code=status)

    def _page(
        self, request: Request, values: dict[str, str], status: int = 200, **extra: Any
    ) -> HTMLResponse:
        errors = extra.pop("field_errors", {})
        return self.render(
            request,
            "index.html",
            status,
            form=self.form,
            values=values,
            errors=errors,
            picker_group=PICKER_GROUP,
            **extra,
        )

    async def index(self, request: Request) -> Response:
        return self._page(request, {})

    async def _fields(self, request: Request) -> dict[str, str] | Response:
        kind, _ = media_type(request)
        if kind != "application/x-www-form-urlencoded":
            return problem(415, "media-type", "formulaire attendu (application/x-www-form-urlencoded)")
        body = await body_or_problem(request, self.settings.max_body_bytes, "formulaire")
        if isinstance(body, Response):
            return body
        try:
            pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=MAX_FIELDS)
        except (UnicodeDecodeError, ValueError):
            return problem(400, "bad-form", "formulaire illisible")
        return dict(pairs)

    async def submit(self, request: Request) -> Response:
        fields = await self._fields(request)
        if isinstance(fields, Response):
            return fields
        action = fields.pop("action", "evaluate")
        query = fields.pop("_q", "")
        dossier = forms.to_dossier(self.form, fields)
        if action == "search":
            rows = lookup(self.policies, query, None, dt.date.today())
            return self._page(request, fields, query=query, results=rows[:MAX_RESULTS], found=len(rows))
        if action.startswith("pick:"):
            code = action.removeprefix("pick:")
            if re.fullmatch(r"RNCP[0-9]{1,6}", code):
                kind = PICKER_GROUP + ".kind"
                fields.update({kind: "rncp", PICKER_GROUP + ".rncp": code})
            return self._page(request, fields)
        if action in ("download-yaml", "download-json"):
            return self._download(dossier, action.removeprefix("download-"))
        return self._evaluate(request, dossier, fields)

    def _evaluate(self, request: Request, dossier: dict[str, Any], fields: dict[str, str]) -> Response:
        decision = self.policies.evaluate(dossier, explain=True)
        remember(request, verdict=decision.verdict, dossier_sha256=digest(dumps(dossier).encode()))
        field_errors: dict[str, str] = {}
        error_links: list[tuple[str, str]] = []
        for error in decision.errors:
            name = error.pointer.lstrip("/").replace("/", ".")
            field_errors.setdefault(name, error.message)
            error_links.append((self.anchors.get(name, "dossier"), error.message))
        view = self.presenter.decision(decision)
        return self._page(
            request,
            fields,
            decision=view,
            dossier_id=decision.dossier_id,
            field_errors=field_errors,
            error_links=error_links,
            evaluated_at=dt.datetime.now().strftime("%d/%m/%Y %H:%M"),
            summary=[
                (f.title, dict(f.choices).get(fields[f.name], fields[f.name]))
                for f in self.form.leaves()
                if fields.get(f.name, "")
            ],
        )

    def _download(self, dossier: dict[str, Any], fmt: str) -> Response:
        name = _SAFE_NAME.sub("_", str(dossier.get("id") or "dossier"))[:64] or "dossier"
        if fmt == "yaml":
            text = yaml.safe_dump(jsonable_tree(dossier), allow_unicode=True, sort_keys=False)
            media = "application/yaml"
        else:
            text = dumps(jsonable_tree(dossier), pretty=True) + "\n"
            media = "application/json"
        return Response(
            text, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'}
        )

    async def upload(self, request: Request) -> Response:
        kind, _ = media_type(request)
        if kind != "multipart/form-data":
            return problem(415, "media-type", "fichier attendu (multipart/form-data)")
        body = await body_or_problem(request, self.settings.max_body_bytes, "fichier")
        if isinstance(body, Response):
            return body

        async def replay() -> dict[str, Any]:
            return {"type": "http.request", "body": body, "more_body": False}

        buffered = Request(request.scope, replay)
        try:
            async with buffered.form(max_files=1, max_fields=MAX_FIELDS) as data:
                upload = data.get("dossier")
                if upload is None or isinstance(upload, str):
                    return self._page(request, {}, 400, notice="Aucun fichier reçu.")
                filename, content = upload.filename or "dossier", await upload.read()
                action = str(data.get("action") or "fill")
        except Exception:  # a malformed multipart body: said, never shown
            return problem(400, "bad-form", "envoi de fichier illisible")
        if sheets.is_sheet(filename):
            return await self._sheet(request, filename, content, action)
        name = "televersement" + (".json" if filename.lower().endswith(".json") else ".yaml")
        loaded = load_bytes(name, content)
        remember(request, dossier_sha256=digest(content))
        if loaded.error is not None:
            message = decide(self.policies, loaded, Options()).errors[0]
            where = f" (ligne {message.line}, colonne {message.column})" if message.line else ""
            return self._page(request, {}, 400, notice=f"Fichier illisible : {message.message}{where}.")
        values, unknown = forms.from_dossier(self.form, loaded.document)
        notice = "Formulaire rempli à partir du fichier ; vérifiez-le puis évaluez."
        if unknown:
            notice += " Champs non repris (inconnus du formulaire) : " + ", ".join(unknown[:10]) + "."
        return self._page(request, values, notice=notice)

    async def _sheet(self, request: Request, filename: str, content: bytes, action: str) -> Response:
        """A CSV or XLSX file: one decision per row on the page, or the annotated file (`annotate`)."""
        remember(request, dossier_sha256=digest(content))
        found = await anyio.to_thread.run_sync(sheets.decisions, self.policies, filename, content,
                                               abandon_on_cancel=True)
        remember(request, dossiers=len(found))
        if action == "annotate":
            return sheets.annotated(found, filename, self.policies)
        return self._page(request, {}, sheet_rows=sheets.rows(found), sheet_counts=sheets.counts(found),
                          sheet_total=len(found), sheet_shown=min(len(found), sheets.MAX_SHOWN),
                          sheet_name=sheets.sheet_name(found))
