#!/bin/sh
# Regenerates sample-video.webm and sample-video.en.vtt, the demo's sample video and its
# captions (docs/media.md). Needs Debian's ffmpeg and espeak-ng; the demo loader only
# copies the files made here, so neither is needed to run the portal.
set -eu
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

LINE1="This is a sample video for the Hengyang portal demonstration."
LINE2="It shows a moving test pattern, not real footage."
espeak-ng -v en-us -s 150 -w "$work/1.wav" "$LINE1"
espeak-ng -v en-us -s 150 -w "$work/2.wav" "$LINE2"
# Half a second of silence before, between and after the two sentences.
ffmpeg -v error -f lavfi -i anullsrc=r=22050:cl=mono -t 0.5 "$work/gap.wav"
printf "file '%s'\n" gap.wav 1.wav gap.wav 2.wav gap.wav > "$work/list.txt"
ffmpeg -v error -f concat -safe 0 -i "$work/list.txt" -c copy "$work/speech.wav"

length() { ffprobe -v error -show_entries format=duration -of csv=p=0 "$1"; }
cue() { awk -v s="$1" 'BEGIN { printf "00:%02d:%06.3f", int(s / 60), s - 60 * int(s / 60) }'; }
d1=$(length "$work/1.wav"); d2=$(length "$work/2.wav"); total=$(length "$work/speech.wav")
start1=0.5; end1=$(awk -v a="$d1" 'BEGIN { print 0.5 + a }')
start2=$(awk -v a="$d1" 'BEGIN { print 1.0 + a }'); end2=$(awk -v a="$d1" -v b="$d2" 'BEGIN { print 1.0 + a + b }')

ffmpeg -v error -y -f lavfi -i "testsrc2=size=320x180:rate=10" -i "$work/speech.wav" -t "$total" \
  -vf "drawbox=x=0:y=140:w=320:h=40:color=black@0.7:t=fill,drawtext=text='Sample video':fontcolor=white:fontsize=22:x=(w-tw)/2:y=150" \
  -c:v libvpx -b:v 60k -deadline good -c:a libopus -b:a 24k -ac 1 \
  -map_metadata -1 -fflags +bitexact -flags:v +bitexact -flags:a +bitexact sample-video.webm

{
  echo "WEBVTT"
  echo
  echo "1"
  echo "$(cue "$start1") --> $(cue "$end1")"
  echo "$LINE1"
  echo
  echo "2"
  echo "$(cue "$start2") --> $(cue "$end2")"
  echo "$LINE2"
} > sample-video.en.vtt
echo "sample-video.webm: $(wc -c < sample-video.webm) bytes, $total s"
