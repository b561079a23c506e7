"""Benchmark: redact() on 10,000-character Thai reports (target: well under 50 ms each).

Reports are assembled from report-like sentences with personal data in every form (about one
finding every 90 characters, far denser than real reports), with a fixed seed, in two layouts:
paragraphs of three sentences, and one single paragraph (the worst case for the second reading,
which re-reads whole lines that hold a placeholder). The machine is shared, so the script also
times PyThaiNLP's `newmm` word tokeniser on the same texts in the same run and prints the ratio,
and it reports CPU time next to wall time: both survive load better than wall milliseconds.

    python bench/redact.py [--reports 30] [--repeat 5] [--chars 10000]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from sodsong.privacy import redact

SENTENCES = [
    "ผมชื่อ นายสมชาย ใจดี เลขบัตร {cid} โทร {phone}",
    "เมื่อวันที่ 10 มี.ค. 2564 เวลา 10.30 น. ผมไปติดต่อที่ว่าการอำเภอ เจ้าหน้าที่ขอเงิน 500 บาท",
    "โครงการเลขที่ {project} วงเงิน 1,234,567.50 บาท ผู้ชนะคือบริษัท เลขนิติบุคคล 0305560001659",
    "ผู้ใหญ่บ้านบุญมี แสนดี เก็บเงินค่าสมัครครัวเรือนละ 300 บาท ให้โอนเข้าบัญชีกสิกร {bank}",
    "ด่านตรวจหน้าปั๊ม ส.ต.อ.มานพ แก้วใส เรียกเงินจากรถกระบะ {plate} ทุกวัน",
    "ติดต่อนายหน้าทางไลน์ไอดี somchai_{n} หรืออีเมล somchai{n}@gmail.com",
    "ผู้อำนวยการโรงเรียนบ้านหนองบัวสั่งซื้อโต๊ะ 150 ตัว ราคาแพงกว่าท้องตลาด 3 เท่า",
    "โรงพยาบาลชุมชนซื้อเครื่องช่วยหายใจ 10 เครื่อง เครื่องละ 1.5 ล้านบาท ตามสัญญาเลขที่ 12/2565",
    "นายก อบต.หนองบัว ให้ญาติชนะการประมูลถนนสามโครงการติดกันในปีงบประมาณ 2566",
    "คุณภาพของถนนต่ำกว่ามาตรฐาน ความหนาไม่ถึง 15 ซม. ตามแบบ และแตกร้าวภายในสามเดือน",
    "กำนันสมปองบอกว่าถ้าไม่จ่ายจะไม่ได้รับเงินช่วยเหลือน้ำท่วม ผมจ่ายไปแล้ว 2 ครั้ง",
    "ภรรยาของปลัดคือนางสาวมาลี ศรีสุข ถือหุ้นในห้างหุ้นส่วนที่ได้งานทุกครั้ง",
    "ผมมีคลิปวิดีโอและรูปถ่ายเป็นหลักฐาน ขอให้ปกปิดชื่อผมด้วยครับ",
    "เงินถูกโอนเข้าบัญชีออมสิน {gsb} ของลูกชายกำนัน ตามสลิปที่แนบมา",
]


def _citizen_id(rng: random.Random) -> str:
    first = str(rng.randint(1, 8)) + "".join(str(rng.randint(0, 9)) for _ in range(11))
    check = (11 - sum(int(d) * (13 - i) for i, d in enumerate(first)) % 11) % 10
    digits = first + str(check)
    return f"{digits[0]}-{digits[1:5]}-{digits[5:10]}-{digits[10:12]}-{digits[12]}"


def report(rng: random.Random, chars: int, paragraph: int) -> str:
    """A report of `chars` characters; a line break after every `paragraph` sentences (0: never)."""
    parts: list[str] = []
    while sum(len(p) + 1 for p in parts) < chars:
        template = rng.choice(SENTENCES)
        parts.append(
            template.format(
                cid=_citizen_id(rng),
                phone=f"08{rng.randint(1, 9)}-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
                project=str(rng.randint(10**10, 10**11 - 1)),
                bank=f"{rng.randint(100, 999)}-{rng.randint(0, 9)}-{rng.randint(10000, 99999)}-{rng.randint(0, 9)}",
                plate=f"{rng.randint(1, 9)}กข {rng.randint(1, 9999)}",
                gsb="".join(str(rng.randint(0, 9)) for _ in range(12)),
                n=rng.randint(1, 999),
            )
        )
        if paragraph and len(parts) % paragraph == 0:
            parts[-1] += "\n"
    return " ".join(parts)[:chars]


def timed(
    function: Callable[[str], object], texts: list[str], repeat: int
) -> tuple[list[float], list[float]]:
    """Per-text wall and CPU seconds: the best of `repeat` runs (the least disturbed by load)."""
    wall, cpu = [], []
    for text in texts:
        walls, cpus = [], []
        for _ in range(repeat):
            start, start_cpu = time.perf_counter(), time.process_time()
            function(text)
            walls.append(time.perf_counter() - start)
            cpus.append(time.process_time() - start_cpu)
        wall.append(min(walls))
        cpu.append(min(cpus))
    return wall, cpu


def _ms(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return f"median {statistics.median(values) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--chars", type=int, default=10_000)
    args = parser.parse_args()

    start = time.perf_counter()
    redact("นายสมชาย")  # loads the name lists once per process
    cold = time.perf_counter() - start

    from pythainlp.tokenize import word_tokenize

    word_tokenize("เตรียมพจนานุกรม", engine="newmm")
    print(f"first call (loads the name lists): {cold * 1000:.0f} ms")
    for layout, paragraph in (("paragraphs of 3 sentences", 3), ("one paragraph", 0)):
        rng = random.Random(20240607)
        texts = [report(rng, args.chars, paragraph) for _ in range(args.reports)]
        load_before = os.getloadavg()[0]
        wall, cpu = timed(redact, texts, args.repeat)
        tokenize_wall, tokenize_cpu = timed(lambda t: word_tokenize(t, engine="newmm"), texts, args.repeat)
        load_after = os.getloadavg()[0]
        findings = statistics.mean(len(redact(t).findings) for t in texts)
        ratio = statistics.median(cpu) / statistics.median(tokenize_cpu)
        print(f"\n{layout}: {len(texts)} reports x {args.chars} chars, {findings:.0f} findings each")
        print(f"  redact        wall {_ms(wall)}; CPU {_ms(cpu)}")
        print(f"  newmm tokenize wall {_ms(tokenize_wall)}; CPU {_ms(tokenize_cpu)}")
        print(f"  ratio redact / newmm (CPU medians): {ratio:.2f}")
        print(f"  redact CPU median as a share of the 50 ms budget: {statistics.median(cpu) / 0.050:.0%}")
        print(f"  load average: {load_before:.1f} -> {load_after:.1f} (2 cores)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
