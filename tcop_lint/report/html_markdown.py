"""Rule remediation text (Markdown) as HTML for the HTML report.

Remediation uses a small part of Markdown: paragraphs, fenced code, ``-`` and ``1.`` lists,
inline code (one backtick), links and emphasis. This renders exactly that part and escapes everything else,
so a plugin's remediation text can carry no markup into the page. Only ``http(s)`` links
become links: a relative link in remediation means a file of the reader's repository.
"""

from __future__ import annotations

import re
from html import escape

# Each alternative stops at the next character that could open another, so matching is
# linear in the text.
_INLINE = re.compile(
    r"`(?P<code>[^`\n]+)`"
    r"|\[(?P<text>[^\[\]\n]+)\]\((?P<url>[^()\[\]\s]+)\)"
    r"|\*\*(?P<strong>[^*\n]+)\*\*"
    r"|(?<![\w*])\*(?P<em>[^*\s][^*\n]*)\*(?![\w*])"
)
_ITEM = re.compile(r"^(?:[-*]|\d+\.)\s+")


def markdown_to_html(text: str) -> str:
    """``text`` (Markdown) as HTML blocks."""
    out: list[str] = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.lstrip().startswith("```"):
            fence = line.lstrip()[: len(line.lstrip()) - len(line.lstrip().lstrip("`"))]
            body: list[str] = []
            index += 1
            while index < len(lines) and not lines[index].lstrip().startswith(fence):
                body.append(lines[index])
                index += 1
            out.append(f"<pre><code>{escape(chr(10).join(body))}</code></pre>")
            index += 1
            continue
        if not line.strip():
            index += 1
            continue
        block: list[str] = []
        while (
            index < len(lines)
            and lines[index].strip()
            and not lines[index].lstrip().startswith("```")
        ):
            block.append(lines[index])
            index += 1
        out.append(_block(block))
    return "\n".join(out)


def _block(lines: list[str]) -> str:
    if _ITEM.match(lines[0]):
        items: list[list[str]] = []
        for line in lines:
            if _ITEM.match(line) or not items:
                items.append([_ITEM.sub("", line)])
            else:
                items[-1].append(line.strip())
        tag = "ol" if lines[0][0].isdigit() else "ul"
        body = "".join(f"<li>{inline(' '.join(item))}</li>" for item in items)
        return f"<{tag}>{body}</{tag}>"
    return f"<p>{inline(' '.join(line.strip() for line in lines))}</p>"


def inline(text: str) -> str:
    """One line of Markdown as escaped HTML with code, links and emphasis."""
    parts: list[str] = []
    done = 0
    for match in _INLINE.finditer(text):
        parts.append(escape(text[done : match.start()]))
        done = match.end()
        if match["code"]:
            parts.append(f"<code>{escape(match['code'])}</code>")
        elif match["url"]:
            label = inline(match["text"])
            url = match["url"]
            if url.startswith(("https://", "http://")):
                parts.append(f'<a href="{escape(url)}">{label}</a>')
            else:
                parts.append(f"{label} (<code>{escape(url)}</code>)")
        elif match["strong"]:
            parts.append(f"<strong>{escape(match['strong'])}</strong>")
        else:
            parts.append(f"<em>{escape(match['em'])}</em>")
    parts.append(escape(text[done:]))
    return "".join(parts)
