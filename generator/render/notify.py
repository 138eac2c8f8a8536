"""`planbook notify`: the year-to-date status as a group-chat message (spec 15).

What someone pasted into the DingTalk / WeCom / Feishu group every morning: GMV to
date against the target of the same months, the gap to the annual target and what
each remaining month must bring, the forecast, the channel furthest behind, and the
link to the site.  Built from the same report as the site's first screen, so the
message and the tiles never disagree.  Each platform gets its own payload and,
where it signs webhooks (DingTalk, Feishu), its signature.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import urllib.parse
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from generator.render import filters, labels
from generator.render.gaps import behind_first
from generator.render.words import month_name
from generator.words import say

KINDS = ("dingtalk", "wecom", "feishu", "slack")
_HOSTS = {"oapi.dingtalk.com": "dingtalk", "qyapi.weixin.qq.com": "wecom", "open.feishu.cn": "feishu",
          "open.larksuite.com": "feishu", "hooks.slack.com": "slack"}


def kind_of(webhook: str) -> str | None:
    """The platform a webhook URL belongs to, by its host."""
    return _HOSTS.get(urllib.parse.urlsplit(webhook).hostname or "")


@dataclass(frozen=True)
class Status:
    """The figures of one (unit, year) that a message reports."""

    title: str  # 光研 Glow Lab · 2026
    as_of: str | None
    lines: list[str]  # the message's lines, plain text
    behind: bool  # the gap passes the threshold


def status(report: Any, unit_name: str, lang: str, threshold: Decimal, site_url: str | None = None) -> Status:
    """The message of a year-to-date report (what the first screen says, in lines)."""
    headline = report.summary["headline"]
    gmv = headline.get("gmv") or {}

    def money(value: Any) -> str:
        return filters.money(value, lang)

    title = f"{unit_name} · {report.year}" if unit_name else str(report.year)
    lines = []
    if gmv.get("actual") is None:
        lines.append(say("notify_no_actuals", lang, target=money(gmv.get("annual_target"))))
        return Status(title, None, lines, False)
    attainment = gmv.get("attainment")
    word = filters.status_word(gmv.get("status"), lang)
    lines.append(say("notify_gmv", lang, actual=money(gmv['actual']), target=money(gmv['target']),
                     attainment=filters.attainment(attainment), status=word)
                 + (say("notify_yoy", lang, yoy=filters.signed_rate(gmv['yoy'])) if gmv.get("yoy") is not None else ""))
    if gmv.get("gap"):
        needs = " · ".join(say("notify_month_needs", lang, month=month_name(m['period'], lang), amount=money(m['needed']))
                           for m in gmv.get("needed_by_month") or [])
        gap = money(gmv['gap'])
        lines.append(say("notify_gap_and_needs", lang, gap=gap, needs=needs) if needs else say("notify_gap", lang, gap=gap))
    if gmv.get("forecast_on_plan") is not None:
        lines.append(say("notify_forecast", lang, on_plan=money(gmv['forecast_on_plan']),
                         on_plan_rate=filters.rate(gmv['forecast_on_plan_attainment']),
                         run_rate=money(gmv['forecast_run_rate']),
                         run_rate_rate=filters.rate(gmv['forecast_run_rate_attainment'])))
    furthest = _furthest_behind(report)
    if furthest is not None:
        channel, diff = furthest
        name = labels.channel(channel, lang, report.plan)
        lines.append(say("notify_furthest_behind", lang, channel=name, gap=filters.signed_money(diff, lang)))
    if site_url:
        lines.append(site_url)
    shortfall = Decimal(1) - Decimal(str(attainment)) if attainment is not None else Decimal(0)
    return Status(title, report.as_of.isoformat() if report.as_of else None, lines, shortfall > threshold)


def _furthest_behind(report: Any) -> tuple[str, float] | None:
    behind = [r for r in behind_first(report) if r.channel != "all" and r.diff is not None and r.diff < 0]
    return (str(behind[0].channel), float(behind[0].diff)) if behind else None


def payload(kind: str, status_: Status, lang: str) -> dict[str, Any]:
    """The JSON body the platform's webhook takes: its own markdown where it has one."""
    heading = say("notify_heading_as_of", lang, title=status_.title, date=status_.as_of) if status_.as_of \
        else status_.title
    if kind == "dingtalk":
        return {"msgtype": "markdown", "markdown": {"title": heading,
                                                    "text": f"### {heading}\n\n" + "\n\n".join(status_.lines)}}
    if kind == "wecom":
        return {"msgtype": "markdown", "markdown": {"content": f"**{heading}**\n" + "\n".join(status_.lines)}}
    if kind == "feishu":  # an interactive card: a coloured header and the lines as lark_md
        return {"msg_type": "interactive", "card": {
            "config": {"wide_screen_mode": True},
            "header": {"title": {"tag": "plain_text", "content": heading},
                       "template": "red" if status_.behind else "green"},
            "elements": [{"tag": "div", "text": {"tag": "lark_md", "content": "\n".join(status_.lines)}}]}}
    return {"text": f"*{heading}*\n" + "\n".join(status_.lines)}  # slack mrkdwn


def signed(kind: str, webhook: str, body: dict[str, Any], secret: str | None, now_ms: int) -> tuple[str, dict[str, Any]]:
    """The URL and body with the platform's signature (DingTalk: `timestamp` and `sign`
    in the URL; Feishu: in the body); others unchanged."""
    if not secret:
        return webhook, body
    if kind == "dingtalk":
        text = f"{now_ms}\n{secret}".encode()
        sign = base64.b64encode(hmac.new(secret.encode(), text, hashlib.sha256).digest()).decode()
        joiner = "&" if "?" in webhook else "?"
        return f"{webhook}{joiner}timestamp={now_ms}&sign={urllib.parse.quote_plus(sign)}", body
    if kind == "feishu":
        seconds = now_ms // 1000
        sign = base64.b64encode(hmac.new(f"{seconds}\n{secret}".encode(), b"", hashlib.sha256).digest()).decode()
        return webhook, {"timestamp": str(seconds), "sign": sign, **body}
    return webhook, body


def accepted(kind: str, status_code: int, text: str) -> bool:
    """Whether the platform took the message (each answers 200 with its own error field)."""
    import json

    if status_code != 200:
        return False
    if kind == "slack":
        return text.strip() == "ok"
    try:
        answer = json.loads(text)
    except ValueError:
        return False
    if kind == "feishu":
        return bool(answer.get("code", answer.get("StatusCode", 1)) == 0)
    return bool(answer.get("errcode", 1) == 0)
