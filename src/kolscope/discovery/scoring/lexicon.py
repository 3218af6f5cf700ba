"""Thai and English words that point to a niche or a creator type (tone words: ``tone_words``).

Each list is one string of comma-separated terms; ``term~0.5`` gives a term a weight other
than 1. Terms are lower case. Thai terms are found anywhere in the text (Thai has no spaces),
so no Thai term here may sit inside an everyday word with another meaning: หมา is left out
(ความหมาย), ลูก (ลูกค้า), คอม (คอมเมนต์), หนัง (ผิวหนัง), กระ (กระเป๋า); where a short word is
needed it is a pattern with the look-alikes excluded (PATTERNS). English terms match whole
words (several words allowed); in hashtags and handles they are also found joined to others.
"""

from __future__ import annotations

# --- niches -------------------------------------------------------------------------------------

NICHE_TERMS: dict[str, str] = {
    "beauty": (
        "บิวตี้, ความงาม, ความสวยความงาม, เครื่องสำอาง, คอสเมติก, ทำเล็บ, ทาเล็บ, สีทาเล็บ, ต่อขนตา,"
        " ทำผม, ทรงผม, ย้อมผม, สีผม, น้ำหอม~0.5, รีวิวบิวตี้, บิวตี้บล็อกเกอร์,"
        " beauty, beautyreview, beautyblogger, beautytips, cosmetics, nails, nailart, manicure,"
        " haircare, hairstyle, fragrance, perfume, kbeauty, grwm~0.5"
    ),
    "makeup": (
        "แต่งหน้า, เมคอัพ, เมกอัพ, ลิปสติก, ลิปทินท์, ลิปทินต์, ลิปแมท, ลิปแมตต์, ลิปกลอส, ลิปสวย, ทาลิป,"
        " คุชชั่น, รองพื้น, คอนซีลเลอร์, มาสคาร่า, อายไลเนอร์, อายแชโดว์, พาเลท, บลัชออน, ปัดแก้ม,"
        " คอนทัวร์, แป้งฝุ่น, แป้งพัฟ, ขนตาปลอม, เขียนคิ้ว, ดินสอเขียนคิ้ว, ช่างแต่งหน้า, ไพรเมอร์,"
        " makeup, make up, makeuptutorial, makeuplook, mua, lipstick, lip tint, liptint, lip gloss,"
        " lipgloss, foundation~0.4, cushion~0.5, concealer, mascara, eyeliner, eyeshadow,"
        " palette~0.5, blush~0.5, contour, highlighter~0.5, brows~0.6, motd, glam~0.6, lippy"
    ),
    "skincare": (
        "สกินแคร์, รีวิวสกินแคร์, ผิวหน้า, ผิวแพ้ง่าย, ผิวมัน~0.5, ผิวแห้ง~0.5, ผิวผสม~0.5, มีน้ำหอม~0.3,"
        " ไม่มีน้ำหอม~0.3, ผิวเป็นสิว, สิว, รอยสิว, รอยดำ,"
        " ฝ้า, ริ้วรอย, ครีมกันแดด, กันแดด, เซรั่ม, เซรัม, โทนเนอร์, มอยส์เจอไรเซอร์, มอยซ์เจอไรเซอร์,"
        " คลีนเซอร์, คลีนซิ่ง~0.6, โฟมล้างหน้า, ล้างหน้า, มาส์กหน้า, เรตินอล, ไนอาซินาไมด์, วิตามินซี~0.5,"
        " ไฮยาลูรอน, ผลัดเซลล์, รูขุมขน, หน้าใส, ผิวใส, ผิวสวย, ผิวชุ่มชื้น, ครีมบำรุง, บำรุงผิว,"
        " แพทย์ผิวหนัง, หมอผิว, ผิวหนัง~0.5, เจลแต้มสิว, สิวอุดตัน,"
        " skincare, skin care, skincareroutine, skincaretips, skin~0.6, sunscreen, sunblock,"
        " spf~0.6, serum, toner, moisturiser, moisturizer, cleanser, retinol, retinoid,"
        " niacinamide, hyaluronic, ceramide, acne, acneskin, pimple, pores, exfoliate, exfoliant,"
        " aha~0.5, bha~0.5, dermatologist, derm, sensitive skin, oily skin, dry skin, glassskin,"
        " skin barrier, glow~0.4, clearskin"
    ),
    "fashion": (
        "แฟชั่น, แต่งตัว, ชุดทำงาน, ชุดไปเที่ยว, ชุดไปทะเล, เสื้อผ้า, ตู้เสื้อผ้า, เดรส, กระโปรง, กางเกงยีนส์,"
        " ยีนส์, เสื้อเชิ้ต, เสื้อยืด, รองเท้า, รองเท้าผ้าใบ, กระเป๋าสะพาย, กระเป๋าถือ, สไตลิสต์,"
        " มิกซ์แอนด์แมทช์, เครื่องประดับ, ผ้าไทย, ผ้าซิ่น, ผ้าลินิน, แบรนด์เนม, นางแบบ, นายแบบ,"
        " fashion, ootd, outfit, outfits, outfitideas, style~0.5, streetstyle, lookbook, dress~0.5,"
        " jeans, sneakers, shirt~0.5, handbag, wardrobe, closet~0.6, menswear, womenswear,"
        " stylist, modeling, model~0.3, accessories~0.6, jewelry, jewellery, linen~0.5, wiwt,"
        " whatiwore, fashionista, wear~0.3"
    ),
    "food": (
        "อาหาร~0.6, ของอร่อย, อร่อย~0.6, พากิน, กินเที่ยว, ก๋วยเตี๋ยว, ข้าวมันไก่, หมูกระทะ, ชาบู, ส้มตำ,"
        " ขนมหวาน, ของหวาน, เบเกอรี่, คาเฟ่~0.15, กาแฟ~0.15, ชาไทย, ชานม, สตรีทฟู้ด, ทำอาหาร, สูตรอาหาร,"
        " เมนู~0.6, เชฟ~0.6, มิชลิน~0.6, น้ำซุป, หิว~0.6, ของกิน, กินข้าว~0.5, อาหารไทย, อาหารญี่ปุ่น,"
        " ร้านกาแฟ~0.3, ขนมไทย, ทำขนม, ไก่ทอด, หมูปิ้ง, ข้าวเหนียว, ยำ~0.3, ปิ้งย่าง,"
        " food, foodie, foodreview, foodporn, foodstagram, yummy, delicious, eats, cafe~0.15,"
        " coffee~0.15, dessert, bakery, recipe, recipes, cooking, noodles, streetfood, mukbang,"
        " thaifood, bangkokfood, chef~0.6, brunch~0.6, aroi, foodblogger, homecooking, kin~0.4"
    ),
    "restaurants": (
        "ร้านอาหาร, รีวิวร้านอาหาร, ร้านเด็ด, ร้านลับ, ร้านดัง, ร้านบุฟเฟ่ต์, บุฟเฟ่ต์, จองโต๊ะ, รอคิว~0.3,"
        " โอมากาเสะ, ไฟน์ไดนิ่ง, ร้านอร่อย,"
        " restaurant, restaurants, michelin, finedining, omakase, bistro, buffet"
    ),
    "travel": (
        "เที่ยว~0.5, ไปเที่ยว~0.4, ท่องเที่ยว, เที่ยวไทย, ที่เที่ยว, ทริป, ทะเล~0.6, ภูเขา~0.6, ดอย~0.6, เกาะ~0.4,"
        " ที่พัก, โรงแรม~0.7, รีสอร์ท,"
        " รีสอร์ต, แคมปิ้ง, กางเต็นท์, ตั๋วเครื่องบิน, เที่ยวบิน, วีซ่า, น้ำตก, จุดชมวิว, วิวสวย~0.5,"
        " ต่างประเทศ~0.3, กระบี่~0.4, ภูเก็ต~0.4, เชียงใหม่~0.3, เชียงราย~0.3, น่าน~0.3, เขาใหญ่~0.4,"
        " หัวหิน~0.4, เกาะสมุย~0.5, เกาะช้าง~0.5, ตลาดน้ำ~0.5, ไกด์~0.6, มัคคุเทศก์~0.6, เดินป่า,"
        " travel, traveling, travelling, traveler, traveller, trip~0.7, trips~0.7, wanderlust,"
        " vacation, holiday~0.5, beach~0.5, island~0.5, islands~0.5, hotel~0.7, resort,"
        " backpacking, backpacker, itinerary, roadtrip, staycation, travelthailand,"
        " thailandtravel, amazingthailand, tiew, explore~0.3, flight~0.5, journey~0.4,"
        " wander~0.6, wanderer~0.6, thailand~0.3, hiking, camping"
    ),
    "fitness": (
        "ฟิตเนส, ออกกำลังกาย, เล่นเวท, เวทเทรนนิ่ง, ยกเวท, ลดน้ำหนัก~0.7, ลดไขมัน, เผาผลาญ, คาร์ดิโอ,"
        " สควอต, สควอท, สคว็อต, มาราธอน, โยคะ, พิลาทิส, เวย์โปรตีน, โปรตีน~0.5, กล้ามเนื้อ~0.6,"
        " ซิกแพค, แคลอรี่~0.5, แคลอรี~0.5, เทรนเนอร์, ยิม, คนรักสุขภาพ, วิ่ง~0.4, วิ่งโซน,"
        " fitness, workout, workouts, gym, gymlife, fitspo, fit~0.5, homeworkout, hiit, squat,"
        " squats, deadlift, cardio, running~0.6, run~0.3, marathon, yoga, pilates, protein~0.5,"
        " whey, weightloss, gains~0.5, bodybuilding, crossfit, personal trainer, abs~0.6,"
        " strength training, lift~0.4, lifting"
    ),
    "health": (
        "สุขภาพ, สุขภาพดี, ความรู้สุขภาพ, หมอแนะนำ, การนอน~0.7, นอนหลับ~0.6, นอนไม่หลับ, ความดัน,"
        " เบาหวาน, คอเลสเตอรอล, วิตามิน~0.6, อาหารเสริม~0.7, ภูมิแพ้, ปวดหลัง, ปวดหัว, ไมเกรน,"
        " โรค~0.5, สมุนไพร, สุขภาพจิต, ซึมเศร้า, ความเครียด, โภชนาการ, ลดหวาน, โรงพยาบาล~0.6,"
        " ตรวจสุขภาพ, ภูมิคุ้มกัน, ออฟฟิศซินโดรม, นักกำหนดอาหาร,"
        " health, healthy, wellness, healthtips, healthyliving, sleep~0.5, nutrition,"
        " vitamin~0.6, vitamins~0.6, supplement~0.6, supplements~0.6, diabetes,"
        " blood pressure, cholesterol, mental health, medical~0.6, wellbeing, selfcare~0.4,"
        " immune, healthcare"
    ),
    "it_gadgets": (
        "ไอที, แกดเจ็ต, แก็ดเจ็ต, เทคโนโลยี, มือถือ, สมาร์ทโฟน, สมาร์ตโฟน, รีวิวมือถือ, โทรศัพท์~0.5,"
        " โน้ตบุ๊ก, โน๊ตบุ๊ค, โน้ตบุ๊ค, แล็ปท็อป, คอมพิวเตอร์, แท็บเล็ต, ไอแพด, ไอโฟน, แอนดรอยด์, หูฟัง,"
        " ลำโพง, สมาร์ตวอทช์, สมาร์ทวอทช์, พาวเวอร์แบงก์, พาวเวอร์แบงค์, คีย์บอร์ด, แกะกล่อง~0.6,"
        " ซอฟต์แวร์, โปรแกรมเมอร์, เขียนโปรแกรม, ปัญญาประดิษฐ์, ชิปเซ็ต, ของมันต้องมี~0.4, แบตเตอรี่~0.4,"
        " tech, technology, gadget, gadgets, techreview, unboxing~0.6, unbox~0.6, smartphone,"
        " phone~0.5, iphone, android, laptop, tablet, ipad, earbuds, headphones, smartwatch,"
        " power bank, powerbank, keyboard, gpu~0.6, cpu~0.6, computer, software, coding,"
        " programming,"
        " ai~0.5, specs, geek~0.6, techtalk"
    ),
    "gaming": (
        "เกม, เกมเมอร์, เล่นเกม~0.7, หูฟังเกมมิ่ง, สายเกม, เกมมือถือ, อีสปอร์ต, สตรีมเกม, แคสเกม, ไลฟ์เกม,"
        " แรงก์, เติมเกม,"
        " จอยเกม, เกมมิ่ง, คอมประกอบ,"
        " gaming, gamer, gamers, esports, esport, e-sports, mobilegaming, gameplay, game~0.6,"
        " games~0.6, playstation, ps5, xbox, nintendo, moba, rpg, fps~0.6, minecraft, roblox,"
        " valorant, rov, pubg, streamer~0.5, twitch, letsplay, gg~0.5, speedrun, plays~0.3"
    ),
    "finance": (
        "การเงิน, ลงทุน, การลงทุน, ออมเงิน, เก็บเงิน, วางแผนการเงิน, หุ้น, กองทุน, ดอกเบี้ย, ภาษี,"
        " ลดหย่อนภาษี, ประกันชีวิต, ประกันสุขภาพ, ประกัน~0.5, หนี้, บัตรเครดิต, สินเชื่อ, คริปโต,"
        " บิตคอยน์, ปันผล, พอร์ตลงทุน, เกษียณ, ผลตอบแทน, เงินสำรองฉุกเฉิน, ทองคำ~0.5, เรื่องเงิน,"
        " ค่าธรรมเนียม~0.4, อิสรภาพทางการเงิน, เงินเดือน~0.2,"
        " finance, personalfinance, investing, invest, investment, investments, money~0.5,"
        " moneytips, stocks, stock market, dividend, dividends, crypto, bitcoin, savings,"
        " budget~0.4, budgeting, tax~0.6, taxes~0.6, etf, index fund, index funds, retirement,"
        " financialfreedom, credit card, credit cards, loan~0.6, loans~0.6, insurance~0.5,"
        " wealth, fintech, ngern"
    ),
    "business": (
        "ธุรกิจ, ผู้ประกอบการ, สตาร์ทอัพ, สตาร์ตอัพ, การตลาด, ขายของออนไลน์, แม่ค้าออนไลน์,"
        " เจ้าของกิจการ, แฟรนไชส์, ซีอีโอ, เอสเอ็มอี, ยอดขาย~0.5, การบริหาร,"
        " business, entrepreneur, entrepreneurs, startup, startups, marketing, sme, smes, ceo~0.6,"
        " founder~0.6, ecommerce, leadership, career~0.5, careers~0.5, management~0.5, linkedin"
    ),
    "parenting": (
        "แม่และเด็ก, เลี้ยงลูก, คุณแม่, แม่ลูกอ่อน, คุณแม่มือใหม่, ลูกน้อย, ลูกสาว, ลูกชาย, ลูกๆ, ทารก,"
        " เด็กเล็ก, เด็กอ่อน, ขวดนม, นมแม่, ผ้าอ้อม, แพมเพิส, รถเข็นเด็ก, ตั้งครรภ์, ตั้งท้อง, คนท้อง,"
        " คลอด~0.7, พัฒนาการ~0.7, ของเล่นเสริมพัฒนาการ, อาหารเสริมลูก, อาหารเด็ก, ครอบครัว~0.4,"
        " กุมารแพทย์, พ่อบ้าน~0.3,"
        " parenting, momlife, mom~0.6, mommy, mum~0.6, dad~0.5, dadlife, newmom, baby~0.7,"
        " babies, toddler, pregnancy, pregnant, breastfeeding, diapers, stroller, family~0.4,"
        " motherhood, newborn, babyfirst"
    ),
    "kids": (
        "ของเล่น, การ์ตูน~0.6, เพลงเด็ก, นิทาน~0.5,"
        " kids~0.5, toys, toy, nursery rhymes, cartoon~0.6, cartoons~0.6, children~0.5"
    ),
    "pets": (
        "สัตว์เลี้ยง, หมาแมว, ทาสแมว, ทาสหมา, แมว, น้องแมว, น้องหมา, หมาน้อย, ลูกหมา, ลูกแมว, สุนัข,"
        " ทรายแมว, อาหารแมว, อาหารสุนัข, อาหารหมา, ขนมแมว, ขนมสุนัข, ขนมหมา, สัตวแพทย์, หมอหมา,"
        " หมอแมว, กระต่าย~0.5, ปลาสวยงาม, วัคซีนสุนัข, ของเล่นแมว, ของเล่นสุนัข, ของเล่นหมา, อาหารเปียก~0.6,"
        " อาหารเม็ด~0.6,"
        " cat food, dog food, pet food, wet food, cat litter, pets, pet, petlover, cat, cats,"
        " kitten, dog, dogs, puppy, doggo, catsofinstagram,"
        " dogsofinstagram, catlife, doglife, meow, paws, vet~0.5, veterinarian, maew"
    ),
    "home": (
        "แต่งบ้าน, บ้านน่าอยู่, ของใช้ในบ้าน, ของแต่งบ้าน, ตกแต่งบ้าน, ตกแต่งภายใน, จัดบ้าน, จัดห้อง~0.4,"
        " รีโนเวท, คอนโด~0.5, คอนโดเล็ก, เฟอร์นิเจอร์, ผ้าม่าน, ชั้นวาง, โซฟา, ห้องนอน~0.3, ห้องครัว~0.5,"
        " ต้นไม้ในบ้าน, ปลูกต้นไม้, หุ่นยนต์ดูดฝุ่น, เครื่องใช้ไฟฟ้า~0.6, ทำความสะอาด~0.5, งานช่าง~0.5,"
        " มัณฑนากร, กล่องเก็บของ, จัดระเบียบ~0.5,"
        " homedecor, home decor, interior~0.7, interiors, interiordesign, homeideas, decor,"
        " furniture, diy~0.5, renovation, declutter, houseplants, plants~0.4, cleaning~0.5, ikea,"
        " smallspace, condo~0.5, apartment~0.4, homesweethome, bedroom~0.3, kitchen~0.4,"
        " home~0.5, baan~0.6, living~0.3"
    ),
    "automotive": (
        "รถยนต์, รีวิวรถ, รถอีวี, รถไฟฟ้า~0.6, รถกระบะ, รถเก๋ง, รถมือสอง, มอเตอร์ไซค์, บิ๊กไบค์, ยางรถ,"
        " น้ำมันเครื่อง, กล้องติดรถ, ขับรถ~0.5, สายรถ, แต่งรถ, ซูเปอร์คาร์, ช่างยนต์, เครื่องยนต์,"
        " ทดลองขับ, เทสต์ไดรฟ์, ชาร์จรถ, วิศวกรยานยนต์, ยานยนต์,"
        " car, cars, carreview, automotive, auto~0.6, ev, evs, evthailand, electric vehicle,"
        " pickup~0.6, truck~0.6, trucks~0.6, motorbike, motorcycle, bigbike, supercar, tyres,"
        " tires~0.7, engine~0.5, dashcam, dash cam, dash cams, test drive, horsepower, torque,"
        " sedan, suv, motor~0.5, drive~0.3, carlover"
    ),
    "education": (
        "การศึกษา, ติวสอบ, ติว, เรียนเก่ง, ภาษาอังกฤษ, ศัพท์, แกรมมาร์, ไวยากรณ์, ข้อสอบ, สอบเข้า,"
        " เตรียมสอบ, มหาวิทยาลัย~0.4, เรียนต่อ, ทุนการศึกษา, ฟิสิกส์, คณิต, เคมี~0.6, ชีวะ,"
        " วิทยาศาสตร์~0.5, ห้องเรียน, นักเรียน~0.6, เทคนิคจำ, ภาษาญี่ปุ่น, ภาษาจีน, เรียนภาษา,"
        " education, study~0.6, studying, studygram, studytips, learnenglish, english~0.4,"
        " vocab, vocabulary, grammar, exam, exams, examprep, tutor, tutoring, university~0.4,"
        " scholarship, science~0.5, math, physics, chemistry, biology, lesson~0.6, lessons~0.6,"
        " learn~0.4, learning~0.4, teacher~0.6, edtech, tgat, tpat, ielts, toefl, kru~0.6"
    ),
    "entertainment": (
        "บันเทิง, ดารา, นักแสดง, ละคร, รายการทีวี, วาไรตี้, ไอดอล~0.5, ข่าวบันเทิง, คอสเพลย์,"
        " entertainment, celebrity, actor, actress, variety show, tv show, reality show,"
        " anime~0.6, cosplay, asmr, showbiz"
    ),
    "comedy": (
        "ตลก, ขำขัน, คลิปตลก, มุกตลก, สแตนด์อัพ, เดี่ยวไมโครโฟน, ล้อเลียน, คลิปฮา,"
        " comedy, comedian, funny~0.6, humor~0.6, humour~0.6, memes~0.6, prank, pranks, skit,"
        " skits, standup, stand-up, parody"
    ),
    "movies": (
        "ภาพยนตร์, หนังใหม่, รีวิวหนัง, ดูหนัง, โรงหนัง, หนังสั้น~0.5, เน็ตฟลิกซ์, ซีรีส์, ซีรี่ส์,"
        " ซีรีย์, สปอยล์~0.5, หนังไทย, หนังผี,"
        " movie, movies, film~0.6, films~0.6, cinema, netflix, moviereview, filmreview,"
        " trailer~0.5, hollywood, kdrama, series~0.4, drama~0.4"
    ),
    "music": (
        "ดนตรี, เพลง, นักร้อง, ร้องเพลง~0.6, คัฟเวอร์, โคฟเวอร์, คอนเสิร์ต, วงดนตรี, กีตาร์, เปียโน, แร็ป,"
        " นักเต้น, ท่าเต้น, เต้นโคฟเวอร์, ศิลปินเพลง,"
        " music, musician, singer, song, songs, cover~0.3, concert, guitar, piano, band~0.5,"
        " rapper, rap~0.6, hiphop, dj, kpop, tpop, dance~0.5, dancer, choreography, spotify,"
        " album"
    ),
    "sports": (
        "กีฬา, ฟุตบอล, บาสเกตบอล, วอลเลย์บอล, แบดมินตัน, เทนนิส, มวยไทย, มวย~0.6, ว่ายน้ำ,"
        " ปั่นจักรยาน, จักรยาน~0.6, นักกีฬา, พรีเมียร์ลีก, ไทยลีก, ทีมชาติ, นักฟุตบอล, กอล์ฟ~0.2,"
        " sports, sport, football, soccer, basketball, volleyball, badminton, tennis, golf~0.3,"
        " boxing, muaythai, mma, swimming, cycling, athlete, premierleague, nba, f1, motogp,"
        " racing~0.6"
    ),
    "art": (
        "ศิลปะ, ศิลปิน~0.5, วาดรูป, ภาพวาด, งานศิลป์, ระบายสี, สีน้ำ, งานคราฟต์, งานฝีมือ, ดีไซน์~0.5,"
        " กราฟิก, ภาพประกอบ, แกลเลอรี, นิทรรศการ, งานปั้น, เพ้นท์,"
        " art, artist, artwork, drawing, painting, illustration, illustrator, sketch~0.4,"
        " watercolor, watercolour, digitalart, design~0.4, graphic design, crafts, handmade,"
        " gallery, exhibition, calligraphy, animation~0.5, animator"
    ),
    "photography": (
        "ถ่ายภาพ, ถ่ายรูป~0.3, ช่างภาพ, กล้องฟิล์ม, เลนส์~0.4, โฟโต้,"
        " photography, photographer, photooftheday, lens~0.4, camera~0.5, portrait~0.5,"
        " filmphotography, 35mm, streetphotography, shotoniphone"
    ),
    "news": (
        "ข่าว, ข่าวสาร, การเมือง, สรุปข่าว, ข่าวด่วน, เลือกตั้ง, รัฐบาล, นักข่าว, ผู้ประกาศข่าว,"
        " สื่อมวลชน, เศรษฐกิจ~0.4,"
        " news, politics, political, journalist, journalism, breaking~0.5, headlines, election,"
        " government, reporter, current affairs"
    ),
    "lifestyle": (
        "ไลฟ์สไตล์, ชีวิตประจำวัน, กาแฟ~0.2, วันๆ~0.5, กิจวัตร~0.6, มนุษย์เงินเดือน~0.3, คาเฟ่~0.4, วันหยุด~0.2,"
        " ตลาดนัด~0.3, ช้อปปิ้ง~0.4, ชีวิตคนเมือง,"
        " lifestyle, coffee~0.2, cafe~0.3, dailyvlog, daily vlog, vlog~0.5, vlogs~0.5, vlogger~0.5,"
        " dailylife,"
        " everyday~0.3, daily~0.3, diary~0.3, routine~0.3, morning routine, weekend~0.2,"
        " weekendvibes~0.5, photodump~0.3, dayinmylife, slowliving, life~0.2"
    ),
}

