"""Small fixes to the rendered site, loaded as a local Sphinx extension from ``_config.yml``.

* sphinx-thebe is switched off (``launch_buttons.thebe: false``) but still inserts its inline
  ``THEBE_JS_URL`` declaration twice on every page, which the browser reports as an error
  (``Identifier 'THEBE_JS_URL' has already been declared``); with thebe off, its script and
  style are dropped from every page.
* the repository's address is configured once (``repository.url`` in ``_config.yml``). While it
  is empty, launch buttons (Binder) are switched off (sphinx-book-theme fails on an empty
  address) and the home page keeps its generic instructions for getting the repository; once it
  is set, every notebook page gets a Binder button and a link to the repository, and the
  ``<!-- repository-links -->`` marker of the home page becomes a line with the address and a
  Binder link (Jupyter Book itself refuses ``use_repository_button`` without an address, so the
  button is switched on here rather than in ``_config.yml``);
* (Jupyter Book loads the CSS and JavaScript in ``_static`` itself): phone navigation, scroll boxes for wide tables,
  prose tables as one card per row on phones, charts that fit a phone with a button for legible
  text, 44 px fold summaries, contrast in dark mode (``site-fixes.css``, ``phone-reading.js``).
"""

from __future__ import annotations


def _drop_thebe(app, pagename, templatename, context, doctree):
    for key in ("script_files", "css_files"):
        files = context.get(key)
        if files is None:
            continue
        kept = []
        for item in files:
            body = getattr(item, "attributes", {}).get("body", "") or ""
            name = getattr(item, "filename", str(item)) or ""
            if "THEBE_JS_URL" in body or "thebe" in str(name):
                continue
            kept.append(item)
        files[:] = kept


MARKER = "<!-- repository-links -->"


def binder_url(repo_url: str, branch: str, binderhub_url: str, path: str = "") -> str:
    """The BinderHub address that opens ``path`` (relative to the repository root) in JupyterLab,
    built as sphinx-book-theme builds its launch button (GitHub, GitLab, else any git URL)."""
    from urllib.parse import quote, urlparse

    hub = binderhub_url.strip().rstrip("/")
    parsed = urlparse(repo_url.strip())
    parts = [p for p in parsed.path.strip("/").removesuffix(".git").split("/") if p]
    host = f"{parsed.scheme}://{parsed.netloc}"
    if host == "https://github.com" and len(parts) == 2:
        url = f"{hub}/v2/gh/{parts[0]}/{parts[1]}/{branch}"
    elif host == "https://gitlab.com" and len(parts) == 2:
        url = f"{hub}/v2/gl/{parts[0]}%2F{parts[1]}/{branch}"
    else:
        url = f"{hub}/v2/git/{quote(repo_url.strip(), safe='')}/{branch}"
    return f"{url}?urlpath=lab/tree/{path}" if path else url


def repository_line(options: dict) -> str:
    """The home page's line for a configured address (markdown); empty without one."""
    repo = (options.get("repository_url") or "").strip()
    if not repo:
        return ""
    branch = options.get("repository_branch") or "main"
    line = f"**The repository:** <{repo}> (`git clone {repo}`)."
    hub = (options.get("launch_buttons") or {}).get("binderhub_url") or ""
    if hub:
        folder = (options.get("path_to_docs") or "").strip("/")
        line += f" [Open the notebooks on Binder]({binder_url(repo, branch, hub, folder)}), nothing to install."
    return line


def _launch_buttons_need_a_repository(app, config):
    options = config.html_theme_options
    if not (options.get("repository_url") or "").strip():
        options.pop("launch_buttons", None)
        options.pop("repository_url", None)
        for button in ("use_repository_button", "use_issues_button", "use_edit_page_button"):
            options.pop(button, None)
    else:
        options["use_repository_button"] = True


def _repository_links(app, docname, source):
    if MARKER in source[0]:
        source[0] = source[0].replace(MARKER, repository_line(app.config.html_theme_options))


def setup(app):
    app.connect("config-inited", _launch_buttons_need_a_repository)
    app.connect("source-read", _repository_links)
    app.connect("html-page-context", _drop_thebe, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
