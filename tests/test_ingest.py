"""Ingest: formats, encodings, bad inputs (skip vs fail), boilerplate and heading rules, naming, order."""
from __future__ import annotations

import codecs
import io
import json
import os
import socket
import threading
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import Skip, discover, iter_articles
from kg.ingest import clean, html
from kg.ingest.dates import normalise_date
from kg.ingest.decode import NotText, decode_bytes, normalise_text
from kg.ingest.markdown import strip_markdown
from kg.model import Article

from conftest import BBC, ROOT, need_shared

FIXTURES = ROOT / "tests" / "fixtures" / "ingest"
SEEDS = ROOT / "seeds"
LATIN1_ARTICLE = BBC / "sport" / "199.txt"

BODY = "Officials in Nairobi said on Monday that the new railway line would open next year.\n"


def read(inputs, **kwargs) -> tuple[list[Article], list[Skip]]:
    skips: list[Skip] = []
    articles = list(iter_articles([str(i) for i in inputs], on_skip=skips.append, **kwargs))
    return articles, skips


def seed(prefix: str) -> Article:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    (article,) = iter_articles([str(path)])
    return article


def paragraphs(article: Article) -> list[str]:
    return article.text.split("\n\n")


@pytest.fixture
def in_tmp(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- formats -----------------------------------------------------------------------------------------


def test_txt_title_and_paragraphs(in_tmp):
    Path("a.txt").write_text("Rail Strike Ends In Lisbon\n\nFirst paragraph here.\n\nSecond paragraph here.\n")
    (article,) = iter_articles(["a.txt"])
    assert article.name == "a.txt"
    assert article.title == "Rail Strike Ends In Lisbon"
    assert article.text == "First paragraph here.\n\nSecond paragraph here."


def test_markdown_syntax_stripped_headings_out_front_matter_read():
    (article,) = iter_articles([str(FIXTURES / "article.md")])
    assert article.title == "Ministers Meet In Geneva"
    assert article.date == "2024-03-05"
    assert article.source == "Example Wire"
    assert "Foreign ministers from Brazil and Kenya met in Geneva on Tuesday to discuss trade." in paragraphs(article)
    assert "The talks will continue in Nairobi next month, officials said." in paragraphs(article)
    assert "Both sides agreed to meet again." in paragraphs(article)
    for gone in ("**", "](", "https://", "photo.jpg", "A photo of", "print(", "```", "#", "What Happens Next", "> "):
        assert gone not in article.text


def test_markdown_unit_rules():
    text, headings = strip_markdown(
        "Title Line\n=====\n\n## Sub\n\nSee [the report](http://x.y/z) and ![img](a.png) __now__ ~~old~~ \\*x\\*.\n"
        "[ref]: http://x.y\n~~~\ncode\n~~~\n1. first item\n"
    )
    assert headings == ["Title Line", "Sub"]
    assert "See the report and  now old *x*." in text
    assert "code" not in text and "http" not in text and "first item" in text and "1." not in text


def test_html_main_text_only_with_metadata(monkeypatch):
    def no_fallback(root):
        raise AssertionError("trafilatura found no text (is lxml_html_clean installed?)")

    monkeypatch.setattr(html, "fallback_text", no_fallback)
    (article,) = iter_articles([str(FIXTURES / "page.html")])
    assert article.title == "Harbour Talks Resume"
    assert article.date == "2024-06-01"
    assert article.source == "Example Daily"
    assert paragraphs(article)[0].startswith("Port officials from Rotterdam and Antwerp resumed talks")
    assert any(p.startswith("A spokesperson for the Rotterdam port authority") for p in paragraphs(article))
    for marker in ("SCRIPTTEXT", "STYLETEXT", "LDJSONTEXT", "NAVTEXT", "HEADERTEXT", "FOOTERTEXT", "Unions Raise Concerns"):
        assert marker not in article.text


def test_html_fallback_when_trafilatura_finds_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(html, "_main_text", lambda page: "")
    page = tmp_path / "p.htm"
    page.write_text(
        "<html><head><title>Quiet Page | Site</title><style>p{x:STYLETEXT}</style></head><body>"
        "<header>HEADERTEXT</header><nav>NAVTEXT</nav><script>SCRIPTTEXT</script>"
        "<p>Harbour pilots in Hamburg signed a new contract.</p><p>The deal runs <b>three</b> years.</p>"
        "<time datetime='2023-11-02'>2 Nov</time><footer>FOOTERTEXT</footer></body></html>"
    )
    (article,) = iter_articles([str(page)])
    assert article.text == "Harbour pilots in Hamburg signed a new contract.\n\nThe deal runs three years.\n\n2 Nov"
    assert article.title == "Quiet Page"
    assert article.date == "2023-11-02"


def test_html_of_only_scripts_and_styles_is_skipped(tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<html><head><style>a{}</style><script>var SCRIPTTEXT=1;</script></head><body><script>x()</script></body></html>")
    articles, skips = read([page])
    assert articles == [] and [s.item for s in skips] == [str(page)]


def test_jsonl_malformed_line_and_record_without_text_are_skipped_rest_read():
    path = FIXTURES / "feed.jsonl"
    articles, skips = read([path])
    assert [a.name.rsplit("/", 1)[-1] for a in articles] == ["feed.jsonl#1", "feed.jsonl#5"]
    first = articles[0]
    assert (first.text, first.title, first.date, first.url, first.source) == (
        "The mayor of Lyon opened a new bridge on Friday.", "Bridge Opens", "2024-05-10", "https://example.org/a", "Example Wire"
    )
    assert articles[1].date == ""  # "not a date" is not guessed
    assert [s.item.rsplit("/", 1)[-1] for s in skips] == ["feed.jsonl:2", "feed.jsonl:4"]
    assert "malformed JSON" in skips[0].reason
    assert '"text"' in skips[1].reason and "body" in skips[1].reason


def test_json_list_and_articles_wrapper_and_record_without_text():
    articles, skips = read([FIXTURES / "records.json", FIXTURES / "wrapped.json"])
    names = [a.name.rsplit("/", 1)[-1] for a in articles]
    assert names == ["records.json#1", "wrapped.json#1"]
    assert articles[0].date == "2024-03-07" and articles[0].title == "Lisbon Rail Strike"
    assert articles[1].text == "Engineers in Oslo tested a new ferry engine." and articles[1].date == "2024-03-07"
    assert [s.item.rsplit("/", 1)[-1] for s in skips] == ["records.json#2", "records.json#3"]
    assert "not a string" in skips[1].reason


def test_json_single_object_and_invalid_json(in_tmp):
    Path("one.json").write_text(json.dumps({"text": "Dockers in Genoa voted to strike.", "date": "2024-01-09T10:00:00Z"}))
    Path("bad.json").write_text('{"text": "unterminated\n  "x": 1}')
    articles, skips = read(["one.json", "bad.json"])
    assert [(a.name, a.date) for a in articles] == [("one.json", "2024-01-09")]
    assert skips[0].item == "bad.json" and "line 1, column" in skips[0].reason


def test_json_lines_in_a_json_file_are_read(in_tmp):
    Path("lines.json").write_text('{"text": "One."}\n{"text": "Two."}\n')
    articles, _ = read(["lines.json"])
    assert [a.name for a in articles] == ["lines.json#1", "lines.json#2"]


# --- encodings ---------------------------------------------------------------------------------------


def test_utf8_bom_and_utf16_with_bom(in_tmp):
    text = "Café owners in Zürich met the mayor on “Monday”.\n"
    Path("bom8.txt").write_bytes(codecs.BOM_UTF8 + text.encode())
    Path("le.txt").write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    Path("be.txt").write_bytes(codecs.BOM_UTF16_BE + text.encode("utf-16-be"))
    articles, skips = read(["bom8.txt", "le.txt", "be.txt"])
    assert skips == []
    assert [a.text for a in articles] == [text.strip()] * 3


def test_utf16_without_bom_and_utf16_jsonl(in_tmp):
    Path("nobom.txt").write_bytes("Zürich officials met on Monday.".encode("utf-16-le"))
    Path("u16.jsonl").write_bytes(codecs.BOM_UTF16_LE + '{"text": "Zürich one."}\r\n{"text": "Two."}\r\n'.encode("utf-16-le"))
    articles, skips = read(["nobom.txt", "u16.jsonl"])
    assert skips == []
    assert [(a.name, a.text) for a in articles] == [
        ("nobom.txt", "Zürich officials met on Monday."), ("u16.jsonl#1", "Zürich one."), ("u16.jsonl#2", "Two."),
    ]


def test_html_declared_charset_is_used(in_tmp):
    sentence = "Президент России Владимир Путин заявил в воскресенье, что переговоры продолжатся."
    page = f'<html><head><meta charset="koi8-r"></head><body><p>{sentence}</p></body></html>'
    Path("k.html").write_bytes(page.encode("koi8-r"))
    (article,) = iter_articles(["k.html"])
    assert article.text == sentence


def test_latin1_synthetic(in_tmp):
    text = "The club paid £15m for the striker, a record fee. Café owners cheered the news from Málaga.\n"
    Path("l1.txt").write_bytes(text.encode("latin-1"))
    (article,) = iter_articles(["l1.txt"])
    assert article.text == text.strip()


def test_real_latin1_bbc_article_keeps_pound_signs():
    raw = need_shared(LATIN1_ARTICLE).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # the file really is Latin-1
    (article,) = iter_articles([str(LATIN1_ARTICLE)])
    assert "£15.8m" in article.text
    assert "\ufffd" not in article.text
    assert article.title == "Chelsea sack Mutu"


def test_invalid_utf8_mostly_text_is_decoded_with_replacement(in_tmp):
    # Documented: UTF-8 with a few bad bytes is read, the bad bytes becoming U+FFFD.
    data = ("Zürich officials said the plan was “ready” on Monday. " * 20).encode() + b"\xff\xfe\xfd bad bytes here."
    Path("broken.txt").write_bytes(data)
    (article,) = iter_articles(["broken.txt"])
    assert "\ufffd" in article.text and "Zürich officials said the plan was “ready” on Monday." in article.text


def test_undecodable_bytes_are_skipped():
    with pytest.raises(NotText, match="looks binary"):
        decode_bytes(bytes(range(1, 256)) * 40)


@pytest.mark.parametrize(
    ("magic", "what"),
    [(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"), (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
     (b"PK\x03\x04\x14\x00\x00\x00", "ZIP archive"), (b"\x1f\x8b\x08\x00\x00\x00", "GZIP archive"),
     (b"plain start then \x00\x01\x02\x00 binary", "NUL bytes")],
)
def test_binary_files_with_text_extension_are_skipped(in_tmp, magic, what):
    Path("x.txt").write_bytes(magic + bytes(range(256)) * 4)
    Path("x.jsonl").write_bytes(magic + bytes(range(256)) * 4)
    articles, skips = read(["x.txt", "x.jsonl"])
    assert articles == []
    assert [s.item for s in skips] == ["x.jsonl", "x.txt"]
    assert all(what in s.reason and "remove it or convert it" in s.reason for s in skips)


def test_normalisation_is_safe():
    raw = "a\r\nb\rc\x00d\x0be\ufffff\ud800g cafe\u0301 “quoted” it’s"
    assert normalise_text(raw) == "a\nb\nc d e f g café “quoted” it’s"


def test_lone_surrogate_and_controls_from_json_become_spaces(in_tmp):
    Path("s.jsonl").write_text('{"text": "Oslo\\ud800 port\\u0007 reopened."}\n')
    (article,) = iter_articles(["s.jsonl"])
    assert article.text == "Oslo  port  reopened."


# --- bad inputs: fail or skip -------------------------------------------------------------------------


def test_missing_path_fails(in_tmp):
    with pytest.raises(InputError, match="nope.txt"):
        iter_articles(["nope.txt"])


def test_no_inputs_fails():
    with pytest.raises(InputError, match="no input"):
        discover([])


def test_folder_without_articles_fails(in_tmp):
    Path("pics").mkdir()
    Path("pics/a.png").write_bytes(b"\x89PNG")
    Path("pics/.hidden.txt").write_text(BODY)
    with pytest.raises(InputError, match="no article files.*'pics'"):
        discover(["pics"])


def test_glob_matching_nothing_fails(in_tmp):
    with pytest.raises(InputError, match=r"no file matches 'x/\*\.txt'"):
        discover(["x/*.txt"])


def test_broken_symlink_named_explicitly_fails(in_tmp):
    os.symlink("missing.txt", "link.txt")
    with pytest.raises(InputError, match="broken symbolic link"):
        discover(["link.txt"])


@pytest.mark.parametrize("content", [b"", b"   \n\t\n  \n"])
def test_empty_and_whitespace_files_are_skipped(in_tmp, content):
    Path("e.txt").write_bytes(content)
    articles, skips = read(["e.txt"])
    assert articles == [] and skips == [Skip("e.txt", skips[0].reason)]
    assert skips[0].reason.startswith("empty article")


def test_unreadable_file_is_skipped_via_permission_error(in_tmp, monkeypatch):
    Path("a.txt").write_text(BODY)
    Path("b.txt").write_text(BODY)
    real_open = open

    def fake_open(file, *args, **kwargs):
        if str(file).endswith("a.txt"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    real_os_open = os.open

    def fake_os_open(file, *args, **kwargs):
        if str(file).endswith("a.txt"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_os_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", fake_open)
    monkeypatch.setattr(os, "open", fake_os_open)  # however the reader opens it
    articles, skips = read(["a.txt", "b.txt"])
    assert [a.name for a in articles] == ["b.txt"]
    assert skips[0].item == "a.txt" and "permission denied" in skips[0].reason


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads chmod-000 files; the monkeypatch test covers it")
def test_unreadable_file_is_skipped_chmod(in_tmp):
    Path("a.txt").write_text(BODY)
    os.chmod("a.txt", 0)
    articles, skips = read(["a.txt"])
    assert articles == [] and "permission denied" in skips[0].reason


def _read_in_thread(inputs) -> tuple[list[Article], list[Skip]]:
    result: list = []
    thread = threading.Thread(target=lambda: result.append(read(inputs)), daemon=True)
    thread.start()
    thread.join(timeout=20)
    assert not thread.is_alive(), "reading hung: a FIFO was opened"
    return result[0]


def test_fifo_is_skipped_without_opening(in_tmp):
    os.mkfifo("pipe.txt")
    Path("ok.txt").write_text(BODY)
    articles, skips = _read_in_thread(["."])
    assert [a.name for a in articles] == ["ok.txt"]
    assert skips == [Skip("pipe.txt", skips[0].reason)] and "FIFO" in skips[0].reason


def test_unix_socket_is_skipped(in_tmp):
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind("sock.txt")
        articles, skips = _read_in_thread(["sock.txt"])
    finally:
        server.close()
    assert articles == [] and "socket" in skips[0].reason


def test_fifo_named_explicitly_is_skipped(in_tmp):
    os.mkfifo("pipe")
    articles, skips = _read_in_thread(["pipe"])
    assert articles == [] and skips[0].item == "pipe"


def test_strict_raises_on_first_bad_item(in_tmp):
    Path("a.txt").write_text(BODY)
    Path("b.txt").write_text("")
    Path("c.txt").write_bytes(b"%PDF-1.4 whatever")
    stream = iter_articles(["."], strict=True)
    assert next(stream).name == "a.txt"
    with pytest.raises(InputError, match=r"^'b\.txt': empty article"):
        next(stream)


def test_large_article_50mb(in_tmp):
    paragraph = "Officials in Nairobi said the railway would open next year at a cost of £2bn. " * 6
    count = 50_000_000 // (len(paragraph.encode()) + 2) + 1
    with open("big.txt", "w", encoding="utf-8") as out:
        out.write("Railway Opens In Kenya\n\n")
        for _ in range(count):
            out.write(paragraph + "\n\n")
        out.write("The last paragraph is here.\n")
    assert os.path.getsize("big.txt") >= 50_000_000
    (article,) = iter_articles(["big.txt"])
    assert article.title == "Railway Opens In Kenya"
    assert article.text.endswith("\n\nThe last paragraph is here.")
    assert article.text.count("\n\n") == count


def test_single_1mb_line(in_tmp):
    line = "Nairobi " * 131_072 + "ends here."
    Path("line.txt").write_text(line)
    Path("line.md").write_text("**Bold** " + line)
    articles, skips = read(["line.txt", "line.md"])
    assert skips == []
    assert articles[1].text == line
    assert articles[0].text == "Bold " + line


# --- discovery, names, order, laziness -----------------------------------------------------------------


def test_folders_recursive_hidden_skipped_unknown_ext_ignored_but_explicit_read(in_tmp):
    for path in ("d/a.txt", "d/sub/b.md", "d/.hid/c.txt", "d/.h.txt", "d/notes.log", "d/sub/deep/e.JSONL"):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(BODY if not path.lower().endswith("jsonl") else '{"text": "x."}\n')
    assert discover(["d"]).names == ["d/a.txt", "d/sub/b.md", "d/sub/deep/e.JSONL"]
    assert discover(["d/notes.log"]).names == ["d/notes.log"]
    (article,) = iter_articles(["d/notes.log"])
    assert article.text == BODY.strip()


def test_symlink_loop_is_not_followed_forever(in_tmp):
    Path("d/sub").mkdir(parents=True)
    Path("d/sub/a.txt").write_text(BODY)
    os.symlink("..", "d/sub/loop")
    assert discover(["d"]).names == ["d/sub/a.txt"]


def test_globs(in_tmp):
    for path in ("g/a.txt", "g/b.md", "g/c.png", "g/x/d.txt", "g/notes.log"):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(BODY)
    assert discover(["g/*.txt"]).names == ["g/a.txt"]
    assert discover(["g/*"]).names == ["g/a.txt", "g/b.md", "g/x/d.txt"]  # folders expand, .png/.log ignored
    assert discover(["g/**/*.txt"]).names == ["g/a.txt", "g/x/d.txt"]
    assert discover(["g/*.log"]).names == ["g/notes.log"]  # an explicit extension is asked for


def test_order_and_names_do_not_depend_on_argument_order(in_tmp):
    for path in ("b/z.txt", "b/a.txt", "a.txt"):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(BODY)
    expected = ["a.txt", "b/a.txt", "b/z.txt"]
    assert discover(["b", "a.txt"]).names == expected
    assert discover(["./a.txt", "b/z.txt", "b", str(in_tmp / "a.txt")]).names == expected
    assert [a.name for a in iter_articles(["b/z.txt", "b", "a.txt"])] == expected


def test_names_outside_cwd_keep_the_spelling_given(tmp_path, monkeypatch):
    (tmp_path / "in").mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "a.txt").write_text(BODY)
    (tmp_path / "out" / "b.txt").write_text(BODY)
    monkeypatch.chdir(tmp_path / "in")
    absolute_b = (tmp_path / "out" / "b.txt").as_posix()
    # relative stays relative (no machine paths in outputs); absolute outside the cwd stays absolute
    assert discover(["../out/a.txt", absolute_b]).names == ["../out/a.txt", absolute_b]
    # one file given both ways is read once, under its relative name, whatever the order
    both = ["../out", str(tmp_path / "out" / "a.txt")]
    assert discover(both).names == discover(list(reversed(both))).names == ["../out/a.txt", "../out/b.txt"]


def test_reading_is_lazy(in_tmp):
    Path("a.txt").write_text(BODY)
    Path("b.txt").write_text(BODY)
    skips: list[Skip] = []
    stream = iter_articles(["."], on_skip=skips.append)
    assert next(stream).name == "a.txt"
    os.remove("b.txt")  # not read yet: its absence shows up only now
    assert list(stream) == [] and skips[0].item == "b.txt" and "not found" in skips[0].reason


def test_stdin_text_json_and_jsonl():
    (article,) = iter_articles(["-"], stdin=io.StringIO("Port Deal Signed\n\nThe port of Genoa signed a deal.\n"))
    assert (article.name, article.title, article.text) == ("<stdin>", "Port Deal Signed", "The port of Genoa signed a deal.")
    lines = '{"text": "One."}\nnot json\n{"text": "Two."}\n'
    articles, skips = read(["-"], stdin=io.StringIO(lines))
    assert [a.name for a in articles] == ["<stdin>#1", "<stdin>#3"] and skips[0].item == "<stdin>:2"
    articles, _ = read(["-"], stdin=io.StringIO('[{"text": "A."}, {"text": "B."}]'))
    assert [a.text for a in articles] == ["A.", "B."]


def test_stdin_bytes_are_decoded():
    class Binary:
        buffer = io.BytesIO("The fee was £15m.".encode("latin-1"))

    (article,) = iter_articles(["-"], stdin=Binary())  # type: ignore[arg-type]
    assert article.text == "The fee was £15m."


# --- seeds: boilerplate gone, sentences kept ---------------------------------------------------------


def test_seed_003_boilerplate_and_subheadings_gone():
    article = seed("003")
    lines = article.text.split("\n")
    assert "Share it:" not in lines
    assert "Loading" not in article.text
    assert "Photo credit" not in article.text
    for heading in ("UK Pledges Long-Term Support for Ukraine", "Divisions Within NATO as U.S. Pursues Peace Talks",
                    "Trump Administration Pushes Ukraine on Rare Earth Deal", "Uncertain Future for Ukraine in Peace Talks"):
        assert heading not in article.text
    assert paragraphs(article)[0].startswith("British Prime Minister Keir Starmer has urged")
    assert article.title.startswith("Starmer Calls On Europe To")


def test_seed_000_date_line_and_trailing_credit():
    article = seed("000")
    assert article.date == "2025-02-17"
    assert "date 2025" not in article.text and "Photo: Reuters" not in article.text
    assert paragraphs(article)[0] == "British Prime Minister Keir Starmer."
    assert paragraphs(article)[1].startswith("British Prime Minister Keir Starmer says he is ready to send British troops")


def test_seed_001_sentence_case_title_copyright_and_appeared_in():
    article = seed("001")
    assert article.title == "Starmer offers to send UK troops to Ukraine as part of peace deal"
    assert "originally appeared" not in article.text and "©" not in article.text
    assert paragraphs(article)[0].startswith("Prime Minister Keir Starmer on Sunday offered British troops")
    assert len(paragraphs(article)) == 10  # one paragraph per line in this file


def test_seed_002_comment_form_gone():
    article = seed("002")
    assert article.title == "Starmer Offers to Send U.K. Peacekeeping Troops to Ukraine"
    assert not article.text.rstrip().endswith("Scroll to Top")
    for gone in ("Leave a Comment", "Your email address", "Required fields"):
        assert gone not in article.text
    assert article.text.endswith("if Russian forces were to attack.")


def test_seed_004_body_intact():
    article = seed("004")
    assert article.title == ""
    assert paragraphs(article)[0].startswith("Sir Keir Starmer is considering plans")
    assert len(paragraphs(article)) == 14


# --- cleaning rules, on made-up text -----------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    ["• Loading...", "Share it:", "SHARE THIS ARTICLE", "Read more »", "Advertisement", "Skip to content",
     "Back to top ↑", "Comments (12)", "Leave a comment", "Follow us on Twitter", "Print | Email",
     "Sign up for our newsletter", "***", "— Subscribe —"],
)
def test_ui_lines_dropped(line):
    assert clean.is_boilerplate_line(line)


@pytest.mark.parametrize(
    "line",
    ["Shares in the company fell 3% on Monday.", "He did not share the view of his colleagues.",
     "Print media lost readers last year.", "The loading of ships resumed in Odesa."],
)
def test_sentences_with_ui_words_survive(line):
    assert not clean.is_boilerplate_line(line)


@pytest.mark.parametrize(
    "line",
    ["Photo: Jane Roe/AFP", "Image credit: Acme Pictures", "Picture by John Doe", "Getty Images",
     "AFP via Getty Images", "Tom Smith/Pool/AP", "(Reuters)"],
)
def test_credit_lines_dropped(line):
    assert clean.is_boilerplate_line(line)


def test_trailing_credit_removed_but_sentence_kept():
    assert clean.strip_trailing_credit("The mayor of Lyon at the bridge. Photo: Jane Roe") == "The mayor of Lyon at the bridge."
    assert clean.strip_trailing_credit("Crowds gather in Lima (Photo: AP)") == "Crowds gather in Lima"
    sentence = "The photo: a crowd, a flag and a mayor who said it was time."
    assert clean.strip_trailing_credit(sentence) == sentence


@pytest.mark.parametrize(
    "line",
    ["© 2031 Example Media Group", "Copyright 2031 Example Wire", "Example Ltd. All rights reserved.",
     "This story originally appeared in The Example Times.", "This article was first published on example.org",
     "Your email address will not be published.", "Required fields are marked *", "By Jane Roe and John Doe"],
)
def test_legal_and_comment_form_lines_dropped(line):
    assert clean.is_boilerplate_line(line)


def test_headings_removed_first_becomes_title_lists_and_sentences_kept():
    text = (
        "Nairobi Opens New Rail Line\n\nThe line opened on Monday.\n\nPassengers Welcome Faster Trips\n\n"
        "Riders said trips were shorter.\n\nKenya v Uganda\n\nTanzania v Rwanda\n\nEthiopia v Sudan\n\n"
        "Fixtures are listed above.\n\nOfficials Say More Lines Will Follow\n\nA second line is planned"
    )
    body, title, _ = clean.clean_body(text)
    assert title == "Nairobi Opens New Rail Line"
    assert body.split("\n\n") == [
        "The line opened on Monday.", "Riders said trips were shorter.", "Kenya v Uganda", "Tanzania v Rwanda",
        "Ethiopia v Sudan", "Fixtures are listed above.", "A second line is planned",
    ]


def test_heading_becomes_title_only_when_none_known():
    body, title, _ = clean.clean_body("The line opened.\n\nRiders Cheer Faster Trips\n\nIt was busy.", title="Known")
    assert (body, title) == ("The line opened.\n\nIt was busy.", "Known")
    body, title, _ = clean.clean_body("The line opened.\n\nRiders Cheer Faster Trips\n\nIt was busy.")
    assert title == "Riders Cheer Faster Trips"


def test_sentence_case_first_line_is_title_even_without_blank_line():
    body, title, _ = clean.clean_body("Mayor opens bridge over the river\nThe mayor opened it.\nCrowds cheered.\n")
    assert title == "Mayor opens bridge over the river"
    assert body == "The mayor opened it.\n\nCrowds cheered."


def test_hard_wrapped_paragraph_keeps_its_lines():
    text = "The mayor of Lyon said on Monday that\nthe bridge would open in May, and that\ntolls would be dropped.\n\nNext one."
    body, title, _ = clean.clean_body(text)
    assert title == ""
    assert body == "The mayor of Lyon said on Monday that\nthe bridge would open in May, and that\ntolls would be dropped.\n\nNext one."


def test_heading_detection_rules():
    assert clean.is_heading("Divisions Within the Alliance as Talks Stall")
    assert clean.is_heading("Unions Call For “Fair Deal”")
    assert not clean.is_heading("The talks stalled on Monday.")
    assert not clean.is_heading("“We will not stop,” Ruto said.")
    assert not clean.is_heading("mayors of Lyon and Paris")
    assert not clean.is_heading("- Best New Play - The Harbour")
    assert not clean.is_heading(" ".join(["Word"] * 25))


def test_leading_date_line():
    assert clean.take_date_line(" date 2031-02-17 Caption text here.\nBody.") == ("2031-02-17", "Caption text here.\nBody.")
    assert clean.take_date_line("DATE 2031-02-17\nBody.") == ("2031-02-17", "Body.")
    assert clean.take_date_line("date 2031-02-30 nope") == ("", "date 2031-02-30 nope")
    assert clean.take_date_line("The date 2031-02-17 was set.")[0] == ""


@pytest.mark.parametrize(
    ("value", "iso"),
    [("2025-02-17", "2025-02-17"), ("2025-02-17T23:10:00-05:00", "2025-02-17"), ("17 February 2025", "2025-02-17"),
     ("February 17, 2025", "2025-02-17"), ("Mon, 17 Feb 2025 10:00:00 GMT", "2025-02-17"), ("17/02/2025", "2025-02-17"),
     ("03/04/2025", ""), ("yesterday", ""), ("garbage", ""), ("2025", ""), ("Feb 2025", ""), ("2025-13-40", ""),
     (None, ""), (20250217, "")],
)
def test_normalise_date_is_strict(value, iso):
    assert normalise_date(value) == iso


# --- the robustness round: one bad item never kills the batch; nothing misread ------------------------


def refuse_locked_folders(monkeypatch) -> None:
    """Folders named "locked" cannot be listed: root lists a chmod-000 folder anyway, so refuse it as the kernel
    would refuse a user."""
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_dangling_link_link_loop_and_unlistable_folder_inside_a_folder_are_skipped(in_tmp, monkeypatch):
    Path("in/locked").mkdir(parents=True)
    Path("in/good.txt").write_text(BODY)
    Path("in/locked/x.txt").write_text(BODY)
    os.symlink("nowhere.txt", "in/dangling.txt")
    os.symlink("loop.txt", "in/loop.txt")
    refuse_locked_folders(monkeypatch)
    found = discover(["in"])  # no InputError: the run goes on
    assert found.names == ["in/good.txt"]
    assert {(s.item, s.kind) for s in found.skips} == {
        ("in/dangling.txt", "broken-link"), ("in/loop.txt", "link-loop"), ("in/locked", "unlistable"),
    }
    assert "nowhere.txt" in next(s.reason for s in found.skips if s.kind == "broken-link")
    articles, skips = read(["in"])
    assert [a.name for a in articles] == ["in/good.txt"] and len(skips) == 3
    with pytest.raises(InputError, match="in/dangling.txt"):  # --strict still stops at the first one
        list(iter_articles(["in"], strict=True))


def test_discovered_inputs_are_not_walked_again(in_tmp, monkeypatch):
    Path("in").mkdir()
    Path("in/a.txt").write_text(BODY)
    os.symlink("nowhere.txt", "in/dangling.txt")
    found = discover(["in"])
    import kg.ingest.reader as reader

    monkeypatch.setattr(reader, "discover", lambda *a, **k: pytest.fail("walked the inputs a second time"))
    skips: list[Skip] = []
    assert [a.name for a in iter_articles(found, on_skip=skips.append)] == ["in/a.txt"]
    assert [s.item for s in skips] == ["in/dangling.txt"]


def test_one_file_through_a_symlink_a_linked_folder_or_a_hard_link_is_read_once(in_tmp):
    Path("real").mkdir()
    Path("real/a.txt").write_text(BODY)
    os.symlink("real", "linked")
    os.symlink("real/a.txt", "alias.txt")
    os.link("real/a.txt", "hard.txt")
    found = discover(["linked", "alias.txt", "real", "linked/a.txt"])
    assert found.names == ["real/a.txt"]  # the name that goes through no symbolic link wins
    assert [a.name for a in iter_articles(found)] == ["real/a.txt"]
    assert len(discover(["real", "hard.txt", "alias.txt"]).files) == 1  # a hard link is the same file too


def test_a_bad_link_reached_through_a_linked_folder_is_named_once(in_tmp, monkeypatch):
    Path("real/locked").mkdir(parents=True)
    Path("real/a.txt").write_text(BODY)
    os.symlink("nowhere.txt", "real/dangling.txt")
    os.symlink("loop.txt", "real/loop.txt")
    os.symlink("real", "linked")
    refuse_locked_folders(monkeypatch)
    found = discover(["linked", "real"])
    assert found.names == ["real/a.txt"]
    # Each bad item once, under the name that goes through no symbolic link.
    assert sorted(s.item for s in found.skips) == ["real/dangling.txt", "real/locked", "real/loop.txt"]


def test_this_runs_outputs_and_cache_inside_an_input_folder_are_left_out(in_tmp):
    Path("news/out").mkdir(parents=True)
    Path("news/a.txt").write_text(BODY)
    Path("news/out/graph.html").write_text('<!DOCTYPE html><html><head><meta name="generator" content="kg"></head>'
                                           "<body><p>Keir Starmer met Emmanuel Macron.</p></body></html>")
    Path("news/out/graph.json").write_text('{"directed": true, "edges": [], "graph": {}, "multigraph": true, "nodes": []}')
    Path("news/cache.txt").write_bytes(b"SQLite format 3\x00" + bytes(100))
    found = discover(["news"], exclude=["news/out/graph.html", "news/out/graph.json", "news/cache.txt"])
    assert found.names == ["news/a.txt"] and found.skips == ()


def test_an_article_at_an_output_path_is_not_left_out_and_is_refused(in_tmp):
    from kg.ingest import check_not_input

    Path("news").mkdir()
    Path("news/a.txt").write_text(BODY)
    Path("news/page.html").write_text("<html><body><p>Keir Starmer met Emmanuel Macron in Paris.</p></body></html>")
    found = discover(["news"], exclude=["news/page.html"])
    assert found.names == ["news/a.txt", "news/page.html"]  # not kg's own file: still an article
    with pytest.raises(InputError, match=r"output 'news/page\.html' is also an input"):
        check_not_input(found, "news/page.html", "output")


def test_outputs_that_are_inputs_are_refused_by_any_name(in_tmp):
    from kg.ingest import check_not_input

    Path("feed.json").write_text('{"text": "Keir Starmer met Emmanuel Macron."}')
    os.symlink("feed.json", "link.json")
    os.link("feed.json", "hard.json")
    Path("sub").mkdir()
    found = discover(["feed.json"])
    for path in ("feed.json", "./feed.json", "sub/../feed.json", "link.json", "hard.json", str(in_tmp / "feed.json")):
        with pytest.raises(InputError, match="is also an input"):
            check_not_input(found, path, "output")
    check_not_input(found, "new.json", "output")  # not there yet: fine
    check_not_input(found, "sub", "cache")


@pytest.mark.parametrize(
    ("extension", "content"),
    [
        (".html", '<!DOCTYPE html><html><head><meta name="generator" content="kg"><title>kg</title></head><body><p>Keir Starmer.</p></body></html>'),
        (".html", '<html><body><script type="application/json" id="kg-data">{"nodes": []}</script><p>Keir Starmer.</p></body></html>'),
        (".json", '{\n "directed": true,\n "edges": [],\n "graph": {},\n "multigraph": true,\n "nodes": [{"id": "a", "evidence": "Keir Starmer."}]\n}\n'),
        (".json", '{"directed": true, "multigraph": false, "graph": {}, "nodes": [], "links": []}'),
    ],
    ids=["html", "older-html", "json", "networkx-json"],
)
def test_earlier_kg_outputs_are_recognised_and_never_read_as_articles(in_tmp, extension, content):
    Path("news/old").mkdir(parents=True)
    Path("news/a.txt").write_text(BODY)
    name = f"news/old/graph{extension}"
    Path(name).write_text(content)
    articles, skips = read(["news"])
    assert [a.name for a in articles] == ["news/a.txt"]
    assert [(s.item, s.kind) for s in skips] == [(name, "kg-output")] and "not an article" in skips[0].reason


@pytest.mark.parametrize("name", ["graph.graphml.txt", "graph.gexf.txt"])
def test_graph_files_renamed_to_txt_are_not_articles_either(in_tmp, name):
    tag = "graphml" if "graphml" in name else "gexf"
    Path(name).write_text(f'<?xml version="1.0"?>\n<!-- kg -->\n<{tag} xmlns="x"><graph/></{tag}>')
    articles, skips = read([name])
    assert articles == [] and skips[0].kind == "kg-output"


def test_html_nested_deeper_than_the_parser_goes_keeps_every_paragraph(in_tmp):
    paragraphs = "".join(f"<p><font>Paragraph {i}: Angela Merkel met Olaf Scholz{i} in Berlin." for i in range(300))
    Path("p.html").write_text(f"<html><head><title>Deep Page</title></head><body>{paragraphs}</body></html>")
    (article,) = iter_articles(["p.html"])
    assert article.title == "Deep Page"
    assert "Paragraph 290: Angela Merkel met Olaf Scholz290 in Berlin." in article.text
    assert len(paragraphs_of(article)) == 300


def paragraphs_of(article: Article) -> list[str]:
    return [p for p in article.text.split("\n\n") if p.startswith("Paragraph")]


def test_a_paragraph_under_100000_nested_divs_is_read(in_tmp):
    sentence = "Keir Starmer met Emmanuel Macron in Paris on Monday."
    Path("d.html").write_text("<html><body>" + "<div>" * 100_000 + f"<p>{sentence}</p>" + "</div>" * 100_000 + "</body></html>")
    (article,) = iter_articles(["d.html"])
    assert article.text == sentence


def test_deep_html_text_keeps_out_scripts_and_navigation():
    nested = "<div>" * 400 + "<p>Body text here.</p>"
    text = html.flat_text(f"<html><head><title>T</title><style>p{{}}</style></head><body><nav>Home | News</nav>"
                          f"<script>var x = 1;</script>{nested}<p>Second &amp; last.</p></body></html>")
    assert text == "Body text here.\nSecond & last."


def test_utf16_without_bom_of_plain_ascii_is_utf16_not_utf8_with_nuls(in_tmp):
    text = "General Mark Milley met Keir Starmer in London. The United Kingdom and Ukraine signed a deal."
    Path("le.txt").write_bytes(text.encode("utf-16-le"))
    Path("be.txt").write_bytes(text.encode("utf-16-be"))
    Path("le.jsonl").write_bytes(json.dumps({"text": text}).encode("utf-16-le"))
    Path("u32.txt").write_bytes(text.encode("utf-32-le"))
    articles, skips = read(["le.txt", "be.txt", "le.jsonl", "u32.txt"])
    assert skips == [] and [a.text for a in articles] == [text] * 4


def test_nul_bytes_a_few_are_spaces_many_are_binary(in_tmp):
    Path("stray.txt").write_bytes(b"Keir Starmer met\x00Emmanuel Macron in Paris on Monday, officials said.")
    Path("many.txt").write_bytes(b"Keir\x00\x00\x00\x00 Starmer\x00\x00\x00\x00\x00\x00\x00\x00")
    articles, skips = read(["stray.txt", "many.txt"])
    assert [a.text for a in articles] == ["Keir Starmer met Emmanuel Macron in Paris on Monday, officials said."]
    assert [(s.item, s.kind) for s in skips] == [("many.txt", "binary")] and "NUL" in skips[0].reason


@pytest.mark.parametrize("separator", ["\u2028", "\x85"], ids=["U+2028", "NEL"])
def test_a_line_separator_inside_a_sentence_loses_nothing(in_tmp, separator):
    text = f"Keir Starmer spoke.{separator}Angela Merkel{separator}said she agreed with him.\n\nOlaf Scholz spoke in Berlin."
    Path("a.txt").write_text(text, encoding="utf-8")
    (article,) = iter_articles(["a.txt"])
    assert article.text == "Keir Starmer spoke. Angela Merkel said she agreed with him.\n\nOlaf Scholz spoke in Berlin."
    doubled = normalise_text(f"One paragraph.{separator}{separator}Another.")
    assert doubled == "One paragraph.\n\nAnother."


def test_lone_surrogates_and_controls_in_json_fields_are_repaired(in_tmp):
    record = {"text": "Keir Starmer met \ud800Emmanuel Macron.", "title": "A \udc00 title\u202e", "url": "http://x/\ud83d",
              "source": "S\udfff\x07", "date": "2025-02-17"}
    Path("f.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    (article,) = iter_articles(["f.jsonl"])
    for value in (article.text, article.title, article.url, article.source, article.name):
        value.encode("utf-8")  # nothing the cache or an exporter cannot encode
    assert (article.title, article.url, article.source) == ("A title", "http://x/", "S")


@pytest.mark.parametrize("where", ["json", "jsonl", "stdin", "stdin-jsonl"])
def test_json_nested_1000_deep_is_skipped_and_named(in_tmp, where):
    deep = "[" * 1000 + "]" * 1000
    good = '{"text": "Keir Starmer met Emmanuel Macron in Paris."}'
    if where == "json":
        Path("deep.json").write_text(deep)
        articles, skips = read(["deep.json"])
        assert articles == [] and [(s.item, s.kind) for s in skips] == [("deep.json", "too-deep")]
    elif where == "jsonl":
        Path("deep.jsonl").write_text(good + "\n" + '{"text": ' + deep + "}\n" + good + "\n")
        articles, skips = read(["deep.jsonl"])
        assert [a.name for a in articles] == ["deep.jsonl#1", "deep.jsonl#3"]
        assert [(s.item, s.kind) for s in skips] == [("deep.jsonl:2", "too-deep")]
    elif where == "stdin":
        articles, skips = read(["-"], stdin=io.StringIO(deep))
        assert articles == [] and [(s.item, s.kind) for s in skips] == [("<stdin>", "too-deep")]
    else:
        articles, skips = read(["-"], stdin=io.StringIO('{"a": ' + deep + "}\n" + good + "\n"))
        assert [a.name for a in articles] == ["<stdin>#2"] and [s.item for s in skips] == ["<stdin>:1"]


def test_deep_json_ld_in_a_page_does_not_stop_it(in_tmp):
    page = ('<html><head><script type="application/ld+json">' + "[" * 1000 + "]" * 1000 +
            "</script></head><body><p>Keir Starmer met Emmanuel Macron in Paris.</p></body></html>")
    Path("p.html").write_text(page)
    (article,) = iter_articles(["p.html"])
    assert article.text == "Keir Starmer met Emmanuel Macron in Paris."


@pytest.mark.parametrize("line", ["date 0001-01-01", "date 9999-12-31"])
def test_a_date_line_outside_news_years_leaves_the_article_undated(in_tmp, line):
    Path("a.txt").write_text(f"{line}\nKeir Starmer met Emmanuel Macron in Paris on Sunday.\n")
    (article,) = iter_articles(["a.txt"])
    assert article.date == "" and article.text == "Keir Starmer met Emmanuel Macron in Paris on Sunday."


def test_bidi_controls_are_removed_from_article_text(in_tmp):
    Path("a.txt").write_text("Troops from \u202eIsrael\u202c and \u2066Egypt\u2069 met on Monday.\u200f\n", encoding="utf-8")
    (article,) = iter_articles(["a.txt"])
    assert article.text == "Troops from Israel and Egypt met on Monday."


def test_file_names_that_cannot_be_printed_are_escaped(in_tmp):
    Path("in").mkdir()
    os.close(os.open(os.fsencode("in/evil\nError: forged.txt"), os.O_CREAT | os.O_WRONLY))
    with open(b"in/caf\xe9.txt", "w") as fh:
        fh.write(BODY)
    articles, skips = read(["in"])
    assert [a.name for a in articles] == ["in/caf\\xe9.txt"]
    assert [s.item for s in skips] == ["in/evil\\nError: forged.txt"]
    articles[0].name.encode("utf-8")


def test_deep_json_is_refused_whatever_the_recursion_limit(in_tmp):
    import sys

    old = sys.getrecursionlimit()
    sys.setrecursionlimit(20_000)  # some libraries raise it; deep JSON must still be a named skip
    try:
        Path("deep.json").write_text("[" * 1000 + "]" * 1000)
        articles, skips = read(["deep.json"])
    finally:
        sys.setrecursionlimit(old)
    assert articles == [] and [(s.item, s.kind) for s in skips] == [("deep.json", "too-deep")]


def test_table_rows_and_datelines_are_no_headings():
    for line in ("Trevor Dodds ( Namibia ) 72 69", "Arsenal 2 Chelsea 1", "VAL D'ISERE , France 1996-12-06",
                 "Heidi Zurbriggen 1:19.03"):
        assert not clean.is_heading(line), line
    assert clean.is_heading("Covid-19 Cases Rise Again")  # one number is no table
    body, _, _ = clean.clean_body("Results on Sunday:\n\nTrevor Dodds ( Namibia ) 72 69\n\nThe leader said so.",
                                  title="Golf")
    assert "Trevor Dodds ( Namibia ) 72 69" in body


# --- the second audit: what the robustness round left open --------------------------------------------

OTHER_ALPHABETS = {
    "greek": "Ο πρωθυπουργός Κυριάκος Μητσοτάκης συναντήθηκε με την Άνγκελα Μέρκελ στην Αθήνα τη Δευτέρα.",
    "cyrillic": "Президент России Владимир Путин заявил в воскресенье, что переговоры продолжатся в Москве.",
    "arabic": "قال الرئيس المصري عبد الفتاح السيسي إن المحادثات ستستمر في القاهرة يوم الاثنين.",
    "hebrew": "ראש הממשלה בנימין נתניהו נפגש עם נשיא ארצות הברית בירושלים ביום שני.",
}


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("script", sorted(OTHER_ALPHABETS))
def test_utf16_and_utf32_without_bom_of_another_alphabet_are_read(in_tmp, script, encoding):
    # No NUL in every other byte (Greek is 0x03xx): before, these were "binary" (the spaces' NULs), and
    # Cyrillic UTF-16-LE, all bytes below 0x80, was "valid UTF-8" full of control characters.
    text = OTHER_ALPHABETS[script]
    Path("a.txt").write_bytes(text.encode(encoding))
    articles, skips = read(["a.txt"])
    assert skips == [] and [a.text for a in articles] == [text]


@pytest.mark.parametrize("text", [
    "Café owners in Málaga and Zürich met the mayor on Monday; the £15m plan was approved. " * 4,
    "a\nb\nc\nd\n" * 40,  # one letter a line: the newlines alone at odd offsets
    "=-" * 200,
])
def test_8bit_text_of_even_length_is_never_taken_for_utf16(text):
    data = text.encode("cp1252")
    data = data[: len(data) - len(data) % 2]
    assert decode_bytes(data) == data.decode("cp1252")


def test_unclosed_svg_in_a_page_too_deep_for_the_tree_hides_nothing_after_the_next_paragraph(in_tmp):
    # A browser leaves an open <svg> at the next <p> (the HTML5 "breakout"); 300 levels are past the tree parsers.
    Path("a.html").write_text("<html><head><title>Drawn</title></head><body>" + "<svg><g>" * 300
                              + "<text>Axis label</text></svg><p>Keir Starmer met Emmanuel Macron in Paris.</p></body></html>")
    (article,) = iter_articles(["a.html"])
    assert article.text == "Keir Starmer met Emmanuel Macron in Paris." and article.title == "Drawn"


def test_this_runs_output_named_on_the_command_line_is_a_named_skip_not_a_refusal(in_tmp):
    # `kg build news/* -o news/graph.html` run twice: the shell names last run's graph (and cache) explicitly.
    from kg.ingest import check_not_input

    Path("news").mkdir()
    Path("news/a.txt").write_text(BODY)
    Path("news/graph.html").write_text('<html><head><meta name="generator" content="kg"></head><body><p>x</p></body></html>')
    Path("news/cache.db").write_bytes(b"SQLite format 3\x00" + bytes(100))
    found = discover(["news/a.txt", "news/cache.db", "news/graph.html"], exclude=["news/graph.html", "news/cache.db"])
    assert found.names == ["news/a.txt"]
    assert [(s.item, s.kind) for s in found.skips] == [("news/cache.db", "kg-output"), ("news/graph.html", "kg-output")]
    assert "this run's output" in found.skips[1].reason and "extraction cache" in found.skips[0].reason
    check_not_input(found, "news/graph.html", "output")  # kg's own file: replacing it destroys no article
    check_not_input(found, "news/cache.db", "cache")


def test_a_file_swapped_for_a_fifo_after_its_stat_is_not_opened_blocking(in_tmp, monkeypatch):
    import kg.ingest.reader as reader
    from kg.ingest import InputFile, Inputs

    Path("ok.txt").write_text(BODY)
    os.mkfifo("pipe.txt")
    regular = os.stat("ok.txt")
    real_stat = os.stat
    # The stat that looks at the file sees a regular file; by the time it is opened it is a FIFO.
    monkeypatch.setattr(reader.os, "stat", lambda p, *a, **k: regular if os.fspath(p) == "pipe.txt" else real_stat(p, *a, **k))
    found = Inputs((InputFile("ok.txt", "ok.txt"), InputFile("pipe.txt", "pipe.txt")))
    result: list = []
    thread = threading.Thread(target=lambda: result.append(list(iter_articles(found, on_skip=result.append))), daemon=True)
    thread.start()
    thread.join(timeout=20)
    assert not thread.is_alive(), "reading hung: a FIFO was opened blocking"
    skip, articles = result
    assert [a.name for a in articles] == ["ok.txt"] and (skip.item, skip.kind) == ("pipe.txt", "not-a-file")


def test_a_file_that_became_a_folder_while_kg_ran_is_a_named_skip(in_tmp):
    Path("a.txt").write_text(BODY)
    Path("b.txt").write_text(BODY)
    found = discover(["a.txt", "b.txt"])
    os.remove("b.txt")
    os.mkdir("b.txt")
    skips: list[Skip] = []
    assert [a.name for a in iter_articles(found, on_skip=skips.append)] == ["a.txt"]
    assert [(s.item, s.kind) for s in skips] == [("b.txt", "not-a-file")] and "change while kg ran" in skips[0].reason


def test_an_output_path_that_is_a_fifo_does_not_hang_the_walk(in_tmp):
    Path("news").mkdir()
    Path("news/a.txt").write_text(BODY)
    os.mkfifo("news/graph.html")
    result: list = []
    thread = threading.Thread(target=lambda: result.append(discover(["news/a.txt"], exclude=["news/graph.html"])), daemon=True)
    thread.start()
    thread.join(timeout=20)
    assert not thread.is_alive(), "discover() opened a FIFO to see whether kg wrote it"
    assert result[0].names == ["news/a.txt"]
