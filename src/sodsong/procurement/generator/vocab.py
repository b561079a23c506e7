"""The numbers and words the generator draws from, with where each number comes from.

Shares and log-normal parameters were measured on the real e-GP rows in `data/egp` (2,404
processes after `sodsong import egp`; the SQL is in `calibrate.py`, the results and the choices
made where the sample is thin are in docs/synthetic-data.md). Words are the phrases Thai e-GP
titles, agencies and companies are made of; names get a running number so they read as Thai
but are not real bodies or firms.
"""

from __future__ import annotations

# Fiscal years (BE) and their shares of processes, measured: 2565 451, 2566 573, 2567 723,
# 2568 655 (2564: 2 rows, dropped).
FISCAL_YEARS = ((2565, 0.188), (2566, 0.239), (2567, 0.301), (2568, 0.272))
# Fiscal months October..September: the sample has 135 publication dates (too few to see a
# season), so this profile is an assumption with the year-end peak the brief names (September).
MONTH_WEIGHTS = (6.0, 7.0, 8.0, 7.0, 8.0, 9.0, 7.0, 8.0, 8.0, 8.0, 9.0, 15.0)

# Categories (measured goods 62.6 %, services 37.1 %, works 0.2 % on a drone-only sample: works
# raised to 10 % because construction is outside that sample's selection).
CATEGORIES = (  # (main_procurement_category, category_raw, share)
    ("goods", "ซื้อ", 0.55),
    ("services", "จ้างทำของ/จ้างเหมาบริการ", 0.35),
    ("works", "จ้างก่อสร้าง", 0.10),
)
# Methods (measured: เฉพาะเจาะจง 89.7 %, e-bidding 5.5 %, คัดเลือก 4.3 %, other 0.5 %).
METHODS = (  # (method_details, procurement_method, title suffix, share)
    ("เฉพาะเจาะจง", "direct", " โดยวิธีเฉพาะเจาะจง", 0.897),
    ("ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)", "open", " ด้วยวิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding)", 0.057),
    ("คัดเลือก", "selective", " โดยวิธีคัดเลือก", 0.046),
)
# Reference price log-normal per (method, category): (geometric mean baht, sd of ln). Measured
# where the sample has rows (direct goods n=1310, direct services 841, open goods 116, open
# services 16, selective goods 69, selective services 29, selective works 4, open works 1);
# direct works is an assumption.
AMOUNTS = {
    ("direct", "goods"): (51_964.0, 1.44),
    ("direct", "services"): (33_191.0, 1.76),
    ("direct", "works"): (150_000.0, 1.20),
    ("open", "goods"): (2_131_548.0, 1.02),
    ("open", "services"): (6_344_916.0, 1.83),
    ("open", "works"): (2_010_000.0, 1.02),
    ("selective", "goods"): (4_540_468.0, 1.59),
    ("selective", "services"): (2_275_047.0, 1.22),
    ("selective", "works"): (4_819_365.0, 1.86),
}
# Reference price equal to the budget in 88.2 % of processes (else 0.90-1.0 of it); above it 2.2 %
# (not drawn: above-budget is planted as TH-REF-VS-BUDGET).
REF_EQUALS_BUDGET = 0.882
# Winning price / reference price: share exactly equal, then median discount and sd of its ln.
# Measured: direct 91.4 % equal (5th percentile 0.9935); open 5.3 % equal, median 0.990, quartile
# 0.957, 5th percentile 0.791; selective 25.5 % equal, median 0.998, 5th percentile 0.851.
WIN_RATIO = {  # method -> (share equal to the reference price, median discount, sd of ln discount)
    "direct": (0.914, 0.005, 1.2),
    "open": (0.053, 0.010, 1.8),
    "selective": (0.255, 0.004, 2.0),
}
# Project status (measured: ระหว่างดำเนินการ 75.2 %, สิ้นสุดสัญญา 24.8 %; contracts the same).
STATUSES = (("ระหว่างดำเนินการ", "active", 0.752), ("สิ้นสุดสัญญา", "complete", 0.248))
# Contract length in days: measured 10th/50th/90th percentile 33/60/108 -> log-normal.
CONTRACT_DAYS = (60.0, 0.45)

