"""Templated news pages written for these tests: plausible articles wrapped in the furniture real
sites put around them (navigation, share bars, captions and credits, "Related" lists, newsletter
boxes, donation appeals, footers). `news_page(i)` is deterministic; `ARTICLE` paragraphs are what the
reader must keep, `FURNITURE_MARKERS` what must never reach the text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

SUPPLIERS = ["Germany", "France", "Poland", "Norway", "Canada", "Spain", "Italy", "Sweden", "Japan", "Turkey"]
RECIPIENTS = ["Ukraine", "Moldova", "Latvia", "Finland", "Estonia", "Lithuania", "Georgia", "Armenia"]
ITEMS = [
    "howitzers",
    "armoured personnel carriers",
    "air defence systems",
    "artillery shells",
    "reconnaissance drones",
    "anti-tank missiles",
    "patrol boats",
    "night-vision goggles",
]
OUTLETS = ["Harbour Times", "Northern Ledger", "Capital Courier", "Steppe Dispatch"]
AUTHORS = ["Mara Lindqvist", "Tomas Okafor", "Irene Vasquez", "Piotr Hale", "Yuna Park"]

# Words that only the furniture uses: none may appear in an extracted text.
FURNITURE_MARKERS = [
    "Sign up",
    "newsletter",
    "Related",
    "Photo:",
    "Getty",
    "Donate now",
    "donation today",
    "readers like you",
    "Home",
    "Share on",
    "Cookie",
    "All rights reserved",
    "Most read",
    "patron",
    "Advertisement",
    "Subscribe",
]


@dataclass(frozen=True)
class Page:
    html: str
    title: str
    published: date
    author: str
    outlet: str
    paragraphs: list[str]


def _paragraphs(i: int) -> list[str]:
    s, r = SUPPLIERS[i % len(SUPPLIERS)], RECIPIENTS[(i // 3) % len(RECIPIENTS)]
    item, other = ITEMS[i % len(ITEMS)], ITEMS[(i + 3) % len(ITEMS)]
    n = 10 + (i * 7) % 90
    return [
        f"{s} has agreed to send {n} {item} to {r}, the defence ministry in the capital said on "
        f"Tuesday, in a package officials described as the largest this year (story {i}).",
        "The first deliveries are expected within weeks, according to two people familiar with the "
        "plans, who spoke on condition of anonymity because the schedule has not been made public.",
        f"\u201cThese systems will make a real difference on the ground,\u201d said a senior official in "
        f"{r}, adding that crews had already begun training abroad on the {item}.",
        f"{s} will also donate spare parts and {other} over the coming months, the ministry said, and "
        f"may support further contributions through a joint fund set up with its allies.",
        "Analysts said the decision followed weeks of talks between the two governments and reflected "
        "growing concern about shortages of ammunition and equipment along the front.",
    ]


def news_page(i: int) -> Page:
    """A news page; `i` varies the story and which furniture appears, and where."""
    paras = _paragraphs(i)
    outlet = OUTLETS[i % len(OUTLETS)]
    author = AUTHORS[i % len(AUTHORS)]
    published = date(2024, 1, 1) + timedelta(days=i % 300)
    title = (
        f"{SUPPLIERS[i % len(SUPPLIERS)]} to send {ITEMS[i % len(ITEMS)]} to {RECIPIENTS[(i // 3) % 8]} ({i})"
    )
    related_inline = (
        '<p><strong>Related:</strong> <a href="/world/other-story">Talks on a new aid package stall</a></p>'
        if i % 2 == 0
        else '<p>Read more: <a href="/world/earlier">How the last package was delivered</a></p>'
    )
    caption = (
        '<figure class="lead-image"><img src="/img/lead.jpg" alt="">'
        "<figcaption>Soldiers unload equipment at a depot. Photo: Jan Novak / Getty Images"
        "</figcaption></figure>"
        if i % 3
        else '<div class="image"><img src="/img/lead.jpg" alt="">'
        '<p class="credit">Photo: Staff photographer</p></div>'
    )
    newsletter = (
        '<div class="newsletter-signup"><h3>Morning Briefing</h3><p>Sign up for our newsletter and get '
        "the day's top stories in your inbox.</p>"
        "<form><input type=email><button>Subscribe</button></form></div>"
        if i % 4 != 1
        else "<p>Sign up to our free daily newsletter to receive the briefing in your inbox "
        "every morning.</p>"
    )
    appeal = (
        '<div class="support-box"><p>Nothing here sits behind a paywall, as we hold to the '
        "power of free information.</p><p>A handful of us keep going thanks to readers like you. "
        'A few euros a month keeps the lights on.</p><p><a href="/donate">Donate now</a> '
        "or become a patron.</p></div>"
        if i % 5 != 2
        else "<p>Independent journalism relies on you. Please consider supporting our newsroom with a "
        'donation today. <a href="/donate">Donate</a></p>'
    )
    related_block = (
        '<section class="related-articles"><h2>Most read</h2><ul>'
        '<li><a href="/a">Border crossings reopen after storm</a></li>'
        '<li><a href="/b">Parliament debates new budget</a></li>'
        '<li><a href="/c">Port traffic recovers in spring</a></li></ul></section>'
        if i % 2
        else '<div><h3>Related stories</h3><ul><li><a href="/d">Ministers meet in Brussels</a></li>'
        '<li><a href="/e">New factory opens in the north</a></li></ul></div>'
    )
    html = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} | {outlet}</title>
<meta property="og:site_name" content="{outlet}">
<meta property="og:title" content="{title}">
<meta name="author" content="{author}">
<meta property="article:published_time" content="{published.isoformat()}T08:30:00Z">
<link rel="stylesheet" href="/static/site.css">
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
</head>
<body>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>
<header class="site-header">
  <a class="logo" href="/">{outlet}</a>
  <nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
  <li><a href="/politics">Politics</a></li><li><a href="/defence">Defence</a></li>
  <li><a href="/opinion">Opinion</a></li></ul></nav>
</header>
<div class="ad-slot">Advertisement</div>
<main>
<article class="story">
  <h1>{title}</h1>
  <div class="byline">By <span class="author">{author}</span> ·
  <time datetime="{published.isoformat()}">{published:%d %B %Y}</time></div>
  <div class="share-bar"><a href="#">Share on X</a> <a href="#">Share on Facebook</a></div>
  {caption}
  <div class="story-body">
    <p>{paras[0]}</p>
    <p>{paras[1]}</p>
    {related_inline}
    <p>{paras[2]}</p>
    {newsletter}
    <p>{paras[3]}</p>
    <p>{paras[4]}</p>
    {appeal}
  </div>
</article>
{related_block}
</main>
<aside class="sidebar"><h2>Trending</h2>
<ol><li><a href="/t1">Weather warning for the coast</a></li></ol></aside>
<footer><p>&copy; 2024 {outlet}. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body>
</html>
"""
    return Page(html=html, title=title, published=published, author=author, outlet=outlet, paragraphs=paras)
