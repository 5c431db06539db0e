"""Reading what consumers bring (issue 22, contract weiquan.reading/1): screenshots by offline
OCR, chats rebuilt as conversations, and facts and findings proposed from them and from the
consumer's own story. Pure: it knows nothing of cases, accounts or the database."""
