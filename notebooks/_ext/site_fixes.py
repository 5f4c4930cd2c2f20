"""Small fixes to the rendered site, loaded as a local Sphinx extension from ``_config.yml``.

* sphinx-thebe is switched off (``launch_buttons.thebe: false``) but still inserts its inline
  ``THEBE_JS_URL`` declaration twice on every page, which the browser reports as an error
  (``Identifier 'THEBE_JS_URL' has already been declared``); with thebe off, its script and
  style are dropped from every page.
* launch buttons (Binder) need the repository's address: while ``repository.url`` is empty in
  ``_config.yml`` they are switched off (sphinx-book-theme fails on an empty address), and they
  appear by themselves once the address is set;
* (Jupyter Book loads the CSS and JavaScript in ``_static`` itself): phone navigation, scroll boxes for wide tables,
  legible charts on phones, contrast in dark mode.
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


def _launch_buttons_need_a_repository(app, config):
    options = config.html_theme_options
    if not (options.get("repository_url") or "").strip():
        options.pop("launch_buttons", None)
        options.pop("repository_url", None)


def setup(app):
    app.connect("config-inited", _launch_buttons_need_a_repository)
    app.connect("html-page-context", _drop_thebe, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