# Hashtags that say nothing about a niche (platform and reach tags).
EMPTY_TAGS = frozenset({
    "fyp", "foryou", "foryoupage", "fypシ", "viral", "trending", "reels", "reel", "instadaily",
    "instagood", "instagram", "ig", "tiktok", "tiktokthailand", "shorts", "youtube", "lemon8",
    "explore", "explorepage", "photooftheday", "like4like", "follow", "followme", "love",
    "thailand🇹🇭", "bangkok", "ไทย", "ฟีด", "ฟีดดดシ",
})  # fmt: skip
# Platform names that start campaign hashtags (#tiktokพากิน): such tags count for little.
PLATFORM_TAG_PREFIXES = ("tiktok", "lemon8", "youtube", "insta", "facebook", "ig")
# Words glued to a niche word in hashtags and handles ("#bangkokfood", "#skincaretips").
TAG_PREFIXES = (
    "bangkok", "bkk", "thailand", "thai", "insta", "daily", "best", "my", "the", "ig", "th",
    "cute", "love", "i",
)  # fmt: skip
TAG_SUFFIXES = (
    "ofinstagram", "reviews", "reviewer", "review", "thailand", "tips", "tip", "lovers", "lover",
    "life", "daily", "thai", "th", "bkk", "gram", "ofig", "addict", "vlog", "routine", "tutorial",
    "ideas", "inspo", "time", "love", "community", "world", "goals", "journey", "diary", "hacks",
    "club", "porn", "spo", "101", "s",
)  # fmt: skip
# Romanised Thai and short English words used in handles (matched as a whole handle part).
HANDLE_WORDS: dict[str, str] = {
    "aroi": "food", "kin": "food", "eats": "food", "yummy": "food", "tiew": "travel",
    "trip": "travel", "ngern": "finance", "maew": "pets", "mua": "makeup", "derm": "skincare",
    "baan": "home", "rod": "automotive", "kru": "education", "it": "it_gadgets",
    "gg": "gaming", "play": "gaming", "wear": "fashion", "lippy": "makeup", "glow": "skincare",
}  # fmt: skip

