#!/usr/bin/env python3
"""Deterministic benchmark corpus for citelint: news articles that do or do not cite Ukrinform.

    gen_corpus.py OUTDIR [--md N] [--html N] [--seed S] [--cite-share F] [--jobs J]

What it writes (defaults in brackets):

    OUTDIR/md/YYYY/MM/NNNNN-slug.md      [20,000] Markdown articles, 1-6 KB each, YAML front
                                         matter; about 78 MB in all
    OUTDIR/html/SECTION/NNNNN-slug.html  [5,000] article pages, 5-60 KB each: site header, menu,
                                         sidebar, footer, scripts and styles around an
                                         <article>; about 170 MB in all
    OUTDIR/single/one.md                 one ~3 KB Markdown article (start-up timing)
    OUTDIR/single/one.html               one ~6 KB article page
    OUTDIR/MANIFEST.txt                  parameters, counts, bytes, the cases of each kind and
                                         a SHA-256 over every document in path order
    OUTDIR/CASES.tsv                     the case of every document, by path

Every document falls in one attribution case, in these shares of each kind:

    case          share  what the article does
    lead-link      40%   cites Ukrinform with a link to it in the first paragraph
    above-link      5%   the link stands above the first paragraph (heading, key points, byline)
    bare-mention   15%   cites Ukrinform in the first paragraph, links to it nowhere (violation)
    late-link      10%   the only Ukrinform link is in a later paragraph (violation)
    ref-link        5%   the first paragraph links to Ukrinform by a reference-style link (HTML:
                         a protocol-relative link with markup inside it)
    no-citation    25%   never names Ukrinform

`--cite-share F` sets the share of documents that cite Ukrinform at all (the first five
cases together, 75% by default) and scales those five cases in proportion; the rest are
`no-citation`. Counts per case are exact (largest remainder), and which document gets which
case is a shuffle.

Reproducibility: every document is drawn from its own random.Random seeded with a string
made of the seed, its kind and its index, and nothing else (no clock, no hash ordering), so
the same arguments give the same bytes whatever --jobs is, and document i is the same
whatever --md/--html are. About a fifth of the articles are in Ukrainian (Cyrillic text,
links to ukrinform.ua), the rest in English.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import multiprocessing
import os
import random
import sys

# ----------------------------------------------------------------------------------------
# Material

CASES = ("lead-link", "above-link", "bare-mention", "late-link", "ref-link", "no-citation")
CITING_SHARES = {
    "lead-link": 0.40,
    "above-link": 0.05,
    "bare-mention": 0.15,
    "late-link": 0.10,
    "ref-link": 0.05,
}
DEFAULT_CITE_SHARE = sum(CITING_SHARES.values())  # 0.75

EN_VOCAB = """
ministry cabinet lawmakers regional council deputy envoy delegation talks negotiations
ceasefire frontline shelling drones interceptors battalion brigade logistics convoy supplies
ammunition howitzers radar shelter evacuation volunteers displaced families children
teachers doctors clinics ambulance substation blackout generators turbines pipeline gas
storage tariffs exporters importers grain barley maize sunflower terminals freight wagons
locomotive highway overpass repairs contractors tender procurement auditors transparency
watchdog prosecutors verdict appeal detention suspects fraud embezzlement bribery customs
checkpoint border queue refugees consulate visas passports residents neighbourhood apartment
heating boilers insulation reservoir irrigation harvest farmers cooperative subsidies loans
lenders bonds treasury deficit revenue pensions salaries unemployment vacancies employers
startups engineers software satellites broadband operators roaming spectrum encryption
hackers outage servers museum curators exhibition manuscripts orchestra premiere theatre
festival laureates athletes qualifiers tournament coaches stadium medals swimmers fencing
wrestlers universities graduates scholarship laboratory vaccine epidemiologists hospitals
surgeons rehabilitation prosthetics veterans memorial ceremony anniversary parliament
committee amendment hearing resolution partners allies summit communique memorandum
investment reconstruction housing schools bridges railway airport port shipping corridor
insurers underwriters sanctions tankers assets confiscation tribunal compensation register
according officials stated expected planned confirmed announced approved signed delivered
received allocated estimated reported increased decreased resumed suspended launched opened
completed continued several dozens hundreds thousands millions billions percent compared
previous current following during despite within across toward under after before since
""".split()

UK_VOCAB = """
міністерство уряд депутати обласна рада делегація переговори перемир'я фронт обстріли
дрони бригада логістика постачання боєприпаси укриття евакуація волонтери переселенці
родини діти вчителі лікарі лікарні підстанція знеструмлення генератори газ сховища
тарифи експортери зерно ячмінь кукурудза соняшник термінали вагони локомотив траса
ремонт підрядники тендер закупівлі аудитори прозорість прокурори вирок апеляція
підозрювані шахрайство хабар митниця кордон черга біженці консульство паспорти мешканці
квартира опалення котельні утеплення водосховище врожай фермери кооператив субсидії
кредити облігації казначейство дефіцит доходи пенсії зарплати безробіття вакансії
роботодавці стартапи інженери супутники оператори хакери сервери музей виставка рукописи
оркестр прем'єра театр фестиваль спортсмени турнір тренери стадіон медалі університети
випускники стипендія лабораторія вакцина хірурги реабілітація ветерани меморіал
церемонія річниця парламент комітет поправка резолюція партнери саміт меморандум
інвестиції відбудова житло школи мости залізниця аеропорт порт коридор санкції активи
реєстр компенсація заявили повідомили очікують планують підтвердили оголосили схвалили
підписали доставили отримали виділили оцінили зросли зменшилися відновили запустили
відкрили завершили продовжили кілька десятки сотні тисячі мільйони мільярди відсотків
порівняно попередній поточний протягом попри впродовж після перед відтоді також
""".split()

EN_PLACES = ["Kyiv", "Lviv", "Odesa", "Kharkiv", "Dnipro", "Poltava", "Uzhhorod", "Rivne",
             "Chernivtsi", "Ternopil", "Zhytomyr", "Cherkasy", "Geneva", "Vienna", "Prague",
             "Riga", "Tallinn", "Madrid", "Rome", "Seoul", "Canberra", "Helsinki"]
UK_PLACES = ["Київ", "Львів", "Одеса", "Харків", "Дніпро", "Полтава", "Ужгород", "Рівне",
             "Чернівці", "Тернопіль", "Житомир", "Черкаси", "Женева", "Відень", "Прага"]
EN_PEOPLE = ["Halyna Petrenko", "Roman Hnatiuk", "Oksana Levchenko", "Bohdan Zaiets",
             "Svitlana Marchuk", "Yurii Danyliuk", "Larysa Fedorenko", "Mykhailo Rudenko",
             "Anastasiia Horbenko", "Volodymyr Ilchenko", "Tetiana Vovk", "Ihor Sydorenko"]
UK_PEOPLE = ["Галина Петренко", "Роман Гнатюк", "Оксана Левченко", "Богдан Заєць",
             "Світлана Марчук", "Юрій Данилюк", "Лариса Федоренко", "Михайло Руденко"]
SECTIONS = ["news", "economics", "society", "world", "culture", "sport", "tech", "war", "regions"]
# Ukrinform's rubrics, for plausible link paths.
RUBRICS = ["rubric-polytics", "rubric-economy", "rubric-society", "rubric-world",
           "rubric-ato", "rubric-culture", "rubric-sports", "rubric-regions", "rubric-technology"]
# Links that are not Ukrinform's: other outlets, institutions, social media.
OTHER_SITES = ["https://www.kmu.example.gov.ua", "https://mfa.example.gov.ua",
               "https://www.president.example.gov.ua", "https://rada.example.gov.ua",
               "https://www.bbc.example.com/news", "https://www.dw.example.com/en",
               "https://www.reuters.example.com/world", "https://www.nytimes.example.com",
               "https://x.example.com/officialaccount", "https://t.me/example_channel",
               "https://www.facebook.example.com/ministry", "https://data.example.org/stats",
               "https://www.un.example.org/en/press", "https://www.nato.example.int/news"]
SITE_NAMES = ["The Kyiv Ledger", "Dnipro Daily", "Carpathian Courier", "Black Sea Post",
              "Steppe Observer", "The Podil Herald"]

EN_CUES = [  # {L} is the name, linked or not
    "{L} reports", "according to {L}", "{L} reported", "as {L} learned",
    "a correspondent told {L}", "the ministry told {L}", "({L})",
]
UK_CUES = [
    "повідомляє {L}", "за даними {L2}", "передає кореспондент {L2}",
    "як з'ясував {L}", "пише {L}", "(джерело: {L})",
]

# ----------------------------------------------------------------------------------------
# Text


class Writer:
    """Text in one language, drawn from one document's random generator."""

    def __init__(self, rng: random.Random, lang: str):
        self.r = rng
        self.lang = lang
        self.vocab = UK_VOCAB if lang == "uk" else EN_VOCAB
        self.places = UK_PLACES if lang == "uk" else EN_PLACES
        self.people = UK_PEOPLE if lang == "uk" else EN_PEOPLE

    def words(self, n: int) -> list[str]:
        return self.r.choices(self.vocab, k=n)

    def sentence(self, lo: int = 9, hi: int = 24) -> str:
        r = self.r
        ws = self.words(r.randint(lo, hi))
        roll = r.random()
        if roll < 0.25:
            ws.insert(r.randrange(len(ws)), r.choice(self.places))
        elif roll < 0.40:
            ws.insert(r.randrange(len(ws)), r.choice(self.people))
        elif roll < 0.55:
            ws.insert(r.randrange(len(ws)), f"{r.randint(2, 980)}")
        if len(ws) > 10 and r.random() < 0.5:
            ws[r.randrange(3, len(ws) - 2)] += ","
        ws[0] = ws[0][:1].upper() + ws[0][1:]
        return " ".join(ws) + r.choice((".", ".", ".", ".", "!", "?") if roll > 0.97 else ".")

    def title(self) -> str:
        ws = self.words(self.r.randint(5, 11))
        ws.insert(self.r.randrange(len(ws)), self.r.choice(self.places))
        return ws[0][:1].upper() + " ".join(ws)[1:]

    def slug(self, text: str) -> str:
        kept = [w for w in text.lower().replace(",", "").split() if w.isascii() and w.isalnum()]
        return "-".join(kept[:6]) or "article"

    def cue(self, link: str | None) -> str:
        """A citation cue naming Ukrinform, the name linked to `link` when one is given."""
        r = self.r
        if self.lang == "uk":
            pattern = r.choice(UK_CUES)
            name, name2 = "Укрінформ", "Укрінформу"
        else:
            pattern = r.choice(EN_CUES)
            name = name2 = "Ukrinform"
        if link is not None:
            name, name2 = link.format(name=name), link.format(name=name2)
        return pattern.format(L=name, L2=name2)

    def sentence_with(self, phrase: str) -> str:
        """A sentence carrying `phrase` at its end, before the full stop."""
        s = self.sentence(8, 18)[:-1]
        return f"{s}, {phrase}."


