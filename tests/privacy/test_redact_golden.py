"""Golden tests: sentences written like citizens' corruption reports, with what must be found.

Each case lists every finding as (kind, original text), in order. A case that lists nothing is a
must-not-redact case: project numbers, company ids, amounts, dates, times, counts, articles,
organisations after a position.
"""

from __future__ import annotations

import pytest

from sodsong.privacy import redact

Case = tuple[str, list[tuple[str, str]]]

CITIZEN_IDS: dict[str, Case] = {
    "dashed id, name, phone": (
        "ผมชื่อ นายสมชาย ใจดี เลขบัตร 1-1017-00230-70-8 โทร 081-234-5678",
        [("person_name", "สมชาย ใจดี"), ("citizen_id", "1-1017-00230-70-8"), ("phone", "081-234-5678")],
    ),
    "bare id after label": (
        "ผู้แจ้งขอแนบสำเนาบัตร เลขประจำตัวประชาชน 3100600445635 ไว้เป็นหลักฐาน",
        [("citizen_id", "3100600445635")],
    ),
    "spaced id": (
        "ปลัดให้กรอกเลขบัตร 3 1006 00445 63 5 ลงในใบสำคัญรับเงินทั้งที่ผมไม่ได้รับเงิน",
        [("citizen_id", "3 1006 00445 63 5")],
    ),
    "thai digits id": (
        "เลขบัตรประชาชนของผู้เสียหายคือ ๓๔๕๖๗๐๐๑๒๓๔๕๔ ถูกนำไปใช้เบิกค่าแรงโครงการ",
        [("citizen_id", "๓๔๕๖๗๐๐๑๒๓๔๕๔")],
    ),
    "thai digits dashed id": (
        "ชาวบ้านรายนี้ (เลขบัตร ๑-๕๐๙๙-๐๐๑๒๓-๔๕-๓) มีชื่อเป็นแรงงานทั้งที่ไปทำงานต่างจังหวัด",
        [("citizen_id", "๑-๕๐๙๙-๐๐๑๒๓-๔๕-๓")],
    ),
    "id glued to thai text": (
        "ใช้สำเนาบัตรประชาชนเลขที่5200100345670ยื่นขอรับเงินชดเชยแทนเจ้าของ",
        [("citizen_id", "5200100345670")],
    ),
    "id with dots": (
        "ในเอกสารเขียนเลข 8.1002.00456.78.9 ซึ่งเป็นของแม่ผม",
        [("citizen_id", "8.1002.00456.78.9")],
    ),
    "two ids in a row": (
        "รายชื่อผู้รับเงินปลอม 1103700987657, 3900100234565 ไม่มีตัวตนในหมู่บ้าน",
        [("citizen_id", "1103700987657"), ("citizen_id", "3900100234565")],
    ),
    "id next to a phone in one run": (
        "ข้อมูลผู้ร้อง 1101700230708 0812345678 ขอให้ปกปิด",
        [("citizen_id", "1101700230708"), ("phone", "0812345678")],
    ),
    "id in an amount context is still an id": (
        "เจ้าหน้าที่จดเลข 3100600445635 บาท ไว้ในสมุดแทนจำนวนเงิน",
        [("citizen_id", "3100600445635")],
    ),
    "promptpay with citizen id": (
        "ให้โอนผ่านพร้อมเพย์ 1-1017-00230-70-8 ก่อนวันตรวจรับงาน",
        [("citizen_id", "1-1017-00230-70-8")],
    ),
}

