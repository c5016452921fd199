import { writeFileSync } from 'node:fs';
import { GreyImage, greyImage } from '../../src/scan/image/grey-image';
import { drawSymbol, qrModules, rng, warp } from './image-transforms';

/**
 * What a 1280×720 counter webcam sees when a patient holds up the ON on their phone (Mon espace santé):
 * the screen, slightly turned, on a darker room. `dark`: the phone is in dark mode and shows the QR light
 * on dark (its quiet zone dark too), which a reader only reads inverted.
 */
export function phoneAtWebcam(text: string, options: { dark?: boolean; seed?: number } = {}): GreyImage {
  const r = rng(options.seed ?? 7);
  const [paper, ink] = options.dark ? [28, 228] : [245, 15];
  const screen = greyImage(540, 960, paper);
  for (let y = 60; y < 140; y += 30) screen.data.fill(options.dark ? 140 : 110, y * 540 + 40, y * 540 + 400);
  const q = qrModules(text);
  drawSymbol(screen, q, 70, 300, 400 / q.size, ink);
  const frame = greyImage(1280, 720, 70);
  for (let i = 0; i < frame.data.length; i++) frame.data[i] = 55 + (i % 1280) / 50 + r() * 6;
  const quad = [
    { x: 470, y: 40 },
    { x: 820, y: 55 },
    { x: 840, y: 690 },
    { x: 450, y: 675 },
  ];
  return warp(screen, quad, 1280, 720, frame);
}

/**
 * A YUV4MPEG2 file (4:2:0, grey: chroma at 128) of `frames` at `fps`: what Chromium's
 * `--use-file-for-fake-video-capture` plays in a loop as the webcam.
 */
export function writeY4m(path: string, frames: GreyImage[], fps = 10): void {
  const { width, height } = frames[0];
  const chroma = Buffer.alloc(2 * Math.ceil(width / 2) * Math.ceil(height / 2), 128);
  const parts = [Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`)];
  for (const f of frames) parts.push(Buffer.from('FRAME\n'), Buffer.from(f.data), chroma);
  writeFileSync(path, Buffer.concat(parts));
}
