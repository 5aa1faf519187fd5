"""Personal data the site must not publish (spec §2), found in what a reader gets.

* ``personal_numbers``: ID, bank card and mobile numbers, and the one site-wide mask;
* ``readable``: the text a reader gets of a value, a Markdown body or an HTML page;
* ``scan``: every personal number in what a record, an org, a site page or a file name publishes;
* ``masking``: ``publish.py mask``'s rewriting of a clerk's file.
"""
