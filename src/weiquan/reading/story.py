"""A consumer's own story, as written on the complaint form: who said and did what.

People write "她说是专柜正品，假一赔十", "我问是不是正品，说保证正品", "后来直接把我拉黑了":
the subject is named once and then left out, a reply follows a question without naming who
answers, quotes carry their speaker from the words before them. Each clause becomes a `Said`
with the role of its speaker (the narrator is the uploader: a buyer unless a merchant wrote it),
None where nobody is named. A pasted chat ("我：…" / "卖家：…", one a line) is read as a chat.
Goods are named with jieba's parts of speech: the nouns around the goods word.
"""

from __future__ import annotations

import logging
import re
import warnings
from functools import lru_cache
from typing import Any

from . import lexicon
from .findings import BUYER, SELLER, Said

_NARRATOR = r"我们|我|本人|俺|咱"
_OTHER = (
    r"卖家|商家|老板娘|老板|店家|店主|掌柜|客服|主播|团长|代购|微商|那人|这人|那个人|对方"
    r"|摊主|店员|销售员?|导购|业务员|商贩|厂家|卖[^，,。我你他她]{1,4}的|接电话的人?|那边|对面"
    r"|买家|顾客|客户|客人|他们|她们|他|她|TA|ta"
)
# Someone else again (an appraiser, a friend, the platform): what they say is nobody's finding.
_THIRD = (
    r"(?:朋友|鉴定师|鉴定机构|鉴定中心|鉴定|专柜|柜姐|平台|小二|工作人员|律师|老公|老婆|我妈|闺蜜"
    r"|同事|快递员?|12315|人家|售后)(?:的人)?(?:都|也|就|直接)?(?:说|讲|表示|认为|鉴定|看了|告诉|称|判定|回复|确认)"
)
# A person after these is the object ("骂我", "把我拉黑", "找她退款"), not who acts.
_OBJECT_OF = r"(?<![骂把给找让叫对跟问和诉将被帮替向加删拉催求联系转付说回胁吓要是收])"
_SUBJECT = re.compile(
    rf"(?P<third>{_THIRD})|{_OBJECT_OF}(?P<me>{_NARRATOR})(?![的们])"
    rf"|{_OBJECT_OF}(?P<other>{_OTHER})(?![的们])"
)
# Words before the subject at the start of a clause: "后来她说", "当时老板保证".
_LEAD = re.compile(
    r"(?:后来|然后|当时|结果|于是|所以|但是|但|可是|而且|最后|现在|这时|那时|今天|昨天|前天|晚上"
    r"|早上|下午|上午|就|又|还|也|再|才|都|先|直接|竟然|居然|接着|之后|第二天|一开始)*"
)
_PASSIVE = re.compile(r"^(?:又|还|也|直接|竟然|居然|就)?被")
_SPEECH = re.compile(
    r"(?:[^，,。]{0,6}?)(?:说|讲|称|表示|回复|回|承认|答应|保证|承诺|骂|威胁|告诉|发消息)"
)
_REPLY = re.compile(r"^\s*(?:就|又|还|只)?(?:说|回|答|回复|表示|称|保证|承诺|讲)")
_ASKED = re.compile(r"问|咨询")
_CLAUSES = re.compile(r"[^，,。！!？?；;\n“”‘’\"'「」]+|[“”‘’\"'「」]|\n")
_CHAT_LINE = re.compile(r"^\s*(?P<who>[^：:\n]{1,12})[：:]\s*(?P<text>\S.*)$", re.M)
_ME_LINE = re.compile(rf"^(?:{_NARRATOR}|自己|买家我)$")
_OPEN, _CLOSE, _STRAIGHT = "“‘「", "”’」", "\"'"


def _other(narrator: str) -> str:
    return SELLER if narrator == BUYER else BUYER


def said(text: str, *, narrator: str, source: int) -> list[Said]:
    """The story's clauses with their speakers (a pasted chat: its lines)."""
    lines = _CHAT_LINE.findall(text)
    if len(lines) >= 2 and len(lines) >= len([x for x in text.splitlines() if x.strip()]) * 0.6:
        return [
            Said(narrator if _ME_LINE.match(who.strip()) else _other(narrator), body, source)
            for who, body in lines
        ]
    return _narrative(text, narrator, source)


def _role_of(m: re.Match[str], clause: str, narrator: str) -> str:
    if m.group("third"):
        return "third"
    if m.group("me"):
        return _other(narrator) if _PASSIVE.match(clause[m.end() :]) else narrator
    return _other(narrator)


