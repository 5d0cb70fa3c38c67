#!/usr/bin/env python3
"""Writes a small, realistic sample corpus for Lore's demo — nothing third-party, all made here:

  meeting.mp4      a 3-slide meeting recording: slides rendered by ffmpeg, two voices by espeak-ng
  report.pdf       a 3-page project report (a hand-written PDF with a text layer)
  budget.docx      a Word document with headings, a list and a budget table
  roadmap.pptx     a PowerPoint deck with a table and speaker notes
  screenshot.png   a dark-theme screenshot of an error message

Usage: sample_corpus.py OUTPUT_DIR
"""
import os, subprocess, sys, tempfile, zipfile

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

SLIDES = [
    ("Project Atlas - Q3 review", ["Agenda: launch date, budget, risks"],
     "en-gb-x-rp+m7", "Good morning everyone. Today we review project Atlas for the third quarter. We will cover the launch date, the budget and the main risks."),
    ("Launch date: 14 March", ["Beta for ten pilot customers in January", "General availability on 14 March"],
     "en+f5", "Thanks. The beta starts in January with ten pilot customers. General availability is planned for the fourteenth of March, after the security review."),
    ("Risks", ["Supply chain delay on ticket PPR-9087", "Hiring two more engineers"],
     "en-gb-x-rp+m7", "The biggest risk is a supply chain delay, tracked in ticket P P R nine zero eight seven. We also need to hire two more engineers before December."),
]


def run(args, **kw):
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)


def ffmpeg_text(text):
    return text.replace("\\", "\\\\").replace(":", "\\:").replace("'", "\u2019").replace("%", "\\%")


def meeting(out, tmp):
    parts = []
    for index, (title, bullets, voice, speech) in enumerate(SLIDES):
        wav = os.path.join(tmp, f"speech{index}.wav")
        run(["espeak-ng", "-v", voice, "-s", "155", "-w", wav, speech])
        lines = [f"drawtext=fontfile={FONT}:text='{ffmpeg_text(title)}':fontsize=56:fontcolor=white:x=80:y=90"]
        for n, bullet in enumerate(bullets):
            lines.append(f"drawtext=fontfile={FONT}:text='- {ffmpeg_text(bullet)}':fontsize=40:fontcolor=white:x=100:y={260 + n * 80}")
        part = os.path.join(tmp, f"part{index}.mp4")
        run(["ffmpeg", "-nostdin", "-y", "-f", "lavfi", "-i", "color=c=0x1f3a5f:s=1280x720:r=25", "-i", wav,
             "-vf", ",".join(lines), "-af", "apad=pad_dur=1.5", "-shortest",
             "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-ar", "44100", "-ac", "1", part])
        parts.append(part)
    listing = os.path.join(tmp, "parts.txt")
    with open(listing, "w") as f:
        f.writelines(f"file '{p}'\n" for p in parts)
    run(["ffmpeg", "-nostdin", "-y", "-f", "concat", "-safe", "0", "-i", listing, "-c", "copy", os.path.join(out, "meeting.mp4")])


def pdf(path, pages):
    """A minimal PDF 1.4 with one Helvetica text layer per page."""
    def esc(s):
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", None, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    kids = []
    for lines in pages:
        ops = ["BT", "/F1 12 Tf", "14 TL", "72 740 Td"]
        for line in lines:
            size = 18 if line.startswith("# ") else 12
            text = line[2:] if line.startswith("# ") else line
            ops += [f"/F1 {size} Tf", f"({esc(text)}) Tj", "T*"]
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content = len(objects)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % content)
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    data = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(data))
        data += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    data += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    data += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    with open(path, "wb") as f:
        f.write(data)


REPORT = [
    ["# Project Atlas: status report", "",
     "Atlas is the new knowledge platform for the field service teams.",
     "This report summarises progress, budget and open risks for the steering committee.", "",
     "# Progress", "",
     "The indexing service now handles video, audio and scanned documents.",
     "Search latency stayed below fifty milliseconds for ninety-five percent of queries."],
    ["# Budget", "",
     "The approved budget for the year is 1.2 million euros.",
     "Cloud hosting is the largest cost, followed by contractor hours.",
     "Marketing spend moves to the first quarter, ahead of the March launch.", "",
     "# Staffing", "",
     "Two senior engineers join in November; one designer position stays open."],
    ["# Risks and mitigations", "",
     "Supply chain: the hardware order for the pilot sites is late (ticket PPR-9087).",
     "Mitigation: the pilot starts with refurbished devices from the Lyon depot.",
     "Security review: the external audit must finish before general availability.",
     "Data protection: recordings are kept for 18 months, then archived."],
]


