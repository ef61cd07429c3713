"""HTML pages: main text via trafilatura (lxml fallback), title/date/url/source from the head."""
from __future__ import annotations

import json
import logging
import re
from html.parser import HTMLParser

import lxml.html
from lxml import etree

from kg.ingest.dates import normalise_date

# Meta tags, in order of trust: (attribute, value) pairs whose `content` gives the field.
TITLE_META: tuple[tuple[str, str], ...] = (("property", "og:title"), ("name", "twitter:title"), ("name", "title"))
DATE_META: tuple[tuple[str, str], ...] = (
    ("property", "article:published_time"), ("property", "og:published_time"), ("itemprop", "datePublished"),
    ("name", "pubdate"), ("name", "publishdate"), ("name", "publish-date"), ("name", "date"),
    ("name", "dc.date"), ("name", "dc.date.issued"), ("name", "dcterms.created"), ("name", "sailthru.date"),
    ("name", "parsely-pub-date"), ("property", "article:modified_time"),
)
URL_META: tuple[tuple[str, str], ...] = (("property", "og:url"),)
SOURCE_META: tuple[tuple[str, str], ...] = (("property", "og:site_name"), ("name", "application-name"))
# Elements whose text is never article text (lxml fallback).
NOT_TEXT_TAGS: tuple[str, ...] = (
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "iframe",
    "svg", "button", "select", "textarea", "menu", "dialog", "figcaption",
)
BLOCK_TAGS: tuple[str, ...] = (
    "p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "td", "th",
    "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "figure", "address", "hr",
)
# HTML tags that end an open <svg> or <math> (the HTML5 parser's "breakout" from foreign content): a
# browser shows the text after them even when the drawing was never closed.
FOREIGN_TAGS = ("svg", "math")
BREAKOUT_TAGS = frozenset((
    "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em", "embed", "h1", "h2",
    "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing", "menu", "meta", "nobr", "ol", "p", "pre",
    "ruby", "s", "small", "span", "strong", "strike", "sub", "sup", "table", "tt", "u", "ul", "var",
))
SNIFF_CHARS = 4096
log = logging.getLogger(__name__)

_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{1,40})", re.I)
_XML_DECL = re.compile(r"\A\s*<\?xml[^>]*>")
_SPACE = re.compile(r"[^\S\n]+")
_PARAGRAPH_BREAK = re.compile(r"\s*\n\s*\n\s*")
_TITLE_SITE_SUFFIX = re.compile(r"\s+\|\s+[^|]{1,60}$")


def meta_charset(head: bytes) -> str:
    """The charset an HTML page declares in its first bytes, or ""."""
    match = _META_CHARSET.search(head[:SNIFF_CHARS])
    return match.group(1).decode("ascii").lower() if match else ""


def _meta(root: etree._Element, keys: tuple[tuple[str, str], ...]) -> str:
    for attribute, value in keys:
        for element in root.iter("meta"):
            if (element.get(attribute) or "").strip().lower() == value.lower():
                content = (element.get("content") or "").strip()
                if content:
                    return content
    return ""


def _json_ld_date(root: etree._Element) -> str:
    for script in root.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except (ValueError, RecursionError):
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and isinstance(item.get("datePublished"), str):
                return item["datePublished"]
    return ""


def _date(root: etree._Element) -> str:
    for value in (_meta(root, DATE_META), _json_ld_date(root)):
        date = normalise_date(value)
        if date:
            return date
    times = list(root.iter("time"))
    preferred = [t for t in times if t.get("itemprop") == "datePublished" or t.get("pubdate") is not None]
    for element in preferred + times:
        date = normalise_date(element.get("datetime") or "")
        if date:
            return date
    return ""


def _title(root: etree._Element) -> str:
    title = _meta(root, TITLE_META)
    if not title:
        element = root.find(".//title")
        title = _TITLE_SITE_SUFFIX.sub("", element.text_content()) if element is not None else ""
    return _SPACE.sub(" ", title).strip()


