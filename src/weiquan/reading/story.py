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
    r"|买家|顾客|客户|客人|他们|她们|他|她|TA|ta|人家"
)
# Someone else again (an appraiser, a friend, the platform): what they say is nobody's finding.
_THIRD = (
    r"(?:朋友|鉴定师|鉴定机构|鉴定中心|鉴定|专柜|柜姐|平台|小二|工作人员|律师|老公|老婆|我妈|闺蜜"
    r"|同事|快递员?|12315)(?:的人)?(?:都|也|就|直接)?(?:说|讲|表示|认为|鉴定|看了|告诉|称|判定|回复|确认)"
)
# A person after these is the object ("骂我", "把我拉黑", "找她退款"), not who acts.
_OBJECT_OF = r"(?<![骂把给找让叫对跟问和诉将被帮替向加删拉催求联系转付])"
_SUBJECT = re.compile(
    rf"(?P<third>{_THIRD})|{_OBJECT_OF}(?P<me>{_NARRATOR})(?![的们])"
    rf"|{_OBJECT_OF}(?P<other>{_OTHER})(?![的们])"
)
_PASSIVE = re.compile(r"^(?:又|还|也|直接|竟然|居然|就)?被")
_REPLY = re.compile(r"^\s*(?:就|又|还|只)?(?:说|回|答|回复|表示|称|保证|承诺|讲)")
_ASKED = re.compile(r"问|咨询")
_CLAUSES = re.compile(r"[^，,。！!？?；;\n“”\"「」]+|[“”\"「」]|\n")
_CHAT_LINE = re.compile(r"^\s*(?P<who>[^：:\n]{1,12})[：:]\s*(?P<text>\S.*)$", re.M)
_ME_LINE = re.compile(rf"^(?:{_NARRATOR}|自己|买家我)$")
_OPEN, _CLOSE = "“「", "”」"


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


def _subject(clause: str, narrator: str) -> tuple[str | None, str | None, bool]:
    """The clause's first and last speaker (role or "third"), and whether the first asks."""
    first: str | None = None
    last: str | None = None
    for m in _SUBJECT.finditer(clause):
        if m.group("third"):
            role = "third"
        elif m.group("me"):
            after = clause[m.end() :]
            role = _other(narrator) if _PASSIVE.match(after) else narrator
        else:
            role = _other(narrator)
        first = first or role
        last = role
    return first, last, bool(_ASKED.search(clause))


def _narrative(text: str, narrator: str, source: int) -> list[Said]:
    out: list[Said] = []
    carry: str | None = None  # who the story is about at this point
    asked = False
    quote_role: str | None = None
    in_quote = False
    straight_open = False
    for m in _CLAUSES.finditer(text):
        piece = m.group(0)
        if piece == "\n":
            carry, asked = None, False
            continue
        if piece in _OPEN or (piece == '"' and not straight_open):
            in_quote, straight_open = True, piece == '"'
            quote_role = carry
            continue
        if piece in _CLOSE or piece == '"':
            in_quote, straight_open = False, False
            continue
        if not piece.strip():
            continue
        if in_quote:
            out.append(Said(quote_role, piece, source, story=True))
            continue
        first, last, asks = _subject(piece, narrator)
        if first is None:
            if _REPLY.match(piece) and asked and carry == narrator:
                role = _other(narrator)  # "我问是不是正品，说保证正品": the answer is theirs
            else:
                role = carry
            first = last = role
        out.append(Said(first, piece, source, story=True))
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
            if flag.startswith(_NOUNISH) or w.strip().isalnum() or w.isspace():
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