def ukrinform_url(rng: random.Random, lang: str) -> str:
    host = "www.ukrinform.ua" if lang == "uk" else rng.choice(
        ("www.ukrinform.net", "www.ukrinform.net", "www.ukrinform.net", "m.ukrinform.net"))
    tail = rng.choice(("", "", "", "?utm_source=partner", "#top"))
    return f"https://{host}/{rng.choice(RUBRICS)}/{rng.randint(3_600_000, 4_100_000)}-" \
           f"{'-'.join(rng.choices(EN_VOCAB, k=4))}.html{tail}"


def other_url(rng: random.Random) -> str:
    return f"{rng.choice(OTHER_SITES)}/{rng.randint(1000, 99999)}"


def fill_shares(n: int, shares: dict[str, float]) -> dict[str, int]:
    """Exact counts for `n` documents: floors, then the largest remainders."""
    raw = {k: n * v for k, v in shares.items()}
    counts = {k: int(x) for k, x in raw.items()}
    rest = n - sum(counts.values())
    for k in sorted(raw, key=lambda k: (-(raw[k] - counts[k]), CASES.index(k)))[:rest]:
        counts[k] += 1
    return counts


def case_plan(n: int, seed: int, kind: str, cite_share: float) -> list[str]:
    scale = cite_share / DEFAULT_CITE_SHARE
    shares = {k: v * scale for k, v in CITING_SHARES.items()}
    shares["no-citation"] = 1.0 - cite_share
    plan = []
    for case, count in fill_shares(n, shares).items():
        plan.extend([case] * count)
    random.Random(f"citelint-corpus/{seed}/{kind}/cases").shuffle(plan)
    return plan