def _subject(clause: str, narrator: str) -> tuple[str | None, str | None, bool]:
    """Who acts in the clause (named at its start), who the story is about after it (the last
    person acting in it: "看到她卖…" is about her), and whether the clause asks something."""
    start = _opening(clause)
    first = _role_of(start, clause, narrator) if start else None
    if start and _SPEECH.match(clause, start.end()):
        return first, first, bool(_ASKED.search(clause))  # what follows is what they said
    last: str | None = None
    for m in _SUBJECT.finditer(clause):
        if not clause[m.end() :].strip():
            continue  # a person at the end is an object: "找人收拾我"
        if m.group("me"):
            continue  # and "我" inside a clause mostly too: "告我诽谤", "收了我3200"
        last = _role_of(m, clause, narrator)
    # "找她她直接开骂": nobody at the start, but someone acts inside the clause.
    return first or last, last or first, bool(_ASKED.search(clause))


def _opening(clause: str) -> re.Match[str] | None:
    """The person named at the start of the clause, after words such as 后来, 当时."""
    lead = _LEAD.match(clause)
    return _SUBJECT.match(clause, lead.end() if lead else 0)


def _narrative(text: str, narrator: str, source: int) -> list[Said]:
    out: list[Said] = []
    carry: str | None = None  # who the story is about at this point
    asked = False
    quote_role: str | None = None
    in_quote = False
    speaking = False  # the clauses after "老板说…" that name no one are still what was said
    for m in _CLAUSES.finditer(text):
        piece = m.group(0)
        if piece == "\n":
            carry, asked = None, False
            continue
        if piece in _OPEN or (piece in _STRAIGHT and not in_quote):
            in_quote = True
            quote_role = carry
            continue
        if piece in _CLOSE or piece in _STRAIGHT:
            in_quote = False
            continue
        if not piece.strip():
            continue
        if in_quote:
            out.append(Said(quote_role, piece, source, story=True, quoted=True))
            continue
        first, last, asks = _subject(piece, narrator)
        opening = _opening(piece)
        reported = speaking and opening is None
        if opening is not None:
            speaking = bool(_SPEECH.match(piece, opening.end()))
        if first is None:
            # "我问是不是正品，说保证正品": a reply naming no one is the other side's answer.
            reply = _REPLY.match(piece) and asked and carry == narrator
            first = _other(narrator) if reply else carry
            last = last or first
        out.append(Said(first, piece, source, story=True, quoted=reported))
        carry, asked = last, asks and first == narrator
    return out


@lru_cache(maxsize=1)
def _posseg() -> Any:
    # jieba loads its dictionary (about a second) on first use, not when the CLI starts.
    with warnings.catch_warnings():  # jieba 0.42's regexes predate Python 3.12's warnings
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", SyntaxWarning)
        import jieba
        import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba.posseg


_BUY = re.compile(r"买了?|入了?|拍了?|订了?|购买了?|下单了?|抢了?|团了?")
_NOUNISH = ("n", "nz", "nr", "ns", "nt", "ng", "eng", "vn", "b")


def goods_words(text: str) -> str | None:
    """What was bought, as the text names it: "LV Neverfull包", "飞天茅台", "羽绒服"."""
    best: tuple[int, str] | None = None
    for clause in re.split(r"[，,。！!？?；;\n]", text):
        brand = lexicon.brand(clause)
        word = lexicon.goods(clause)
        if word is None and brand is None:
            continue
        end = word.end if word else brand.end  # type: ignore[union-attr]
        tokens = list(_posseg().cut(clause[:end]))
        picked: list[str] = []
        for token in reversed(tokens):
            w, flag = token.word, token.flag
            if picked and (w in ("的", "款", "个", "只", "瓶", "件", "双", "盒")):
                if w == "的" and len(picked) < 4:
                    continue
                break
            if flag.startswith(_NOUNISH) or (w.isascii() and w.strip().isalnum()) or w.isspace():
                picked.append(w)
                continue
            break
        name = "".join(reversed(picked)).strip()
        if brand and brand.start < end and lexicon.brand(name) is None:
            name = clause[brand.start : end].strip()
        name = re.sub(r"^(?:一|两|几)?(?:个|只|瓶|件|双|盒|套)", "", name)
        if not name:
            continue
        score = (2 if _BUY.search(clause) else 0) + (1 if brand else 0)
        if best is None or score > best[0]:
            best = (score, name[:40])
    return best[1] if best else None