PHONES: dict[str, Case] = {
    "mobile bare": (
        "เจ้าหน้าที่ที่ดินโทรมาจากเบอร์ 0891234567 ขอค่าดำเนินการเพิ่ม 3,000 บาท",
        [("phone", "0891234567")],
    ),
    "mobile spaced": (
        "ถ้าจะให้เรื่องเร็วให้โทรหาเบอร์ 08 1234 5678 แล้วบอกว่ามาจากผู้ใหญ่",
        [("phone", "08 1234 5678")],
    ),
    "mobile dotted": (
        "ติดต่อคนกลางที่ 081.234.5678 เพื่อจ่ายค่าใบอนุญาต",
        [("phone", "081.234.5678")],
    ),
    "mobile thai digits": (
        "ผู้รับเหมาให้เบอร์ ๐๘๑-๒๓๔-๕๖๗๘ ไว้กับชาวบ้าน",
        [("phone", "๐๘๑-๒๓๔-๕๖๗๘")],
    ),
    "mobile 06": (
        "หากต้องการสอบถามเพิ่มเติม โทร 061-111-2233 (ผู้แจ้ง)",
        [("phone", "061-111-2233")],
    ),
    "international spaced": (
        "ผู้แจ้งอยู่ต่างประเทศ ติดต่อ +66 81 234 5678 ได้ทางวอทส์แอป",
        [("phone", "+66 81 234 5678")],
    ),
    "international compact": (
        "เบอร์ของตัวแทนบริษัท +66812345678 ใช้โทรนัดรับเงินสด",
        [("phone", "+66812345678")],
    ),
    "international bracketed": (
        "โทร (+66) 89-765-4321 เพื่อยืนยันตัวตน",
        [("phone", "(+66) 89-765-4321")],
    ),
    "bangkok landline": (
        "โทรไปที่สำนักงานเขต 02-123-4567 ไม่มีใครรับสาย",
        [("phone", "02-123-4567")],
    ),
    "bangkok landline bracketed": (
        "เบอร์โต๊ะของหัวหน้าฝ่ายคือ (02) 123-4567 ต่อ 112",
        [("phone", "(02) 123-4567")],
    ),
    "provincial landline": (
        "ร้านวัสดุก่อสร้างที่ได้งาน โทร 053-123-456 เป็นร้านของญาติ นายก อบต.",
        [("phone", "053-123-456")],
    ),
    "provincial landline spaced": (
        "เบอร์บ้านของผู้แจ้ง 044 123 456 กรุณาอย่าเปิดเผย",
        [("phone", "044 123 456")],
    ),
    "two phones in one run": (
        "โทร 081-234-5678 02-123-4567 ได้ตลอดเวลา",
        [("phone", "081-234-5678"), ("phone", "02-123-4567")],
    ),
    "line id that is a phone": (
        "แอดไลน์ 0898765432 แล้วส่งสลิปให้เจ้าหน้าที่",
        [("phone", "0898765432")],
    ),
}

EMAILS: dict[str, Case] = {
    "plain email": (
        "ส่งหลักฐานเพิ่มเติมได้ที่ somchai.jaidee@gmail.com ครับ",
        [("email", "somchai.jaidee@gmail.com")],
    ),
    "email glued to thai": (
        "อีเมลผู้ประสานงานบริษัทคือsales.th+bid@contractor.co.thซึ่งส่งราคาให้ทุกเจ้า",
        [("email", "sales.th+bid@contractor.co.th")],
    ),
    "government email": (
        "ผอ.กองช่างใช้อีเมล director_kc@nongbua.go.th ส่งสเปกให้บริษัทก่อนประกาศ",
        [("email", "director_kc@nongbua.go.th")],
    ),
}

BANK_ACCOUNTS: dict[str, Case] = {
    "kasikorn dashed": (
        "นายก อบต. ให้โอนเงินเข้าบัญชีกสิกร 123-4-56789-0 ก่อนเซ็นสัญญา",
        [("bank_account", "123-4-56789-0")],
    ),
    "shape without context": (
        "ให้โอนเข้า 987-6-54321-0 ภายในวันศุกร์",
        [("bank_account", "987-6-54321-0")],
    ),
    "scb bare after label": (
        "เลขที่บัญชี 4071234567 ธนาคารไทยพาณิชย์ ชื่อบัญชีเป็นของภรรยาปลัด",
        [("bank_account", "4071234567")],
    ),
    "krungthai bank word before": (
        "ธนาคารกรุงไทย สาขาตัวเมือง บัญชี 9876543210",
        [("bank_account", "9876543210")],
    ),
    "gsb 12 digits": (
        "เงินถูกโอนเข้าบัญชีออมสิน 020012345678 ของลูกชายกำนัน",
        [("bank_account", "020012345678")],
    ),
    "baac 12 digits grouped": (
        "ธ.ก.ส. เลขที่บัญชี 0200-1234-5678 เป็นบัญชีที่ใช้รับเงินทอน",
        [("bank_account", "0200-1234-5678")],
    ),
    "thai digits account": (
        "โอนเงินเข้าบัญชีกรุงเทพ ๑๒๓-๔-๕๖๗๘๙-๐ จำนวน ๕๐,๐๐๐ บาท",
        [("bank_account", "๑๒๓-๔-๕๖๗๘๙-๐")],
    ),
    "mobile-looking account after bank word": (
        "บัญชีกสิกร 0681234567 ชื่อบัญชี นางสาวมาลี ศรีสุข",
        [("bank_account", "0681234567"), ("person_name", "มาลี ศรีสุข")],
    ),
    "phone written as phone in a bank line": (
        "โอนเข้าบัญชี 123-4-56789-0 แล้วโทรแจ้ง 089-111-2222",
        [("bank_account", "123-4-56789-0"), ("phone", "089-111-2222")],
    ),
    "promptpay phone": (
        "เจ้าหน้าที่ขอให้โอนพร้อมเพย์ 0812345678 ค่าอำนวยความสะดวก",
        [("phone", "0812345678")],
    ),
}