# ----------------------------------------------------------------------------------------
# Markdown


def md_link(text: str, url: str) -> str:
    return f"[{text}]({url})"


def md_sentence_with_link(w: Writer) -> str:
    """A sentence with a link to some other site in it."""
    s = w.sentence(8, 18).split(" ")
    at = w.r.randrange(1, len(s) - 1)
    end = min(len(s) - 1, at + w.r.randint(1, 3))
    s[at] = "[" + s[at]
    s[end] = s[end].rstrip(",.") + "](" + other_url(w.r) + ")"
    return " ".join(s) + ("" if s[-1].endswith(".") else ".")


def md_paragraph(w: Writer, lo: int = 2, hi: int = 5) -> str:
    r = w.r
    sents = [w.sentence() for _ in range(r.randint(lo, hi))]
    if r.random() < 0.3:
        sents[r.randrange(len(sents))] = md_sentence_with_link(w)
    if r.random() < 0.2:
        i = r.randrange(len(sents))
        parts = sents[i].split(" ")
        j = r.randrange(len(parts))
        parts[j] = f"**{parts[j].rstrip(',.')}**" + ("." if parts[j].endswith(".") else "")
        sents[i] = " ".join(parts)
    text = " ".join(sents)
    if r.random() < 0.35:  # hard-wrapped source, as editors often leave it
        out, line = [], []
        width = 0
        for word in text.split(" "):
            if width + len(word) > 88 and line:
                out.append(" ".join(line))
                line, width = [], 0
            line.append(word)
            width += len(word) + 1
        out.append(" ".join(line))
        text = "\n".join(out)
    return text


