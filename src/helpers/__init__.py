"""Helper package for the Russia–Iran notebook collection.

Which module to open for a question:

**Domain modules** — each concept defined once, shared by every notebook:

- :mod:`helpers.dates`       – partial dates (day / month / year) as ``pandas.Period``; the one date formatter
- :mod:`helpers.periods`     – named periods and the war windows (``data/periods.csv``; ends inclusive)
- :mod:`helpers.events`      – which events fall in a window, and what counts as a Russian word, contact,
  act or material help
- :mod:`helpers.contacts`    – who met or called whom, by counterpart (``data/contacts.csv``)
- :mod:`helpers.obligations` – the obligation ladder (rungs, ranking rule, the clause behind each rank)
- :mod:`helpers.countries`   – country codes and names (country_converter)
- :mod:`helpers.coverage`    – where each data series stops (the notebooks' **Coverage** line)
- :mod:`helpers.agreement`   – agreement between two coders or two voters: raw rate, chance agreement, Cohen's κ
- :mod:`helpers.reliability` – the confidence mark of a row (the strongest of its sources; ``low`` = only weak ones)
- :mod:`helpers.arms`        – the one SIPRI deal table (who supplied what to whom, when)
- :mod:`helpers.labels`      – chart labels that must not collide (end labels, subtitles under a title)

**Infrastructure**: :mod:`helpers.data` (loading and validating every table against
``data/datapackage.json``), :mod:`helpers.sources` (source registry and citations),
:mod:`helpers.style` (house chart style, source lines, alt text; never switches the matplotlib
backend), :mod:`helpers.folding` (long tables folded in ``<details>``), :mod:`helpers.extract` (public releases → ``data/``), :mod:`helpers.build` (executing the
notebooks), :mod:`helpers.catalogue_page` and :mod:`helpers.seminar` (generated pages; :mod:`helpers.refpages`
splits the data dictionary and the API into an index and a page per table or module).

**Topic modules** — compose the domain modules for one subject (analysis functions return frames,
``plot_*`` functions draw them):

- :mod:`helpers.timeline`  – the events timeline and browsing (notebook 00)
- :mod:`helpers.drivers`   – drivers, indicators and constraints with their evidence (``data/drivers.csv``; notebook 01)
- :mod:`helpers.votes`, :mod:`helpers.drones`, :mod:`helpers.trade` – the measured drivers and
  indicators: vote agreement with chance correction, drone tallies with reporting days and counting rules, trade with
  IMF estimates marked, composition and corridor (notebook 01)
- :mod:`helpers.treaties`  – treaty coding, article map, obligation matrix (notebook 02)
- :mod:`helpers.atop_check` – our treaty coding checked against ATOP's: agreement and κ over decided cells (notebook 02;
  reads :mod:`helpers.treaties`, the one topic module a topic module imports)
- :mod:`helpers.defence`   – arms flows, the two wars on one time scale with Iran's lane, what Russia gives and
  withholds, the consistency checks of explanations (written after the events were collected) (``data/explanations_tests.csv``; notebook 03)
- :mod:`helpers.balancing`, :mod:`helpers.networks`, :mod:`helpers.balance_null`, :mod:`helpers.choice_mc` – Russia
  between Iran and Israel (notebook 04): indicators, the signed network and its null, the choice model and its sliders
- :mod:`helpers.ledger`    – the claims ledger with two dated verdicts (notebook 05)
- :mod:`helpers.alliances`, :mod:`helpers.partners` – Russia's web of alignments and who counts as a partner (notebook 06)
"""

__all__ = ["countries", "data", "sources", "style"]