LINE_IDS: dict[str, Case] = {
    "line id thai label": (
        "ติดต่อนายหน้าทางไลน์ไอดี somchai_99 เขาจะบอกราคาฝากเข้าทำงาน",
        [("line_id", "somchai_99")],
    ),
    "line id english label": (
        "Line ID: kob.kk2020 เป็นของเจ้าหน้าที่การเงินโรงพยาบาล",
        [("line_id", "kob.kk2020")],
    ),
    "line colon": (
        "line: nong-lek ส่งใบเสนอราคาปลอมมาให้ดู",
        [("line_id", "nong-lek")],
    ),
    "id line": (
        "ID Line ของผู้รับเหมาคือ boss_888 ครับ",
        [("line_id", "boss_888")],
    ),
    "handle after line": (
        "แอดไลน์ @contractor88 แล้วจะได้ส่วนลดค่าคอมมิชชั่น",
        [("line_id", "@contractor88")],
    ),
    "handle later in a line context": (
        "กลุ่มไลน์ที่ใช้คุยกันเรื่องแบ่งงาน เจ้าของกลุ่มคือ @p_somsak",
        [("line_id", "@p_somsak")],
    ),
    "line url": (
        "ลิงก์เพิ่มเพื่อน https://line.me/ti/p/~somchai99 ส่งมาในแชท",
        [("line_id", "https://line.me/ti/p/~somchai99")],
    ),
    "line name word": (
        "ไลน์ชื่อ tukta.1234 เป็นคนเรียกเก็บเงินแผงในตลาด",
        [("line_id", "tukta.1234")],
    ),
}

PLATES: dict[str, Case] = {
    "old plate": (
        "รถตู้ กข 1234 มารับเงินที่หน้าอำเภอทุกวันจันทร์",
        [("plate", "กข 1234")],
    ),
    "modern plate": (
        "เห็นรถเก๋ง 1กข 1234 จอดที่บ้านผู้รับเหมาทุกคืน",
        [("plate", "1กข 1234")],
    ),
    "plate with province": (
        "รถกระบะ 1 กข 1234 กรุงเทพมหานคร ขนวัสดุหลวงออกไปตอนกลางคืน",
        [("plate", "1 กข 1234 กรุงเทพมหานคร")],
    ),
    "plate after the word": (
        "รถบรรทุกทะเบียน บท 5678 ขอนแก่น ขนดินออกจากบ่อของ อบต.",
        [("plate", "บท 5678 ขอนแก่น")],
    ),
    "plate glued after the word": (
        "รถทะเบียนขค1234 ของเทศบาลถูกใช้ไปงานบวชลูกนายกเทศมนตรี",
        [("plate", "ขค1234")],
    ),
    "plate with dash": (
        "รถยนต์ราชการ 2ขค-999 ถูกนำไปใช้ส่วนตัว",
        [("plate", "2ขค-999")],
    ),
    "plate with province word": (
        "รถตำรวจทะเบียน 3กร 4567 จังหวัดเชียงใหม่ ตั้งด่านเรียกเงิน",
        [("plate", "3กร 4567 จังหวัดเชียงใหม่")],
    ),
    "truck plate": (
        "รถหกล้อ ทะเบียน 70-1234 ขนทรายเกินน้ำหนักผ่านด่านโดยจ่ายเงิน",
        [("plate", "70-1234")],
    ),
}