def md_document(seed: int, index: int, case: str, target: int | None = None) -> tuple[str, str]:
    """Returns (relative path, text) of Markdown article `index`."""
    r = random.Random(f"citelint-corpus/{seed}/md/{index}")
    lang = "uk" if r.random() < 0.2 else "en"
    w = Writer(r, lang)
    if target is None:
        target = int(r.triangular(1024, 6144, 4300))
    date = dt.date(2022, 1, 1) + dt.timedelta(days=r.randrange(4 * 365))
    title = w.title()
    url = ukrinform_url(r, lang)
    link = "[{name}](" + url + ")"

    head = [
        "---",
        f'title: "{title}"',
        f"date: {date.isoformat()}T{r.randint(6, 22):02d}:{r.randint(0, 59):02d}:00+02:00",
        f'author: "{r.choice(w.people)}"',
        f"section: {r.choice(SECTIONS)}",
        f"tags: [{', '.join(r.sample(w.vocab, 3))}]",
        f"lang: {lang}",
        f"draft: {'true' if r.random() < 0.05 else 'false'}",
        "---",
        "",
        f"# {title}",
        "",
    ]
    blocks: list[str] = []
    above = r.random()
    if case == "above-link":
        where = r.choice(("heading", "points"))
        if where == "heading":
            label = "Джерело" if lang == "uk" else "Source"
            blocks.append(f"### {label}: {link.format(name='Укрінформ' if lang == 'uk' else 'Ukrinform')}")
        else:
            points = [w.sentence(5, 10) for _ in range(r.randint(2, 3))]
            points.append(w.sentence_with(w.cue(link)))
            blocks.append("\n".join(f"- {p}" for p in points))
    elif above < 0.2:  # key points: a tight list, which is not a paragraph
        blocks.append("\n".join(f"- {w.sentence(5, 10)}" for _ in range(r.randint(2, 4))))
    if r.random() < 0.15:  # a picture alone above the lead: an image-only paragraph
        blocks.append(f"![{' '.join(w.words(4))}](https://static.example.org/img/{r.randint(1, 10**6)}.jpg)")

    lead = [w.sentence() for _ in range(r.randint(1, 3))]
    if case == "lead-link":
        lead.insert(r.randrange(len(lead) + 1), w.sentence_with(w.cue(link)))
    elif case == "above-link":
        if r.random() < 0.5:
            lead.append(w.sentence_with(w.cue(None)))
    elif case == "bare-mention":
        lead.insert(r.randrange(len(lead) + 1), w.sentence_with(w.cue(None)))
    elif case == "late-link":
        if r.random() < 0.5:
            lead.append(w.sentence_with(w.cue(None)))
    elif case == "ref-link":
        if r.random() < 0.5:
            ref = "[{name}][ukr]"
        else:
            ref = "[{name}][]"
        lead.insert(r.randrange(len(lead) + 1), w.sentence_with(w.cue(ref)))
    elif r.random() < 0.15:
        lead.append(md_sentence_with_link(w))
    blocks.append(" ".join(lead))

    body_bytes = sum(len(x.encode()) for x in head) + sum(len(b.encode()) for b in blocks)
    late_at = r.randint(1, 3) if case == "late-link" else -1
    tail: list[str] = []
    n = 0
    while body_bytes < target:
        n += 1
        if n > 2 and n != late_at and body_bytes > target - 300:
            break
        roll = r.random()
        if n == late_at:
            phrase = w.cue(link) if r.random() < 0.5 else (
                f"читайте на {link.format(name='Укрінформі')}" if lang == "uk"
                else f"read the full story on {link.format(name='Ukrinform')}")
            block = " ".join([w.sentence(), w.sentence_with(phrase)])
        elif roll < 0.10:
            block = f"## {w.title()}"
        elif roll < 0.16:
            block = "\n".join(f"> {line}" for line in md_paragraph(w, 1, 2).split("\n"))
        elif roll < 0.22:
            block = "\n".join(f"{i + 1}. {w.sentence(4, 9)}" for i in range(r.randint(2, 5)))
        elif roll < 0.25:
            cols = r.randint(2, 4)
            rows = ["| " + " | ".join(w.words(cols)) + " |", "|" + "---|" * cols]
            rows += ["| " + " | ".join(str(r.randint(1, 9999)) for _ in range(cols)) + " |"
                     for _ in range(r.randint(2, 6))]
            block = "\n".join(rows)
        else:
            block = md_paragraph(w)
        tail.append(block)
        body_bytes += len(block.encode()) + 2
    if case == "late-link" and late_at > n:  # too short to have reached it: add it now
        tail.append(w.sentence_with(w.cue(link)))
    if case == "ref-link":
        labels = ("укрінформ", "укрінформу") if lang == "uk" else ("ukrinform",)
        tail.append("\n".join(f"[{label}]: {url}" for label in ("ukr", *labels)))
    text = "\n".join(head) + "\n" + "\n\n".join(blocks + tail) + "\n"
    slug = w.slug(title) if lang == "en" else f"uk-{index}"
    rel = f"md/{date.year:04d}/{date.month:02d}/{index:05d}-{slug}.md"
    return rel, text