def _url(root: etree._Element) -> str:
    url = _meta(root, URL_META)
    if not url:
        for link in root.iter("link"):
            if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
                return link.get("href", "").strip()
    return url


def fallback_text(root: etree._Element) -> str:
    """Text of <body> without scripts, styles, navigation, headers and footers; one paragraph a line."""
    body = root.find(".//body")
    body = body if body is not None else root
    for element in list(body.iter(*NOT_TEXT_TAGS)):
        if element.getparent() is not None:
            element.drop_tree()
    for element in body.iter(*BLOCK_TAGS):
        element.tail = "\n\n" + (element.tail or "")
        element.text = "\n\n" + (element.text or "")
    for element in body.iter("br"):
        element.tail = "\n\n" + (element.tail or "")
    text = body.text_content()
    paragraphs = (_SPACE.sub(" ", p).strip() for p in _PARAGRAPH_BREAK.split(text))
    return "\n".join(p for p in paragraphs if p)


def _main_text(html: str) -> str:
    try:
        import trafilatura  # imported here: loading it costs time that plain-text runs need not pay
    except ImportError as exc:  # e.g. lxml_html_clean missing: still read the page, less precisely
        log.warning("trafilatura cannot be imported (%s); using plain <body> text for HTML", exc)
        return ""
    text = trafilatura.extract(
        html, include_comments=False, include_tables=False, include_images=False, deduplicate=False
    )
    return text or ""


class _FlatText(HTMLParser):
    """Body text from a stream of tags, whatever the nesting: for pages too deep for the tree parsers."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden: dict[str, int] = {}  # open elements whose text is never article text
        self.hiding = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BREAKOUT_TAGS:
            for foreign in FOREIGN_TAGS:  # 300 unclosed <svg>s hide nothing after the next <p>
                self.hiding -= self.hidden.pop(foreign, 0)
        if tag in NOT_TEXT_TAGS or tag in ("head", "title"):
            self.hidden[tag] = self.hidden.get(tag, 0) + 1
            self.hiding += 1
        elif tag in BLOCK_TAGS or tag == "br":
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK_TAGS or tag == "br":
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if self.hidden.get(tag):
            self.hidden[tag] -= 1
            self.hiding -= 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n\n")
        elif tag == "body":  # an unclosed <nav> or <aside> hides no more than the body
            self.hidden.clear()
            self.hiding = 0

    def handle_data(self, data: str) -> None:
        if not self.hiding:
            self.parts.append(data)


def flat_text(html: str) -> str:
    """Text of the page, one paragraph a line, read tag by tag (linear, no depth limit)."""
    reader = _FlatText()
    reader.feed(html)
    reader.close()
    paragraphs = (_SPACE.sub(" ", p).strip() for p in _PARAGRAPH_BREAK.split("".join(reader.parts)))
    return "\n".join(p for p in paragraphs if p)


def _too_deep(parser: etree.HTMLParser) -> bool:
    """libxml2 stops building the tree past 256 levels (``<p><font>`` left open 300 times, 100,000 ``<div>``s)."""
    return any(entry.type_name == "ERR_RESOURCE_LIMIT" for entry in parser.error_log)


def parse_html(html: str) -> dict[str, str]:
    """{"text", "title", "date", "url", "source"} for one page; text has one paragraph a line.

    A page nested deeper than the tree parsers go would lose everything past that depth: its text
    is then read tag by tag instead (its head, and so its metadata, is always within reach).
    """
    html = _XML_DECL.sub("", html)
    parser = lxml.html.HTMLParser()
    try:
        root = lxml.html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError):
        return {"text": "", "title": "", "date": "", "url": "", "source": ""}
    fields = {
        "title": _title(root), "date": _date(root), "url": _url(root), "source": _SPACE.sub(" ", _meta(root, SOURCE_META)),
    }
    if _too_deep(parser):
        return {"text": flat_text(html), **fields}
    text = _main_text(html).strip() or fallback_text(root)
    return {"text": text, **fields}
