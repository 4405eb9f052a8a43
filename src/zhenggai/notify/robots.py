"""The daily digest for a group chat's robot, in the message formats of 企业微信 and 钉钉.

企业微信 群机器人: POST {"msgtype": "markdown", "markdown": {"content": …}} (content at most 4096
bytes of UTF-8). 钉钉 自定义机器人: POST {"msgtype": "markdown", "markdown": {"title": …, "text": …}},
signed when the robot has a 加签 secret (timestamp and sign in the query string). Both answer
{"errcode": 0, "errmsg": "ok"} when the message was taken.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import json
import time
import urllib.parse
import urllib.request
from typing import Any

from django.conf import settings

from zhenggai.ledger import due
from zhenggai.notify.digest import Digest
from zhenggai.notify.links import absolute, chinese_date
from zhenggai.notify.models import GroupRobot, RobotKind


class Undelivered(Exception):
    """A digest that did not reach its recipient; `message` says why, in Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


#: Measures listed in one group message; the rest are counted and linked.
LISTED = 20
#: 企业微信 refuses markdown content over 4096 bytes.
WECOM_MAX_BYTES = 4096


def _line(item: due.Item, markdown_list: bool) -> str:
    m = item.measure
    text = m.text if len(m.text) <= 40 else m.text[:40] + "…"
    owner = str(m.owner) if m.owner else "未指定责任人"
    deadline = f"{m.deadline:%Y-%m-%d}" if m.deadline else ""
    line = f"【{item.when}】[{text}]({absolute('ledger:measure', m.pk)}) {owner} {deadline}"
    return f"- {line}" if markdown_list else f"> {line}"


def _lines(digest: Digest, markdown_list: bool) -> list[str]:
    items = digest.items
    lines = [_line(item, markdown_list) for item in items[:LISTED]]
    if len(items) > LISTED:
        lines.append(f"另有{len(items) - LISTED}条未列出")
    return lines


def payload(robot: GroupRobot, digest: Digest, today: datetime.date) -> dict[str, Any]:
    """The message JSON for this robot's kind."""
    counts = digest.counts()
    org = robot.organisation.name
    todo = f"[查看全部待办]({absolute('ledger:todo')})"
    if robot.kind == RobotKind.WECOM:
        head = (
            f"**整改台账每日提醒**（{chinese_date(today)}）\n"
            f'{org}：已逾期<font color="warning">{counts.overdue}</font>条，'
            f'即将到期<font color="comment">{counts.due_soon}</font>条'
        )
        lines = _lines(digest, markdown_list=False)
        content = "\n".join([head, *lines, todo])
        while len(content.encode()) > WECOM_MAX_BYTES and lines:
            lines.pop()
            content = "\n".join([head, *lines, "（内容过长，其余未列出）", todo])
        return {"msgtype": "markdown", "markdown": {"content": content}}
    title = f"整改台账每日提醒（{chinese_date(today)}）"
    text = "\n\n".join(
        [
            f"#### {title}",
            f"{org}：已逾期{counts.overdue}条，即将到期{counts.due_soon}条",
            "\n".join(_lines(digest, markdown_list=True)),
            todo,
        ]
    )
    return {"msgtype": "markdown", "markdown": {"title": title, "text": text}}


def signed_url(robot: GroupRobot, now_ms: int | None = None) -> str:
    """The robot's address; for 钉钉 with a 加签 secret, with its timestamp and sign added."""
    if robot.kind != RobotKind.DINGTALK or not robot.secret:
        return robot.url
    timestamp = str(now_ms if now_ms is not None else int(time.time() * 1000))
    digest = hmac.new(robot.secret.encode(), f"{timestamp}\n{robot.secret}".encode(), hashlib.sha256).digest()
    sign = urllib.parse.quote_plus(base64.b64encode(digest))
    joiner = "&" if "?" in robot.url else "?"
    return f"{robot.url}{joiner}timestamp={timestamp}&sign={sign}"


def post(robot: GroupRobot, body: dict[str, Any]) -> None:
    """Send one message; Undelivered in Chinese when the robot cannot be reached or does not take it."""
    request = urllib.request.Request(
        signed_url(robot),
        data=json.dumps(body, ensure_ascii=False).encode(),
        headers={"Content-Type": "application/json; charset=utf-8"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.WEBHOOK_TIMEOUT) as response:
            answer = json.loads(response.read().decode() or "{}")
    except (OSError, ValueError) as exc:
        raise Undelivered(f"群机器人“{robot}”无法送达：{exc}") from None
    if answer.get("errcode", 0) != 0:
        raise Undelivered(
            f"群机器人“{robot}”拒收：{answer.get('errmsg', '')}（错误码 {answer.get('errcode')}）"
        )