# ----------------------------------------------------------------------------------------
# HTML


def esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def html_paragraph(w: Writer, lo: int = 2, hi: int = 5, extra: str | None = None) -> str:
    r = w.r
    sents = [esc(w.sentence()) for _ in range(r.randint(lo, hi))]
    if r.random() < 0.3:
        s = esc(w.sentence(6, 14))[:-1]
        sents.insert(r.randrange(len(sents) + 1),
                     f'{s} <a href="{other_url(r)}" target="_blank" rel="noopener">'
                     f"{esc(' '.join(w.words(r.randint(1, 3))))}</a>.")
    if r.random() < 0.2:
        i = r.randrange(len(sents))
        sents[i] = f"<strong>{sents[i]}</strong>"
    if extra is not None:
        sents.insert(r.randrange(len(sents) + 1), extra)
    return "<p>" + " ".join(sents) + "</p>"


def html_menu(w: Writer, n: int, cls: str) -> str:
    r = w.r
    items = []
    for i in range(n):
        label = esc(" ".join(w.words(r.randint(1, 2))).capitalize())
        sub = ""
        if r.random() < 0.3:
            sub = '<ul class="sub-menu">' + "".join(
                f'<li class="menu-item"><a href="/{r.choice(SECTIONS)}/{r.randint(1, 500)}/">'
                f"{esc(' '.join(w.words(2)))}</a></li>" for _ in range(r.randint(2, 6))) + "</ul>"
        items.append(f'<li class="menu-item menu-item-{i}"><a class="menu-link" '
                     f'href="/{r.choice(SECTIONS)}/">{label}</a>{sub}</li>')
    return f'<ul class="{cls}">' + "".join(items) + "</ul>"


