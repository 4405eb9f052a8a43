"""The words offices write in a ledger: header names, statuses and terms, mapped to code names."""

from __future__ import annotations

import unicodedata

from zhenggai.documents import regex

#: Fields of a ledger row and the header names that mean them, most specific first.
HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "number": ("序号", "编号", "序"),
    "source": ("问题来源", "来源"),
    "aspect": ("查摆方面", "问题方面", "所属方面", "方面"),
    "category": ("问题类别", "问题类型", "问题分类", "类别"),
    "workgroup": ("推进组", "整改推进组", "牵头推进组"),
    "problem": ("问题描述", "存在问题", "反馈问题", "具体问题", "问题表现", "问题清单", "主要问题", "问题"),
    "measure": ("整改措施", "整改举措", "具体措施", "工作措施", "措施"),
    "owner": ("责任领导", "责任人", "牵头领导", "分管领导", "负责人"),
    "unit": ("责任单位", "责任部门", "责任股室", "牵头单位", "牵头部门", "责任科室"),
    "term": ("整改类型", "整改方式", "整改期限类型"),
    "deadline": ("整改时限", "完成时限", "计划完成时间", "计划完成日期", "整改期限", "完成时间", "时限"),
    "progress": ("整改进展", "进展情况", "整改情况", "整改进度", "落实情况", "进展"),
    "status": ("完成情况", "整改状态", "是否完成", "办结情况", "是否整改到位", "是否办结", "状态"),
    "evidence": ("佐证材料", "佐证", "证明材料", "附件"),
    "completed_on": ("完成日期", "实际完成日期", "实际完成时间", "办结日期", "办结时间"),
    "review_date": ("复查日期", "复查时间"),
    "blocked_reason": ("暂缓原因", "暂不具备整改条件的原因", "不具备整改条件的原因", "不具备条件原因"),
    "key": ("系统编号",),
}

#: Headers that are recognised as a ledger's but carry nothing this system keeps.
IGNORED_HEADERS = ("备注", "说明")

#: Words in the status column, mapped to a status.
STATUS_WORDS: dict[str, str] = {
    "已完成": "done",
    "完成": "done",
    "已整改到位": "done",
    "整改到位": "done",
    "已整改": "done",
    "已办结": "done",
    "办结": "done",
    "已销号": "done",
    "销号": "done",
    "已落实": "done",
    "是": "done",
    "正在推进": "in_progress",
    "整改中": "in_progress",
    "推进中": "in_progress",
    "持续推进": "in_progress",
    "正在整改": "in_progress",
    "进行中": "in_progress",
    "基本完成": "in_progress",
    "部分完成": "in_progress",
    "长期坚持": "in_progress",
    "持续整改": "in_progress",
    "未完成": "in_progress",
    "否": "in_progress",
    "未启动": "not_started",
    "未开始": "not_started",
    "尚未启动": "not_started",
    "暂未启动": "not_started",
    "暂不具备整改条件": "blocked",
    "暂不具备条件": "blocked",
    "不具备整改条件": "blocked",
}

#: Status words whose meaning is a guess; reading them gives a warning.
VAGUE_STATUS_WORDS = ("未完成", "否", "基本完成", "部分完成")

#: Words in a deadline or term column that name a term rather than a date.
TERM_WORDS: dict[str, str] = {
    "立行立改": "immediate",
    "立即整改": "immediate",
    "即知即改": "immediate",
    "马上就改": "immediate",
    "长期坚持": "ongoing",
    "长期推进": "ongoing",
    "持续推进": "ongoing",
    "常态化推进": "ongoing",
    "长期": "ongoing",
    "限期整改": "deadline",
    "限期完成": "deadline",
}

_SPACE = regex.compile(r"\s+")
_DECORATION = regex.compile(r"[（(][^）)]*[）)]|[*＊:：。]")


def normalise(text: str) -> str:
    """Full-width to half-width digits and letters, no whitespace at all."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def header_field(header: str) -> str | None:
    """The field a header names (“责任领导/责任人” → owner), or None for a header we do not know."""
    text = normalise(header)
    bare = _DECORATION.sub("", text) or text
    for candidate in (text, bare):
        for name, synonyms in HEADER_SYNONYMS.items():
            if candidate in synonyms:
                return name
    best: tuple[int, str] | None = None
    for name, synonyms in HEADER_SYNONYMS.items():
        for synonym in synonyms:
            if len(synonym) > 1 and synonym in bare and (best is None or len(synonym) > best[0]):
                best = (len(synonym), name)
    return best[1] if best else None


def is_ignored_header(header: str) -> bool:
    """True for a header such as 备注 that belongs to a ledger but is not kept."""
    return normalise(header) in IGNORED_HEADERS


def status_of(text: str) -> str | None:
    """The status an office's word means (“已整改到位” → done), or None when unknown."""
    word = normalise(text).rstrip("。.；;，,")
    if word in STATUS_WORDS:
        return STATUS_WORDS[word]
    # "已完成（2022年3月）", "正在推进中": the status word comes first, a note may follow.
    for known in sorted(STATUS_WORDS, key=len, reverse=True):
        if len(known) > 1 and word.startswith(known):
            return STATUS_WORDS[known]
    return None