# --- creator-type markers ---------------------------------------------------------------------

# Expert content: explaining, comparing, how-to, myth-busting, research, summaries.
EXPLAIN = (
    "อธิบาย, เปรียบเทียบ, เทียบ~0.6, วิธีเลือก, วิธีใช้~0.5, วิธีการ~0.6, วิธีแก้, ขั้นตอน~0.6,"
    " ควรรู้, ความรู้~0.6, เคล็ดลับ~0.6, ความเข้าใจผิด, เข้าใจผิด~0.7, งานวิจัย, ผลวิจัย, วิจัย~0.7,"
    " การศึกษาพบ, อ้างอิง, หลักการ, กลไก, ไขข้อสงสัย, เจาะลึก, ถาม-ตอบ, ตอบคำถาม, สรุป~0.6,"
    " ข้อแนะนำ, คำแนะนำ~0.7, ในฐานะ, มาเล่าให้ฟัง~0.6, เลือกยังไง, ส่วนประกอบ~0.5,"
    " ทดสอบ~0.7, ผลการทดสอบ, เทียบให้ดู, ข้อเท็จจริง, มายเธ,"
    " explain, explains, explained, explainer, compare, compared, comparison, versus, how to,"
    " how-to, step by step, myth, myths, fact~0.5, facts~0.5, research, study shows,"
    " studies show, evidence, according to, tested, breakdown, deep dive, q&a, faq,"
    " what actually matters, here's what, here’s what, guide~0.5, tutorial~0.5, tips~0.4,"
    " as a~0.3, pick by, ingredients~0.4"
)
# Real consumers: paid for it, used it, would buy again, not paid to say so.
CONSUMER = (
    "ซื้อมาใช้เอง, ซื้อเอง, ใช้เอง, ซื้อเองใช้เอง, จ่ายเงินเอง, จ่ายเอง, เงินตัวเอง, ไม่ได้สปอนเซอร์,"
    " ไม่มีสปอนเซอร์, ไม่ได้รับสปอนเซอร์, ไม่ใช่สปอนเซอร์, ไม่ได้ค่าจ้าง, ไม่ได้รับค่าจ้าง, ใช้จริง,"
    " ของใช้จริง, คนใช้จริง, ซื้อซ้ำ, ซื้ออีก~0.6, รีวิวตามจริง~0.6, รีวิวจริง~0.6, ไม่อวย~0.6, ป้ายยา~0.5,"
    " ใช้หมด, ลองใช้มา, ใช้มาแล้ว, ซื้อมาลอง, ลองของ~0.4, ใช้ครบ, หลังใช้, อัปเดตหลังใช้, ตัวจริงใช้,"
    " bought it myself, bought with my own money, with my own money, my own money, paid for it"
    " myself, not sponsored, unsponsored, no sponsor, repurchase, repurchased, honest review,"
    " honest reviews, honestreview, empties, real review, been using, i've been using, weeks in,"
    " months in,"
    " regular buyer, bought~0.4"
)
PROS = "ข้อดี, จุดเด่น, ที่ชอบ, ชอบที่, สิ่งที่ชอบ, pros, what i liked, the good"
CONS = (
    "ข้อเสีย, จุดด้อย, ข้อควรระวัง, ที่ไม่ชอบ, ไม่ชอบ, ติดตรงที่, เสียดาย, ข้อสังเกต~0.5,"
    " cons, downside, downsides, drawback, drawbacks, what i didn't like, didn't like, the bad"
)
CONTRAST = "but, however, although, ส่วนที่ไม่ชอบ"
REVIEW = "รีวิว, review, reviews, รีวิวสินค้า, unboxing~0.5, แกะกล่อง~0.5, ลองใช้"
SPONSORED = (
    "ได้รับการสนับสนุน, สนับสนุนโดย, paid partnership, sponsored by, in partnership with,"
    " ร่วมกับ~0.5, โปรโมชั่นพิเศษ~0.5, ใช้โค้ด~0.5, use code~0.5, gifted, ที่ส่งมาให้ลอง"
)
SPONSORED_TAGS = frozenset({
    "ad", "ads", "sponsored", "sponsor", "โฆษณา", "pr", "gifted", "paidpartnership", "partner",
    "spon", "ได้รับการสนับสนุน", "advertisement", "collab",
})  # fmt: skip
CONSUMER_TAGS = frozenset({
    "ใช้จริง", "ซื้อเองใช้เอง", "รีวิวตามจริง", "รีวิวจริง", "honestreview", "notsponsored",
    "ไม่ได้สปอนเซอร์", "ซื้อเอง", "ของใช้จริง", "realreview",
})  # fmt: skip

