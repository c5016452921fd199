import {
  BinaryBitmap,
  DataMatrixReader,
  DecodeHintType,
  GlobalHistogramBinarizer,
  HybridBinarizer,
  QRCodeReader,
  Result,
  RGBLuminanceSource,
} from '@zxing/library';
import { Box, boxOf, GreyImage } from './grey-image';

export type CodeFormat = 'qr' | 'datamatrix';
export type BinarizerKind = 'hybrid' | 'global';

export interface Read {
  text: string;
  format: CodeFormat;
  /** The symbol's corners in the image read, quiet zone excluded. */
  corners: { x: number; y: number }[];
  /** Estimated module size in pixels: how much margin to blank around the symbol. */
  moduleSize: number;
}

const QR_HINTS = new Map<DecodeHintType, unknown>([
  [DecodeHintType.TRY_HARDER, true],
  // The ON QR is JSON, which is UTF-8 (RFC 8259): no guessing Shift_JIS for an accented name.
  [DecodeHintType.CHARACTER_SET, 'UTF-8'],
]);
const DM_HINTS = new Map<DecodeHintType, unknown>([[DecodeHintType.TRY_HARDER, true]]);
// The readers keep no state between calls: one of each serves every request.
const qrReader = new QRCodeReader();
const dmReader = new DataMatrixReader();

/**
 * One attempt of one reader on one region of the image (zxing returns at most one symbol per call).
 * Any zxing exception is a miss: NotFound, Checksum, Format, and the index errors of degenerate grids.
 */
export function readRegion(
  img: GreyImage,
  format: CodeFormat,
  region: Box = { x: 0, y: 0, width: img.width, height: img.height },
  binarizer: BinarizerKind = 'hybrid',
): Read | undefined {
  if (region.width < 21 || region.height < 21) return undefined;
  const source = new RGBLuminanceSource(
    img.data,
    region.width,
    region.height,
    img.width,
    img.height,
    region.x,
    region.y,
  );
  const bitmap = new BinaryBitmap(
    binarizer === 'hybrid' ? new HybridBinarizer(source) : new GlobalHistogramBinarizer(source),
  );
  let result: Result;
  try {
    result =
      format === 'qr'
        ? qrReader.decode(bitmap, QR_HINTS as never)
        : dmReader.decode(bitmap, DM_HINTS as never);
  } catch {
    return undefined;
  }
  const points = result.getResultPoints().map((p) => ({ x: p.getX() + region.x, y: p.getY() + region.y }));
  return format === 'qr' ? qrRead(result, points) : dmRead(result, points);
}

function qrRead(result: Result, points: { x: number; y: number }[]): Read {
  // Points are the finder pattern centres (bottom-left, top-left, top-right), 3.5 modules in from the edges.
  const [bl, tl, tr] = points;
  const raw = result.getResultPoints()[1] as unknown as { getEstimatedModuleSize?: () => number };
  const moduleSize = raw.getEstimatedModuleSize?.() ?? Math.hypot(tr.x - tl.x, tr.y - tl.y) / 14;
  const unit = (a: { x: number; y: number }, b: { x: number; y: number }) => {
    const d = Math.hypot(b.x - a.x, b.y - a.y) || 1;
    return { x: (b.x - a.x) / d, y: (b.y - a.y) / d };
  };
  const u = unit(tl, tr);
  const v = unit(tl, bl);
  const m = 3.5 * moduleSize;
  const br = { x: tr.x + bl.x - tl.x, y: tr.y + bl.y - tl.y };
  const corners = [
    { x: tl.x - m * (u.x + v.x), y: tl.y - m * (u.y + v.y) },
    { x: tr.x + m * (u.x - v.x), y: tr.y + m * (u.y - v.y) },
    { x: br.x + m * (u.x + v.x), y: br.y + m * (u.y + v.y) },
    { x: bl.x + m * (v.x - u.x), y: bl.y + m * (v.y - u.y) },
  ];
  return { text: result.getText(), format: 'qr', corners, moduleSize };
}

function dmRead(result: Result, points: { x: number; y: number }[]): Read {
  // Points are the centres of the four corner modules: half a module out on each axis, 0.7 along the diagonal.
  const box = boxOf(points);
  const side = Math.max(box.width, box.height);
  // About as many error-correction codewords as data codewords, 8 modules each, plus the finder edges.
  const modules = Math.max(10, 4 * Math.sqrt(result.getRawBytes()?.length ?? 8) + 2);
  const moduleSize = side / modules;
  const c = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const corners = points.map((p) => {
    const d = Math.hypot(p.x - c.x, p.y - c.y) || 1;
    return { x: p.x + ((p.x - c.x) / d) * moduleSize * 0.7, y: p.y + ((p.y - c.y) / d) * moduleSize * 0.7 };
  });
  return { text: result.getText(), format: 'datamatrix', corners, moduleSize };
}