NAMES: dict[str, Case] = {
    "title glued name and verb": (
        "นายสมชายรับเงิน 5,000 บาท จากผู้รับเหมาที่ร้านกาแฟ",
        [("person_name", "สมชาย")],
    ),
    "title spaced name": (
        "เมื่อวานนี้ นาย สมศักดิ์ รักไทย มาเก็บเงินค่าคุ้มครอง",
        [("person_name", "สมศักดิ์ รักไทย")],
    ),
    "miss abbreviated": (
        "น.ส.สมหญิง ใจงาม เจ้าหน้าที่การเงิน ทำใบเสร็จปลอม",
        [("person_name", "สมหญิง ใจงาม")],
    ),
    "mrs": (
        "นางสมศรี มีสุข เป็นเจ้าของร้านที่ชนะการเสนอราคาทุกโครงการ",
        [("person_name", "สมศรี มีสุข")],
    ),
    "miss long": (
        "ภรรยาของปลัดคือนางสาวมาลี ศรีสุข ถือหุ้นในบริษัทที่ได้งาน",
        [("person_name", "มาลี ศรีสุข")],
    ),
    "child": (
        "ด.ช.ธนากร ใจดี ถูกใช้ชื่อเป็นผู้รับทุนการศึกษาแต่ไม่ได้รับเงิน",
        [("person_name", "ธนากร ใจดี")],
    ),
    "child long form": (
        "เด็กหญิงกัญญา แสงทอง ไม่ได้รับอาหารกลางวันตามโครงการ",
        [("person_name", "กัญญา แสงทอง")],
    ),
    "police colonel": (
        "พ.ต.อ.สมบัติ ทองดี ผู้กำกับ สั่งให้ลูกน้องเก็บส่วยรถบรรทุก",
        [("person_name", "สมบัติ ทองดี")],
    ),
    "police lieutenant colonel spaced": (
        "พ.ต.ท. วิชัย ศรีเมือง เรียกเงินห้าหมื่นเพื่อไม่ดำเนินคดี",
        [("person_name", "วิชัย ศรีเมือง")],
    ),
    "police sergeant": (
        "ด.ต.ประเสริฐ บุญมา ตั้งด่านเรียกเงินคนงานต่างด้าว",
        [("person_name", "ประเสริฐ บุญมา")],
    ),
    "police general": (
        "มีการอ้างชื่อ พล.ต.อ.สุรชัย เพื่อวิ่งเต้นตำแหน่ง",
        [("person_name", "สุรชัย")],
    ),
    "army colonel": (
        "พ.อ.วีระ กล้าหาญ ผู้คุมงานก่อสร้างค่าย รับเงินทอน",
        [("person_name", "วีระ กล้าหาญ")],
    ),
    "female police rank": (
        "ร.ต.อ.หญิง สุดารัตน์ แก้วมณี ไม่รับแจ้งความ",
        [("person_name", "สุดารัตน์ แก้วมณี")],
    ),
    "doctor": (
        "ดร.สมพงษ์ วงศ์ใหญ่ ที่ปรึกษาโครงการ เป็นญาตินายอำเภอ",
        [("person_name", "สมพงษ์ วงศ์ใหญ่")],
    ),
    "assistant professor doctor": (
        "ผศ.ดร.อรุณี ทองคำ เป็นกรรมการตรวจรับทั้งที่มีส่วนได้เสีย",
        [("person_name", "อรุณี ทองคำ")],
    ),
    "director with listed name": (
        "ผอ.สมชาย สั่งซื้อครุภัณฑ์ราคาแพงเกินจริง",
        [("person_name", "สมชาย")],
    ),
    "kamnan with name": (
        "กำนันสมปอง เก็บเงินชาวบ้านครัวเรือนละ 500 บาท อ้างว่าเป็นค่าน้ำ",
        [("person_name", "สมปอง")],
    ),
    "village headman with name and surname": (
        "ผู้ใหญ่บ้านบุญมี แสนดี หักเงินช่วยเหลือน้ำท่วมไว้ครึ่งหนึ่ง",
        [("person_name", "บุญมี แสนดี")],
    ),
    "district officer with title": (
        "ปลัดอำเภอ นายวิชาญ มั่นคง ขอเงินค่าทำบัตรเพิ่มคนละ 200 บาท",
        [("person_name", "วิชาญ มั่นคง")],
    ),
    "mayor with title": (
        "นายก อบต.หนองบัว นายสมหมาย ใจเย็น ให้ญาติชนะประมูลถนน",
        [("person_name", "สมหมาย ใจเย็น")],
    ),
    "khun": (
        "คุณสมชายบอกว่าต้องจ่ายก่อนถึงจะได้ใบอนุญาต",
        [("person_name", "สมชาย")],
    ),
    "khun with surname": (
        "ขอบคุณข้อมูลจากคุณวันเพ็ญ ศรีสุข ที่ส่งภาพถ่ายมา",
        [("person_name", "วันเพ็ญ ศรีสุข")],
    ),
    "name after chue": (
        "เจ้าหน้าที่ชื่อสุนทร เป็นคนรับซองที่หน้าห้องประชุม",
        [("person_name", "สุนทร")],
    ),
    "two people": (
        "นายสมชาย ใจดี กับนางสมศรี ใจดี ร่วมกันตั้งบริษัทรับงานจากเทศบาล",
        [("person_name", "สมชาย ใจดี"), ("person_name", "สมศรี ใจดี")],
    ),
    "title in the middle of a sentence": (
        "เงินถูกโอนไปให้นายประยุทธ์ มั่นคง ผู้รับเหมาที่ไม่มีใบอนุญาต",
        [("person_name", "ประยุทธ์ มั่นคง")],
    ),
    "unlisted name after title": (
        "นายอัครวัฒน์ ศรีสุขสวัสดิ์ เป็นคนติดต่อขอเงิน",
        [("person_name", "อัครวัฒน์ ศรีสุขสวัสดิ์")],
    ),
    "name and surname glued": (
        "ได้ยินว่านายสมชายใจดีเป็นคนกลางรับเงิน",
        [("person_name", "สมชายใจดี")],
    ),
    "noble surname": (
        "ม.ร.ว.สมศักดิ์ เสนีวงศ์ ณ อยุธยา ได้สัมปทานโดยไม่ประมูล",
        [("person_name", "สมศักดิ์ เสนีวงศ์ ณ อยุธยา")],
    ),
    "latin name": (
        "ที่ปรึกษาต่างชาติ Mr. John Smith รับค่าจ้างซ้ำซ้อน",
        [("person_name", "John Smith")],
    ),
    "nurse position": (
        "นางพยาบาลสมใจ บอกให้จ่ายเงินเพื่อได้คิวก่อน",
        [("person_name", "สมใจ")],
    ),
    "lawyer and name": (
        "ทนายสมชาย เป็นคนร่างสัญญาเช่าที่ดินให้ อบต.",
        [("person_name", "สมชาย")],
    ),
    "name after organisation": (
        "ผู้อำนวยการโรงเรียนบ้านหนองบัว สมชาย ใจดี สั่งซื้อโต๊ะราคาแพง",
        [("person_name", "สมชาย ใจดี")],
    ),
    "name with age": (
        "นางบุญเรือน อายุ 62 ปี ไม่ได้รับเบี้ยยังชีพมา 6 เดือน",
        [("person_name", "บุญเรือน")],
    ),
    "hospital purchase": (
        "ภก.ธีรพงษ์ ประจำโรงพยาบาลชุมชน สั่งยาจากบริษัทของน้องชายในราคาสูงกว่าท้องตลาด",
        [("person_name", "ธีรพงษ์")],
    ),
}

