# ruff: noqa: S608 - every statement is generated from the constants in this file
"""A schema-conformant synthetic warehouse for the explorer benchmarks, generated in DuckDB.

Used until `sodsong generate` lands on main. Titles are built from the phrases Thai e-GP project
names are made of (road, drain, office supplies, school milk, ...) with village and sub-district
names, so the trigram statistics of the search index look like the real ones: a few very common
trigrams (จ้าง, ก่อสร้าง, ถนน) and a long tail. Deterministic: the same size gives the same rows.
"""

from __future__ import annotations

import time
from pathlib import Path

from sodsong.procurement import warehouse

WORKS = [
    "จ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ {n} บ้าน{v}",
    "จ้างก่อสร้างถนนลาดยางแอสฟัลท์ติกคอนกรีต สายบ้าน{v} - บ้าน{w}",
    "จ้างก่อสร้างรางระบายน้ำคอนกรีตเสริมเหล็ก พร้อมบ่อพัก หมู่ที่ {n} บ้าน{v}",
    "จ้างเหมาขุดลอกคลองส่งน้ำ บ้าน{v}",
    "จ้างก่อสร้างระบบประปาหมู่บ้าน แบบบาดาลขนาดใหญ่ บ้าน{v}",
    "จ้างปรับปรุงอาคารเรียน โรงเรียนบ้าน{v}",
    "จ้างก่อสร้างถนนลูกรัง สายบ้าน{v} หมู่ที่ {n}",
    "จ้างซ่อมสร้างผิวจราจรแอสฟัลท์ติก สายบ้าน{v} - บ้าน{w}",
    "จ้างก่อสร้างอาคารอเนกประสงค์ บ้าน{v}",
    "จ้างก่อสร้างฝายน้ำล้น ห้วย{v}",
]
GOODS = [
    "ซื้อวัสดุสำนักงาน จำนวน {n} รายการ",
    "ซื้ออาหารเสริม (นม) โรงเรียน ภาคเรียนที่ {s}",
    "ซื้อวัสดุเชื้อเพลิงและหล่อลื่น",
    "ซื้อครุภัณฑ์คอมพิวเตอร์ จำนวน {n} เครื่อง",
    "ซื้อยาและเวชภัณฑ์ที่มิใช่ยา",
    "ซื้อวัสดุก่อสร้าง บ้าน{v}",
    "ซื้อรถบรรทุกขยะ แบบอัดท้าย ขนาด {n} ลูกบาศก์หลา",
    "ซื้ออากาศยานไร้คนขับ (โดรน) เพื่อการเกษตร จำนวน {n} ลำ",
    "ซื้อวัสดุการแพทย์ โรงพยาบาลส่งเสริมสุขภาพตำบลบ้าน{v}",
    "ซื้อครุภัณฑ์การเกษตร เครื่องสูบน้ำ จำนวน {n} เครื่อง",
]
SERVICES = [
    "จ้างเหมาบริการทำความสะอาดอาคาร",
    "จ้างซ่อมแซมรถยนต์ส่วนกลาง หมายเลขทะเบียน กข {n}",
    "จ้างเหมารถโดยสารปรับอากาศ เพื่อศึกษาดูงาน",
    "จ้างเหมาบริการรักษาความปลอดภัย",
    "จ้างที่ปรึกษาออกแบบและควบคุมงานก่อสร้าง",
    "จ้างเหมาบริการกำจัดขยะมูลฝอย บ้าน{v}",
    "จ้างทำป้ายประชาสัมพันธ์ โครงการ{v}",
    "จ้างเหมาจัดงานประเพณีลอยกระทง ประจำปี",
]
VILLAGE_A = [
    "หนอง",
    "โนน",
    "นา",
    "ดอน",
    "ห้วย",
    "โคก",
    "สระ",
    "หัว",
    "ท่า",
    "บ่อ",
    "ป่า",
    "วัง",
    "คำ",
    "ทุ่ง",
    "เหล่า",
    "กุด",
    "ม่วง",
    "แม่",
    "ปาก",
    "บึง",
]
VILLAGE_B = [
    "บัว",
    "แดง",
    "ใหญ่",
    "น้อย",
    "ยาง",
    "สูง",
    "งาม",
    "ทอง",
    "ขาม",
    "หว้า",
    "ไผ่",
    "แก",
    "เค็ง",
    "ตาล",
    "กลาง",
    "ไร่",
    "พัฒนา",
    "สำราญ",
    "เจริญ",
    "ศรี",
    "จาน",
    "เรือ",
    "ช้าง",
    "แวง",
    "คู",
]
METHODS = [  # (method_details, procurement_method, suffix, share in %)
    ("ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)", "open", " ด้วยวิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding)", 25),
    ("เฉพาะเจาะจง", "limited", " โดยวิธีเฉพาะเจาะจง", 60),
    ("คัดเลือก", "selective", " โดยวิธีคัดเลือก", 5),
    ("ตลาดอิเล็กทรอนิกส์ (e-market)", "open", " ด้วยวิธีตลาดอิเล็กทรอนิกส์ (e-market)", 10),
]
STATUSES = ["แล้วเสร็จตามสัญญา", "จัดทำสัญญา/PO แล้ว", "ระหว่างดำเนินการ", "ยกเลิกโครงการ", "ยกเลิกประกาศเชิญชวน"]
INDICATORS = [
    "TH-NEAR-REF",
    "TH-FEW-BIDDERS",
    "TH-YEAR-END-SPECIFIC",
    "TH-CLUSTER",
    "TH-ABOVE-REF",
    "TH-SPLITTING",
]
DEPARTMENTS = [
    "กรมส่งเสริมการปกครองท้องถิ่น",
    "กรมทางหลวงชนบท",
    "กรมทางหลวง",
    "กรมชลประทาน",
    "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน",
    "สำนักงานปลัดกระทรวงสาธารณสุข",
    "กรมป่าไม้",
    "สำนักงานตำรวจแห่งชาติ",
    "กองทัพบก",
    "กรมโยธาธิการและผังเมือง",
]
LOCAL = [
    "องค์การบริหารส่วนตำบล",
    "เทศบาลตำบล",
    "เทศบาลเมือง",
    "โรงเรียนบ้าน",
    "โรงพยาบาลส่งเสริมสุขภาพตำบลบ้าน",
    "สำนักงานทางหลวงชนบทจังหวัด",
    "โครงการชลประทาน",
]
COMPANY = [
    "บริษัท {a}{b}ก่อสร้าง จำกัด",
    "ห้างหุ้นส่วนจำกัด {a}{b}การโยธา",
    "บริษัท {a}{b}พาณิชย์ จำกัด",
    "ห้างหุ้นส่วนจำกัด {a}{b}วัสดุ",
    "บริษัท {a}{b}เทรดดิ้ง จำกัด",
    "ร้าน{a}{b}",
]