def html_teaser(w: Writer, section: str) -> str:
    r = w.r
    t = esc(w.title())
    return (f'<li class="teaser"><a class="teaser-link" href="/{section}/{r.randint(10000, 99999)}-'
            f'{w.slug(t)}.html"><img class="teaser-img" src="https://static.example.org/thumbs/'
            f'{r.randint(1, 10**6)}.webp" alt="" loading="lazy" width="120" height="80">'
            f'<span class="teaser-title">{t}</span></a><time class="teaser-time">'
            f'{r.randint(0, 23):02d}:{r.randint(0, 59):02d}</time></li>')


def html_document(seed: int, index: int, case: str, target: int | None = None) -> tuple[str, str]:
    """Returns (relative path, text) of article page `index`."""
    r = random.Random(f"citelint-corpus/{seed}/html/{index}")
    lang = "uk" if r.random() < 0.2 else "en"
    w = Writer(r, lang)
    if target is None:
        target = int(r.triangular(5 * 1024, 60 * 1024, 34500))
    site = r.choice(SITE_NAMES)
    section = SECTIONS[index % len(SECTIONS)]
    date = dt.date(2022, 1, 1) + dt.timedelta(days=r.randrange(4 * 365))
    title = esc(w.title())
    slug = w.slug(title) if lang == "en" else f"uk-{index}"
    author = esc(r.choice(w.people))
    url = ukrinform_url(r, lang).replace("&", "&amp;")
    name = "Укрінформ" if lang == "uk" else "Ukrinform"
    link = '<a href="' + url + '">{name}</a>'

    head = (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title} | {site}</title>\n"
        f'<meta name="description" content="{esc(w.sentence())}">\n'
        f'<meta property="og:title" content="{title}">\n'
        f'<meta property="og:type" content="article">\n'
        f'<link rel="canonical" href="https://news.example.com/{section}/{index}-{slug}.html">\n'
        f'<link rel="stylesheet" href="/static/css/site.{r.randint(10**5, 10**6)}.css">\n'
        f'<script type="application/ld+json">{{"@context":"https://schema.org","@type":'
        f'"NewsArticle","headline":"{title}","datePublished":"{date.isoformat()}",'
        f'"author":{{"@type":"Person","name":"{author}"}},"publisher":{{"@type":'
        f'"Organization","name":"{site}"}}}}</script>\n'
    )
    css = "".join(f".c{r.randint(1, 999)}{{margin:{r.randint(0, 24)}px;color:#{r.randint(0, 0xFFFFFF):06x}}}"
                  for _ in range(r.randint(5, 5 + target // 1500)))
    head += f"<style>{css}</style>\n</head>\n"

    menu = r.randint(3, 6 + target // 4000)
    top = (
        f'<body class="single section-{section}">\n<a class="skip" href="#content">Skip</a>\n'
        f'<header class="site-header"><div class="logo"><a href="/">{esc(site)}</a></div>'
        f'<nav class="main-nav" aria-label="Main">{html_menu(w, menu, "menu")}</nav>'
        f'<form class="search" action="/search"><input name="q" type="search"></form></header>\n'
        f'<div class="breadcrumbs"><a href="/">Home</a> › <a href="/{section}/">{section}</a></div>\n'
    )
    use_main = r.random() < 0.7
    with_body_prop = r.random() < 0.5

    header = [f'<header class="entry-header"><h1 class="entry-title" itemprop="headline">{title}</h1>',
              f'<div class="byline">By <span itemprop="author">{author}</span> · '
              f'<time datetime="{date.isoformat()}">{date.isoformat()}</time></div>']
    header.append("</header>")
    pre = []
    if case == "above-link":  # inside the article body, above the lead
        label = "Джерело" if lang == "uk" else "Source"
        pre.append(f'<div class="source">{label}: {link.format(name=name)}</div>')
    if r.random() < 0.6:
        pre.append(f'<figure class="wp-block-image"><img src="https://static.example.org/img/'
                   f'{r.randint(1, 10**6)}.jpg" alt="{esc(" ".join(w.words(4)))}" width="1200" '
                   f'height="675"><figcaption>{esc(w.sentence(5, 10))}</figcaption></figure>')
    if r.random() < 0.1:
        pre.append("<p>&nbsp;</p>")
    if r.random() < 0.1:
        pre.append(f'<p><img src="https://static.example.org/img/{r.randint(1, 10**6)}.jpg" alt=""></p>')

    if case in ("lead-link", "bare-mention", "ref-link") or (
            case in ("above-link", "late-link") and r.random() < 0.5):
        if case == "lead-link":
            cue = w.cue(link)
        elif case == "ref-link":
            cue = w.cue('<a href="' + url.split(":", 1)[1] + '" class="src"><em>{name}</em></a>')
        else:
            cue = w.cue(None)
        lead = html_paragraph(w, 1, 3, extra=esc(w.sentence(8, 16))[:-1] + ", " +
                              cue.replace("'", "&#39;") + ".")
    else:
        lead = html_paragraph(w, 1, 3)
    paras = [lead]

    # The rest: article text and sidebar, grown to the target size.
    article_share = r.uniform(0.25, 0.45)
    late_at = r.randint(1, 3) if case == "late-link" else -1
    size = len(head) + len(top) + 2600 + len(lead) * 2
    n = 0
    while size < target * article_share or n < 1 or (late_at > n):
        n += 1
        roll = r.random()
        if n == late_at:
            block = html_paragraph(w, 1, 3, extra=esc(w.sentence(6, 12))[:-1] + ", " +
                                   w.cue(link).replace("'", "&#39;") + ".")
        elif roll < 0.1:
            block = f"<h2>{esc(w.title())}</h2>"
        elif roll < 0.16:
            block = f"<blockquote>{html_paragraph(w, 1, 2)}</blockquote>"
        elif roll < 0.22:
            block = "<ul>" + "".join(f"<li>{esc(w.sentence(4, 9))}</li>" for _ in range(r.randint(2, 5))) + "</ul>"
        else:
            block = html_paragraph(w)
        paras.append(block)
        size += len(block.encode())

    body_open = '<div class="entry-content" itemprop="articleBody">' if with_body_prop \
        else '<div class="entry-content">'
    article = (
        '<article class="post" itemscope itemtype="https://schema.org/NewsArticle">'
        + "".join(header) + "\n" + body_open + "\n" + "".join(pre) + "\n"
        + "\n".join(paras) + "\n</div>\n"
        + '<div class="tags">' + "".join(
            f'<a rel="tag" href="/tag/{t}/">{esc(t)}</a>' for t in r.sample(w.vocab, 4)) + "</div>"
        + '<div class="share"><a href="https://www.facebook.example.com/sharer">Share</a>'
        '<a href="https://x.example.com/intent">Post</a><a href="https://t.me/share">Telegram</a></div>'
        + "</article>\n"
    )
    parts = [head, top, '<main id="content" class="site-main">\n' if use_main else
             '<div id="content" class="container">\n', article]
    so_far = sum(len(p.encode()) for p in parts)

    aside = ['<aside class="sidebar" role="complementary">']
    budget = target - so_far - 3000
    while budget > 0:
        widget = ([f'<section class="widget"><h3 class="widget-title">{esc(w.title())}</h3><ul>']
                  + [html_teaser(w, r.choice(SECTIONS)) for _ in range(r.randint(4, 10))]
                  + ["</ul></section>"])
        chunk = "".join(widget)
        aside.append(chunk)
        budget -= len(chunk.encode())
        if budget > 0 and r.random() < 0.25:  # an inline data blob, as modern sites carry
            blob = ",".join(f'{{"id":{r.randint(1, 10**7)},"t":"{" ".join(w.words(5))}"}}'
                            for _ in range(r.randint(10, 40)))
            chunk = f'<script>window.__STATE__=window.__STATE__||[];__STATE__.push([{blob}]);</script>'
            aside.append(chunk)
            budget -= len(chunk.encode())
    aside.append("</aside>\n")
    parts.append("".join(aside))
    parts.append("</main>\n" if use_main else "</div>\n")
    parts.append(
        f'<footer class="site-footer" role="contentinfo"><nav class="footer-nav">'
        f'{html_menu(w, menu, "footer-menu")}</nav>'
        f'<p class="copyright">© {date.year} {esc(site)}. All rights reserved.</p>'
        f'<p class="partners">Partners: <a href="https://www.dw.example.com/">DW</a>, '
        f'<a href="https://www.bbc.example.com/">BBC</a></p></footer>\n'
        f'<script src="/static/js/app.{r.randint(10**5, 10**6)}.js" defer></script>\n'
        "</body>\n</html>\n")
    rel = f"html/{section}/{index:05d}-{slug}.html"
    return rel, "".join(parts)


# ----------------------------------------------------------------------------------------
# Writing

_OUT = ""
_SEED = 0
_PLANS: dict[str, list[str]] = {}


def _init(out: str, seed: int, plans: dict[str, list[str]]) -> None:
    global _OUT, _SEED, _PLANS
    _OUT, _SEED, _PLANS = out, seed, plans


def _write(rel: str, text: str) -> tuple[str, int, bytes]:
    data = text.encode("utf-8")
    path = os.path.join(_OUT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    return rel, len(data), hashlib.sha256(data).digest()


def _make(job: tuple[str, int]) -> tuple[str, int, bytes]:
    kind, index = job
    build = md_document if kind == "md" else html_document
    rel, text = build(_SEED, index, _PLANS[kind][index])
    return _write(rel, text)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--md", type=int, default=20_000, help="Markdown articles (20,000)")
    ap.add_argument("--html", type=int, default=5_000, help="HTML pages (5,000)")
    ap.add_argument("--seed", type=int, default=2026, help="seed (2026)")
    ap.add_argument("--cite-share", type=float, default=DEFAULT_CITE_SHARE,
                    help="share of documents that cite Ukrinform at all (0.75)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                    help="worker processes (output does not depend on it)")
    args = ap.parse_args(argv)
    if not 0.0 <= args.cite_share <= 1.0:
        ap.error("--cite-share must be between 0 and 1")
    if args.md < 0 or args.html < 0:
        ap.error("counts must not be negative")
    if os.path.exists(args.outdir) and os.listdir(args.outdir):
        ap.error(f"{args.outdir} exists and is not empty; give a new directory")

    plans = {"md": case_plan(args.md, args.seed, "md", args.cite_share),
             "html": case_plan(args.html, args.seed, "html", args.cite_share)}
    jobs = [("md", i) for i in range(args.md)] + [("html", i) for i in range(args.html)]
    _init(args.outdir, args.seed, plans)
    if args.jobs > 1 and len(jobs) > 200:
        with multiprocessing.get_context("fork").Pool(
                args.jobs, initializer=_init, initargs=(args.outdir, args.seed, plans)) as pool:
            results = list(pool.imap(_make, jobs, chunksize=64))
    else:
        results = [_make(job) for job in jobs]

    # The start-up files: a ~3 KB article that links in its lead, and a small page.
    singles = [_write("single/one.md", md_document(args.seed, 10**6, "lead-link", 3000)[1]),
               _write("single/one.html", html_document(args.seed, 10**6, "lead-link", 6000)[1])]

    digest = hashlib.sha256()
    for rel, _, file_digest in sorted(results + singles):
        digest.update(rel.encode() + b"\0" + file_digest)
    lines = [
        "citelint benchmark corpus (scripts/gen_corpus.py)",
        f"seed: {args.seed}",
        f"cite-share: {args.cite_share:g}",
    ]
    for kind in ("md", "html"):
        sizes = [n for rel, n, _ in results if rel.startswith(kind + "/")]
        total = sum(sizes)
        lines.append(f"{kind}: {len(sizes)} files, {total} bytes ({total / 1e6:.1f} MB), "
                     f"min {min(sizes, default=0)}, max {max(sizes, default=0)}")
        for case in CASES:
            lines.append(f"  {case}: {plans[kind].count(case)}")
    for rel, n, _ in singles:
        lines.append(f"{rel}: {n} bytes")
    lines.append(f"sha256: {digest.hexdigest()}")
    with open(os.path.join(args.outdir, "CASES.tsv"), "w", encoding="utf-8") as f:
        f.write("path\tcase\n")
        for (kind, index), (rel, _, _) in zip(jobs, results):
            f.write(f"{rel}\t{plans[kind][index]}\n")
    with open(os.path.join(args.outdir, "MANIFEST.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