MIXED: dict[str, Case] = {
    "district office bribe report": (
        "วันที่ 10 มี.ค. 2564 เวลา 10.30 น. ผมไปทำบัตรที่อำเภอ นายสมศักดิ์ ทองมา "
        "เจ้าหน้าที่ทะเบียน ขอเงิน 500 บาท ถ้าไม่จ่ายต้องรอ 2 เดือน ติดต่อผมได้ที่ 089-765-4321",
        [("person_name", "สมศักดิ์ ทองมา"), ("phone", "089-765-4321")],
    ),
    "procurement collusion report": (
        "โครงการเลขที่ 65057360721 วงเงิน 1,234,567.50 บาท ผู้ชนะคือ บริษัท 0305560001659 "
        "ซึ่งกรรมการคือนายประสิทธิ์ เพชรดี พี่ชายของปลัด อบต. ส่งเอกสารมาจาก prasit.p@gmail.com",
        [("person_name", "ประสิทธิ์ เพชรดี"), ("email", "prasit.p@gmail.com")],
    ),
    "headman taking money": (
        "ผู้ใหญ่บ้านหมู่ 5 ชื่อนายทองคำ ศรีบุญ เก็บเงินค่าสมัครโครงการครัวเรือนละ 300 บาท "
        "ให้โอนเข้าบัญชีกรุงไทย 678-0-12345-9 ใครไม่จ่ายจะตัดชื่อออก",
        [("person_name", "ทองคำ ศรีบุญ"), ("bank_account", "678-0-12345-9")],
    ),
    "police extortion at a checkpoint": (
        "ด่านตรวจหน้าปั๊ม ส.ต.อ.มานพ แก้วใส เรียกเงิน 1,000 บาท จากรถกระบะ 1กข 1234 "
        "ของผม อ้างว่าบรรทุกเกิน ผมถ่ายคลิปไว้แล้ว ไลน์ผม somyot.k",
        [("person_name", "มานพ แก้วใส"), ("plate", "1กข 1234"), ("line_id", "somyot.k")],
    ),
    "hospital purchase report": (
        "โรงพยาบาลซื้อเครื่องช่วยหายใจ 10 เครื่อง ราคาเครื่องละ 1.5 ล้านบาท ตามสัญญาเลขที่ 12/2565 "
        "ลงวันที่ 10/03/2565 ผู้แจ้ง น.ส.ปวีณา สุขใจ 0812223333",
        [("person_name", "ปวีณา สุขใจ"), ("phone", "0812223333")],
    ),
    "whole contact block": (
        "ข้อมูลผู้แจ้ง: นางสาวกนกวรรณ มีสุข\nเลขบัตร 1-1037-00987-65-7\nโทร 092-345-6789\n"
        "อีเมล kanok.m@hotmail.com\nไลน์ kanok_mee",
        [
            ("person_name", "กนกวรรณ มีสุข"),
            ("citizen_id", "1-1037-00987-65-7"),
            ("phone", "092-345-6789"),
            ("email", "kanok.m@hotmail.com"),
            ("line_id", "kanok_mee"),
        ],
    ),
}