# Credentials: the word and how it reads in English. Strong ones are licensed professions.
CREDENTIALS: dict[str, str] = {
    "เภสัชกร": "pharmacist", "ภก.": "pharmacist", "ภญ.": "pharmacist", "แพทย์": "doctor",
    "แพทย์ผิวหนัง": "dermatologist", "ทันตแพทย์": "dentist", "หมอฟัน": "dentist",
    "กุมารแพทย์": "paediatrician", "สัตวแพทย์": "veterinarian", "พยาบาล": "nurse",
    "นักโภชนาการ": "nutritionist", "นักกำหนดอาหาร": "dietitian", "นักกายภาพ": "physiotherapist",
    "วิศวกร": "engineer", "สถาปนิก": "architect", "มัณฑนากร": "interior designer",
    "ครู": "teacher", "อาจารย์": "lecturer", "ติวเตอร์": "tutor", "เชฟ": "chef",
    "เทรนเนอร์": "trainer", "โค้ช": "coach", "ช่างแต่งหน้า": "makeup artist",
    "สไตลิสต์": "stylist", "ดีไซเนอร์": "designer", "มัคคุเทศก์": "licensed guide",
    "นักเขียน": "writer", "ช่างภาพ": "photographer", "นักวิเคราะห์": "analyst",
    "นักวางแผนการเงิน": "financial planner", "ช่างยนต์": "mechanic",
    "นักวิทยาศาสตร์": "scientist", "อดีตนักกีฬา": "former athlete", "ทนายความ": "lawyer",
    "นักบัญชี": "accountant", "ดร.": "PhD", "นักจิตวิทยา": "psychologist", "ผู้ฝึกสุนัข": "dog trainer",
    "นักวิจัย": "researcher", "นักข่าว": "journalist", "ผู้เชี่ยวชาญ": "specialist",
    "dr": "doctor", "doctor": "doctor", "pharmacist": "pharmacist",
    "pharm": "pharmacist", "dermatologist": "dermatologist", "dentist": "dentist",
    "nurse": "nurse", "dietitian": "dietitian", "nutritionist": "nutritionist",
    "physiotherapist": "physiotherapist", "engineer": "engineer", "architect": "architect",
    "interior designer": "interior designer", "teacher": "teacher", "lecturer": "lecturer",
    "ajarn": "lecturer", "professor": "professor", "tutor": "tutor", "chef": "chef",
    "coach": "coach", "personal trainer": "trainer", "mua": "makeup artist",
    "makeup artist": "makeup artist", "stylist": "stylist", "designer": "designer",
    "tour guide": "licensed guide", "writer": "writer", "photographer": "photographer",
    "analyst": "analyst", "financial planner": "financial planner", "cfp": "financial planner",
    "mechanic": "mechanic", "paediatrician": "paediatrician", "pediatrician": "paediatrician",
    "veterinarian": "veterinarian", "scientist": "scientist", "esports pro": "former athlete",
    "certified": "certified", "licensed": "licensed", "registered": "registered", "phd": "PhD",
    "md": "doctor", "lawyer": "lawyer", "accountant": "accountant", "cpa": "accountant",
    "psychologist": "psychologist", "researcher": "researcher", "dog trainer": "dog trainer",
    "journalist": "journalist",
}  # fmt: skip
# Licensed professions: a strong sign of expertise (the rest are trades and roles).
STRONG_CREDENTIALS = frozenset(
    {"pharmacist", "doctor", "dermatologist", "dentist", "paediatrician", "veterinarian",
    "nurse", "dietitian", "physiotherapist", "engineer", "architect", "financial planner",
    "PhD", "lawyer", "accountant", "psychologist", "licensed guide", "certified", "licensed",
    "registered", "lecturer", "professor", "nutritionist"}
)  # fmt: skip