def docx(path):
    w = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
         'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
    def para(text, style=None):
        props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
        return f'<w:p>{props}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
    def row(cells):
        return "<w:tr>" + "".join(f"<w:tc><w:p><w:r><w:t>{c}</w:t></w:r></w:p></w:tc>" for c in cells) + "</w:tr>"
    body = "".join([
        para("Atlas budget 2025", "Title"),
        para("Summary", "Heading1"),
        para("This document breaks down the Atlas budget by team and quarter."),
        para("Cost centres", "Heading1"),
        para("Engineering carries most of the cost; marketing is concentrated before the launch."),
        '<w:tbl><w:tblPr><w:tblCaption w:val="Budget by team (thousand euros)"/></w:tblPr>',
        row(["Team", "Q1", "Q2", "Q3", "Q4"]),
        row(["Engineering", "180", "185", "190", "195"]),
        row(["Marketing", "120", "40", "30", "30"]),
        row(["Cloud hosting", "60", "65", "70", "75"]),
        "</w:tbl>",
        para("Approvals", "Heading1"),
        para("The finance lead, Maria Lopez, approves changes above fifty thousand euros."),
        "<w:sectPr/>",
    ])
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {w}><w:body>{body}</w:body></w:document>'
    styles = (f'<?xml version="1.0" encoding="UTF-8"?><w:styles {w}>'
              '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
              '</w:styles>')
    package(path, "word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", {
        "word/document.xml": document,
        "word/_rels/document.xml.rels": rels([("rId1", "styles", "styles.xml")]),
        "word/styles.xml": styles,
    }, title="Atlas budget 2025")


def pptx(path):
    p = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
         'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
         'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')
    def shape(paragraphs, placeholder):
        ph = f'<p:ph type="{placeholder}"/>' if placeholder else '<p:ph idx="1"/>'
        body = "".join(f"<a:p><a:r><a:t>{t}</a:t></a:r></a:p>" for t in paragraphs)
        return f'<p:sp><p:nvSpPr><p:cNvPr id="2" name="s"/><p:cNvSpPr/><p:nvPr>{ph}</p:nvPr></p:nvSpPr><p:txBody><a:bodyPr/>{body}</p:txBody></p:sp>'
    def slide(shapes):
        return (f'<?xml version="1.0" encoding="UTF-8"?><p:sld {p}><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/>'
                f'<p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>{"".join(shapes)}</p:spTree></p:cSld></p:sld>')
    def notes(text):
        return (f'<?xml version="1.0"?><p:notes {p}><p:cSld><p:spTree>{shape([text], "body")}</p:spTree></p:cSld></p:notes>')
    decks = [
        (["Atlas roadmap"], ["From pilot to general availability"], "Welcome the pilot customers and thank the Lyon depot team."),
        (["Milestones"], ["Beta in January with ten pilot customers", "General availability on 14 March"],
         "Rehearse the demo twice before the board meeting; the launch date is firm."),
        (["Asks"], ["Two senior engineers", "Budget for the external security audit"],
         "Mention that the audit must finish before general availability."),
    ]
    files = {}
    for n, (title, bullets, note) in enumerate(decks, 1):
        files[f"ppt/slides/slide{n}.xml"] = slide([shape(title, "title"), shape(bullets, None)])
        files[f"ppt/slides/_rels/slide{n}.xml.rels"] = rels([("rId1", "notesSlide", f"../notesSlides/notesSlide{n}.xml")])
        files[f"ppt/notesSlides/notesSlide{n}.xml"] = notes(note)
    ids = "".join(f'<p:sldId id="{255 + n}" r:id="rId{n}"/>' for n in range(1, len(decks) + 1))
    files["ppt/presentation.xml"] = f'<?xml version="1.0"?><p:presentation {p}><p:sldIdLst>{ids}</p:sldIdLst></p:presentation>'
    files["ppt/_rels/presentation.xml.rels"] = rels([(f"rId{n}", "slide", f"slides/slide{n}.xml") for n in range(1, len(decks) + 1)])
    package(path, "ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml", files,
            title="Atlas roadmap")


def rels(items):
    base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    body = "".join(f'<Relationship Id="{i}" Type="{base}/{t}" Target="{target}"/>' for i, t, target in items)
    return f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{body}</Relationships>'


def package(path, main, main_type, files, title):
    types = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             f'<Override PartName="/{main}" ContentType="{main_type}"/></Types>')
    core = ('<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            f'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{title}</dc:title><dc:creator>Lore demo</dc:creator></cp:coreProperties>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", rels([("rId1", "officeDocument", main)]).replace(
            "</Relationships>", '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>'))
        z.writestr("docProps/core.xml", core)
        for name, content in files.items():
            z.writestr(name, content)


def screenshot(path):
    lines = ["build #4.2.1 failed", "Error ERR_CONN_RESET while uploading artefacts", "to storage.atlas.internal:443 (retry 3 of 3)"]
    filters = [f"drawtext=fontfile={FONT}:text='{ffmpeg_text(t)}':fontsize=30:fontcolor=0xe0e0e0:x=40:y={60 + i * 50}" for i, t in enumerate(lines)]
    run(["ffmpeg", "-nostdin", "-y", "-f", "lavfi", "-i", "color=c=0x1e1e1e:s=1100x260", "-frames:v", "1", "-vf", ",".join(filters), path])


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        meeting(out, tmp)
    pdf(os.path.join(out, "report.pdf"), REPORT)
    docx(os.path.join(out, "budget.docx"))
    pptx(os.path.join(out, "roadmap.pptx"))
    screenshot(os.path.join(out, "screenshot.png"))
    print(f"sample corpus written to {out}")


if __name__ == "__main__":
    main()