# Province shares: processes per province in the sample (province_code -> rows; every province
# gets at least 1).
PROVINCE_ROWS = {
    "TH10": 484, "TH11": 24, "TH12": 61, "TH13": 55, "TH14": 23, "TH15": 1, "TH16": 33, "TH17": 5,
    "TH18": 15, "TH19": 73, "TH20": 114, "TH21": 29, "TH22": 26, "TH23": 4, "TH24": 39, "TH25": 27,
    "TH26": 10, "TH27": 21, "TH30": 67, "TH31": 20, "TH32": 5, "TH33": 15, "TH34": 44, "TH35": 10,
    "TH36": 24, "TH37": 3, "TH38": 5, "TH39": 6, "TH40": 66, "TH41": 54, "TH42": 11, "TH43": 12,
    "TH44": 28, "TH45": 12, "TH46": 17, "TH47": 28, "TH48": 15, "TH49": 2, "TH50": 122, "TH51": 22,
    "TH52": 26, "TH53": 12, "TH54": 11, "TH55": 2, "TH56": 14, "TH57": 87, "TH58": 14, "TH60": 13,
    "TH61": 20, "TH62": 23, "TH63": 21, "TH64": 20, "TH65": 34, "TH66": 21, "TH67": 19, "TH70": 24,
    "TH71": 23, "TH72": 30, "TH73": 22, "TH74": 7, "TH75": 2, "TH76": 14, "TH77": 9, "TH80": 51,
    "TH81": 20, "TH82": 2, "TH83": 31, "TH84": 46, "TH85": 3, "TH86": 8, "TH90": 52, "TH91": 8,
    "TH92": 25, "TH93": 17, "TH94": 14, "TH95": 17, "TH96": 9,
}  # fmt: skip

# Scale: processes per agency and per company. The sample has 950 agencies and 1,264 winners for
# 2,404 processes, but it is one product's slice of e-GP; the whole of e-GP has about 8,000
# buying agencies, so agencies are N/250 (at least 30, at most 8,000) and companies N/30.
PROCESSES_PER_AGENCY = 250
MAX_AGENCIES = 8000
PROCESSES_PER_COMPANY = 30
# Agency sizes: agency index = floor(A * u ** AGENCY_SKEW), a heavy tail: the largest agency has
# (1/A) ** (1/AGENCY_SKEW) of all processes, 3.5 % at A = 800 as the sample's largest. The largest
# 1 % of agencies are in Bangkok (central bodies); the others are spread by PROVINCE_ROWS with
# Bangkok's weight halved, which gives Bangkok about the sample's 20 %.
AGENCY_SKEW = 2.0
CENTRAL_AGENCIES = 0.01