def _list(values: list[str]) -> str:
    return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def _template_sql(templates: list[str], pick: str) -> str:
    """A SQL expression choosing one template by `pick` and filling its slots."""
    cases = []
    for i, template in enumerate(templates):
        parts = template.replace("'", "''")
        expr = "'" + parts + "'"
        expr = expr.replace("{n}", "' || (1 + h(i, 'n') % 20)::VARCHAR || '")
        expr = expr.replace("{s}", "' || (1 + h(i, 's') % 2)::VARCHAR || '/' || fy::VARCHAR || '")
        expr = expr.replace("{v}", "' || v1 || '")
        expr = expr.replace("{w}", "' || v2 || '")
        cases.append(f"WHEN {i} THEN {expr}")
    return f"CASE {pick} " + " ".join(cases) + " END"


def generate(path: Path, projects: int, *, seed: str = "sodsong") -> dict[str, float]:
    """Write a fresh warehouse of `projects` processes at `path` (a warehouse link path)."""
    timings: dict[str, float] = {}
    start = time.perf_counter()
    agencies = max(50, projects // 1000)
    companies = max(100, projects // 30)
    with warehouse.write(path, fresh=True) as con:
        con.execute("SET preserve_insertion_order = false")
        con.execute("CREATE OR REPLACE TEMP MACRO h(a, b) AS (hash(a, b) >> 2)::BIGINT")
        con.execute(
            "INSERT INTO source_file (source_file_id, source_kind, file_name, sha256, size_bytes, attribution) "
            "VALUES ('f-synthetic-explorer', 'synthetic', 'bench-explorer', repeat('0', 64), 0, "
            "'ข้อมูลสังเคราะห์สำหรับทดสอบความเร็ว (synthetic, not real)')"
        )
        va, vb = _list(VILLAGE_A), _list(VILLAGE_B)
        con.execute(
            f"CREATE TEMP TABLE dept AS SELECT unnest(range({len(DEPARTMENTS)})) AS d, unnest({_list(DEPARTMENTS)}) AS name"
        )
        con.execute(
            """
            INSERT INTO organisation (org_id, kind, name, resolved_id, source_kind, ftm_schema)
            SELECT 'th-agency-dept' || d, 'agency', name, 'th-agency-dept' || d, 'synthetic', 'PublicBody' FROM dept
            """
        )
        con.execute(
            f"""
            CREATE TEMP TABLE agency AS
            SELECT i AS ai, 'th-agency-syn' || i AS org_id,
                   {_list(LOCAL)}[1 + h(i, 'l') % {len(LOCAL)}]
                     || {va}[1 + h(i, 'a') % {len(VILLAGE_A)}] || {vb}[1 + h(i, 'b') % {len(VILLAGE_B)}]
                     || ' ' || i::VARCHAR AS name,
                   'th-agency-dept' || (h(i, 'd') % {len(DEPARTMENTS)}) AS parent_id,
                   (SELECT list(province_code ORDER BY province_code) FROM province)[1 + h(i, 'p') % 77] AS province_code
            FROM range({agencies}) t(i)
            """
        )
        con.execute(
            """
            INSERT INTO organisation (org_id, kind, name, parent_id, province_code, resolved_id, source_kind, ftm_schema)
            SELECT org_id, 'agency', name, parent_id, province_code, org_id, 'synthetic', 'PublicBody' FROM agency
            """
        )
        con.execute(
            f"""
            CREATE TEMP TABLE company AS
            SELECT i, 'th-dbd-syn' || lpad(i::VARCHAR, 9, '0') AS org_id,
                   replace(replace({_list(COMPANY)}[1 + h(i, 'c') % {len(COMPANY)}],
                       '{{a}}', {va}[1 + h(i, 'ca') % {len(VILLAGE_A)}]),
                       '{{b}}', {vb}[1 + h(i, 'cb') % {len(VILLAGE_B)}] || ' ' || i::VARCHAR) AS name
            FROM range({companies}) t(i)
            """
        )
        con.execute(
            """
            INSERT INTO organisation (org_id, kind, name, legal_form, status, registration_date, capital,
                                      resolved_id, source_kind, ftm_schema)
            SELECT org_id, 'company', name, 'บริษัทจำกัด', 'ยังดำเนินกิจการอยู่',
                   DATE '2000-01-01' + (h(i, 'r') % 8000)::INTEGER, (1 + h(i, 'k') % 50) * 1000000,
                   org_id, 'synthetic', 'Company'
            FROM company
            """
        )
        timings["organisations"] = round(time.perf_counter() - start, 1)
        works, goods, services = (
            _template_sql(t, "h(i, 't') % " + str(len(t))) for t in (WORKS, GOODS, SERVICES)
        )
        method_case = (
            "CASE "
            + " ".join(
                f"WHEN m < {sum(x[3] for x in METHODS[: k + 1])} THEN {k}" for k in range(len(METHODS))
            )
            + " END"
        )
        con.execute(
            f"""
            CREATE TEMP TABLE p AS
            SELECT i, h(i, 'cat') % 10 AS cat_pick, {method_case} AS mk,
                   2558 + (h(i, 'fy') % 11)::INTEGER AS fy,
                   h(i, 'ag') % {agencies} AS ag,
                   {va}[1 + h(i, 'va') % {len(VILLAGE_A)}] || {vb}[1 + h(i, 'vb') % {len(VILLAGE_B)}] AS v1,
                   {va}[1 + h(i, 'wa') % {len(VILLAGE_A)}] || {vb}[1 + h(i, 'wb') % {len(VILLAGE_B)}] AS v2,
                   (h(i, 'amt') % 1000)::DOUBLE AS amt_pick
            FROM (SELECT h(r, 'm') % 100 AS m, r AS i FROM range({projects}) t(r))
            """
        )
        methods = _list([m[0] for m in METHODS])
        groups = _list([m[1] for m in METHODS])
        suffixes = _list([m[2] for m in METHODS])
        con.execute(
            f"""
            INSERT INTO process (process_id, source_kind, project_no, title, buyer_id, buyer_name,
                procuring_entity_id, procuring_entity_name, category_raw, main_procurement_category, method_details,
                method_source, procurement_method, budget, reference_price, currency, date_published, fiscal_year,
                status_details, tender_status, province, province_code, source_file_id, source_line)
            SELECT 'ocds-sodsong-egp-' || pno, 'synthetic', pno,
                   CASE WHEN cat_pick < 4 THEN {works} WHEN cat_pick < 8 THEN {goods} ELSE {services} END
                     || {suffixes}[mk + 1],
                   a.org_id, a.name, a.org_id, a.name,
                   CASE WHEN cat_pick < 4 THEN 'จ้างก่อสร้าง' WHEN cat_pick < 8 THEN 'ซื้อ' ELSE 'จ้างทำของ/จ้างเหมาบริการ' END,
                   CASE WHEN cat_pick < 4 THEN 'works' WHEN cat_pick < 8 THEN 'goods' ELSE 'services' END,
                   {methods}[mk + 1], 'column', {groups}[mk + 1],
                   budget, round(budget * (0.97 + (h(i, 'rp') % 30) / 1000.0), 2), 'THB',
                   make_date(fy - 544, 1, 1) + (h(i, 'day') % 365)::INTEGER - 92, fy,
                   {_list(STATUSES)}[1 + (h(i, 'st') % 100 // 22)::INTEGER], 'complete',
                   p2.name_th, a.province_code, 'f-synthetic-explorer', i + 2
            FROM (SELECT *, lpad(((fy - 2500)::BIGINT * 1000000000 + i)::VARCHAR, 11, '0') AS pno,
                         round(exp(9 + amt_pick / 1000 * 9), -2) AS budget FROM p) q
            JOIN agency a ON a.ai = q.ag
            JOIN province p2 ON p2.province_code = a.province_code
            """
        )
        timings["process"] = round(time.perf_counter() - start, 1)
        # Bidders: open/selective methods 1-6 bidders from the agency's local pool of 40 companies.
        con.execute(
            f"""
            CREATE TEMP TABLE bidders AS
            SELECT p.i, p.mk, k, ((p.ag * 40 + h(p.i, k) % 40) * 7919 % {companies}) AS c
            FROM p, range(6) t(k)
            WHERE k < CASE WHEN p.mk IN (0, 2) THEN 1 + h(p.i, 'nb') % 6 ELSE 1 END
            """
        )
        con.execute(
            """
            INSERT INTO bid (bid_id, process_id, tenderer_id, tenderer_name, stage, status, amount, currency,
                             source_file_id, source_line)
            SELECT DISTINCT ON (pr.process_id, co.org_id)
                   pr.process_id || '/bid/' || co.org_id, pr.process_id, co.org_id, co.name,
                   CASE WHEN b.k = 5 THEN 'bought_documents' WHEN b.k = 4 THEN 'submitted' ELSE 'priced' END,
                   CASE WHEN b.k = 5 THEN 'invited' WHEN b.k = 4 THEN 'disqualified' ELSE 'valid' END,
                   CASE WHEN b.k < 4 THEN round(pr.reference_price * (0.85 + (h(b.i * 10 + b.k, 'bid') % 150) / 1000.0), 2)
                   END,
                   'THB', 'f-synthetic-explorer', b.i + 2
            FROM bidders b
            JOIN process pr ON pr.source_line = b.i + 2
            JOIN company co ON co.i = b.c
            """
        )
        timings["bid"] = round(time.perf_counter() - start, 1)
        # The winner: the lowest priced bid, or the only bidder; cancelled projects have none.
        con.execute(
            """
            CREATE TEMP TABLE winner AS
            SELECT b.process_id, arg_min(b.tenderer_id, coalesce(b.amount, 1e18)) AS org_id,
                   arg_min(b.tenderer_name, coalesce(b.amount, 1e18)) AS name,
                   min(b.amount) AS amount
            FROM bid b JOIN process p USING (process_id)
            WHERE b.stage = 'priced' AND p.status_details NOT LIKE 'ยกเลิก%'
            GROUP BY b.process_id
            """
        )
        con.execute(
            """
            INSERT INTO award (award_id, process_id, status, value_amount, currency, winner_id, winner_id_status,
                               winner_name, source_file_id, source_line)
            SELECT w.process_id || '/award/1', w.process_id, 'active', w.amount, 'THB', NULL, 'missing', w.name,
                   'f-synthetic-explorer', 1
            FROM winner w
            """
        )
        con.execute(
            "INSERT INTO award_supplier SELECT process_id || '/award/1', org_id, process_id FROM winner"
        )
        con.execute(
            """
            INSERT INTO contract (contract_id, process_id, award_id, contract_no, value_amount, currency,
                                  status_details, status, source_file_id, source_line)
            SELECT process_id || '/contract/1', process_id, process_id || '/award/1', right(process_id, 6),
                   amount, 'THB', 'ระหว่างดำเนินการ', 'active', 'f-synthetic-explorer', 1
            FROM winner
            """
        )
        timings["award"] = round(time.perf_counter() - start, 1)
        for statement in (
            "CREATE TABLE IF NOT EXISTS flag (flag_id VARCHAR, run_id VARCHAR, indicator VARCHAR, family VARCHAR, "
            "subject_kind VARCHAR, subject_id VARCHAR, process_id VARCHAR, org_id VARCHAR, fiscal_year INTEGER, "
            "value DOUBLE, details VARCHAR)",
            "CREATE TABLE IF NOT EXISTS flag_readiness (run_id VARCHAR, indicator VARCHAR, computable BOOLEAN, "
            "subjects_checked BIGINT, subjects_flagged BIGINT, missing_fields VARCHAR)",
        ):
            con.execute(statement)
        con.execute(
            f"""
            INSERT INTO flag
            SELECT process_id || '|' || code, 'bench', code, 'thai', 'process', process_id, process_id, NULL,
                   fiscal_year, 1.0, '{{"synthetic": true}}'
            FROM (SELECT process_id, fiscal_year, {_list(INDICATORS)}[1 + h(process_id, 'f') % {len(INDICATORS)}] AS code
                  FROM process WHERE h(process_id, 'flag') % 100 < 15)
            """
        )
        con.execute(
            f"INSERT INTO flag_readiness SELECT 'bench', unnest({_list(INDICATORS)}), true, {projects}, 0, ''"
        )
        timings["flags"] = round(time.perf_counter() - start, 1)
    timings["total"] = round(time.perf_counter() - start, 1)
    return timings
