#!/usr/bin/env python3
"""Generates media for `lore bench pipeline`:

  bench_media.py pdf OUT.pdf PAGES SEED      an English report of PAGES pages (text layer)
  bench_media.py meeting OUT.mp4 SECONDS     a meeting recording: slides changing every 30-60 s
                                            (rendered by ffmpeg) and continuous speech (espeak-ng)
"""
import os, random, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(__file__))
from sample_corpus import FONT, ffmpeg_text, pdf, run  # noqa: E402

SUBJECTS = ["the indexing service", "the search cluster", "the pilot programme", "the field team", "the security review",
            "the data retention policy", "the release train", "the support desk", "the hardware order", "the budget"]
VERBS = ["improved", "delayed", "replaced", "reviewed", "extended", "simplified", "measured", "documented", "approved", "migrated"]
OBJECTS = ["the upload path", "the nightly reports", "the onboarding guide", "the storage tiers", "the latency dashboard",
           "the customer interviews", "the escalation process", "the test matrix", "the training material", "the contract terms"]
WHEN = ["last week", "in the third quarter", "before the launch", "after the audit", "during the pilot", "this month"]


def sentence(rng):
    return f"{rng.choice(SUBJECTS).capitalize()} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(WHEN)}."


def report(path, pages, seed):
    rng = random.Random(seed)
    content = []
    for page in range(pages):
        lines = [f"# Section {page + 1}: report {seed}", ""]
        paragraph = ""
        for _ in range(38):
            s = sentence(rng)
            if len(paragraph) + len(s) > 90:
                lines.append(paragraph)
                paragraph = s
            else:
                paragraph = (paragraph + " " + s).strip()
        lines.append(paragraph)
        content.append(lines[:46])
    pdf(path, content)


def meeting(path, seconds):
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        parts, elapsed, index = [], 0.0, 0
        while elapsed < seconds:
            length = rng.uniform(30, 60)
            text = " ".join(sentence(rng) for _ in range(int(length / 3.2)))
            voice = ["en-gb-x-rp+m7", "en+f5"][index % 2]
            wav = os.path.join(tmp, f"s{index}.wav")
            run(["espeak-ng", "-v", voice, "-s", "160", "-w", wav, text])
            title = f"Topic {index + 1}: {rng.choice(SUBJECTS)}"
            bullet = f"- {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
            drawing = (f"drawtext=fontfile={FONT}:text='{ffmpeg_text(title)}':fontsize=52:fontcolor=white:x=80:y=100,"
                       f"drawtext=fontfile={FONT}:text='{ffmpeg_text(bullet)}':fontsize=40:fontcolor=white:x=100:y=260")
            part = os.path.join(tmp, f"p{index}.mp4")
            run(["ffmpeg", "-nostdin", "-y", "-f", "lavfi", "-i", "color=c=0x203040:s=1280x720:r=25", "-i", wav, "-vf", drawing,
                 "-af", "apad=pad_dur=1", "-shortest", "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p",
                 "-c:a", "aac", "-ac", "1", "-ar", "44100", part])
            probe = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", part],
                                   capture_output=True, text=True, check=True)
            elapsed += float(probe.stdout.strip())
            parts.append(part)
            index += 1
        listing = os.path.join(tmp, "parts.txt")
        with open(listing, "w") as f:
            f.writelines(f"file '{p}'\n" for p in parts)
        run(["ffmpeg", "-nostdin", "-y", "-f", "concat", "-safe", "0", "-i", listing, "-c", "copy", path])


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    if sys.argv[1] == "pdf":
        report(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    elif sys.argv[1] == "meeting":
        meeting(sys.argv[2], float(sys.argv[3]))
    else:
        sys.exit(__doc__)