NOT_REDACTED: dict[str, str] = {
    "egp project number": "เลขที่โครงการ 65057360721 ประกาศเมื่อ 10 มี.ค. 2564",
    "egp project number thai digits": "โครงการ ๖๕๐๕๗๓๖๐๗๒๑ มีผู้เสนอราคารายเดียว",
    "project number with bank words": "งบประมาณจากธนาคารโลก โครงการเลขที่ 66019123456 ยังไม่เบิกจ่าย",
    "juristic id": "บริษัทผู้ชนะ เลขทะเบียนนิติบุคคล 0305560001659 จดทะเบียนก่อนประกาศเพียง 3 วัน",
    "juristic id dashed": "หจก. เลขประจำตัวผู้เสียภาษี 0-1055-30123-45-6 เป็นของภรรยานายก",
    "juristic id thai digits": "เลขนิติบุคคล ๐๑๐๕๕๕๗๑๒๓๔๕๗ ไม่มีที่ตั้งจริง",
    "amount with decimals": "ราคากลาง 1,234,567.50 บาท แต่ทำสัญญา 1,299,000 บาท",
    "amount in millions": "ซื้อรถพยาบาล 5 ล้านบาท ทั้งที่ราคาตลาด 3.2 ล้านบาท",
    "amount spelled with baht sign": "จ่ายค่าหัวคิว ฿25,000 ต่อคัน",
    "thai date": "ประกาศผู้ชนะวันที่ 10 มี.ค. 2564 ลงนามสัญญา 15 มีนาคม 2564",
    "slash date": "ตรวจรับงานวันที่ 10/03/2564 ทั้งที่งานยังไม่เสร็จ",
    "dashed date": "ใบส่งของลงวันที่ 01-03-2564 แต่ของมาถึง 20-03-2564",
    "dotted date": "ลงวันที่ 01.02.2565",
    "thai digit date": "วันที่ ๑๐ มีนาคม ๒๕๖๔ เวลา ๑๓.๓๐ น.",
    "times": "นัดจ่ายเงินเวลา 14:00 ที่ร้านกาแฟ และอีกครั้ง 10.30 น.",
    "years": "งบปี 2566 และปีงบประมาณ พ.ศ. 2565 ถูกใช้ซ้ำ",
    "counts": "ซื้อคอมพิวเตอร์ 20 เครื่อง รถ 10 คัน โต๊ะ 150 ตัว",
    "article numbers": "เข้าข่ายความผิดตามมาตรา 157 และ ม.151 ประมวลกฎหมายอาญา",
    "contract number": "สัญญาเลขที่ 12/2565 และใบสั่งซื้อเลขที่ 045/2566",
    "budget words": "งบ 2564 เหลือ 500,000 บาท",
    "hotlines": "แจ้งศูนย์ดำรงธรรม 1567 หรือสายด่วน 1111 ก็ไม่มีใครตอบ",
    "director of a school": "ผู้อำนวยการโรงเรียนบ้านหนองบัว เรียกเงินค่าแป๊ะเจี๊ยะ",
    "mayor of an organisation": "นายก อบต.หนองบัว ให้พรรคพวกชนะประมูล",
    "district officer of a place": "ปลัดอำเภอเมืองขอนแก่นไม่ยอมรับเรื่อง",
    "headman of a village number": "ผู้ใหญ่บ้านหมู่ 3 เก็บเงินค่าน้ำประปา",
    "governor with province": "ผู้ว่าฯ ขอนแก่น สั่งตรวจสอบแล้ว",
    "position then verb": "กำนันเรียกเงินจากชาวบ้าน และปลัดก็รู้เห็น",
    "quality and qualifications": "คุณภาพของถนนต่ำกว่ามาตรฐาน คุณสมบัติผู้เสนอราคาไม่ครบ",
    "employer and broker": "นายจ้างหักค่าแรง และนายหน้าเก็บค่าหัว",
    "lawyer profession": "ทนายความของบริษัทยื่นหนังสือคัดค้าน",
    "she pronoun": "นางบอกว่าไม่ได้รับเงินเลย",
    "mp of a district": "ส.ส.เขต 3 ขอนแก่น เป็นเจ้าของบริษัท",
    "registration of a house": "ทะเบียนบ้านเลขที่ 45/2 หมู่ 7",
    "prime minister office": "ร้องเรียนไปที่ศูนย์บริการประชาชน สำนักนายกรัฐมนตรี แล้ว",
    "line oa": "ส่งเรื่องผ่านไลน์ OA ของศูนย์ดำรงธรรมแล้ว",
    "line group": "มีการแชร์ในไลน์กลุ่มหมู่บ้าน",
    "email-less at sign": "ราคา @ 500 บาท",
    "percentages": "ได้ส่วนลด 15% และค่าคอม 10 เปอร์เซ็นต์",
    "plain ten digit number": "เลขที่หนังสือ 1234567890 ลงวันที่ 5 ม.ค.",
}


