"""Thai and English words for a creator's tone (loud, humorous, calm, formal) and for the tone
a brand asks for; the same term syntax as ``lexicon`` (comma-separated, ``term~weight``)."""

from __future__ import annotations

# --- tone -------------------------------------------------------------------------------------

LOUD = (
    "ปัง, สุดปัง, แซ่บ, กรี๊ด, ว้าว, โคตร, สุดๆ, มากๆ, ตะโกน, ฟินมาก, ของมันต้องมี, จึ้ง, ตัวแม่,"
    " omg, wow, crazy, insane, obsessed, must have, pov~0.6, ใครเหมือนกันบ้าง"
)
HUMOUR = (
    "ขำ, ขำๆ, ตลก, ฮามาก, ฮาๆ, ฮาสุด, เฮฮา, มุก, แกล้ง, มีม, ฮ่าๆ, คิคิ, จุกๆ, pov~0.5, ถถถ,"
    " haha, hahaha, lol, lmao, funny, joke, jokes, meme, memes, prank"
)
CALM = (
    "มินิมอล, เรียบหรู, หรูหรา, เรียบง่าย, ละมุน, คลาสสิก, สงบ, ผ่อนคลาย~0.6, ช้าๆ, เรียบๆ,"
    " minimal, minimalist, elegant, elegance, luxury, luxurious, premium, classy, timeless,"
    " sophisticated, understated, calm, serene, slow living, quiet, refined, aesthetic~0.5"
)
FORMAL = (
    "ขอแนะนำ, อย่างไรก็ตาม, ดังนั้น, ทั้งนี้, เนื่องจาก, โดยเฉพาะ, ข้อมูล, อ้างอิง, ควรพิจารณา,"
    " ประกอบด้วย, ผลการศึกษา, งานวิจัย, ในฐานะ, ท่าน, ครับผม~0.3,"
    " however, therefore, additionally, according to, recommend, recommended, evidence,"
    " research, professional, furthermore"
)
HUMOUR_EMOJI = frozenset("😂🤣😆😹🤪😜😝🙈")

# --- brand tone notes -------------------------------------------------------------------------

WANT_LOUD = (
    "fun, playful, energetic, bold, loud, hype, crazy, quirky, lively, exciting, vibrant,"
    " cheeky, hungry, สนุก, สนุกสนาน, จัดจ้าน, ปัง, เฮฮา, มันส์, กวน, สดใส, ร่าเริง, วัยรุ่น"
)
WANT_CALM = (
    "minimal, minimalist, elegant, luxury, luxurious, premium, calm, refined, understated,"
    " sophisticated, classy, timeless, serene, quiet, gentle, soft, มินิมอล, เรียบหรู, หรูหรา,"
    " เรียบง่าย, อ่อนโยน, สุภาพ, นุ่มนวล, ละมุน, คลาสสิก"
)
WANT_FORMAL = (
    "trustworthy, plain-spoken, professional, formal, credible, evidence, data, specs,"
    " expert, serious, informative, factual, เป็นทางการ, น่าเชื่อถือ, อ้างอิงข้อมูล, ข้อมูล,"
    " มืออาชีพ, จริงจัง, สุภาพ"
)
WANT_CASUAL = "casual, friendly, warm, relatable, down-to-earth, เป็นกันเอง, อบอุ่น, ง่ายๆ"
WANT_HUMOUR = "humour, humor, funny, jokes, witty, comedy, memes, meme, ตลก, ขำ, ฮา, มีม, มุก"
WANT_EMOJI = "emoji, emojis, อีโมจิ, อิโมจิ"
WANT_NO_EMOJI = "no emoji, without emoji, ไม่ใช้อีโมจิ"
