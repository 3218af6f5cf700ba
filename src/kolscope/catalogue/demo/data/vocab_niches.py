"""What creators in each niche post about: items, hashtags, expert facts, pros and cons.

All text is written for this demo; product names are generic (no real brands).
"""

from __future__ import annotations

from typing import NamedTuple


class NicheWords(NamedTuple):
    items_th: tuple[str, ...]
    items_en: tuple[str, ...]
    tags_th: tuple[str, ...]
    tags_en: tuple[str, ...]
    facts_th: tuple[str, ...]  # expert, explanatory sentences with data (KOL captions)
    facts_en: tuple[str, ...]
    pros_th: tuple[str, ...]
    cons_th: tuple[str, ...]


NICHE_WORDS: dict[str, NicheWords] = {
    "beauty": NicheWords(
        ("ลิปทินท์", "คุชชั่น", "มาสคาร่า", "อายแชโดว์พาเลท", "แป้งฝุ่น", "บลัชออน"),
        ("lip tint", "cushion foundation", "mascara", "eyeshadow palette", "setting powder"),
        ("รีวิวบิวตี้", "แต่งหน้า", "เครื่องสำอาง", "ลิปสวย"),
        ("makeup", "beautyreview", "motd", "lipstick", "makeuptutorial"),
        ("คุชชั่นเนื้อแมตต์เหมาะกับผิวมัน ส่วนเนื้อโกลว์เหมาะกับผิวแห้ง เทสต์ 8 ชั่วโมง ตัวแมตต์ติดทนกว่าราว 30%",
         "เลือกสีลิปตามอันเดอร์โทน โทนเย็นเลือกชมพูอมม่วง โทนอุ่นเลือกส้มอิฐ",
         "มาสคาร่ากันน้ำต้องล้างด้วยคลีนซิ่งออยล์ ถ้าขยี้แรงขนตาร่วงง่าย"),
        ("Matte cushions lasted about 30% longer on oily skin in my 8-hour wear test.",
         "Pick lip shades by undertone: cool tones suit berry pinks, warm tones suit brick."),
        ("สีสวยติดทน", "เนื้อบางเบา", "ราคาไม่แรง", "พกพาง่าย"),
        ("ติดแมสนิดหน่อย", "แพ็กเกจเปิดยาก", "เฉดสีน้อย", "กลิ่นแรงไปหน่อย"),
    ),
    "skincare": NicheWords(
        ("เซรั่มวิตามินซี", "ครีมกันแดด", "โทนเนอร์", "มอยส์เจอไรเซอร์", "คลีนเซอร์", "เจลแต้มสิว"),
        ("vitamin C serum", "sunscreen", "toner", "moisturiser", "gentle cleanser", "acne gel"),
        ("สกินแคร์", "รีวิวสกินแคร์", "ผิวแพ้ง่าย", "ครีมกันแดด", "สิว"),
        ("skincare", "skincaretips", "sunscreen", "acneskin", "skincareroutine"),
        ("กันแดด SPF 50 กันรังสี UVB ได้ราว 98% ส่วน SPF 30 ได้ราว 97% สิ่งสำคัญกว่าคือทาให้พอ 2 ข้อนิ้ว",
         "วิตามินซีรูปแบบ L-ascorbic acid ความเข้มข้น 10-20% ได้ผลดีสุด แต่ควรเก็บให้พ้นแสง",
         "ผิวแพ้ง่ายควรเริ่มเรตินอลที่ 0.1-0.3% สัปดาห์ละ 2 ครั้งก่อน แล้วค่อยเพิ่ม",
         "ไนอาซินาไมด์ 5% ช่วยเรื่องรอยดำได้ในงานวิจัย 8 สัปดาห์ ไม่จำเป็นต้องใช้ 20%"),
        ("SPF 50 blocks about 98% of UVB and SPF 30 about 97%; applying enough matters more.",
         "Start retinol at 0.1-0.3% twice a week if your skin is sensitive, then build up."),
        ("ซึมไว ไม่เหนอะหนะ", "ไม่อุดตัน", "สิวลดลงจริง", "ผิวชุ่มชื้นขึ้น"),
        ("ราคาสูงไปนิด", "มีน้ำหอม", "ปริมาณน้อย", "เห็นผลช้า"),
    ),
    "fashion": NicheWords(
        ("เดรสทำงาน", "กางเกงยีนส์", "เสื้อเชิ้ตลินิน", "รองเท้าผ้าใบ", "กระเป๋าสะพาย", "ชุดไปทะเล"),
        ("work dress", "straight-leg jeans", "linen shirt", "white sneakers", "crossbody bag"),
        ("แฟชั่น", "แต่งตัว", "ชุดทำงาน", "ชุดไปเที่ยว"),
        ("ootd", "fashion", "streetstyle", "outfitideas", "lookbook"),
        ("คนตัวเล็กใส่กางเกงเอวสูงขากระบอกจะช่วยให้ขาดูยาวขึ้น ลองเทียบ 3 ทรงให้ดูแล้ว",
         "ผ้าลินินระบายอากาศดีกว่าโพลีเอสเตอร์มาก เหมาะกับอากาศ 35 องศาแบบบ้านเรา"),
        ("Linen breathes far better than polyester, ideal for 35-degree Bangkok days.",
         "If you're petite, high-waisted straight jeans lengthen the leg; I compared 3 cuts."),
        ("ผ้าดี ไม่ร้อน", "ทรงสวย ใส่ง่าย", "ราคาจับต้องได้", "ซักแล้วไม่ย้วย"),
        ("ไซส์เล็กกว่าปกติ", "สีไม่ตรงรูปนิดหน่อย", "ยับง่าย", "ส่งช้า"),
    ),
    "food": NicheWords(
        ("ก๋วยเตี๋ยวเรือ", "ข้าวมันไก่", "หมูกระทะ", "ชาไทย", "ร้านบุฟเฟ่ต์", "คาเฟ่ขนมหวาน", "ส้มตำ"),
        ("boat noodles", "chicken rice", "Thai BBQ", "Thai milk tea", "buffet", "dessert cafe"),
        ("รีวิวร้านอาหาร", "ของอร่อย", "พากิน", "กินเที่ยว", "อร่อยบอกต่อ"),
        ("foodie", "thaifood", "streetfood", "bangkokfood", "foodreview"),
        ("น้ำซุปก๋วยเตี๋ยวเรือสูตรดั้งเดิมเคี่ยวกระดูก 6-8 ชั่วโมง ความเข้มข้นต่างจากซุปก้อนชัดเจน",
         "ชาไทยหนึ่งแก้วหวานปกติมีน้ำตาลราว 30-40 กรัม สั่งหวานน้อยช่วยลดได้ครึ่งหนึ่ง",
         "เทียบข้าวมันไก่ 4 ร้าน ให้คะแนนที่ข้าว ไก่ และน้ำจิ้ม ร้านที่สองชนะเรื่องน้ำจิ้ม"),
        ("A regular Thai milk tea has about 30-40 g of sugar; ordering less sweet halves it.",
         "I compared chicken rice from 4 shops on rice, chicken and sauce."),
        ("อร่อยจริง", "ราคาไม่แพง", "ร้านสะอาด", "ให้เยอะ"),
        ("รอคิวนาน", "ที่จอดรถน้อย", "รสจัดไปนิด", "ร้านร้อน"),
    ),
    "travel": NicheWords(
        ("ทะเลกระบี่", "ดอยอินทนนท์", "คาเฟ่เชียงใหม่", "น่านเมืองเก่า", "เกาะหลีเป๊ะ", "ตลาดน้ำ"),
        ("Krabi islands", "Doi Inthanon", "Chiang Mai cafes", "old town Nan", "a floating market"),
        ("เที่ยวไทย", "เที่ยวทะเล", "เที่ยวเหนือ", "ที่เที่ยว"),
        ("travelthailand", "thailandtravel", "wanderlust", "weekendtrip", "amazingthailand"),
        ("ขึ้นดอยช่วงธันวาคมอุณหภูมิยอดดอยลดเหลือ 5-8 องศา เตรียมเสื้อกันหนาวหนาๆ ไปด้วย",
         "จองที่พักเกาะล่วงหน้า 6-8 สัปดาห์ในช่วงไฮซีซั่นประหยัดได้ราว 20-30%"),
        ("Booking island stays 6-8 weeks ahead in high season saved me about 20-30%.",
         "Summit temperatures drop to 5-8 degrees in December, pack a proper jacket."),
        ("วิวสวยมาก", "คนไม่เยอะ", "เดินทางง่าย", "ที่พักคุ้มค่า"),
        ("ทางขึ้นชัน", "ร้อนมาก", "ค่าเรือแพง", "ห้องน้ำน้อย"),
    ),
    "fitness": NicheWords(
        ("ท่าสควอต", "เวทเทรนนิ่ง", "วิ่งโซน 2", "เวย์โปรตีน", "HIIT 20 นาที", "โยคะตอนเช้า"),
        ("squats", "strength training", "zone 2 running", "whey protein", "a 20-minute HIIT"),
        ("ออกกำลังกาย", "ลดน้ำหนัก", "คนรักสุขภาพ", "เล่นเวท"),
        ("fitness", "workout", "gymlife", "fitspo", "homeworkout"),
        ("คนทั่วไปควรได้โปรตีนวันละ 1.2-1.6 กรัมต่อน้ำหนักตัว 1 กิโลกรัม ถ้าเล่นเวทจริงจัง",
         "วิ่งโซน 2 คือหัวใจเต้นราว 60-70% ของสูงสุด พูดคุยได้แต่ร้องเพลงไม่ได้",
         "สควอตเข่าเลยปลายเท้าได้ไม่อันตรายเสมอไป ขึ้นกับข้อเท้าและสะโพกของแต่ละคน"),
        ("Aim for 1.2-1.6 g of protein per kg of body weight if you lift seriously.",
         "Zone 2 is roughly 60-70% of max heart rate: you can talk but not sing."),
        ("เห็นผลใน 4 อาทิตย์", "ทำที่บ้านได้", "ไม่ต้องใช้อุปกรณ์เยอะ", "รสชาติดี"),
        ("เมื่อยมาก", "ต้องมีวินัย", "ราคาสูง", "หวานไปนิด"),
    ),
    "health": NicheWords(
        ("การนอนหลับ", "วิตามินดี", "ลดหวาน", "ตรวจสุขภาพประจำปี", "ความดัน", "ปวดหลัง"),
        ("sleep", "vitamin D", "cutting sugar", "annual check-ups", "blood pressure"),
        ("สุขภาพ", "สุขภาพดี", "ความรู้สุขภาพ", "หมอแนะนำ"),
        ("health", "wellness", "healthtips", "healthyliving"),
        ("ผู้ใหญ่ควรนอน 7-9 ชั่วโมง การนอนน้อยกว่า 6 ชั่วโมงต่อเนื่องเพิ่มความเสี่ยงความดันสูง",
         "องค์การอนามัยโลกแนะนำน้ำตาลไม่เกิน 6 ช้อนชาต่อวัน แต่คนไทยกินเฉลี่ยเกือบ 20 ช้อนชา",
         "ปวดหลังจากนั่งนาน ลุกยืดทุก 30-45 นาทีช่วยได้มากกว่าซื้อเก้าอี้แพงๆ"),
        ("Adults need 7-9 hours of sleep; under 6 regularly raises blood-pressure risk.",
         "Standing up every 30-45 minutes helps back pain more than a pricey chair."),
        ("เข้าใจง่าย", "ทำตามได้จริง", "นอนหลับดีขึ้น", "ไม่ต้องใช้เงิน"),
        ("ต้องใช้เวลา", "ต้องปรับนิสัย", "ยังไม่เห็นผลชัด"),
    ),
    "it_gadgets": NicheWords(
        ("หูฟังไร้สาย", "สมาร์ตโฟนรุ่นกลาง", "โน้ตบุ๊กทำงาน", "สมาร์ตวอทช์", "พาวเวอร์แบงก์", "คีย์บอร์ด"),
        ("wireless earbuds", "a mid-range phone", "a work laptop", "smartwatch", "power bank"),
        ("รีวิวมือถือ", "แกดเจ็ต", "ไอที", "ของมันต้องมี"),
        ("tech", "gadgets", "techreview", "unboxing", "smartphone"),
        ("ทดสอบแบตเตอรี่ด้วยการเปิดวิดีโอต่อเนื่อง รุ่นนี้อยู่ได้ 14 ชั่วโมง 20 นาที นานกว่ารุ่นก่อน 18%",
         "เทียบหูฟัง 3 รุ่นในงบ 2,000 บาท ตัดเสียงรบกวนได้ต่างกันชัดบนรถไฟฟ้า",
         "ชิปรุ่นใหม่ประหยัดไฟกว่าเดิม แต่ถ้าใช้แค่โซเชียลกับแชท รุ่นเก่าลดราคาคุ้มกว่า"),
        ("Video playback test: 14 h 20 min, 18% longer than last year's model.",
         "Compared 3 earbuds under 2,000 baht; noise cancelling differs a lot on the BTS."),
        ("แบตอึด", "เสียงดี", "คุ้มราคา", "ชาร์จไว"),
        ("ร้อนง่ายตอนเล่นเกม", "กล้องกลางคืนไม่ดี", "ไม่มีที่ชาร์จให้", "หนักไปหน่อย"),
    ),
    "finance": NicheWords(
        ("กองทุนรวม", "เงินสำรองฉุกเฉิน", "ลดหย่อนภาษี", "หุ้นปันผล", "บัตรเครดิต", "ประกันสุขภาพ"),
        ("index funds", "an emergency fund", "tax deductions", "dividend stocks", "credit cards"),
        ("การเงิน", "ลงทุน", "ออมเงิน", "วางแผนการเงิน"),
        ("personalfinance", "investing", "moneytips", "financialfreedom"),
        ("เงินสำรองฉุกเฉินควรมี 3-6 เท่าของรายจ่ายต่อเดือน ก่อนเริ่มลงทุนในสินทรัพย์เสี่ยง",
         "ลงทุนเดือนละ 3,000 บาท ผลตอบแทนเฉลี่ย 6% ต่อปี 20 ปี จะได้ราว 1.38 ล้านบาท",
         "ดอกเบี้ยบัตรเครดิตสูงสุด 16% ต่อปี จ่ายขั้นต่ำอย่างเดียวหนี้แทบไม่ลด"),
        ("Keep 3-6 months of expenses as an emergency fund before buying risky assets.",
         "3,000 baht a month at 6% a year for 20 years grows to about 1.38 million baht."),
        ("เข้าใจง่าย", "เริ่มได้ด้วยเงินน้อย", "ลดหย่อนภาษีได้", "แอปใช้ง่าย"),
        ("มีความเสี่ยง", "ค่าธรรมเนียมสูง", "ต้องถือยาว", "เอกสารเยอะ"),
    ),
    "parenting": NicheWords(
        ("ขวดนม", "ผ้าอ้อม", "รถเข็นเด็ก", "อาหารเสริมลูก", "ของเล่นเสริมพัฒนาการ", "นิทานก่อนนอน"),
        ("baby bottles", "diapers", "a stroller", "first foods", "learning toys"),
        ("แม่และเด็ก", "เลี้ยงลูก", "คุณแม่มือใหม่", "ลูกน้อย"),
        ("momlife", "parenting", "babyfirst", "newmom"),
        ("เด็กเริ่มอาหารเสริมได้ตอน 6 เดือน เริ่มทีละอย่าง เว้น 3 วันเพื่อดูอาการแพ้",
         "เด็กต่ำกว่า 2 ขวบไม่ควรดูหน้าจอ ยกเว้นวิดีโอคอลกับครอบครัว"),
        ("Start solids at 6 months, one food at a time, 3 days apart to watch for allergies.",
         "No screens under 2 except video calls with family."),
        ("ลูกชอบ", "ใช้ง่าย", "ซึมซับดี", "ปลอดภัย"),
        ("ราคาสูง", "ชิ้นใหญ่", "ล้างยาก", "ลูกเบื่อเร็ว"),
    ),
    "pets": NicheWords(
        ("อาหารแมว", "ทรายแมว", "ขนมสุนัข", "ของเล่นแมว", "ปลอกคอ", "วัคซีนสุนัข"),
        ("cat food", "cat litter", "dog treats", "cat toys", "dog vaccines"),
        ("ทาสแมว", "หมาแมว", "สัตว์เลี้ยง", "แมวน่ารัก"),
        ("catsofinstagram", "dogsofinstagram", "petlover", "catlife"),
        ("แมวโตควรได้อาหารเปียกร่วมด้วย เพราะแมวดื่มน้ำน้อย ลดความเสี่ยงโรคนิ่วได้",
         "วัคซีนพิษสุนัขบ้าควรฉีดทุกปี ลูกสุนัขเริ่มเข็มแรกที่อายุ 3 เดือน"),
        ("Adult cats drink little, so wet food helps lower the risk of bladder stones.",
         "Rabies shots every year; puppies get the first one at 3 months."),
        ("น้องชอบมาก", "ไม่มีฝุ่น", "เก็บกลิ่นดี", "ราคาคุ้ม"),
        ("น้องเบื่อเร็ว", "ถุงเล็ก", "หายาก", "กลิ่นแรง"),
    ),
    "gaming": NicheWords(
        ("เกมมือถือ", "เกมแนว MOBA", "จอยเกม", "เกมอินดี้", "คอมประกอบ", "หูฟังเกมมิ่ง"),
        ("mobile games", "MOBA ranked", "a controller", "indie games", "a gaming PC"),
        ("เกมเมอร์", "เล่นเกม", "สายเกม", "เกมมือถือ"),
        ("gaming", "gamer", "esports", "mobilegaming", "gameplay"),
        ("คอมประกอบงบ 25,000 บาท เล่นเกมยอดนิยมได้ 100+ FPS ที่ 1080p ถ้าเลือกการ์ดจอให้ถูก",
         "แรงก์สูงต้องดูแมป วิจัยของทีมเราพบว่าผู้เล่นที่ดูแมปบ่อยชนะมากกว่าราว 12%"),
        ("A 25,000-baht build runs popular titles at 100+ FPS in 1080p with the right GPU.",),
        ("เล่นลื่น", "ภาพสวย", "เล่นกับเพื่อนสนุก", "ราคาดี"),
        ("เครื่องร้อน", "แบตหมดไว", "ต้องเติมเงิน", "เซิร์ฟแลค"),
    ),
    "home": NicheWords(
        ("ชั้นวางของ", "ผ้าม่าน", "ต้นไม้ในบ้าน", "หุ่นยนต์ดูดฝุ่น", "โคมไฟ", "กล่องเก็บของ"),
        ("shelving", "curtains", "indoor plants", "a robot vacuum", "storage boxes"),
        ("แต่งบ้าน", "บ้านน่าอยู่", "ของใช้ในบ้าน", "คอนโดเล็ก"),
        ("homedecor", "interiordesign", "homeideas", "smallspace"),
        ("ห้องคอนโด 28 ตร.ม. ใช้เฟอร์นิเจอร์ขาสูงช่วยให้ห้องดูกว้างขึ้น แสงผ่านได้มากขึ้น",
         "ผ้าม่านกันแสง UV ลดอุณหภูมิห้องฝั่งตะวันตกได้ 2-3 องศาในการวัดของเรา"),
        ("In a 28 sqm condo, raised furniture makes the room feel bigger.",),
        ("ประกอบง่าย", "ประหยัดพื้นที่", "ดูแพง", "ทำความสะอาดง่าย"),
        ("ชิ้นส่วนเยอะ", "สีเพี้ยนนิดหน่อย", "ส่งช้า", "เสียงดัง"),
    ),
    "automotive": NicheWords(
        ("รถอีวี", "รถกระบะ", "ยางรถยนต์", "น้ำมันเครื่อง", "กล้องติดรถ", "รถมือสอง"),
        ("EVs", "pickup trucks", "tyres", "engine oil", "dash cams", "used cars"),
        ("รีวิวรถ", "รถยนต์", "รถไฟฟ้า", "สายรถ"),
        ("carreview", "evthailand", "automotive", "cars"),
        ("รถอีวีวิ่ง 100 กม. ค่าไฟบ้านราว 100-150 บาท ขณะที่รถน้ำมันใช้ราว 300-400 บาท",
         "เปลี่ยนน้ำมันเครื่องสังเคราะห์ทุก 10,000 กม. หรือ 1 ปี แล้วแต่อย่างไหนถึงก่อน"),
        ("An EV costs about 100-150 baht of home power per 100 km vs 300-400 baht of fuel.",),
        ("ขับสนุก", "ประหยัด", "ช่วงล่างดี", "ศูนย์บริการเยอะ"),
        ("ที่ชาร์จน้อย", "ค่าซ่อมแพง", "เบาะแข็ง", "เสียงลมดัง"),
    ),
    "education": NicheWords(
        ("ศัพท์อังกฤษ", "ข้อสอบ TGAT", "เทคนิคจำ", "แกรมมาร์", "ติวฟิสิกส์", "เรียนต่อต่างประเทศ"),
        ("English vocab", "exam prep", "memory techniques", "grammar", "studying abroad"),
        ("ติวสอบ", "ภาษาอังกฤษ", "เรียนเก่ง", "dek68"),
        ("studygram", "learnenglish", "studytips", "examprep"),
        ("ทบทวนแบบเว้นระยะ 1-3-7 วัน ช่วยจำศัพท์ได้นานกว่าการอ่านรวดเดียวเกือบ 2 เท่า",
         "ข้อสอบส่วนอ่านใช้เวลามากที่สุด ฝึกอ่านจับใจความวันละ 15 นาทีเห็นผลใน 1 เดือน"),
        ("Spaced review at 1, 3 and 7 days nearly doubles how long you remember new words.",),
        ("เข้าใจง่าย", "มีแบบฝึกหัด", "ฟรี", "ใช้ได้จริงในห้องสอบ"),
        ("เนื้อหาเยอะ", "ต้องฝึกบ่อย", "เร็วไปนิด"),
    ),
    "lifestyle": NicheWords(
        ("คาเฟ่", "ตลาดนัด", "วันหยุด", "ห้องนอน", "มื้อเช้า", "กิจวัตรตอนเช้า"),
        ("cafes", "weekend markets", "my morning routine", "slow Sundays", "room makeovers"),
        ("ไลฟ์สไตล์", "ชีวิตประจำวัน", "วันหยุด", "คาเฟ่"),
        ("lifestyle", "dailyvlog", "weekendvibes", "thailand"),
        ("จดรายจ่ายทุกวัน 30 วัน ทำให้เห็นว่าค่ากาแฟเดือนละ 2,400 บาท",),
        ("Tracking every baht for 30 days showed me I spend 2,400 baht a month on coffee.",),
        ("บรรยากาศดี", "ราคาดี", "ถ่ายรูปสวย", "ผ่อนคลาย"),
        ("คนเยอะ", "ร้อน", "ที่จอดรถน้อย"),
    ),
}  # fmt: skip

PROS_EN = ("easy to use", "good value", "works as promised", "feels premium", "fast delivery")
CONS_EN = ("a bit pricey", "packaging is wasteful", "took a while to see results", "runs small")

# Lifestyle/entertainment bits for general creators' captions.
ACTIVITIES_TH = ("ไปคาเฟ่ลับๆ", "ออกไปเดินตลาดนัด", "ทำอาหารกินเองที่บ้าน", "ไปทะเลมา",
                 "นั่งรถไฟฟ้าไปเที่ยว", "จัดห้องใหม่", "ตื่นเช้าไปวิ่ง", "เจอเพื่อนสมัยมัธยม")  # fmt: skip
POV_TH = ("เงินเดือนออกวันแรก", "วันจันทร์แต่ใจยังอยู่วันอาทิตย์", "แม่ถามว่าจะกลับบ้านกี่โมง",
          "ฝนตกตอนจะกลับบ้าน", "ได้ของที่สั่งมาแล้ว")  # fmt: skip
POV_EN = (
    "payday hits",
    "Monday but your brain is still on holiday",
    "the rain starts as you leave",
)
EMOJI = ("✨", "😆", "🥰", "☀️", "🌿", "😂", "💕", "🙌", "🔥", "😋", "📸", "🫶")