WORKS = (
    "จ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ {n} บ้าน{v}",
    "จ้างก่อสร้างถนนลาดยางแอสฟัลท์ติกคอนกรีต สายบ้าน{v} - บ้าน{w}",
    "จ้างก่อสร้างรางระบายน้ำคอนกรีตเสริมเหล็ก พร้อมบ่อพัก หมู่ที่ {n} บ้าน{v}",
    "จ้างเหมาขุดลอกคลองส่งน้ำ บ้าน{v}",
    "จ้างก่อสร้างระบบประปาหมู่บ้าน แบบบาดาลขนาดใหญ่ บ้าน{v}",
    "จ้างปรับปรุงอาคารเรียน โรงเรียนบ้าน{v}",
    "จ้างก่อสร้างอาคารอเนกประสงค์ บ้าน{v}",
    "จ้างก่อสร้างฝายน้ำล้น ห้วย{v}",
)
GOODS = (
    "ซื้อวัสดุสำนักงาน จำนวน {n} รายการ",
    "ซื้ออาหารเสริม (นม) โรงเรียน ภาคเรียนที่ {s}",
    "ซื้อวัสดุเชื้อเพลิงและหล่อลื่น",
    "ซื้อครุภัณฑ์คอมพิวเตอร์ จำนวน {n} เครื่อง",
    "ซื้อยาและเวชภัณฑ์ที่มิใช่ยา",
    "ซื้อวัสดุก่อสร้าง บ้าน{v}",
    "ซื้ออากาศยานไร้คนขับ (โดรน) เพื่อการเกษตร จำนวน {n} ลำ",
    "ซื้อวัสดุการแพทย์ โรงพยาบาลส่งเสริมสุขภาพตำบลบ้าน{v}",
    "ซื้อครุภัณฑ์การเกษตร เครื่องสูบน้ำ จำนวน {n} เครื่อง",
    "ซื้ออะไหล่สำหรับโดรนถ่ายภาพ จำนวน {n} รายการ",
)
SERVICES = (
    "จ้างเหมาบริการทำความสะอาดอาคาร",
    "จ้างซ่อมแซมรถยนต์ส่วนกลาง หมายเลขทะเบียน กข {n}",
    "จ้างเหมารถโดยสารปรับอากาศ เพื่อศึกษาดูงาน",
    "จ้างเหมาบริการรักษาความปลอดภัย",
    "จ้างเหมาบริการกำจัดขยะมูลฝอย บ้าน{v}",
    "จ้างทำป้ายประชาสัมพันธ์ โครงการ{v}",
    "จ้างเหมาบริการซ่อมแซมและบำรุงรักษาโดรน จำนวน {n} ลำ",
    "จ้างสำรวจและถ่ายภาพทางอากาศด้วยอากาศยานไร้คนขับ บ้าน{v}",
)
VILLAGE_A = (
    "หนอง", "โนน", "นา", "ดอน", "ห้วย", "โคก", "สระ", "หัว", "ท่า", "บ่อ", "ป่า", "วัง", "คำ", "ทุ่ง",
    "เหล่า", "กุด", "ม่วง", "แม่", "ปาก", "บึง",
)  # fmt: skip
VILLAGE_B = (
    "บัว", "แดง", "ใหญ่", "น้อย", "ยาง", "สูง", "งาม", "ทอง", "ขาม", "หว้า", "ไผ่", "แก", "ตาล", "กลาง",
    "ไร่", "พัฒนา", "สำราญ", "เจริญ", "ศรี", "เรือ", "ช้าง", "แวง",
)  # fmt: skip
AGENCY_KINDS = (
    "องค์การบริหารส่วนตำบล", "เทศบาลตำบล", "เทศบาลเมือง", "โรงเรียนบ้าน", "โรงพยาบาลส่งเสริมสุขภาพตำบลบ้าน",
    "สำนักงานทางหลวงชนบทจังหวัด", "โครงการชลประทาน", "มหาวิทยาลัยราชภัฏ", "โรงพยาบาล", "ศูนย์วิจัย",
)  # fmt: skip
UNITS = ("สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา", "งานพัสดุ", "กลุ่มงานบริหารทั่วไป")
COMPANY_FORMS = (  # (name template, legal form)
    ("บริษัท {a}{b}ก่อสร้าง {n} จำกัด", "บริษัทจำกัด"),
    ("ห้างหุ้นส่วนจำกัด {a}{b}การโยธา {n}", "ห้างหุ้นส่วนจำกัด"),
    ("บริษัท {a}{b}พาณิชย์ {n} จำกัด", "บริษัทจำกัด"),
    ("ห้างหุ้นส่วนจำกัด {a}{b}วัสดุ {n}", "ห้างหุ้นส่วนจำกัด"),
    ("บริษัท {a}{b}เทรดดิ้ง {n} จำกัด", "บริษัทจำกัด"),
    ("บริษัท {a}{b}เทคโนโลยี {n} จำกัด", "บริษัทจำกัด"),
)
FIRST_NAMES = (
    "สมชาย", "สมศักดิ์", "วิชัย", "ประเสริฐ", "สุนทร", "อนันต์", "ชัยวัฒน์", "ธนากร", "สุดารัตน์", "มาลี",
    "วันเพ็ญ", "กาญจนา", "ปราณี", "สมหญิง", "นภา", "อรุณี",
)  # fmt: skip
SURNAME_PARTS = ("ศรี", "สุข", "ทอง", "วงศ์", "ชัย", "บุญ", "เจริญ", "รุ่ง", "พันธ์", "กุล", "สกุล", "เดช")
PARTIES = (
    "พรรคก้าวหน้าสังเคราะห์", "พรรครวมใจสังเคราะห์", "พรรคพัฒนาสังเคราะห์", "พรรคประชาสังเคราะห์",
    "พรรคเสรีสังเคราะห์", "พรรคชาติสังเคราะห์",
)  # fmt: skip
KINSHIP = ("คู่สมรส", "บุตร", "พี่น้อง", "บิดา", "มารดา")