def terms(text: str) -> dict[str, float]:
    """Read a comma-separated list (``term~weight``) into term -> weight."""
    found: dict[str, float] = {}
    for item in text.split(","):
        term, _, weight = item.strip().partition("~")
        term = " ".join(term.split()).casefold()
        if term:
            found[term] = max(found.get(term, 0.0), float(weight) if weight else 1.0)
    return found


# Patterns for what a plain word list cannot say: numbers with units, scores, look-alike words.
# name -> (first character, rest of the regular expression, kind, key, weight); kind is niche,
# marker or credential, as for the word lists. The first character ("0-9" for any digit) is
# given apart: all patterns are joined into one expression with one branch per first character,
# which lets the regular-expression engine skip through text that cannot start any of them.
_UNITS = (
    r"%|เปอร์เซ็นต์|กรัม|มิลลิกรัม|มก\.|มล\.|กก\.|กม\.|กิโลเมตร|กิโลกรัม|องศา|ชั่วโมง|ชม\.|แคลอรี่"
    r"|วัตต์|fps|mah|mg|ml|kg|km|kcal|g|h|hours|degrees|°c?|gb|tb|hz|w"
)
_NUMBER_START = r"(?<![0-9.,/][0-9])"  # a number read from its first digit
PATTERNS: dict[str, tuple[str, str, str, str, float]] = {
    "data": ("0-9", _NUMBER_START + r"[0-9.,]*(?:\s*[-–]\s*[0-9][0-9.,]*)?\s*(?:" + _UNITS
             + r")(?![a-z])", "marker", "data", 1.0),
    "score": ("0-9", _NUMBER_START + r"[0-9]?(?:[.,][0-9])?\s*/\s*(?:10|5)(?![0-9.])",
              "marker", "score", 1.0),
    "weeks_in": ("0-9", _NUMBER_START + r"[0-9]*\s+(?:days|weeks|months)\s+(?:in|of using|later)",
                 "marker", "consumer", 1.0),
    "years_experience": ("0-9", _NUMBER_START + r"[0-9]*\s*(?:ปี\s*ประสบการณ์|(?:yrs|years)\s*"
                         r"(?:of\s+)?experience)", "marker", "experience", 1.0),
    "spf": ("s", r"pf\s*[0-9]+", "marker", "data", 1.0),
    "rating": ("ค", r"ะแนน\s*[0-9]", "marker", "score", 1.0),
    "stars": ("⭐", r"⭐⭐", "marker", "score", 1.0),
    "usage": ("ใ", r"ช้(?:มา|ไป|จริงมา|มาแล้ว|ต่อเนื่อง|มาได้)?\s*(?:ได้\s*)?[0-9]+\s*"
              r"(?:วัน|อาทิตย์|สัปดาห์|เดือน|ปี)", "marker", "consumer", 1.0),
    "after_weeks": ("a", r"fter\s+[0-9]+\s+(?:days|weeks|months)", "marker", "consumer", 1.0),
    "experience": ("ป", r"ระสบการณ์(?:ทำงาน)?\s*[0-9]+\s*ปี", "marker", "experience", 1.0),
    "over_years": ("o", r"ver\s+[0-9]+\s+years", "marker", "experience", 1.0),
    "doctor": ("ห", r"มอ(?![นกงบ])", "credential", "doctor", 1.0),
    "contrast": ("แ", r"ต่(?!ง|ละ)", "marker", "contrast", 1.0),
    "laugh": ("5", r"(?<![0-9.,]5)55+(?![0-9.,])", "marker", "humour", 1.0),
    "shout": ("!", r"!+", "marker", "loud", 1.0),
    "dek": ("d", r"(?<![a-z]d)ek ?[0-9]{2}(?![0-9])", "niche", "education", 1.0),
}  # fmt: skip
