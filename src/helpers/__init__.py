"""Helper package for the Russia–Iran notebook collection.

One concern per module:

- :mod:`helpers.data`     – loading and validating every table against ``data/datapackage.json``
- :mod:`helpers.countries` – country-code conversion (ISO3) with country_converter
- :mod:`helpers.sources`  – the source registry, citation strings and a notebook's source list
- :mod:`helpers.style`    – the house chart style, source lines and alt text
- :mod:`helpers.timeline` – dated events: lanes, selections, the timeline charts
- :mod:`helpers.votes`    – UN General Assembly ideal points and vote agreement
- :mod:`helpers.drones`   – monthly Shahed/Geran launch series against Ukraine
- :mod:`helpers.arms`     – SIPRI arms transfers (and the OFAC sanctions nexus)
- :mod:`helpers.trade`    – trade statistics beside cited turnover statements
- :mod:`helpers.treaties` – treaty coding, article map, obligation matrix, agreement with ATOP
- :mod:`helpers.defence`  – the obligation ladder, war-time windows, what Russia gives and withholds
- :mod:`helpers.balancing` – Russia's ties to Israel beside its ties to Iran
- :mod:`helpers.networks` – the signed network of states and its structural balance
- :mod:`helpers.models`   – the transparent choice model and its sensitivity grid
- :mod:`helpers.claims`   – the claims ledger
- :mod:`helpers.alliances` – Russia's web of alignments: obligations, arms and votes as layers
- :mod:`helpers.catalogue_page`, :mod:`helpers.seminar` – the generated data-dictionary and seminar-kit pages
- :mod:`helpers.extract`  – turning public releases into the focused extracts in ``data/``
- :mod:`helpers.build`    – executing the notebooks in order (used by ``make build``)
"""

__all__ = ["data", "countries", "sources", "style"]