def _params(cases: dict[str, Case]) -> list[object]:
    return [pytest.param(text, expected, id=name) for name, (text, expected) in cases.items()]


ALL = {**CITIZEN_IDS, **PHONES, **EMAILS, **BANK_ACCOUNTS, **LINE_IDS, **PLATES, **NAMES, **MIXED}


def test_there_are_many_cases() -> None:
    assert len(ALL) + len(NOT_REDACTED) >= 80


@pytest.mark.parametrize(("text", "expected"), _params(ALL))
def test_finds_exactly(text: str, expected: list[tuple[str, str]]) -> None:
    result = redact(text)
    assert [(f.kind, f.text) for f in result.findings] == expected
    for finding in result.findings:
        assert text[finding.start : finding.end] == finding.text
        assert finding.text not in result.text


@pytest.mark.parametrize("text", [pytest.param(t, id=n) for n, t in NOT_REDACTED.items()])
def test_leaves_alone(text: str) -> None:
    result = redact(text)
    assert [(f.kind, f.text) for f in result.findings] == []
    assert result.text == text


@pytest.mark.parametrize(("text", "expected"), _params(ALL))
def test_redacting_twice_finds_nothing_new(text: str, expected: list[tuple[str, str]]) -> None:
    once = redact(text)
    assert redact(once.text).findings == ()
