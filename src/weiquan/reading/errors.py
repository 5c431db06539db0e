"""Why a picture could not be read, in both languages.

The reading is pure (no request, no locale of its own), so an error carries both texts and the
caller (`weiquan read --lang`, `POST /api/readings`, the worker) picks the reader's language.
The codes are stable: the contract's per-file errors carry them.
"""

from __future__ import annotations

# code -> (zh, en): what the person sees, and what they can do about it.
MESSAGES: dict[str, tuple[str, str]] = {
    "not_image": (
        "这个文件不是图片，无法读取。请上传 PNG、JPEG、WebP 等格式的截图或照片。",
        "This file is not a picture and cannot be read. Upload a screenshot or photo "
        "(PNG, JPEG, WebP and the like).",
    ),
    "truncated": (
        "这张图片不完整（文件可能在传输中被截断），无法读取。请重新保存或重新截图后上传。",
        "This picture is incomplete (the file may have been cut off in transfer) and cannot be "
        "read. Save it again or take the screenshot again, then upload it.",
    ),
    "too_many_pixels": (
        "这张图片太大（超过 1 亿像素），为安全起见不予读取。请截取需要的部分后上传。",
        "This picture is too large (over 100 million pixels) and is not read, for safety. "
        "Crop the part you need and upload that.",
    ),
    "too_wide": (
        "这张图片太宽（超过 10,000 像素），不予读取。请截取需要的部分后上传。",
        "This picture is too wide (over 10,000 pixels) and is not read. Crop the part you need "
        "and upload that.",
    ),
    "empty": (
        "文件是空的。请重新选择图片。",
        "The file is empty. Choose the picture again.",
    ),
    "unreadable": (
        "这张图片无法解码，可能已损坏。请重新保存后上传。",
        "This picture cannot be decoded; it may be damaged. Save it again and upload it.",
    ),
}


class ReadingError(Exception):
    """A picture that cannot be read: `code` for programs, `message` {"zh", "en"} for people."""

    def __init__(self, code: str, message: dict[str, str] | None = None) -> None:
        if message is None:
            zh, en = MESSAGES[code]
            message = {"zh": zh, "en": en}
        super().__init__(f"{code}: {message['en']}")
        self.code = code
        self.message = message

    def text(self, lang: str = "zh") -> str:
        """The message in `lang` ("zh", "zh_CN" or "en"); Chinese unless English is asked."""
        return self.message["en" if lang.startswith("en") else "zh"]


def error(code: str) -> ReadingError:
    """The error for `code` with its two messages."""
    return ReadingError(code)
