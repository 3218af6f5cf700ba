"""Caption templates: experts (KOL) explain and compare, consumers (KOC) report their own use,
general creators post lifestyle and entertainment. ``{p}`` is the polite particle (ค่ะ/ครับ)."""

from __future__ import annotations

KOL_TH = (
    "{title}{nick} {cred} มาเล่าให้ฟัง{p} 📌 {fact} สรุปสั้นๆ: เลือก{item}ให้เหมาะกับตัวเองสำคัญที่สุด",
    "เปรียบเทียบ{item} 3 แบบที่คนถามเยอะ 🔍 {fact} ใครมีคำถามทิ้งไว้ในคอมเมนต์ได้เลย{p}",
    "ในฐานะ{cred} ขออธิบายเรื่อง{item}แบบเข้าใจง่าย 👇 {fact}",
    "Q&A ประจำสัปดาห์: {item}ดีจริงไหม? {fact} (จากประสบการณ์ทำงาน {years} ปี)",
    "ความเข้าใจผิดเรื่อง{item} ❌➡️✅ {fact} เซฟเก็บไว้อ่านได้เลย{p}",
    "สรุปข้อมูล{item}ที่ควรรู้ก่อนซื้อ 1) อ่านส่วนประกอบ 2) เทียบราคาต่อหน่วย 3) {fact}",
)
KOL_EN = (
    "As a {cred_en}, here's what actually matters with {item_en}: {fact_en}",
    "{item_en} compared: I tested 3 options over {weeks} weeks. {fact_en}",
    "Myth vs fact about {item_en} 🧵 {fact_en} Save this for later.",
    "{cred_en} here. Quick explainer on {item_en}: {fact_en} Questions below 👇",
)
KOC_TH = (
    "ซื้อ{item}มาใช้เอง{p} ไม่ได้สปอนเซอร์ ใช้จริงมา {weeks} อาทิตย์ "
    "✅ ข้อดี: {pro} ❌ ข้อเสีย: {con} ให้ {score}/10",
    "รีวิวจากคนใช้จริง {item} 🙋 {pro} แต่{con} ถ้าหมดจะ repurchase ไหม? {verdict}",
    "ลอง{item}ที่ทุกคนพูดถึง จ่ายเงินเองนะ{p} ชอบที่{pro} ส่วนที่ไม่ชอบคือ{con}",
    "อัปเดตหลังใช้{item}ครบ {weeks} อาทิตย์ ใช้จริงไม่อวย {pro} / {con} {score}/10",
    "ของใช้จริงในบ้านเรา: {item} ซื้อซ้ำมาแล้ว {times} รอบ {pro} แต่{con}",
)
KOC_EN = (
    "Bought {item_en} with my own money, not sponsored. {weeks} weeks in. Pros: {pro_en}. "
    "Cons: {con_en}. {score}/10.",
    "Honest review after {weeks} weeks of {item_en}: {pro_en}, but {con_en}. "
    "Would I repurchase? {verdict_en}",
)
VERDICT_TH = ("ซื้อซ้ำแน่นอน", "repurchase แล้วจ้า", "คงไม่ซื้อซ้ำ", "ถ้าลดราคาจะซื้ออีก", "ยังชั่งใจอยู่")
VERDICT_EN = ("yes, already did", "probably not", "only on sale", "still deciding")
GENERAL_TH = (
    "วันนี้{activity} {emoji} ใครเคยไปบ้าง",
    "มู้ดวันนี้ {emoji} {item}ก็ต้องมา",
    "เบื่อๆ เลยมาทำคอนเทนต์{label}ขำๆ 555 {emoji}",
    "POV: {pov} {emoji}",
    "เสาร์อาทิตย์นี้ไปไหนกันดี {emoji}",
    "ใครเหมือนกันบ้าง {pov} 😂",
    "ทริคเล็กๆ เรื่อง{item}ที่อยากบอกต่อ {emoji}",
    "vlog วันธรรมดาของเรา {activity} {emoji}",
)
GENERAL_EN = (
    "Weekend vibes {emoji}",
    "Little things that made my day: {item_en} {emoji}",
    "POV: {pov_en} {emoji}",
    "Photo dump from this week {emoji}",
    "Guess where I am today? {emoji}",
)
PLATFORM_TAGS = {
    "tiktok": ("fyp", "tiktokพากิน", "viral"),
    "instagram": ("instadaily", "reels"),
    "youtube": ("shorts",),
    "lemon8": ("lemon8review", "lemon8th"),
}
SPONSORED_TH = (
    "ขอบคุณ @{handle} ที่ส่งมาให้ลองนะ{p} #ad",
    "ร่วมกับ @{handle} #sponsored",
    "Paid partnership with @{handle} #โฆษณา",
    "โปรโมชั่นพิเศษจาก @{handle} ใช้โค้ด {code} ลดเพิ่ม 15% #ad",
)
SPONSORED_EN = (
    "Paid partnership with @{handle} #ad",
    "Thanks @{handle} for sending this over #sponsored",
    "Use code {code} for 15% off at @{handle} #ad",
)
FAN_TH = (
    "ของโปรดตลอดกาลจาก @{handle} ซื้อเองตลอด",
    "ใช้ของ @{handle} มาหลายปีแล้ว ยังชอบเหมือนเดิม #{tag}",
    "แอบเอามาอวด #{tag} ของรักของหวง",
)
FAN_EN = ("Still my go-to: @{handle}, bought with my own money", "Restocked my #{tag} favourites")
